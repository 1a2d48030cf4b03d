"""Backups as the clerk sees them: their kinds, how many are kept, and which ones rotation keeps.

The rotation rule follows Anki's: every backup of the last two calendar days is kept (so a
mistake made this morning can still be undone tonight); before that, the newest backup of each
day for ``daily`` days that have backups, then the newest of each ISO week for ``weekly``
weeks, then the newest of each month for ``monthly`` months. Daily, on-close and manual
backups share that rotation. Backups taken before a risky operation (migration, restore,
import) are kept apart: the newest ``special`` of them stay, whatever the routine ones do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from partydesk.domain.errors import ValidationError
from partydesk.domain.text import fold


class BackupKind(StrEnum):
    DAILY = "hang-ngay"
    ON_CLOSE = "khi-dong"
    MANUAL = "thu-cong"
    BEFORE_MIGRATION = "truoc-nang-cap"
    BEFORE_RESTORE = "truoc-khoi-phuc"
    BEFORE_IMPORT = "truoc-nhap"

    @property
    def label(self) -> str:
        return {
            "hang-ngay": "Hằng ngày",
            "khi-dong": "Khi đóng chương trình",
            "thu-cong": "Sao lưu ngay (thủ công)",
            "truoc-nang-cap": "Trước khi nâng cấp dữ liệu",
            "truoc-khoi-phuc": "Trước khi khôi phục",
            "truoc-nhap": "Trước khi nhập từ tệp",
        }[self.value]


ROUTINE_KINDS = frozenset({BackupKind.DAILY, BackupKind.ON_CLOSE, BackupKind.MANUAL})
SPECIAL_KINDS = frozenset(set(BackupKind) - ROUTINE_KINDS)

# Every backup of today and yesterday is kept, whatever the counts say (Anki does the same).
RECENT_DAYS = 2

# (field, Vietnamese label, smallest, largest). At least one daily and one special backup are
# always kept, so the newest backup can never be rotated away.
_LIMITS = {
    "daily": ("Số ngày giữ bản sao lưu hằng ngày", 1, 365),
    "weekly": ("Số tuần giữ bản sao lưu hằng tuần", 0, 260),
    "monthly": ("Số tháng giữ bản sao lưu hằng tháng", 0, 240),
    "special": ("Số bản sao lưu trước nâng cấp, khôi phục, nhập giữ lại", 1, 100),
}


@dataclass(frozen=True, slots=True)
class Retention:
    """How many backups rotation keeps; an invalid value cannot be constructed."""

    daily: int = 7
    weekly: int = 4
    monthly: int = 12
    special: int = 10

    def __post_init__(self) -> None:
        for name, (label, low, high) in _LIMITS.items():
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValidationError(name, f"{label}: cần một số nguyên.")
            if not low <= value <= high:
                raise ValidationError(name, f"{label}: phải từ {low} đến {high}.")

    @classmethod
    def limits(cls, name: str) -> tuple[str, int, int]:
        """(label, smallest, largest) of a field, for the settings form's spin boxes."""
        return _LIMITS[name]

    def to_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in _LIMITS}

    @classmethod
    def from_dict(cls, values: object) -> Retention:
        """The stored settings; raises ValidationError when they are not valid counts."""
        if not isinstance(values, dict):
            raise ValidationError("retention", "Chế độ sao lưu đã lưu không đọc được.")
        defaults = cls()
        return cls(**{name: values.get(name, getattr(defaults, name)) for name in _LIMITS})


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup file and what its manifest says about it.

    ``kind`` is None for a file PartyDesk did not describe (no manifest). ``problem`` is empty
    for a backup that checks out; otherwise it says, in Vietnamese, why it cannot be trusted
    (manifest missing, file changed since it was made, not a PartyDesk file…).
    """

    path: Path
    created: datetime
    kind: BackupKind | None
    size: int
    sha256: str
    app_version: str
    schema_version: int
    counts: dict[str, int] = field(default_factory=dict, hash=False)
    audit_head_seq: int = 0
    source_name: str = ""
    audit_head_hash: str = ""
    problem: str = ""

    @property
    def damaged(self) -> bool:
        return bool(self.problem)

    @property
    def kind_label(self) -> str:
        return self.kind.label if self.kind is not None else "Không rõ"

    def count(self, table: str) -> int | None:
        return self.counts.get(table)


def slug(text: str, *, fallback: str = "du-lieu", max_length: int = 40) -> str:
    """An ASCII file-name part: "Dữ liệu Đảng ủy" → "du-lieu-dang-uy"."""
    words = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return words[:max_length].strip("-") or fallback


def _week(day: date) -> tuple[int, int]:
    iso = day.isocalendar()
    return iso[0], iso[1]


def _month(day: date) -> tuple[int, int]:
    return day.year, day.month


def kept(backups: Iterable[BackupInfo], retention: Retention, now: datetime) -> set[Path]:
    """The backups rotation keeps; every other one listed may be deleted.

    Pure: decides from the listed kinds and times only. A backup with no known kind or with a
    problem is never a candidate for deletion (it is kept, and takes no slot). Days, weeks and
    months are counted in the time zone of ``now``.
    """
    listed = list(backups)
    keep = {b.path for b in listed if b.kind is None or b.damaged}
    candidates = [b for b in listed if b.kind is not None and not b.damaged]
    if not candidates:
        return keep
    newest_first = sorted(candidates, key=lambda b: b.created, reverse=True)
    keep.add(newest_first[0].path)  # never delete the newest backup

    special = [b for b in newest_first if b.kind in SPECIAL_KINDS]
    keep.update(b.path for b in special[: retention.special])

    tz = now.tzinfo
    recent_from = now.astimezone(tz).date() - timedelta(days=RECENT_DAYS - 1)
    left = {"daily": retention.daily, "weekly": retention.weekly, "monthly": retention.monthly}
    last_day: date | None = None

    def newer_slot_taken(day: date, stage: str) -> bool:
        if last_day is None:
            return False
        if stage == "daily":
            return day >= last_day
        if stage == "weekly":
            return _week(day) >= _week(last_day)
        return _month(day) >= _month(last_day)

    for backup in (b for b in newest_first if b.kind in ROUTINE_KINDS):
        day = backup.created.astimezone(tz).date()
        if day >= recent_from:
            keep.add(backup.path)
            last_day = day if last_day is None else min(last_day, day)
            continue
        stage = next((s for s in ("daily", "weekly", "monthly") if left[s] > 0), None)
        if stage is None:
            break
        if newer_slot_taken(day, stage):
            continue
        keep.add(backup.path)
        left[stage] -= 1
        last_day = day
    return keep
