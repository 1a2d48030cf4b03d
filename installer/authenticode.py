"""Check that a Windows executable carries a valid Authenticode signature from an expected signer.

On Linux this is ``osslsigncode verify`` (Debian package ``osslsigncode``), run twice: once to
read the signer and the signing time, once against the pinned root certificate at that time.
The timestamp countersignature itself is not checked (its CRL is online only); what is proven
offline is that the file is byte-for-byte what the signer signed and that the signer's
certificate chains to the pinned root. On Windows, PowerShell's ``Get-AuthenticodeSignature``
does the same against the machine's own trust store.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path


class SignatureError(Exception):
    """A file is unsigned, altered, or signed by someone we do not accept."""


@dataclass(frozen=True)
class Signature:
    file: Path
    signer: str
    signed_at: datetime | None
    chain_verified: bool


def verify(
    file: Path, *, trusted_roots: Path, signers: list[str], chain_required: list[str]
) -> Signature:
    """The file's signature, or SignatureError saying what is wrong with it.

    ``trusted_roots`` is a PEM bundle. A file from a signer in ``chain_required`` must chain
    to it; for the others (Microsoft's runtime DLLs, whose 2011 root no signature carries) an
    intact signature from an accepted signer is enough, and ``chain_verified`` says which.
    """
    if sys.platform == "win32" and not shutil.which("osslsigncode"):
        return _verify_with_powershell(file, signers)
    tool = shutil.which("osslsigncode")
    if tool is None:
        raise SignatureError("osslsigncode is missing (Debian: apt-get install osslsigncode)")
    first = _run([tool, "verify", "-in", str(file)])
    # Every signature's digests, compared first: osslsigncode prints no signer for a signature
    # whose digest does not match, and a nested signature must not vouch for the primary one.
    current = re.findall(r"Current message digest\s*:\s*([0-9A-F]+)", first)
    calculated = re.findall(r"Calculated message digest\s*:\s*([0-9A-F]+)", first)
    if current != calculated:
        raise SignatureError(f"{file.name}: the file was changed after it was signed")
    signer = _signer_organisation(first)
    if not current or signer is None:
        raise SignatureError(f"{file.name}: no Authenticode signature")
    if signer not in signers:
        raise SignatureError(f"{file.name}: signed by {signer!r}, expected one of {signers}")
    signed_at = _signing_time(first)
    second = [tool, "verify", "-CAfile", str(trusted_roots), "-ignore-cdp", "-ignore-crl"]
    second += ["-ignore-timestamp", "-in", str(file)]
    if signed_at is not None:
        # The leaf certificates live for days; they are checked as of the signing time.
        second[2:2] = ["-time", str(int(signed_at.timestamp()))]
    chained = _run(second).rstrip().endswith("Succeeded")
    if not chained and signer in chain_required:
        raise SignatureError(f"{file.name}: the signature does not chain to a trusted root")
    return Signature(file, signer, signed_at, chained)


def _run(command: list[str]) -> str:
    done = subprocess.run(command, capture_output=True, text=True, errors="replace", check=False)
    return done.stdout + done.stderr


def _signer_organisation(output: str) -> str | None:
    block = output.split("Signer's certificate:", 1)
    if len(block) < 2:
        return None
    match = re.search(r"Subject: (\S[^\n]*)", block[1])
    if match is None:
        return None
    organisation = re.search(r"/O=([^/\n]+)", match.group(1))
    return organisation.group(1).strip() if organisation else None


def _signing_time(output: str) -> datetime | None:
    # The countersignature's time; some files carry no separate signing time.
    pattern = r"(?:Timestamp|Signing) time: (\w{3}\s+\d+ \d\d:\d\d:\d\d \d{4}) GMT"
    match = re.search(pattern, output)
    if match is None:
        return None
    moment = datetime.strptime(" ".join(match.group(1).split()), "%b %d %H:%M:%S %Y")
    return moment.replace(tzinfo=UTC)


def _verify_with_powershell(file: Path, signers: list[str]) -> Signature:
    script = (
        f"$s = Get-AuthenticodeSignature -LiteralPath '{file}'; "
        "Write-Output $s.Status; Write-Output $s.SignerCertificate.Subject"
    )
    output = _run(["powershell", "-NoProfile", "-Command", script]).splitlines()
    status, subject = (output + ["", ""])[:2]
    organisation = re.search(r"O=([^,]+)", subject)
    signer = organisation.group(1).strip().strip('"') if organisation else ""
    if status.strip() != "Valid" or signer not in signers:
        raise SignatureError(f"{file.name}: signature {status.strip() or 'missing'} ({subject})")
    return Signature(file, signer, None, True)
