"""installer/wheels.py and requirements-windows.txt: requirements are judged as Windows would
judge them (not as this Linux machine would), the lock covers pyproject.toml, and pip is asked
for pinned, hash-checked, offline installs (pip itself is never run here)."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from installer import wheels
from installer.pins import INSTALLER_DIR, Pins, load_pins
from installer.wheels import (
    LOCK_FILE,
    LOCK_HEADER,
    WheelError,
    check_complete,
    top_level_requirements,
    unpack_project,
    windows_environment,
)

PROJECT_ROOT = INSTALLER_DIR.parent
LOCK_LINE = re.compile(
    r"(?P<name>[a-z0-9][a-z0-9.-]*)==(?P<version>\S+) --hash=sha256:[0-9a-f]{64}"
)


@pytest.fixture(scope="module")
def pins() -> Pins:
    return load_pins()


# --- Markers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("marker", "applies"),
    [
        ("sys_platform == 'win32'", True),
        ("platform_system == 'Windows'", True),
        ("os_name == 'nt'", True),
        ("platform_machine == 'AMD64'", True),
        ("python_version >= '3.12' and implementation_name == 'cpython'", True),
        ("platform_python_implementation == 'CPython'", True),
        ("sys_platform == 'linux'", False),
        ("sys_platform == 'darwin' or platform_system == 'Linux'", False),
        ("python_version < '3.12'", False),
        ("extra == 'tests'", False),
    ],
)
def test_markers_are_evaluated_for_64_bit_cpython_on_windows(pins, marker, applies):
    assert Marker(marker).evaluate(windows_environment(pins)) is applies


def test_top_level_requirements_keep_what_applies_on_windows(tmp_path, pins):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        """
[project]
name = "sample"
dependencies = [
    "alpha>=1,<2",
    "foo>=2; sys_platform == 'win32'",
    "bar; sys_platform == 'linux'",
    "backport; python_version < '3.12'",
]
""",
        encoding="utf-8",
    )
    with_extra = dataclasses.replace(
        pins, wheels=dataclasses.replace(pins.wheels, windows_only=["pywin32-ctypes>=0.2"])
    )

    wanted = top_level_requirements(pyproject, with_extra)

    assert wanted == ["alpha<2,>=1", "foo>=2", "pywin32-ctypes>=0.2"]


# --- check_complete ----------------------------------------------------------------------------


def install_metadata(site: Path, name: str, version: str, *requires: str) -> None:
    """A dist-info folder as pip leaves it, with only what importlib.metadata reads."""
    info = site / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    lines = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}"]
    lines += [f"Requires-Dist: {line}" for line in requires]
    (info / "METADATA").write_text("\n".join(lines) + "\n", encoding="utf-8")


def problems_of(error: pytest.ExceptionInfo[WheelError]) -> list[str]:
    return str(error.value).split(":\n  ", 1)[1].split("\n  ")


def test_a_complete_bundle_passes_and_is_counted(tmp_path, pins):
    install_metadata(
        tmp_path,
        "App",
        "1.0",
        "Needed_Pkg>=1.0",
        "winonly; sys_platform == 'win32'",
        "early>=2",
    )
    install_metadata(tmp_path, "needed-pkg", "1.2")
    install_metadata(tmp_path, "winonly", "0.1")
    install_metadata(tmp_path, "early", "2.1rc1")  # a pre-release satisfies >=2 when bundled

    assert check_complete(tmp_path, pins) == 4


def test_what_windows_would_miss_is_reported_and_nothing_else(tmp_path, pins):
    install_metadata(
        tmp_path,
        "app",
        "1.0",
        "winonly; sys_platform == 'win32'",
        "linuxonly; sys_platform == 'linux'",
        "backport; python_version < '3.12'",
        "fancy; extra == 'extras'",
        "old<2",
        "present",
    )
    install_metadata(tmp_path, "old", "2.5")
    install_metadata(tmp_path, "present", "1.0")

    with pytest.raises(WheelError, match="windows_only") as raised:
        check_complete(tmp_path, pins)

    assert problems_of(raised) == [
        'app needs winonly; sys_platform == "win32" (missing)',
        "app needs old<2, bundled 2.5",
    ]


# --- The lock file -----------------------------------------------------------------------------


def lock_entries() -> dict[str, str]:
    text = LOCK_FILE.read_text(encoding="utf-8")
    assert text.startswith(LOCK_HEADER)
    entries: dict[str, str] = {}
    for line in text[len(LOCK_HEADER) :].splitlines():
        match = LOCK_LINE.fullmatch(line)
        assert match, f"not a pinned, hashed wheel: {line!r}"
        name = canonicalize_name(match["name"])
        assert name not in entries, f"{name} pinned twice"
        entries[name] = match["version"]
    return entries


def test_the_lock_pins_every_wheel_once_by_version_and_hash():
    entries = lock_entries()

    assert len(entries) > 10


def test_the_lock_satisfies_every_dependency_windows_needs(pins):
    entries = lock_entries()
    pyproject = PROJECT_ROOT / "pyproject.toml"
    wanted = top_level_requirements(pyproject, pins)

    assert len(wanted) >= 10
    for line in wanted:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in entries, f"{requirement} is not in {LOCK_FILE.name}"
        assert requirement.specifier.contains(entries[name], prereleases=True), (
            f"{LOCK_FILE.name} pins {name}=={entries[name]}, pyproject wants {requirement}"
        )


# --- pip commands -------------------------------------------------------------------------------


@pytest.fixture
def pip_commands(monkeypatch) -> list[list[str]]:
    commands: list[list[str]] = []

    def fake_run(command, **kwargs):
        commands.append([str(part) for part in command])
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(wheels.subprocess, "run", fake_run)
    return commands


def option(command: list[str], name: str) -> str:
    return command[command.index(name) + 1]


def test_the_download_takes_only_the_pinned_windows_wheels(pip_commands, tmp_path, pins):
    folder = wheels.download(pins, tmp_path)

    assert folder == tmp_path / "wheels"
    assert folder.is_dir()
    [command] = pip_commands
    assert command[1:4] == ["-m", "pip", "download"]
    assert {"--no-deps", "--require-hashes", "--only-binary=:all:"} <= set(command)
    assert option(command, "--platform") == "win_amd64"
    assert option(command, "--python-version") == "3.12"
    assert option(command, "--implementation") == "cp"
    assert option(command, "-r") == str(LOCK_FILE)
    assert option(command, "--dest") == str(folder)


def test_the_install_is_offline_and_writes_no_bytecode(pip_commands, tmp_path, pins):
    wheels.install(pins, tmp_path / "wheels", tmp_path / "site-packages")

    [command] = pip_commands
    assert command[1:4] == ["-m", "pip", "install"]
    assert {"--no-index", "--no-deps", "--no-compile", "--require-hashes"} <= set(command)
    assert option(command, "--find-links") == str(tmp_path / "wheels")
    assert option(command, "--target") == str(tmp_path / "site-packages")
    assert option(command, "--platform") == "win_amd64"
    assert option(command, "-r") == str(LOCK_FILE)


def test_a_failing_pip_is_reported_with_its_message(monkeypatch, tmp_path, pins):
    def failing(command, **kwargs):
        return subprocess.CompletedProcess(command, 1, "", "ERROR: hash mismatch for lxml")

    monkeypatch.setattr(wheels.subprocess, "run", failing)

    with pytest.raises(WheelError, match="hash mismatch for lxml"):
        wheels.download(pins, tmp_path)


# --- PartyDesk's own wheel -----------------------------------------------------------------------


def test_only_the_package_leaves_partydesks_wheel(tmp_path):
    wheel = tmp_path / "partydesk-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("partydesk/__init__.py", "")
        archive.writestr("partydesk/store/migrations/0001.sql", "CREATE TABLE t (x);")
        archive.writestr("partydesk/ui/", "")
        archive.writestr("partydesk-0.1.0.dist-info/METADATA", "Name: partydesk\n")
        archive.writestr("partydesk-0.1.0.data/scripts/partydesk", "#!python\n")

    count = unpack_project(wheel, tmp_path / "app")

    assert count == 2
    files = sorted(
        p.relative_to(tmp_path / "app").as_posix() for p in (tmp_path / "app").rglob("*")
    )
    assert files == [
        "partydesk",
        "partydesk/__init__.py",
        "partydesk/store",
        "partydesk/store/migrations",
        "partydesk/store/migrations/0001.sql",
    ]
