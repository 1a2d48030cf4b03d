"""The questions and reports of opening a data file: a risky place, a file someone else has
open, a damaged file with a backup to offer, the copy made to this computer, the file check.

Each is a ``messages`` box (tests answer them by monkeypatching ``messages.ask_choice``); these
functions only word them and turn the clicked button into a choice.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from pathlib import Path

from PySide6.QtWidgets import QWidget

from partydesk.services.location import Location, LocationKind
from partydesk.store.errors import OpenError
from partydesk.store.file_lock import LockHeld
from partydesk.store.store import CheckReport
from partydesk.ui import messages

QUIT_TEXT = "Thoát"
CLOSE_TEXT = "Đóng"
OTHER_FILE_TEXT = "Mở tệp khác…"


class RiskyChoice(Enum):
    COPY = "copy"
    VIEW = "view"
    OTHER = "other"
    QUIT = "quit"


class DamagedChoice(Enum):
    RESTORE = "restore"
    OTHER = "other"
    QUIT = "quit"


def _leave_text(window_open: bool) -> str:
    """At start-up the last button quits PartyDesk; later it only closes the question."""
    return CLOSE_TEXT if window_open else QUIT_TEXT


def _when(moment: datetime) -> str:
    return f"{moment:%H:%M} ngày {moment:%d/%m/%Y}"


def ask_risky_location(
    parent: QWidget | None,
    path: Path,
    location: Location,
    *,
    can_copy: bool,
    window_open: bool,
) -> RiskyChoice:
    """A file on a network drive, in a sync folder or on a USB stick: copy it here, only look
    at it, pick another file, or leave."""
    advice = (
        "Nên sao chép tệp về máy này và làm việc trên bản sao; tệp gốc không bị thay đổi."
        if can_copy
        else "Có thể mở tệp chỉ để xem (không sửa được)."
    )
    if location.kind is LocationKind.OPTICAL:
        advice = "Có thể sao chép tệp về máy này, hoặc mở tệp chỉ để xem."
    text = f"{location.reason}\n\nTệp: {path}\n\n{advice}"
    choices: list[tuple[str, RiskyChoice]] = []
    if can_copy:
        choices.append(("Sao chép về máy này rồi mở bản sao", RiskyChoice.COPY))
    choices += [
        ("Chỉ xem", RiskyChoice.VIEW),
        (OTHER_FILE_TEXT, RiskyChoice.OTHER),
        (_leave_text(window_open), RiskyChoice.QUIT),
    ]
    index = messages.ask_choice(
        parent,
        f"Tệp dữ liệu nằm trên {location.kind.label}",
        text,
        [label for label, _ in choices],
    )
    return choices[index][1] if index is not None else RiskyChoice.QUIT


def ask_lock_held(parent: QWidget | None, error: LockHeld, *, window_open: bool) -> bool:
    """Someone else has the file open for work: True to open it only to look at it."""
    text = (
        f"{error.message}\n\nMỗi lúc chỉ một người được làm việc trên một tệp dữ liệu, để "
        "không ai ghi đè công việc của người khác. Anh/chị có thể mở tệp chỉ để xem (xem, in "
        "được nhưng không sửa được), hoặc đợi người kia đóng PartyDesk rồi mở lại."
    )
    index = messages.ask_choice(
        parent,
        "Tệp dữ liệu đang được mở",
        text,
        ["Mở chỉ để xem", _leave_text(window_open)],
    )
    return index == 0


def ask_damaged_file(
    parent: QWidget | None,
    error: OpenError,
    backup_created: datetime | None,
    *,
    window_open: bool,
) -> DamagedChoice:
    """A file that cannot be opened: restore the latest good backup (when there is one),
    pick another file, or leave."""
    text = error.message
    choices: list[tuple[str, DamagedChoice]] = []
    if backup_created is not None:
        text += (
            f"\n\nCó bản sao lưu tốt của tệp này lúc {_when(backup_created)}. Khôi phục sẽ "
            "thay tệp bằng bản sao lưu đó; tệp hiện tại được giữ lại bên cạnh (không bị xóa). "
            "Những gì nhập sau lúc sao lưu sẽ không có trong dữ liệu khôi phục."
        )
        choices.append(
            (f"Khôi phục bản sao lưu ngày {backup_created:%d/%m/%Y %H:%M}", DamagedChoice.RESTORE)
        )
    choices += [
        (OTHER_FILE_TEXT, DamagedChoice.OTHER),
        (_leave_text(window_open), DamagedChoice.QUIT),
    ]
    index = messages.ask_choice(
        parent, "Không mở được tệp dữ liệu", text, [label for label, _ in choices]
    )
    return choices[index][1] if index is not None else DamagedChoice.QUIT


def show_copied(parent: QWidget | None, source: Path, copy: Path) -> None:
    messages.show_info(
        parent,
        "Đã sao chép về máy này",
        f"Đã sao chép tệp dữ liệu về máy này:\n{copy}\n\nPartyDesk mở bản sao này; tệp gốc "
        f"{source} không bị thay đổi. Từ nay hãy làm việc trên bản sao (Tệp → Mở tệp dữ "
        "liệu…), và sao lưu ra USB bằng chức năng sao lưu của PartyDesk.",
    )


def check_report_text(report: CheckReport) -> str:
    """The "Kiểm tra dữ liệu" result in the clerk's words."""
    lines = [f"Tệp: {report.path}"]
    if report.error is not None:
        lines += ["", report.error.message]
        return "\n".join(lines)
    lines.append(
        f"Cấu trúc dữ liệu: phiên bản {report.schema_version} (chương trình đọc được đến "
        f"phiên bản {report.latest})"
    )
    integrity = "tốt" if report.integrity == ["ok"] else "; ".join(report.integrity[:5])
    lines.append(f"Kiểm tra toàn vẹn: {integrity}")
    problems = report.foreign_key_problems
    lines.append(
        "Liên kết giữa các bản ghi: tốt"
        if problems == 0
        else f"Liên kết giữa các bản ghi: {problems} chỗ trỏ tới bản ghi không còn"
    )
    lines += ["", "Số bản ghi:"]
    for table, count in report.counts.items():
        lines.append(f"  {report.table_label(table)}: {count:,}".replace(",", "."))
    lines.append("")
    if report.healthy:
        lines.append("Kết quả: tệp dữ liệu tốt.")
    else:
        lines.append(
            "Kết quả: tệp dữ liệu có vấn đề (xem các dòng trên). Dữ liệu chưa bị thay đổi; "
            "hãy sao lưu ra USB ngay rồi liên hệ người hỗ trợ, hoặc khôi phục từ bản sao lưu "
            "gần nhất."
        )
    return "\n".join(lines)


def show_check_report(parent: QWidget | None, report: CheckReport) -> None:
    show = messages.show_info if report.healthy else messages.show_warning
    show(parent, "Kiểm tra dữ liệu", check_report_text(report))
