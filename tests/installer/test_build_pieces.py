"""installer/build.py: the steps run in order and are timed, a failure becomes one clear line and
exit code 1, the bundle's resources are chosen by pattern, and the NSIS script and the build
agree on every /D define — proven by compiling partydesk.nsi with makensis on a tiny tree."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pefile
import pytest

from installer import build as build_module
from installer import embedded_python, wheels
from installer.authenticode import SignatureError
from installer.build import PROJECT_ROOT, Build, BuildError, installer_name, main
from installer.launcher.build_launcher import LauncherBuildError, windows_version_numbers
from installer.pins import INSTALLER_DIR, load_pins
from partydesk import app_identity
from partydesk._version import __version__

NSI = INSTALLER_DIR / "partydesk.nsi"
# ${…} names the script takes from NSIS's own headers rather than from the build.
NSIS_HEADER_DEFINES = {"BST_CHECKED"}  # nsDialogs.nsh
STEP_METHODS = ("python", "dependencies", "application", "trim", "launcher", "self_test")


@pytest.fixture
def build(tmp_path) -> Build:
    return Build(load_pins(), tmp_path / "cache", tmp_path / "work", tmp_path / "dist")


def test_the_installer_is_named_after_the_version():
    assert installer_name("1.2.3") == "PartyDesk-Setup-1.2.3.exe"
    assert installer_name() == f"PartyDesk-Setup-{__version__}.exe"


def test_a_step_is_timed_and_its_detail_printed(build, capsys):
    build.step("first", lambda: "3 files")
    build.step("second", lambda: None)

    assert list(build.report["steps"]) == ["first", "second"]
    assert all(isinstance(s, float) and s >= 0 for s in build.report["steps"].values())
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "==> first"
    assert re.fullmatch(r" {4}3 files, \d+\.\d s", out[1])
    assert out[2] == "==> second"
    assert re.fullmatch(r" {4}\d+\.\d s", out[3])


@pytest.mark.parametrize("make_installer", [False, True])
def test_the_steps_run_in_order_on_an_emptied_work_folder(
    monkeypatch, build, capsys, make_installer
):
    called = []
    for name in (*STEP_METHODS, "makensis"):
        monkeypatch.setattr(Build, name, lambda self, name=name: called.append(name) or name)
    build.work.mkdir(parents=True)
    (build.work / "left-over.txt").write_text("from the last build", encoding="utf-8")

    result = build.run(make_installer=make_installer)

    expected = [*STEP_METHODS, "makensis"] if make_installer else list(STEP_METHODS)
    assert called == expected
    assert not (build.work / "left-over.txt").exists()
    assert build.tree.is_dir()
    assert result == (build.dist / installer_name() if make_installer else None)
    report = json.loads((build.dist / "build-report.json").read_text(encoding="utf-8"))
    assert report["version"] == __version__
    assert len(report["steps"]) == len(expected)


def test_an_sqlite_older_than_partydesk_needs_stops_the_build(monkeypatch, build):
    monkeypatch.setattr(embedded_python, "fetch_sdist", lambda pins, cache: cache / "x.tar.gz")
    monkeypatch.setattr(embedded_python, "unpack", lambda sdist, pins, folder: ["python.exe"])
    monkeypatch.setattr(embedded_python, "verify_signatures", lambda *args: [])
    monkeypatch.setattr(embedded_python, "sqlite_dll_version", lambda dll: "3.39.4")
    written = []
    monkeypatch.setattr(embedded_python, "write_path_file", written.append)

    with pytest.raises(BuildError, match=r"sqlite3\.dll is 3\.39\.4, PartyDesk needs 3\.40\.0\+"):
        build.python()
    assert written == []


def test_the_bundle_takes_fonts_and_icons_but_no_tools(monkeypatch, build):
    def fake_wheel(project_root: Path, out_dir: Path) -> Path:
        assert project_root == PROJECT_ROOT
        wheel = out_dir / "partydesk-0.1.0-py3-none-any.whl"
        with zipfile.ZipFile(wheel, "w") as archive:
            archive.writestr("partydesk/__init__.py", "")
            archive.writestr("partydesk-0.1.0.dist-info/METADATA", "Name: partydesk\n")
        return wheel

    monkeypatch.setattr(wheels, "build_project_wheel", fake_wheel)

    assert build.application() == "1 package files"

    resources = build.tree / "app" / "resources"
    fonts = {p.name for p in (resources / "fonts").iterdir()}
    icons = {p.name for p in (resources / "icons").iterdir()}
    source = PROJECT_ROOT / "resources"
    assert fonts == {p.name for p in (source / "fonts").glob("*.ttf")} | {"OFL.txt", "README.md"}
    assert "partydesk.ico" in icons
    assert {p.name for p in (source / "icons").glob("*.svg")} <= icons
    assert not {"make_icons.py", "README.md"} & icons
    assert sorted(p.name for p in resources.iterdir()) == ["fonts", "icons"]


@pytest.mark.parametrize(
    "error",
    [
        BuildError("the bundled sqlite3.dll is too old"),
        wheels.WheelError("click needs colorama"),
        embedded_python.PythonFetchError("pip could not download"),
        SignatureError("python.exe: no Authenticode signature"),
        LauncherBuildError("x86_64-w64-mingw32-gcc is missing"),
    ],
    ids=lambda error: type(error).__name__,
)
def test_a_failed_build_ends_with_one_line_and_exit_code_1(monkeypatch, tmp_path, capsys, error):
    def failing_run(self, *, make_installer):
        raise error

    monkeypatch.setattr(Build, "run", failing_run)
    folders = ["--cache", tmp_path / "c", "--work", tmp_path / "w", "--dist", tmp_path / "d"]

    assert main([str(part) for part in folders]) == 1
    assert capsys.readouterr().err == f"BUILD FAILED: {error}\n"


def test_a_finished_build_records_its_total_time(monkeypatch, tmp_path, capsys):
    seen = {}

    def finished_run(self, *, make_installer):
        seen["make_installer"] = make_installer
        self.dist.mkdir(parents=True, exist_ok=True)
        return None

    monkeypatch.setattr(Build, "run", finished_run)

    assert main(["--no-installer", "--work", str(tmp_path / "w"), "--dist", str(tmp_path)]) == 0
    report = json.loads((tmp_path / "build-report.json").read_text(encoding="utf-8"))
    assert report["total_seconds"] >= 0
    assert seen == {"make_installer": False}


def test_a_missing_makensis_names_the_debian_package(monkeypatch, build):
    monkeypatch.setattr(build_module.shutil, "which", lambda name: None)

    with pytest.raises(BuildError, match="apt-get install nsis"):
        build.makensis()


# --- makensis and partydesk.nsi ------------------------------------------------------------------


def makensis_defines(command: list[str]) -> dict[str, str]:
    return dict(part[2:].split("=", 1) for part in command if part.startswith("-D"))


@pytest.fixture
def recorded_makensis(monkeypatch, build) -> list[list[str]]:
    """The command Build.makensis runs, with makensis itself replaced by a recorder."""
    commands: list[list[str]] = []

    def record(command, **kwargs):
        commands.append(command)
        (build.dist / installer_name()).write_bytes(b"MZ")
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(build_module.shutil, "which", lambda name: "/usr/bin/makensis")
    monkeypatch.setattr(build_module.subprocess, "run", record)
    build.makensis()
    return commands


def test_the_script_uses_every_define_the_build_passes_and_no_other(recorded_makensis):
    [command] = recorded_makensis
    passed = makensis_defines(command)
    script = NSI.read_text(encoding="utf-8")
    used = set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)\}", script))
    defined_in_script = set(re.findall(r"^\s*!define\s+(\w+)", script, re.MULTILINE))

    assert used - defined_in_script - NSIS_HEADER_DEFINES == set(passed)
    # The script's header lists what it is given.
    header = re.search(r"as /D defines:\n((?:; +[A-Z_, ]+\.?\n)+)", script)
    assert header is not None
    assert set(re.findall(r"[A-Z][A-Z_]+", header.group(1))) == set(passed)


def test_the_build_passes_the_names_the_program_uses(recorded_makensis, build):
    passed = makensis_defines(recorded_makensis[0])

    assert passed["VERSION"] == __version__
    assert passed["VERSION_QUAD"] == ".".join(map(str, windows_version_numbers(__version__)))
    assert passed["RUNNING_MUTEX"] == app_identity.RUNNING_MUTEX
    assert passed["INSTANCE_PREFIX"] == app_identity.INSTANCE_SERVER_PREFIX
    assert passed["REQUEST_CLOSE"] == app_identity.REQUEST_CLOSE
    assert passed["PUBLISHER"] == app_identity.PUBLISHER
    assert passed["SOURCE_DIR"] == str(build.tree)
    assert passed["OUT_FILE"] == str(build.dist / installer_name())
    assert Path(passed["ICON"]).is_file()
    assert f'!define APP_NAME "{app_identity.APP_NAME}"' in NSI.read_text(encoding="utf-8")


@pytest.fixture
def compiled_installer(monkeypatch, build) -> Path:
    """Build.makensis run for real on a tiny program folder, warnings treated as errors."""
    if shutil.which("makensis") is None:
        pytest.skip("needs makensis (Debian: nsis)")
    for name in ["PartyDesk.exe", "python/python.exe", "app/partydesk/__init__.py"]:
        (build.tree / name).parent.mkdir(parents=True, exist_ok=True)
        (build.tree / name).write_bytes(b"stand-in for " + name.encode())
    real_run = subprocess.run

    def strict_run(command, **kwargs):
        # -WX: an unknown ${NAME} is only a warning to makensis, and would ship as literal text.
        return real_run([command[0], "-WX", *command[1:]], **kwargs)

    monkeypatch.setattr(build_module.subprocess, "run", strict_run)

    detail = build.makensis()

    out = build.dist / installer_name()
    assert detail.startswith(out.name)
    assert build.report["installer"]["file"] == out.name
    return out


def test_the_script_compiles_into_a_64_bit_windows_program(compiled_installer):
    pe = pefile.PE(str(compiled_installer), fast_load=True)

    assert pe.FILE_HEADER.Machine == pefile.MACHINE_TYPE["IMAGE_FILE_MACHINE_AMD64"]
    assert pe.OPTIONAL_HEADER.Subsystem == pefile.SUBSYSTEM_TYPE["IMAGE_SUBSYSTEM_WINDOWS_GUI"]


def test_the_installer_carries_vietnamese_version_information(compiled_installer):
    pe = pefile.PE(str(compiled_installer))
    tables = {
        table.LangID: {k.decode(): v.decode() for k, v in table.entries.items()}
        for info in pe.FileInfo[0]
        for table in getattr(info, "StringTable", [])
    }
    fixed = pe.VS_FIXEDFILEINFO[0]
    major, minor, patch, build_number = windows_version_numbers(__version__)

    assert list(tables) == [b"042a04b0"]  # Vietnamese, UTF-16
    strings = tables[b"042a04b0"]
    assert strings["ProductVersion"] == strings["FileVersion"] == __version__
    assert strings["FileDescription"] == f"Trình cài đặt PartyDesk {__version__}"
    assert strings["ProductName"] == app_identity.APP_NAME
    assert strings["CompanyName"] == app_identity.PUBLISHER
    assert strings["OriginalFilename"] == installer_name()
    assert (fixed.FileVersionMS, fixed.FileVersionLS) == (
        major << 16 | minor,
        patch << 16 | build_number,
    )
