"""installer/authenticode.py: reading osslsigncode's report, and verify() on files signed here,
offline, with throw-away certificates (a test root, a leaf it issued, an unrelated root)."""

from __future__ import annotations

import shutil
import subprocess
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pefile
import pytest

from installer import authenticode
from installer.authenticode import SignatureError, _signer_organisation, _signing_time, verify

# Excerpts of real `osslsigncode verify -in …` output (osslsigncode 2.9, Debian).
# python.exe of the embeddable CPython 3.12.9: the PSF's leaf was issued by Microsoft, so the
# issuer's organisation is not the signer's; the timestamp authority's subject comes later.
PSF_OUTPUT = """\
Signature Index: 0  (Primary Signature)

Message digest algorithm  : SHA256
Current message digest    : F75AD96C6B3ECF67EDE93CD7BA170DD2FC9D8A4F1DBF61A7E473EB8E4F4E7DD7
Calculated message digest : F75AD96C6B3ECF67EDE93CD7BA170DD2FC9D8A4F1DBF61A7E473EB8E4F4E7DD7

Signer's certificate:
	------------------
	Signer #0:
		Subject: /C=US/ST=Oregon/L=Beaverton/O=Python Software Foundation/CN=Python Software Foundation
		Issuer : /C=US/O=Microsoft Corporation/CN=Microsoft ID Verified CS AOC CA 02
		Serial : 330002A5145828F0C65CBB5A7B00000002A514

Authenticated attributes:
	Microsoft Individual Code Signing purpose
	Text description: Built: Release_v3.12.9_20250204.01

Countersignatures:
	Timestamp time: Feb  4 15:48:15 2025 GMT
	Signing time: Feb  4 15:48:15 2025 GMT
	Hash Algorithm: sha256
	Issuer: /C=US/O=Microsoft Corporation/CN=Microsoft Public RSA Timestamping CA 2020

Timestamp verified using:
	------------------
	Signer #1:
		Subject: /C=US/O=Microsoft Corporation/CN=Microsoft Public RSA Timestamping CA 2020
Signature verification: failed
Failed
"""  # noqa: E501 - osslsigncode's lines, verbatim
# vcruntime140.dll: two signatures, the countersignature carries no separate signing time.
MICROSOFT_OUTPUT = """\
Signature Index: 0  (Primary Signature)

Signer's certificate:
	------------------
	Signer #0:
		Subject: /C=US/ST=Washington/L=Redmond/O=Microsoft Corporation/CN=Microsoft Windows Software Compatibility Publisher
		Issuer : /C=US/ST=Washington/L=Redmond/O=Microsoft Corporation/CN=Microsoft Windows Third Party Component CA 2013

Countersignatures:
	Timestamp time: Jul 26 22:10:49 2024 GMT
	Signing time: N/A
"""  # noqa: E501 - osslsigncode's lines, verbatim
# A file signed here without a timestamp authority: the time is an authenticated attribute.
LOCAL_OUTPUT = """\
Signer's certificate:
	------------------
	Signer #0:
		Subject: /C=VN/L=Ha Noi/O=Test Signer/CN=Test Signer
		Issuer : /O=PartyDesk Test Root/CN=PartyDesk Test Root

Authenticated attributes:
	Signing time: Nov  1 09:05:07 2026 GMT
	Microsoft Individual Code Signing purpose

Timestamp is not available
"""
UNSIGNED_OUTPUT = "PE checksum   : 000042AC\nNo signature found\nFailed\n"
NO_ORGANISATION_OUTPUT = """\
Signer's certificate:
	------------------
	Signer #0:
		Subject: /C=VN/CN=Nguyen Van A
		Issuer : /O=Some CA/CN=Some CA
	Signing time: N/A
"""


