"""Saving onto a full disk, a read-only file, or a file taken away (reliability §4 T3, T4).

The full disk is SQLite's own failure-point loop: ``max_page_count`` is set to the file's
page count plus k, for k = 1 … 50, and a write that needs more pages than that is tried. At
every k the write either succeeds whole or fails whole with the clerk's message: nothing of
the record nor of its audit row is left, no transaction stays open, and once there is room
again the very same call succeeds.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from partydesk.domain.meeting import AgendaItem, Meeting, Opinion
from partydesk.domain.member import Member
from partydesk.domain.organisation import Organisation, OrgKind
from partydesk.services.app import AppServices, build_services
from partydesk.store.db import connect_read_only
from partydesk.store.errors import WriteFailed, WriteFailedKind
from partydesk.store.store import Store, open_store
from tests.common import TODAY

FAILURE_POINTS = range(1, 51)
# Every table the writes below may touch, and the log.
WATCHED = (
    "members",
    "meetings",
    "meeting_agenda",
    "meeting_opinions",
    "meeting_roll",
    "audit_log",
    "change_capture",
)
PARAGRAPH = (
    "Đồng chí đề nghị chi bộ tăng cường kiểm tra, giám sát việc thực hiện nghị quyết, "
    "phân công cụ thể từng đảng viên phụ trách từng phần việc và báo cáo kết quả hằng tháng. "
)


@pytest.fixture
def cell(services: AppServices) -> int:
    organisation = Organisation(name="Chi bộ Công ty Cổ phần Sông Hồng", kind=OrgKind.CELL_BASE)
    return services.register.save_organisation(organisation)


@dataclass(frozen=True)
class Write:
    """A write big enough to need new pages, and how to find what it saved."""

    label: str
    run: Callable[[AppServices, int, int], int]  # (services, cell, n) -> record id
    table: str


def save_member(services: AppServices, cell: int, n: int) -> int:
    member = Member(
        full_name=f"Nguyễn Văn Thử {'ABCDEFGH'[n % 8]}",
        organisation_id=cell,
        notes=f"Lần {n}. " + PARAGRAPH * 120,  # ≈ 20 KB: overflow pages, in the row and the log
    )
    return services.register.save_member(member)


def save_meeting(services: AppServices, cell: int, n: int) -> int:
    meeting = Meeting(
        organisation_id=cell,
        on=date(2026, 1 + n % 11, 1 + n % 28),
        agenda=tuple(
            AgendaItem(
                title=f"Nội dung {i}",
                summary=PARAGRAPH * 2,
                opinions=tuple(
                    Opinion(f"Đồng chí {chr(65 + j)}", PARAGRAPH * 2) for j in range(10)
                ),
            )
            for i in range(1, 5)
        ),
        conclusion=f"Kết luận lần {n}",
    )
    return services.meetings.save(meeting)


WRITES = (Write("member", save_member, "members"), Write("meeting", save_meeting, "meetings"))


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in WATCHED}


def limit_pages(conn: sqlite3.Connection, extra: int) -> None:
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + extra}")


def assert_refused_whole(exc: WriteFailed, store: Store, before: dict[str, int]) -> None:
    assert not store.conn.in_transaction
    assert counts(store.conn) == before
    assert "Không có gì bị lưu dở" in str(exc)


@pytest.mark.parametrize("write", WRITES, ids=lambda w: w.label)
def test_a_full_disk_at_any_point_refuses_the_whole_save_and_the_program_keeps_working(
    services: AppServices, cell: int, write: Write
) -> None:
    store = services.store
    no_limit = store.conn.execute("PRAGMA max_page_count").fetchone()[0]
    outcomes = []
    for n, extra in enumerate(FAILURE_POINTS, start=1):
        before = counts(store.conn)
        limit_pages(store.conn, extra)
        try:
            record_id = write.run(services, cell, n)
        except WriteFailed as exc:
            outcomes.append("full")
            assert exc.kind is WriteFailedKind.DISK_FULL
            assert str(exc).startswith("Ổ đĩa đầy nên không lưu được.")
            assert_refused_whole(exc, store, before)
            store.conn.execute(f"PRAGMA max_page_count = {no_limit}")
            record_id = write.run(services, cell, n)  # room again: the same call succeeds
        else:
            outcomes.append("saved")
        store.conn.execute(f"PRAGMA max_page_count = {no_limit}")
        after = counts(store.conn)
        assert after[write.table] == before[write.table] + 1
        assert after["audit_log"] == before["audit_log"] + 1
        assert after["change_capture"] == 0
        logged = store.conn.execute(
            "SELECT count(*) FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)"
            " AND diff_json LIKE ?",
            [f'%"table":"{write.table}","id":{record_id},%'],
        ).fetchone()[0]
        assert logged == 1
    # The loop went through both sides of the limit.
    assert "full" in outcomes and "saved" in outcomes, outcomes
    print(f"\n{write.label}: disk full for k = 1…{outcomes.index('saved')}, then saved")
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_connection_that_cannot_write_gives_the_read_only_message(
    services: AppServices, cell: int
) -> None:
    """The file is open read-only underneath a store that believes it may write: SQLite's
    SQLITE_READONLY reaches the clerk as the read-only message, nothing half-written."""
    path = services.store.path
    services.store.close()
    store = Store(path, connect_read_only(path))
    try:
        before = counts(store.conn)
        with pytest.raises(WriteFailed) as caught:
            save_member(build_services(store, today=lambda: TODAY), cell, 1)
        assert caught.value.kind is WriteFailedKind.READ_ONLY
        assert "chế độ chỉ đọc" in str(caught.value)
        assert_refused_whole(caught.value, store, before)
    finally:
        store.close()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores file modes")
def test_a_folder_made_read_only_while_open_refuses_then_recovers(tmp_path: Path) -> None:
    from partydesk.store.store import create_store

    folder = tmp_path / "data"
    store = create_store(folder / "data.sqlite")
    services = build_services(store, today=lambda: TODAY)
    organisation = Organisation(name="Chi bộ Công ty Sông Đà", kind=OrgKind.CELL_BASE)
    cell = services.register.save_organisation(organisation)
    before = counts(store.conn)
    folder.chmod(0o555)
    try:
        with pytest.raises(WriteFailed) as caught:
            save_member(services, cell, 1)
        assert caught.value.kind is WriteFailedKind.READ_ONLY
        assert_refused_whole(caught.value, store, before)
    finally:
        folder.chmod(0o755)
    save_member(services, cell, 1)
    assert counts(store.conn)["members"] == before["members"] + 1
    store.close()


def test_a_file_moved_away_while_open_is_reported_gone_and_works_once_back(
    services: AppServices, cell: int
) -> None:
    """POSIX lets a file be renamed under an open connection (Windows refuses). SQLite then
    refuses to write (SQLITE_READONLY_DBMOVED): the clerk is told the file is gone and to put
    it back, and once it is back the same save works."""
    store = services.store
    path = store.path
    before = counts(store.conn)
    moved = path.with_name("moved-away.sqlite")
    os.rename(path, moved)
    try:
        with pytest.raises(WriteFailed) as caught:
            save_member(services, cell, 1)
    finally:
        os.rename(moved, path)
    assert caught.value.kind is WriteFailedKind.GONE
    assert "Không còn tìm thấy tệp dữ liệu" in str(caught.value)
    assert_refused_whole(caught.value, store, before)
    save_member(services, cell, 1)
    assert counts(store.conn)["members"] == before["members"] + 1


def test_a_file_deleted_while_open_refuses_every_save(services: AppServices, cell: int) -> None:
    """A file deleted under the program (POSIX only) cannot be saved into again: each save
    fails whole with the "file is gone" message; what was saved before stays readable until
    the program closes (the data lives on only in the deleted file's open handle)."""
    store = services.store
    save_member(services, cell, 1)
    before = counts(store.conn)
    store.path.unlink()
    for n in (2, 3):
        with pytest.raises(WriteFailed) as caught:
            save_member(services, cell, n)
        assert caught.value.kind is WriteFailedKind.GONE
        assert_refused_whole(caught.value, store, before)
    assert not store.path.exists()
    assert services.register.member(1).notes.startswith("Lần 1.")


def test_the_store_reopens_after_a_refused_save(tmp_path: Path, services: AppServices) -> None:
    """After a disk-full refusal the file is whole: it closes, reopens and checks clean."""
    store = services.store
    organisation = Organisation(name="Chi bộ Công ty Thành Công", kind=OrgKind.CELL_BASE)
    cell = services.register.save_organisation(organisation)
    limit_pages(store.conn, 1)
    with pytest.raises(WriteFailed):
        save_member(services, cell, 1)
    path = store.path
    store.close()
    reopened = open_store(path, tmp_path / "backups")
    try:
        conn = reopened.conn
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert counts(conn)["members"] == 0 and counts(conn)["change_capture"] == 0
    finally:
        reopened.close()
