"""installer/trim.py: what stays in the bundle is what the program imports, the plugin folders it
loads, and every DLL those need — proven on a small fake PySide6 whose DLLs are real Windows
binaries (built with mingw-w64) importing each other by name."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from installer.trim import tree_size, trim, used_qt_modules

GCC = "x86_64-w64-mingw32-gcc"
SITE = "Lib/site-packages"

# Each binary of the fake bundle and the DLLs it imports (by file name, as Windows loads them).
# Built in this order, so a DLL exists before anything that imports it.
BINARIES: dict[str, list[str]] = {
    "shiboken6/shiboken6.abi3.dll": [],
    "shiboken6/Shiboken.pyd": ["shiboken6/shiboken6.abi3.dll"],
    "PySide6/msvcp140.dll": [],
    "PySide6/Qt6Core.dll": ["PySide6/msvcp140.dll"],
    "PySide6/Qt6Gui.dll": ["PySide6/Qt6Core.dll"],
    "PySide6/Qt6Widgets.dll": ["PySide6/Qt6Gui.dll", "PySide6/Qt6Core.dll"],
    "PySide6/Qt6Svg.dll": ["PySide6/Qt6Gui.dll"],
    "PySide6/Qt6Quick.dll": ["PySide6/Qt6Gui.dll"],
    "PySide6/Qt6Sql.dll": ["PySide6/Qt6Core.dll"],
    "PySide6/Qt6OpenGL.dll": ["PySide6/Qt6Gui.dll"],
    "PySide6/pyside6.abi3.dll": ["shiboken6/shiboken6.abi3.dll", "PySide6/Qt6Core.dll"],
    "PySide6/QtCore.pyd": [
        "PySide6/pyside6.abi3.dll",
        "shiboken6/shiboken6.abi3.dll",
        "PySide6/Qt6Core.dll",
    ],
    "PySide6/QtWidgets.pyd": ["PySide6/pyside6.abi3.dll", "PySide6/Qt6Widgets.dll"],
    "PySide6/QtQuick.pyd": ["PySide6/pyside6.abi3.dll", "PySide6/Qt6Quick.dll"],
    "PySide6/plugins/platforms/qwindows.dll": ["PySide6/Qt6Gui.dll"],
    "PySide6/plugins/platforms/qoffscreen.dll": ["PySide6/Qt6Gui.dll"],
    "PySide6/plugins/platforms/qminimal.dll": ["PySide6/Qt6Gui.dll"],
    "PySide6/plugins/platforms/qdirect2d.dll": ["PySide6/Qt6OpenGL.dll"],
    "PySide6/plugins/iconengines/qsvgicon.dll": ["PySide6/Qt6Svg.dll"],
    "PySide6/plugins/styles/qmodernwindowsstyle.dll": ["PySide6/Qt6Widgets.dll"],
    "PySide6/plugins/sqldrivers/qsqlite.dll": ["PySide6/Qt6Sql.dll"],
}
OTHER_FILES = [
    "python.exe",
    "python312.zip",
    f"{SITE}/PySide6/__init__.py",
    f"{SITE}/PySide6/QtCore.pyi",
    f"{SITE}/PySide6/support/__init__.py",
    f"{SITE}/PySide6/__pycache__/__init__.cpython-311.pyc",
    f"{SITE}/PySide6/designer.exe",
    f"{SITE}/PySide6/opengl32sw.dll",
    f"{SITE}/PySide6/qml/QtQuick/qmldir",
    f"{SITE}/PySide6/translations/qtbase_de.qm",
    f"{SITE}/PySide6/include/QtCore/qobject.h",
    f"{SITE}/PySide6/metatypes/qt6core_metatypes.json",
    f"{SITE}/PySide6/typesystems/typesystem_core.xml",
    f"{SITE}/PySide6/lib/cmake/PySide6Config.cmake",
    f"{SITE}/PySide6/scripts/deploy.py",
    f"{SITE}/shiboken6/__init__.py",
    f"{SITE}/shiboken6/shiboken6.abi3.lib",
    f"{SITE}/pip/__init__.py",
    f"{SITE}/pip-26.3.dist-info/METADATA",
    f"{SITE}/lxml/__init__.py",
    f"{SITE}/lxml/includes/tree.h",
    f"{SITE}/openpyxl/__init__.py",
    f"{SITE}/openpyxl/tests/test_reader.py",
    f"{SITE}/sqlite_utils-4.2.1.dist-info/METADATA",
]
# Everything that must be left after the trim, for an application using QtCore and QtWidgets.
SURVIVORS = {
    "python.exe",
    "python312.zip",
    f"{SITE}/PySide6/__init__.py",
    f"{SITE}/PySide6/support/__init__.py",
    f"{SITE}/PySide6/QtCore.pyd",
    f"{SITE}/PySide6/QtWidgets.pyd",
    f"{SITE}/PySide6/pyside6.abi3.dll",
    f"{SITE}/PySide6/Qt6Core.dll",
    f"{SITE}/PySide6/Qt6Gui.dll",
    f"{SITE}/PySide6/Qt6Widgets.dll",
    f"{SITE}/PySide6/Qt6Svg.dll",  # needed by the SVG icon engine only
    f"{SITE}/PySide6/msvcp140.dll",  # needed by Qt6Core
    f"{SITE}/PySide6/plugins/platforms/qwindows.dll",
    f"{SITE}/PySide6/plugins/platforms/qoffscreen.dll",
    f"{SITE}/PySide6/plugins/iconengines/qsvgicon.dll",
    f"{SITE}/PySide6/plugins/styles/qmodernwindowsstyle.dll",
    f"{SITE}/shiboken6/__init__.py",
    f"{SITE}/shiboken6/shiboken6.abi3.dll",
    f"{SITE}/shiboken6/Shiboken.pyd",
    f"{SITE}/lxml/__init__.py",
    f"{SITE}/openpyxl/__init__.py",
    f"{SITE}/sqlite_utils-4.2.1.dist-info/METADATA",
}


def symbol(path: str) -> str:
    return "f_" + re.sub(r"\W", "_", Path(path).name)


def build_binary(site: Path, path: str, imports: list[str], work: Path) -> None:
    """A DLL exporting one function that calls one function of each DLL it imports."""
    source = work / (symbol(path) + ".c")
    declarations = "".join(f"__declspec(dllimport) int {symbol(name)}(void);\n" for name in imports)
    calls = " + ".join([*(f"{symbol(name)}()" for name in imports), "0"])
    source.write_text(
        f"{declarations}__declspec(dllexport) int {symbol(path)}(void) {{ return {calls}; }}\n",
        encoding="ascii",
    )
    out = site / path
    out.parent.mkdir(parents=True, exist_ok=True)
    # mingw's linker takes a DLL itself in place of an import library.
    command = [GCC, "-shared", "-s", "-o", str(out), str(source)]
    subprocess.run([*command, *(str(site / name) for name in imports)], check=True)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """A python/ folder with the fake site-packages, built once; tests trim copies of it."""
    if shutil.which(GCC) is None:
        pytest.skip("needs mingw-w64 (gcc-mingw-w64-x86-64-win32)")
    root = tmp_path_factory.mktemp("bundle")
    python_dir = root / "python"
    work = root / "sources"
    work.mkdir()
    for path, imports in BINARIES.items():
        build_binary(python_dir / SITE, path, imports, work)
    for path in OTHER_FILES:
        (python_dir / path).parent.mkdir(parents=True, exist_ok=True)
        (python_dir / path).write_text(f"contents of {path}\n", encoding="utf-8")
    return python_dir


@pytest.fixture
def bundle(pristine, tmp_path) -> Path:
    python_dir = tmp_path / "python"
    shutil.copytree(pristine, python_dir)
    return python_dir


@pytest.fixture
def app_package(tmp_path) -> Path:
    package = tmp_path / "app" / "partydesk"
    (package / "ui").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "cli.py").write_text("import argparse\n", encoding="utf-8")
    (package / "ui" / "window.py").write_text(
        "from PySide6.QtCore import Qt\nfrom PySide6.QtWidgets import QWidget\n",
        encoding="utf-8",
    )
    return package


def files_under(root: Path) -> dict[str, int]:
    return {
        p.relative_to(root).as_posix(): p.stat().st_size for p in root.rglob("*") if p.is_file()
    }


def test_the_qt_modules_used_are_found_in_every_source_file(tmp_path):
    (tmp_path / "ui" / "dialogs").mkdir(parents=True)
    (tmp_path / "ui" / "main.py").write_text(
        "from PySide6.QtCore import Qt, Signal\nimport PySide6.QtGui as gui\n", encoding="utf-8"
    )
    (tmp_path / "ui" / "dialogs" / "pdf.py").write_text(
        "from PySide6.QtPdfWidgets import QPdfView\n"
        "def view():\n    return PySide6.QtPdf.QPdfDocument\n",
        encoding="utf-8",
    )
    (tmp_path / "notes.txt").write_text("PySide6.QtQuick is not code", encoding="utf-8")
    (tmp_path / "domain.py").write_text("PYSIDE6 = 'PySide6Qt'\n", encoding="utf-8")

    assert used_qt_modules(tmp_path) == {"QtCore", "QtGui", "QtPdfWidgets", "QtPdf"}


def test_a_module_imported_from_the_package_is_found(tmp_path):
    (tmp_path / "icons.py").write_text("from PySide6 import QtSvg, QtCore\n", encoding="utf-8")

    assert used_qt_modules(tmp_path) == {"QtSvg", "QtCore"}


def test_what_is_left_is_exactly_what_the_program_loads(bundle, app_package):
    trim(bundle, app_package)

    assert set(files_under(bundle)) == SURVIVORS


def test_the_report_gives_the_sizes_and_what_went(bundle, app_package):
    before = files_under(bundle)

    report = trim(bundle, app_package)

    after = files_under(bundle)
    assert report.before_bytes == sum(before.values())
    assert report.after_bytes == sum(after.values()) == tree_size(bundle)
    assert report.after_bytes < report.before_bytes
    assert all(not Path(path).exists() for path in report.removed)
    removed = {Path(path).relative_to(bundle).as_posix() for path in report.removed}
    assert {
        f"{SITE}/PySide6/qml",
        f"{SITE}/PySide6/translations",
        f"{SITE}/PySide6/opengl32sw.dll",
        f"{SITE}/PySide6/designer.exe",
        f"{SITE}/PySide6/QtQuick.pyd",
        f"{SITE}/PySide6/Qt6Quick.dll",
        f"{SITE}/PySide6/plugins/sqldrivers",
        f"{SITE}/PySide6/plugins/platforms/qdirect2d.dll",
        f"{SITE}/pip",
        f"{SITE}/pip-26.3.dist-info",
        f"{SITE}/lxml/includes",
        f"{SITE}/openpyxl/tests",
    } <= removed
    # Each path is reported once, even where a folder held several dropped files.
    assert len(report.removed) == len(removed)


def test_a_dll_a_kept_plugin_needs_stays_when_no_binding_needs_it(bundle, tmp_path):
    # An application using QtCore only: QtWidgets.pyd goes, Qt6Widgets.dll stays, because the
    # native style plugin imports it.
    package = tmp_path / "core_only"
    package.mkdir()
    (package / "main.py").write_text("import PySide6.QtCore\n", encoding="utf-8")

    trim(bundle, package)

    left = set(files_under(bundle))
    assert f"{SITE}/PySide6/QtWidgets.pyd" not in left
    assert f"{SITE}/PySide6/Qt6Widgets.dll" in left
    assert f"{SITE}/PySide6/Qt6Sql.dll" not in left
    assert f"{SITE}/PySide6/Qt6OpenGL.dll" not in left


def test_an_unreachable_dll_beside_pyside_goes_even_when_shiboken_has_one_too(bundle, app_package):
    # Any DLL nothing imports will do as the unreachable one.
    for folder in ("PySide6", "shiboken6"):
        shutil.copy2(
            bundle / SITE / "PySide6" / "msvcp140.dll", bundle / SITE / folder / "vcamp140.dll"
        )

    trim(bundle, app_package)

    assert not (bundle / SITE / "PySide6" / "vcamp140.dll").exists()