@pytest.mark.parametrize(
    ("output", "organisation", "moment"),
    [
        (PSF_OUTPUT, "Python Software Foundation", datetime(2025, 2, 4, 15, 48, 15, tzinfo=UTC)),
        (MICROSOFT_OUTPUT, "Microsoft Corporation", datetime(2024, 7, 26, 22, 10, 49, tzinfo=UTC)),
        (LOCAL_OUTPUT, "Test Signer", datetime(2026, 11, 1, 9, 5, 7, tzinfo=UTC)),
        (UNSIGNED_OUTPUT, None, None),
        (NO_ORGANISATION_OUTPUT, None, None),
    ],
    ids=["psf", "microsoft", "local", "unsigned", "no-organisation"],
)
def test_the_signer_and_the_signing_time_are_read_from_the_report(output, organisation, moment):
    assert _signer_organisation(output) == organisation
    assert _signing_time(output) == moment


def test_a_missing_osslsigncode_names_the_debian_package(monkeypatch, tmp_path):
    monkeypatch.setattr(authenticode.shutil, "which", lambda name: None)
    monkeypatch.setattr(authenticode.sys, "platform", "linux")

    with pytest.raises(SignatureError, match="apt-get install osslsigncode"):
        verify(tmp_path / "x.exe", trusted_roots=tmp_path, signers=[], chain_required=[])


def test_the_chain_is_checked_as_of_the_signing_time(monkeypatch, tmp_path):
    commands: list[list[str]] = []

    def fake_run(command: list[str]) -> str:
        commands.append(command)
        return PSF_OUTPUT if len(commands) == 1 else "Signature verification: ok\nSucceeded\n"

    monkeypatch.setattr(authenticode, "_run", fake_run)
    monkeypatch.setattr(authenticode.shutil, "which", lambda name: "/usr/bin/osslsigncode")
    roots = tmp_path / "roots.pem"

    signature = verify(
        tmp_path / "python.exe",
        trusted_roots=roots,
        signers=["Python Software Foundation"],
        chain_required=["Python Software Foundation"],
    )

    assert signature.chain_verified
    chain_check = commands[1]
    assert chain_check[chain_check.index("-CAfile") + 1] == str(roots)
    signed_at = datetime(2025, 2, 4, 15, 48, 15, tzinfo=UTC)
    assert chain_check[chain_check.index("-time") + 1] == str(int(signed_at.timestamp()))


# --- Real signatures, made here -------------------------------------------------------------

TOOLS = ("x86_64-w64-mingw32-gcc", "openssl", "osslsigncode")
SIGNER = "Test Signer"


@dataclass(frozen=True)
class SigningKit:
    folder: Path
    unsigned: Path
    root: Path
    other_root: Path
    chain: Path
    key: Path

    def sign(self, name: str, *, at: int | None = None) -> Path:
        """A copy of the unsigned program signed by the test leaf (at unix time ``at``)."""
        out = self.folder / name
        command = ["osslsigncode", "sign", "-certs", self.chain, "-key", self.key]
        if at is not None:
            command += ["-time", str(at)]
        subprocess.run(
            [*command, "-in", self.unsigned, "-out", out], check=True, capture_output=True
        )
        return out


def _openssl(*arguments: str | Path, cwd: Path) -> None:
    subprocess.run(["openssl", *map(str, arguments)], check=True, capture_output=True, cwd=cwd)


def _self_signed_root(name: str, cwd: Path) -> None:
    _openssl(
        "req", "-x509", "-newkey", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", f"{name}.key", "-out", f"{name}.pem", "-days", "30",
        "-subj", f"/O=PartyDesk {name}/CN=PartyDesk {name}",
        cwd=cwd,
    )  # fmt: skip


