"""Build ``PartyDesk-Setup-<version>.exe`` without asking anything: ``python -m installer.build``.

Steps (each timed, sizes reported, the first failure stops the build):

1. the embeddable CPython 3.12 from the pinned sdist, its SHA-256 and every executable's
   Authenticode signature checked, its bundled SQLite held to PartyDesk's minimum;
2. the dependencies from the pinned win_amd64 wheels, then proven complete for Windows;
3. PartyDesk itself (built as a wheel, so package data comes along) and its resources;
4. the trim (Qt Quick/QML, WebEngine data, tools, stubs) with the size before and after;
5. the launcher ``PartyDesk.exe`` (icon, version information);
6. ``--self-test`` of the assembled program folder with this machine's Python: everything
   that is not Windows-specific is proven on the folder that will be shipped;
7. makensis → ``installer/dist/PartyDesk-Setup-<version>.exe`` and ``build-report.json``.

Works on Linux (Debian: ``nsis osslsigncode gcc-mingw-w64-x86-64-win32``) and on Windows
(NSIS and MSYS2's mingw-w64 gcc on PATH; signatures checked with PowerShell).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import platformdirs

from installer import embedded_python, wheels
from installer.authenticode import SignatureError
from installer.launcher.build_launcher import (
    LauncherBuildError,
    build_launcher,
    windows_version_numbers,
)
from installer.pins import INSTALLER_DIR, Pins, load_pins
from installer.trim import tree_size, trim
from partydesk import app_identity
from partydesk._version import __version__
from partydesk.store import sqlite_gate

PROJECT_ROOT = INSTALLER_DIR.parent
WORK_DIR = INSTALLER_DIR / "build"
DIST_DIR = INSTALLER_DIR / "dist"
# Bundled resources: the fonts (with their licence) and the icons; not the icon generator.
RESOURCE_PATTERNS = {
    "fonts": ("*.ttf", "OFL.txt", "README.md"),
    "icons": ("*.svg", "*.png", "*.ico"),
}


class BuildError(Exception):
    """A build step failed; the message says which and why."""


def installer_name(version: str = __version__) -> str:
    return f"PartyDesk-Setup-{version}.exe"


class Build:
    """One build; ``report`` collects the figures printed and written at the end."""

    def __init__(self, pins: Pins, cache: Path, work: Path, dist: Path) -> None:
        self.pins = pins
        self.cache = cache
        self.work = work
        self.dist = dist
        self.tree = work / "PartyDesk"
        self.report: dict[str, Any] = {"version": __version__, "steps": {}}

    def step(self, title: str, action: Callable[[], str | None]) -> None:
        print(f"==> {title}", flush=True)
        started = time.perf_counter()
        detail = action()
        seconds = round(time.perf_counter() - started, 1)
        self.report["steps"][title] = seconds
        print(f"    {detail + ', ' if detail else ''}{seconds} s", flush=True)

    def run(self, *, make_installer: bool) -> Path | None:
        if self.work.exists():
            shutil.rmtree(self.work)
        self.tree.mkdir(parents=True)
        self.step("embeddable Python", self.python)
        self.step("Windows wheels", self.dependencies)
        self.step("PartyDesk package and resources", self.application)
        self.step("trim", self.trim)
        self.step("launcher", self.launcher)
        self.step("self-test of the assembled folder", self.self_test)
        installer = None
        if make_installer:
            self.step("makensis", self.makensis)
            installer = self.dist / installer_name()
        self.dist.mkdir(parents=True, exist_ok=True)
        report = self.dist / "build-report.json"
        report.write_text(json.dumps(self.report, indent=2), encoding="utf-8")
        return installer

    # --- steps ---------------------------------------------------------------------------

    def python(self) -> str:
        python_dir = self.tree / "python"
        sdist = embedded_python.fetch_sdist(self.pins, self.cache)
        names = embedded_python.unpack(sdist, self.pins, python_dir)
        signatures = embedded_python.verify_signatures(python_dir, self.pins, INSTALLER_DIR)
        sqlite = embedded_python.sqlite_dll_version(python_dir / "sqlite3.dll")
        if sqlite_gate.version_tuple(sqlite) < sqlite_gate.MIN_VERSION:
            minimum = ".".join(map(str, sqlite_gate.MIN_VERSION))
            raise BuildError(f"the bundled sqlite3.dll is {sqlite}, PartyDesk needs {minimum}+")
        embedded_python.write_path_file(python_dir)
        self.report["python"] = {"version": self.pins.python.version, "sqlite": sqlite}
        signers = sorted({s.signer for s in signatures})
        signed = f"{len(signatures)} signatures ({', '.join(signers)})"
        return f"{len(names)} files, {signed}, SQLite {sqlite}"

    def dependencies(self) -> str:
        site = self.tree / "python" / "Lib" / "site-packages"
        folder = wheels.download(self.pins, self.cache)
        wheels.install(self.pins, folder, site)
        count = wheels.check_complete(site, self.pins)
        return f"{count} packages, requirements complete for Windows"

    def application(self) -> str:
        app_dir = self.tree / "app"
        with tempfile.TemporaryDirectory() as folder:
            wheel = wheels.build_project_wheel(PROJECT_ROOT, Path(folder))
            count = wheels.unpack_project(wheel, app_dir)
        for kind, patterns in RESOURCE_PATTERNS.items():
            target = app_dir / "resources" / kind
            target.mkdir(parents=True)
            for pattern in patterns:
                for source in sorted((PROJECT_ROOT / "resources" / kind).glob(pattern)):
                    shutil.copy2(source, target / source.name)
        return f"{count} package files"

    def trim(self) -> str:
        result = trim(self.tree / "python", self.tree / "app" / "partydesk")
        self.report["python_folder_mb"] = {
            "before_trim": _mb(result.before_bytes),
            "after_trim": _mb(result.after_bytes),
        }
        sizes = f"{_mb(result.before_bytes)} MB → {_mb(result.after_bytes)} MB"
        return f"{sizes}, {len(result.removed)} removed"

    def launcher(self) -> str:
        exe = self.tree / "PartyDesk.exe"
        build_launcher(
            exe,
            version=__version__,
            icon=PROJECT_ROOT / "resources" / "icons" / "partydesk.ico",
            work_dir=self.work / "launcher",
        )
        self.report["program_folder_mb"] = _mb(tree_size(self.tree))
        return (
            f"{exe.stat().st_size // 1024} KB; program folder {self.report['program_folder_mb']} MB"
        )

    def self_test(self) -> str:
        app_dir = self.tree / "app"
        environment = dict(os.environ, PYTHONPATH=str(app_dir), QT_QPA_PLATFORM="offscreen")
        environment["PYTHONUTF8"] = "1"
        # Run from an empty folder: Python puts the working folder first on sys.path, and the
        # repository root would shadow the assembled package.
        with tempfile.TemporaryDirectory() as data:
            where = subprocess.run(
                [sys.executable, "-c", "import partydesk; print(partydesk.__file__)"],
                capture_output=True, text=True, env=environment, cwd=data, check=False,
            )  # fmt: skip
            if not where.stdout.strip().startswith(str(app_dir)):
                raise BuildError(f"the self-test would not use the assembled folder: {where}")
            command = [sys.executable, "-m", "partydesk", "--data-dir", data, "--self-test"]
            done = subprocess.run(
                command, capture_output=True, text=True, env=environment, cwd=data, check=False
            )
        print(_indent(done.stdout), flush=True)
        if done.returncode != 0:
            raise BuildError(f"--self-test failed on the assembled folder:\n{done.stderr[-4000:]}")
        return "passed with " + sys.version.split()[0]

    def makensis(self) -> str:
        tool = shutil.which("makensis")
        if tool is None:
            raise BuildError("makensis is missing (Debian: apt-get install nsis)")
        self.dist.mkdir(parents=True, exist_ok=True)
        out = self.dist / installer_name()
        defines = {
            "VERSION": __version__,
            "VERSION_QUAD": ".".join(map(str, windows_version_numbers(__version__))),
            "SOURCE_DIR": str(self.tree),
            "OUT_FILE": str(out),
            "ICON": str(PROJECT_ROOT / "resources" / "icons" / "partydesk.ico"),
            "RUNNING_MUTEX": app_identity.RUNNING_MUTEX,
            "INSTANCE_PREFIX": app_identity.INSTANCE_SERVER_PREFIX,
            "REQUEST_CLOSE": app_identity.REQUEST_CLOSE,
            "PUBLISHER": app_identity.PUBLISHER,
        }
        # -WX: an undefined ${NAME} is a warning that would ship as literal text.
        command = [tool, "-V2", "-WX", "-INPUTCHARSET", "UTF8"]
        command += [f"-D{key}={value}" for key, value in defines.items()]
        command.append(str(INSTALLER_DIR / "partydesk.nsi"))
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise BuildError(f"makensis failed:\n{done.stdout[-4000:]}\n{done.stderr[-2000:]}")
        self.report["installer"] = {"file": out.name, "mb": _mb(out.stat().st_size)}
        return f"{out.name}, {_mb(out.stat().st_size)} MB"


def _mb(size: int) -> float:
    return round(size / 1_000_000, 1)


def _indent(text: str) -> str:
    return "\n".join("    | " + line for line in text.rstrip().splitlines())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m installer.build", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--lock", action="store_true", help="re-resolve requirements-windows.txt, then stop"
    )
    parser.add_argument(
        "--no-installer", action="store_true", help="assemble and self-test the folder only"
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(platformdirs.user_cache_dir("partydesk-build", appauthor=False)),
        help="where downloads are kept between builds",
    )
    parser.add_argument("--work", type=Path, default=WORK_DIR, help="scratch folder (emptied)")
    parser.add_argument("--dist", type=Path, default=DIST_DIR, help="where the installer goes")
    options = parser.parse_args(argv)
    pins = load_pins()
    if options.lock:
        lines = wheels.write_lock(PROJECT_ROOT / "pyproject.toml", pins)
        print(f"{wheels.LOCK_FILE.name}: {len(lines)} wheels pinned")
        return 0
    started = time.perf_counter()
    build = Build(pins, options.cache, options.work, options.dist)
    try:
        installer = build.run(make_installer=not options.no_installer)
    except (
        BuildError,
        wheels.WheelError,
        embedded_python.PythonFetchError,
        SignatureError,
        LauncherBuildError,
    ) as exc:
        print(f"BUILD FAILED: {exc}", file=sys.stderr)
        return 1
    total = round(time.perf_counter() - started, 1)
    build.report["total_seconds"] = total
    (options.dist / "build-report.json").write_text(
        json.dumps(build.report, indent=2), encoding="utf-8"
    )
    print(f"==> done in {total} s" + (f": {installer}" if installer else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
