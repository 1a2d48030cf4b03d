"""A writer killed at random never loses an acknowledged save nor leaves half of one (T1).

``kill_loop`` starts ``crash_child`` on one file again and again, SIGKILLs it after
U(50, 400) ms of real service writes and checks the file as the program finds it after a
crash. The quick version (20 kills) runs with the suite; the slow one (200 kills: about 95 %
confidence of hitting any window of ≥ 1.5 % of a write, reliability §4 T1) with ``-m slow``.
The checks themselves are tested first, on damage made on purpose, so that a clean result
means something.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from partydesk.services.app import build_services
from partydesk.store.store import open_store
from tests.reliability.crash_child import MARKS, READY, TODAY, Writer, prepare
from tests.reliability.kill_loop import (
    Ack,
    KillFigures,
    ack_problem,
    integrity_problems,
    replay_problems,
    run_kill_loop,
)


def assert_clean(figures: KillFigures, kills: int) -> None:
    print(f"\n{figures.summary()}")
    assert figures.kills == kills
    assert figures.acknowledged >= kills  # the children were writing when they were killed
    assert not figures.missing, figures.missing[:5]
    assert not figures.partial, figures.partial[:5]
    assert not figures.integrity_failures, figures.integrity_failures[:5]


def test_twenty_kills_lose_nothing_and_leave_no_half_change(tmp_path: Path) -> None:
    figures = run_kill_loop(tmp_path / "crash.sqlite", kills=20, seed=20)
    assert_clean(figures, 20)


@pytest.mark.slow
def test_two_hundred_kills_lose_nothing_and_leave_no_half_change(tmp_path: Path) -> None:
    figures = run_kill_loop(tmp_path / "crash.sqlite", kills=200, seed=200)
    assert_clean(figures, 200)
    # Some kills landed inside a transaction, so recovery itself was exercised.
    assert figures.hot_journals > 0


# --- the checks catch what they are meant to catch -------------------------------------------


@pytest.fixture(scope="module")
def written_once(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Ack]]:
    """A file after 60 of the child's writes, made in this process (no kill): every kind of
    record, each with its audit row."""
    path = tmp_path_factory.mktemp("written") / "crash.sqlite"
    prepare(path)
    store = open_store(path, path.parent / "backups")
    try:
        writer = Writer.start(build_services(store, today=lambda: TODAY), seed=5)
        acks = [Ack.parse(writer.step()) for _ in range(60)]
    finally:
        store.close()
    assert {ack.kind for ack in acks} == set(MARKS)
    return path, acks


@pytest.fixture
def written(written_once: tuple[Path, list[Ack]], tmp_path: Path) -> tuple[Path, list[Ack]]:
    """A copy of that file, for a test to damage."""
    source, acks = written_once
    path = tmp_path / source.name
    shutil.copyfile(source, path)
    return path, acks


def raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def test_a_clean_file_passes_every_check(written: tuple[Path, list[Ack]]) -> None:
    path, acks = written
    store = open_store(path, path.parent / "backups")
    try:
        assert integrity_problems(store) == []
        assert [ack_problem(store.conn, ack) for ack in acks] == [None] * len(acks)
        assert replay_problems(store.conn, set()) == []
    finally:
        store.close()


def test_an_acknowledged_change_that_is_not_there_is_missing(
    written: tuple[Path, list[Ack]],
) -> None:
    path, acks = written
    meeting = next(ack for ack in acks if ack.kind == "meeting")
    member = next(ack for ack in acks if ack.kind == "member")
    conn = raw(path)
    try:
        assert "no members row" in (ack_problem(conn, replace(member, marker="999.1")) or "")
        assert ack_problem(conn, Ack("enterprise", 10_000, "999.2")) is not None
        conn.execute("DELETE FROM meeting_roll WHERE meeting_id = ?", [meeting.record_id])
        assert "meeting_roll" in (ack_problem(conn, meeting) or "")
    finally:
        conn.close()


def test_a_row_written_behind_the_log_is_a_half_change(written: tuple[Path, list[Ack]]) -> None:
    path, _ = written
    conn = raw(path)
    try:
        conn.execute("DROP TRIGGER capture_members_u")
        conn.execute("DROP TRIGGER capture_member_events_i")
        conn.execute("UPDATE members SET notes = 'sửa ngoài PartyDesk' WHERE id = 1")
        conn.execute(
            "INSERT INTO member_events (member_id, kind, on_date)"
            " VALUES (1, 'MIEN_SH', '2026-01-05')"
        )
        found = replay_problems(conn, set())
    finally:
        conn.close()
    assert any(p.startswith("members row 1: notes") for p in found), found
    assert any(p.startswith("member_events") and "no audit row" in p for p in found), found


def test_an_audit_row_without_its_record_is_a_half_change(
    written: tuple[Path, list[Ack]],
) -> None:
    path, acks = written
    enterprise = next(ack for ack in acks if ack.kind == "enterprise")
    conn = raw(path)
    try:
        conn.execute("DROP TRIGGER capture_enterprises_d")
        conn.execute("DELETE FROM enterprises WHERE id = ?", [enterprise.record_id])
        found = replay_problems(conn, set())
    finally:
        conn.close()
    expected = f"enterprises row {enterprise.record_id} is in the audit log but not in the table"
    assert expected in found


def test_captured_rows_left_behind_fail_the_integrity_checks(
    written: tuple[Path, list[Ack]],
) -> None:
    path, _ = written
    conn = raw(path)
    try:
        conn.execute("UPDATE enterprises SET address = 'Địa chỉ mới' WHERE id = 1")
    finally:
        conn.close()
    store = open_store(path, path.parent / "backups")
    try:
        problems = integrity_problems(store)
    finally:
        store.close()
    assert any("change_capture" in p for p in problems), problems


def test_the_child_also_runs_by_path(tmp_path: Path) -> None:
    """``python tests/reliability/crash_child.py DB SEED`` works as ``-m`` does."""
    path = tmp_path / "crash.sqlite"
    prepare(path)
    child = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("crash_child.py")), str(path), "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PARTYDESK_STRICT_AUDIT": "1"},
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().decode().strip() == READY
        first = Ack.parse(child.stdout.readline().decode())
    finally:
        child.kill()
        child.wait()
    assert first.kind in MARKS and first.marker == "1.1"