@pytest.fixture(scope="module")
def kit(tmp_path_factory) -> SigningKit:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)}")
    folder = tmp_path_factory.mktemp("signing")
    (folder / "main.c").write_text("int main(void) { return 0; }\n", encoding="ascii")
    subprocess.run(
        ["x86_64-w64-mingw32-gcc", "-Os", "-s", "-o", folder / "program.exe", folder / "main.c"],
        check=True,
    )
    _self_signed_root("root", folder)
    _self_signed_root("other", folder)
    _openssl(
        "req", "-newkey", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", f"/C=VN/O={SIGNER}/CN={SIGNER}",
        cwd=folder,
    )  # fmt: skip
    (folder / "leaf.cnf").write_text(
        "extendedKeyUsage=codeSigning\nkeyUsage=digitalSignature\n", encoding="ascii"
    )
    _openssl(
        "x509", "-req", "-in", "leaf.csr", "-CA", "root.pem", "-CAkey", "root.key",
        "-CAcreateserial", "-out", "leaf.pem", "-days", "30", "-extfile", "leaf.cnf",
        cwd=folder,
    )  # fmt: skip
    chain = folder / "chain.pem"
    chain.write_text(
        (folder / "leaf.pem").read_text(encoding="ascii")
        + (folder / "root.pem").read_text(encoding="ascii"),
        encoding="ascii",
    )
    return SigningKit(
        folder=folder,
        unsigned=folder / "program.exe",
        root=folder / "root.pem",
        other_root=folder / "other.pem",
        chain=chain,
        key=folder / "leaf.key",
    )


@pytest.fixture(scope="module")
def signed(kit) -> Path:
    return kit.sign("signed.exe")


def test_a_signature_that_chains_to_the_trusted_root_is_accepted(kit):
    moment = int(time.time())
    dated = kit.sign("dated.exe", at=moment)

    signature = verify(dated, trusted_roots=kit.root, signers=[SIGNER], chain_required=[SIGNER])

    assert signature == authenticode.Signature(
        dated, SIGNER, datetime.fromtimestamp(moment, UTC), chain_verified=True
    )


def test_a_required_chain_to_an_unrelated_root_is_refused(kit, signed):
    with pytest.raises(SignatureError, match="does not chain to a trusted root"):
        verify(signed, trusted_roots=kit.other_root, signers=[SIGNER], chain_required=[SIGNER])


def test_without_a_required_chain_an_intact_signature_is_enough(kit, signed):
    signature = verify(signed, trusted_roots=kit.other_root, signers=[SIGNER], chain_required=[])

    assert signature.signer == SIGNER
    assert not signature.chain_verified


def test_a_signer_not_in_the_list_is_refused(kit, signed):
    with pytest.raises(SignatureError, match=f"signed by '{SIGNER}'"):
        verify(
            signed,
            trusted_roots=kit.root,
            signers=["Python Software Foundation"],
            chain_required=["Python Software Foundation"],
        )


@pytest.fixture(scope="module")
def altered(kit, signed) -> Path:
    """The signed program with one byte of its code changed afterwards."""
    pe = pefile.PE(str(signed), fast_load=True)
    code = next(s for s in pe.sections if s.Name.rstrip(b"\0") == b".text")
    offset = code.PointerToRawData + 16
    pe.close()
    data = bytearray(signed.read_bytes())
    data[offset] ^= 0xFF
    out = kit.folder / "altered.exe"
    out.write_bytes(bytes(data))
    return out


def test_one_byte_changed_after_signing_is_refused(kit, altered):
    # Even for a signer whose chain is not required: the signature must cover these bytes.
    with pytest.raises(SignatureError):
        verify(altered, trusted_roots=kit.root, signers=[SIGNER], chain_required=[])


def test_one_byte_changed_after_signing_is_reported_as_a_change(kit, altered):
    with pytest.raises(SignatureError, match="changed after it was signed"):
        verify(altered, trusted_roots=kit.root, signers=[SIGNER], chain_required=[])


def test_an_unsigned_program_is_refused(kit):
    with pytest.raises(SignatureError, match="no Authenticode signature"):
        verify(kit.unsigned, trusted_roots=kit.root, signers=[SIGNER], chain_required=[SIGNER])


def test_a_certificate_not_yet_valid_when_the_file_was_signed_is_refused(kit):
    # The leaf is valid today; the signature claims a time two days before it was issued.
    backdated = kit.sign("backdated.exe", at=int(time.time()) - 2 * 86400)

    with pytest.raises(SignatureError, match="does not chain"):
        verify(backdated, trusted_roots=kit.root, signers=[SIGNER], chain_required=[SIGNER])
