"""Where PartyDesk keeps its files: per-user data folder, logs, settings, and bundled resources.

Everything per-user lives under one folder (``%LOCALAPPDATA%\\PartyDesk`` on Windows, never the
install folder); ``--data-dir`` moves all of it, for support cases, development and tests.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "PartyDesk"
DEFAULT_DB_NAME = "partydesk.sqlite"
DEMO_DB_PREFIX = "partydesk-demo"


@dataclass(frozen=True)
class DataPaths:
    """The per-user folders of one PartyDesk installation."""

    root: Path

    @property
    def default_db(self) -> Path:
        return self.root / DEFAULT_DB_NAME

    def demo_db(self, scale: str) -> Path:
        return self.root / f"{DEMO_DB_PREFIX}-{scale}.sqlite"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def settings_file(self) -> Path:
        """Per-machine UI state (window geometry, folders); business settings live in the DB."""
        return self.root / "ui-settings.ini"

    def ensure(self) -> DataPaths:
        for folder in (self.root, self.backups, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def data_paths(data_dir: str | Path | None = None) -> DataPaths:
    """The data folder: ``data_dir`` when given, else the platform's per-user *local* data folder.

    Local rather than roaming: a roaming profile would sync a live SQLite file badly.
    """
    if data_dir is not None:
        return DataPaths(Path(data_dir).expanduser().resolve())
    return DataPaths(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False)))


def resources_dir() -> Path:
    """Bundled fonts and icons: next to the package in development, in the bundle when frozen."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "resources", here / "resources"):
        if candidate.is_dir():
            return candidate
    return here.parent / "resources"


def font_path(file_name: str) -> Path:
    return resources_dir() / "fonts" / file_name


def icon_path(file_name: str) -> Path:
    return resources_dir() / "icons" / file_name
