"""Builds PartyDesk.exe, the Windows launcher, on Linux with mingw-w64.

``python -m installer.launcher.build_launcher OUT.exe`` builds it with the version from
``partydesk._version`` and the icon from ``resources/icons``; the installer build calls
:func:`build_launcher`.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from string import Template

from partydesk._version import __version__

SOURCE_DIR = Path(__file__).resolve().parent
DEFAULT_ICON = SOURCE_DIR.parents[1] / "resources" / "icons" / "partydesk.ico"

WINDRES = "x86_64-w64-mingw32-windres"
GCC = "x86_64-w64-mingw32-gcc"
MINGW_PACKAGE = "gcc-mingw-w64-x86-64-win32"

# PartyDesk.exe's own exit codes, when Python never ran (launcher.c defines the same numbers).
EXIT_PYTHON_MISSING = 9009
EXIT_LAUNCH_FAILED = 9010

C_SOURCES = ("launcher.c", "command_line.c")
GCC_FLAGS = (
    "-Os",
    "-s",
    "-municode",
    "-mwindows",
    "-static-libgcc",
    "-Wall",
    "-Wextra",
    # A warning in a program this small is a bug until shown otherwise.
    "-Werror",
    # Same sources, same bytes: two builds of one version can be compared.
    "-Wl,--no-insert-timestamp",
)
LIBRARIES = ("-lshell32",)

_RELEASE = re.compile(r"(\d+(?:\.\d+)*)(.*)")
# PEP 440 pre-, post-, dev- and local parts ("rc1", ".dev2", "+abc").
_SUFFIX = re.compile(r"(?:[.+-]?[A-Za-z][\w.+-]*)?")


class LauncherBuildError(RuntimeError):
    """The launcher could not be built; the message says which step failed and why."""


def windows_version_numbers(version: str) -> tuple[int, int, int, int]:
    """The four numbers of a Windows VERSIONINFO for ``version``: "0.1.0" is (0, 1, 0, 0).

    Only the release part counts ("0.2.0rc1" is 0, 2, 0, 0), so it has at most four numbers,
    each at most 65535.
    """
    match = _RELEASE.fullmatch(version)
    if match is None or not _SUFFIX.fullmatch(match.group(2)):
        raise LauncherBuildError(f"Version {version!r} is not a PEP 440 version like 0.1.0.")
    numbers = [int(part) for part in match.group(1).split(".")]
    if len(numbers) > 4 or max(numbers) > 0xFFFF:
        raise LauncherBuildError(
            f"Version {version!r} does not fit a Windows file version "
            "(at most four numbers, each at most 65535)."
        )
    padded = (*numbers, 0, 0, 0)[:4]
    return padded[0], padded[1], padded[2], padded[3]


def render_resource_script(version: str) -> str:
    """launcher.rc.in with ``version`` filled in."""
    numbers = ",".join(str(number) for number in windows_version_numbers(version))
    template = Template((SOURCE_DIR / "launcher.rc.in").read_text(encoding="utf-8"))
    return template.substitute(version=version, version_numbers=numbers)


def build_launcher(out_exe: Path, *, version: str, icon: Path, work_dir: Path) -> Path:
    """Compile PartyDesk.exe to ``out_exe`` with ``icon`` and ``version``; returns ``out_exe``.

    Intermediate files go to ``work_dir``. Raises :class:`LauncherBuildError` when a mingw-w64
    tool is missing or a build step fails.
    """
    windres = _require_tool(WINDRES)
    gcc = _require_tool(GCC)
    if not icon.is_file():
        raise LauncherBuildError(f"Icon {icon} does not exist.")
    resource_script = render_resource_script(version)

    work_dir.mkdir(parents=True, exist_ok=True)
    # windres resolves the icon and manifest next to the script, whatever the paths contain.
    shutil.copyfile(icon, work_dir / "partydesk.ico")
    shutil.copyfile(SOURCE_DIR / "launcher.manifest", work_dir / "launcher.manifest")
    (work_dir / "launcher.rc").write_text(resource_script, encoding="utf-8")
    _run(
        [windres, "-c", "65001", "-O", "coff", "-i", "launcher.rc", "-o", "launcher.res.o"],
        cwd=work_dir,
    )

    out_exe = out_exe.resolve()
    out_exe.parent.mkdir(parents=True, exist_ok=True)
    sources = [str(SOURCE_DIR / name) for name in C_SOURCES]
    _run(
        [gcc, *GCC_FLAGS, "-o", str(out_exe), *sources, "launcher.res.o", *LIBRARIES],
        cwd=work_dir,
    )
    return out_exe


def _require_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise LauncherBuildError(
            f"{name} was not found. It comes with the Debian package {MINGW_PACKAGE} "
            f"(apt-get install {MINGW_PACKAGE})."
        )
    return path


def _run(command: list[str], *, cwd: Path) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise LauncherBuildError(
            f"{Path(command[0]).name} failed with exit code {result.returncode}:\n"
            f"{' '.join(command)}\n{result.stderr.strip() or result.stdout.strip()}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m installer.launcher.build_launcher", description=__doc__.splitlines()[0]
    )
    parser.add_argument("out_exe", type=Path, help="where to write PartyDesk.exe")
    parser.add_argument("--version", default=__version__, help="default: partydesk._version")
    parser.add_argument("--icon", type=Path, default=DEFAULT_ICON)
    arguments = parser.parse_args(argv)
    try:
        with tempfile.TemporaryDirectory(prefix="partydesk-launcher-") as work_dir:
            out_exe = build_launcher(
                arguments.out_exe,
                version=arguments.version,
                icon=arguments.icon,
                work_dir=Path(work_dir),
            )
    except LauncherBuildError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"{out_exe} ({out_exe.stat().st_size} bytes, version {arguments.version})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
