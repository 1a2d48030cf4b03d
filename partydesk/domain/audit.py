"""The audit log's records as the rest of the program sees them, and how a change is summarised.

An audit entry says who did what, when, to which record, with the old → new value of every
field that changed. The store writes entries in the same transaction as the change and chains
them by hash; this module only holds the data and the wording.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class ChangeOp(StrEnum):
    INSERT = "I"
    UPDATE = "U"
    DELETE = "D"

    @property
    def label(self) -> str:
        return {"I": "thêm", "U": "sửa", "D": "xóa"}[self.value]


def time_text(at: str, *, seconds: bool = False) -> str:
    """An entry's time as the office reads it: "21/11/2026 09:30" (local time as recorded).

    A stored text that is not an ISO time (an edited row) is shown as it is.
    """
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        return at
    return moment.strftime("%d/%m/%Y %H:%M:%S" if seconds else "%d/%m/%Y %H:%M")


@dataclass(frozen=True, slots=True)
class RecordChange:
    """One row written: its table, id, and the fields that changed (name → (old, new))."""

    table: str
    row_id: int | None
    op: ChangeOp
    fields: dict[str, tuple[object, object]]


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    at: str  # local time with its UTC offset, ISO 8601
    user_login: str
    user_name: str
    role: str
    action: str
    entity: str
    entity_id: int | None
    summary: str
    changes: tuple[RecordChange, ...] = ()
    # Tables whose rows were counted rather than listed (a bulk change): table → op → count.
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    truncated: int = 0  # changes beyond the listed ones


@dataclass(frozen=True, slots=True)
class AuditFilter:
    text: str = ""  # searched in action, summary, user and record
    user_login: str = ""
    entity: str = ""
    entity_id: int | None = None
    since: str = ""  # ISO date, inclusive
    until: str = ""  # ISO date, inclusive


@dataclass(frozen=True, slots=True)
class ChainReport:
    """The result of walking the hash chain and looking for writes made outside PartyDesk."""

    checked: int
    broken_seqs: tuple[int, ...] = ()  # rows whose own hash or link to the previous row fails
    head_seq: int = 0
    head_hash: str = ""
    external_changes: int = 0  # capture rows no PartyDesk commit consumed
    capture_problems: tuple[str, ...] = ()
    # The chain was shorter than the head recorded outside the file (rows removed at the end).
    missing_tail: bool = False
    # Runs of sequence numbers absent from the chain (rows deleted in the middle): (first, last).
    gaps: tuple[tuple[int, int], ...] = ()
    # The row at the head recorded outside the file is not the one recorded: the chain was
    # rewritten from some point (or the file was replaced by another copy).
    anchor_mismatch: bool = False
    # The outside writes by table, most first: (table, count).
    external_tables: tuple[tuple[str, int], ...] = ()
    # How tables are named to the clerk (the service fills it; raw names otherwise).
    table_labels: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def intact(self) -> bool:
        return not (
            self.broken_seqs
            or self.external_changes
            or self.capture_problems
            or self.missing_tail
            or self.gaps
            or self.anchor_mismatch
        )

    @property
    def chain_intact(self) -> bool:
        """The log's own rows are all there and unaltered (outside data writes aside)."""
        return not (self.broken_seqs or self.missing_tail or self.gaps or self.anchor_mismatch)

    def describe(self) -> list[str]:
        """What is wrong, one Vietnamese sentence each; [] when the log is intact."""
        lines = []
        if self.broken_seqs:
            shown = ", ".join(str(s) for s in self.broken_seqs[:10])
            more = (
                f" và {len(self.broken_seqs) - 10} dòng khác" if len(self.broken_seqs) > 10 else ""
            )
            lines.append(
                f"Nhật ký thay đổi bị sửa hoặc xóa ngoài PartyDesk ở dòng số {shown}{more}."
            )
        if self.gaps:
            runs = ", ".join(
                str(first) if first == last else f"{first}–{last}" for first, last in self.gaps[:10]
            )
            more = f" và {len(self.gaps) - 10} đoạn khác" if len(self.gaps) > 10 else ""
            lines.append(f"Nhật ký thay đổi thiếu dòng số {runs}{more}: đã bị xóa ngoài PartyDesk.")
        if self.missing_tail:
            lines.append(
                "Nhật ký thay đổi ngắn hơn lần đóng trước: các dòng cuối đã bị xóa ngoài PartyDesk."
            )
        if self.anchor_mismatch:
            lines.append(
                "Nhật ký thay đổi không khớp với lần đóng trước trên máy này: nhật ký đã bị viết "
                "lại ngoài PartyDesk, hoặc tệp dữ liệu đã bị thay bằng một bản khác."
            )
        if self.external_changes:
            where = ", ".join(
                f"{self.table_labels.get(table, table)}: {count}"
                for table, count in self.external_tables
            )
            lines.append(
                f"Có {self.external_changes} thay đổi dữ liệu được ghi bởi chương trình khác, "
                "không qua PartyDesk" + (f" ({where})." if where else ".")
            )
        lines.extend(
            f"Cấu trúc theo dõi thay đổi bị sửa ngoài PartyDesk: {p}."
            for p in self.capture_problems
        )
        return lines
