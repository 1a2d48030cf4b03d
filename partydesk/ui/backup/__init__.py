"""Backup and restore in the window: copy to a USB drive, choose a backup, retention settings."""

from __future__ import annotations

from datetime import datetime


def format_moment(moment: datetime) -> str:
    """ "21/11/2026 14:30": a backup's time in this computer's time zone."""
    return moment.astimezone().strftime("%d/%m/%Y %H:%M")
