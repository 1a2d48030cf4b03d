"""Logging to a daily-rotated file in the per-user log folder, headed with the version."""

from __future__ import annotations

import logging
import sqlite3
import sys
from logging.handlers import TimedRotatingFileHandler
from pathlib import Path

from partydesk._version import __version__

LOG_FILE_NAME = "partydesk.log"


def setup_logging(log_dir: Path, level: int = logging.INFO) -> Path:
    """Send log records to ``log_dir/partydesk.log`` (kept 14 days) and return its path."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILE_NAME
    handler = TimedRotatingFileHandler(path, when="midnight", backupCount=14, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(level)
    root.addHandler(handler)
    logging.getLogger("partydesk").info(
        "PartyDesk %s, Python %s, SQLite %s, %s",
        __version__,
        sys.version.split()[0],
        sqlite3.sqlite_version,
        # Not platform.platform(): on Python 3.12 for Windows it queries WMI, which can hang.
        sys.platform,
    )
    return path
