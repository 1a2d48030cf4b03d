"""Remove from the bundle what PartyDesk never loads (Qt Quick/QML, WebEngine data, tools, …).

What stays is decided from what the program uses, not from a hand-kept list of Qt files: the
PySide6 modules the ``partydesk`` sources import, the plugin folders a widgets program on
Windows loads, and every DLL those import (read from their PE import tables). Anything else
under PySide6 is removed, plus a short list of folders and files no running program reads.
"""

from __future__ import annotations

import ast
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pefile

# Plugin folders the Windows widgets program loads: the platform (and offscreen, for
# --self-test), the native style, image and SVG icon formats. Print support is built into
# Qt6PrintSupport on Windows. Every other folder serves QML, SQL drivers, TLS, touch, or tools.
KEPT_PLUGIN_FOLDERS = ("platforms", "styles", "imageformats", "iconengines")
# Within kept folders, plugins nobody asks for (Direct2D and minimal platforms).
DROPPED_PLUGINS = ("qdirect2d.dll", "qminimal.dll")
# Under PySide6: QML modules, Qt's own translations (none Vietnamese; PartyDesk carries its own),
# the WebEngine ICU data, C++ headers and build metadata, the deploy scripts, software OpenGL.
PYSIDE_DROPPED = (
    "qml",
    "translations",
    "resources",
    "include",
    "metatypes",
    "typesystems",
    "lib",
    "doc",
    "glue",
    "scripts",
    "opengl32sw.dll",
)
# Elsewhere in site-packages: pip is listed by sqlite-utils for its `install` command, which
# PartyDesk never runs; C headers and import libraries serve only compiling against a
# package; bin/ holds the build machine's console scripts that `pip install --target` wrote.
SITE_DROPPED = ("pip", "lxml/includes", "shiboken6/include", "shiboken6/lib", "bin")
# Anywhere: type stubs, import libraries, and bytecode compiled for another Python version.
DROPPED_SUFFIXES = (".pyi", ".lib")
_QT_IMPORT = re.compile(r"\bPySide6\.(Qt\w+)")


@dataclass
class TrimReport:
    before_bytes: int
    after_bytes: int = 0
    removed: list[str] = field(default_factory=list)


def used_qt_modules(package: Path) -> set[str]:
    """The PySide6 modules the application's sources import (QtCore, QtWidgets, …)."""
    found: set[str] = set()
    for source in package.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        found.update(_QT_IMPORT.findall(text))
        # `from PySide6 import QtSvg` names the module without the dotted form.
        for node in ast.walk(ast.parse(text, filename=str(source))):
            if isinstance(node, ast.ImportFrom) and node.module == "PySide6":
                found.update(alias.name for alias in node.names if alias.name.startswith("Qt"))
    return found


def tree_size(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def trim(python_dir: Path, app_package: Path) -> TrimReport:
    """Trim the bundle's interpreter folder in place; report sizes and what went."""
    report = TrimReport(before_bytes=tree_size(python_dir))
    site = python_dir / "Lib" / "site-packages"
    pyside = site / "PySide6"
    for name in PYSIDE_DROPPED:
        _remove(pyside / name, report)
    for name in SITE_DROPPED:
        _remove(site / name, report)
    for dist_info in site.glob("pip-*.dist-info"):
        _remove(dist_info, report)
    for path in list(site.rglob("*")):
        if _never_loaded(path):
            _remove(path, report)
    for path in pyside.glob("*.exe"):
        _remove(path, report)
    modules = used_qt_modules(app_package)
    for binding in pyside.glob("Qt*.pyd"):
        if binding.stem not in modules:
            _remove(binding, report)
    plugins = pyside / "plugins"
    for folder in plugins.iterdir():
        if folder.name not in KEPT_PLUGIN_FOLDERS:
            _remove(folder, report)
    for name in DROPPED_PLUGINS:
        _remove(plugins / "platforms" / name, report)
    _remove_unreachable_dlls(pyside, site / "shiboken6", report)
    report.after_bytes = tree_size(python_dir)
    return report


def _never_loaded(path: Path) -> bool:
    if path.is_dir():
        return path.name in ("__pycache__", "tests")
    return path.suffix.lower() in DROPPED_SUFFIXES


def _remove_unreachable_dlls(pyside: Path, shiboken: Path, report: TrimReport) -> None:
    """Drop the DLLs beside PySide6 that no kept binding or plugin needs, directly or not."""
    beside_pyside = {p.name.lower(): p for p in pyside.glob("*.dll")}
    # shiboken6 ships some of the same DLLs (the MSVC runtime): PySide6's copy is the one judged.
    local = {p.name.lower(): p for p in shiboken.glob("*.dll")} | beside_pyside
    roots = [
        *pyside.glob("*.pyd"),
        *shiboken.glob("*.pyd"),
        *(pyside / "plugins").rglob("*.dll"),
    ]
    reachable = _closure(roots, local)
    for name, path in beside_pyside.items():
        if name not in reachable:
            _remove(path, report)


def _closure(roots: Iterable[Path], local: dict[str, Path]) -> set[str]:
    seen: set[str] = set()
    pending = [name for root in roots for name in _imports(root)]
    while pending:
        name = pending.pop()
        if name in seen or name not in local:
            continue
        seen.add(name)
        pending.extend(_imports(local[name]))
    return seen


def _imports(binary: Path) -> list[str]:
    pe = pefile.PE(str(binary), fast_load=True)
    try:
        pe.parse_data_directories(
            directories=[
                pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_IMPORT"],
                pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_DELAY_IMPORT"],
            ]
        )
        entries = [
            *getattr(pe, "DIRECTORY_ENTRY_IMPORT", []),
            *getattr(pe, "DIRECTORY_ENTRY_DELAY_IMPORT", []),
        ]
        return [entry.dll.decode("ascii").lower() for entry in entries]
    finally:
        pe.close()


def _remove(path: Path, report: TrimReport) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()
    else:
        return
    report.removed.append(str(path))
