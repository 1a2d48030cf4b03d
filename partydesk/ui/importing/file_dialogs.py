"""The file questions of the import wizard: which file to read, where to save, open a folder.

Kept apart so tests replace them (they would block on a native dialog), and so every step
starts in the folder the clerk last imported from (QSettings "import/folder").
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

FOLDER_KEY = "import/folder"
OPEN_FILTER = "Bảng tính Excel hoặc CSV (*.xlsx *.csv);;Excel (*.xlsx);;CSV (*.csv)"
XLSX_FILTER = "Bảng tính Excel (*.xlsx)"


def remembered_folder(settings: QSettings | None) -> Path:
    """The folder of the last imported file, else Documents."""
    if settings is not None:
        value = settings.value(FOLDER_KEY, "")
        if value and Path(str(value)).is_dir():
            return Path(str(value))
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))


def remember_folder(settings: QSettings | None, path: Path) -> None:
    if settings is not None:
        settings.setValue(FOLDER_KEY, str(path.parent))


def ask_open_path(parent: QWidget | None, title: str, folder: Path) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, str(folder), OPEN_FILTER)
    return Path(name) if name else None


def ask_save_path(parent: QWidget | None, title: str, folder: Path, name: str) -> Path | None:
    """Where to write an .xlsx; ".xlsx" is added when the clerk typed a name without it."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(folder / name), XLSX_FILTER)
    if not chosen:
        return None
    target = Path(chosen)
    if target.suffix.lower() != ".xlsx":
        target = target.with_name(target.name + ".xlsx")
    return target


def open_folder(folder: Path) -> bool:
    """Show the folder in the file manager (Explorer on Windows); False if that failed."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
