"""The audit log's tamper evidence (reliability T13): rows cannot be edited or removed through
SQLite, an edit made after dropping the guard triggers flags exactly the edited row, removed rows
are found as gaps or a missing tail, writes by another program wait in the capture table until
acknowledged, and altered triggers are reported. Also the log's queries (AuditQuery)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from partydesk.domain.accounts import Actor, Role
from partydesk.domain.audit import AuditFilter, ChangeOp
from partydesk.domain.enterprise import Enterprise, EnterpriseType
from partydesk.store.audit import Captured, append_entry, chain_head, verify_chain
from partydesk.store.audit_query import AuditQuery
from partydesk.store.capture import capture_problems, install_append_only, install_capture
from partydesk.store.db import transaction
from partydesk.store.migrate import MIGRATIONS, statements
from partydesk.store.store import Store, create_store

CLERK = Actor("lan.nt", "Nguyễn Thị Lan", Role.CLERK, 2)
ADMIN = Actor("hung.nv", "Nguyễn Văn Hùng", Role.ADMIN, 1)
HASHED_FIELDS = (
    "at",
    "user_id",
    "user_login",
    "user_name",
    "role",
    "action",
    "entity",
    "entity_id",
    "summary",
    "diff_json",
    "prev_hash",
    "row_hash",
)


def audit_schema() -> sqlite3.Connection:
    """An in-memory database holding only what migration 0005 creates (the log, the capture
    table, the accounts), for tests that need no business tables."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    (safety,) = [m for m in MIGRATIONS if m.version == 5]
    for statement in statements(safety.sql):
        conn.execute(statement)
    install_capture(conn)
    return conn


def fill_log(conn: sqlite3.Connection, count: int, *, actor: Actor = CLERK) -> None:
    """Append ``count`` entries shaped like real ones (a member edited, an event added); also
    the generator of the 100,000-row timing in the report."""
    conn.execute("BEGIN IMMEDIATE")
    for index in range(count):
        captured = Captured()
        captured.add(
            "members",
            index % 300 + 1,
            ChangeOp.UPDATE,
            {"phone": ("0912 345 678", f"0912 000 {index:03d}"), "residence": ("Số 5", "Số 7")},
        )
        if index % 3 == 0:
            captured.add("member_events", index + 1, ChangeOp.INSERT, {"kind": (None, "DEN")})
        append_entry(
            conn,
            actor,
            "Sửa đảng viên" if index % 2 else "Thêm biến động đảng viên",
            captured=captured,
            at=f"2026-{index % 12 + 1:02d}-{index % 28 + 1:02d}T09:30:00+07:00",
        )
    conn.execute("COMMIT")


def raw_update(conn: sqlite3.Connection, sql: str, params: list[object]) -> None:
    """What an attacker with DB Browser does: drop the guard, edit."""
    conn.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    conn.execute(sql, params)


# --- append-only ------------------------------------------------------------------------------


def test_update_and_delete_on_the_log_are_refused() -> None:
    conn = audit_schema()
    fill_log(conn, 3)
    for sql in (
        "UPDATE audit_log SET summary = 'sửa' WHERE seq = 2",
        "DELETE FROM audit_log WHERE seq = 3",
        "DELETE FROM audit_log",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute(sql)
    assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 3
    report = verify_chain(conn)
    assert report.intact and report.checked == 3 and report.head_seq == 3


# --- one field of one row edited -------------------------------------------------------------


def _flipped(value: object, position: int, replacement: str) -> object:
    if value is None:
        return 1
    if isinstance(value, int):
        return value + 1
    text = str(value)
    if not text:
        return replacement
    index = position % len(text)
    new = replacement if replacement != text[index] else chr(ord(replacement) + 1)
    return text[:index] + new + text[index + 1 :]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    size=st.integers(1, 8),
    row=st.integers(0, 7),
    field=st.sampled_from(HASHED_FIELDS),
    position=st.integers(0, 10_000),
    replacement=st.characters(codec="utf-8", exclude_categories=("Cs",)),
)
def test_one_character_changed_anywhere_flags_exactly_that_row(
    size: int, row: int, field: str, position: int, replacement: str
) -> None:
    conn = audit_schema()
    fill_log(conn, size)
    seq = row % size + 1
    (old,) = conn.execute(f"SELECT {field} FROM audit_log WHERE seq = ?", [seq]).fetchone()
    new = _flipped(old, position, replacement)
    assume(new != old)
    raw_update(conn, f"UPDATE audit_log SET {field} = ? WHERE seq = ?", [new, seq])

    report = verify_chain(conn)
    assert report.broken_seqs == (seq,)
    assert report.gaps == () and not report.intact
    # The guard the attacker dropped is missing, and said so, until it is put back.
    assert any("audit_log_no_update" in p for p in report.capture_problems)
    install_append_only(conn)
    restored = verify_chain(conn)
    assert restored.capture_problems == ()
    assert restored.broken_seqs == (seq,)


def test_a_row_renumbered_is_missing_where_it_was_and_broken_where_it_went() -> None:
    conn = audit_schema()
    fill_log(conn, 5)
    raw_update(conn, "UPDATE audit_log SET seq = 9 WHERE seq = 3", [])
    report = verify_chain(conn)
    assert report.gaps == ((3, 3), (6, 8))
    assert report.broken_seqs == (9,)


# --- rows removed ----------------------------------------------------------------------------


def test_a_middle_row_deleted_is_reported_as_a_gap() -> None:
    conn = audit_schema()
    fill_log(conn, 6)
    raw_update(conn, "DELETE FROM audit_log WHERE seq = 4", [])
    report = verify_chain(conn)
    assert report.gaps == ((4, 4),)
    assert report.broken_seqs == ()  # row 5 itself is intact; its link cannot be checked
    assert not report.intact and "thiếu dòng số 4" in " ".join(report.describe())


def test_a_truncated_tail_is_found_only_with_the_head_remembered_outside() -> None:
    conn = audit_schema()
    fill_log(conn, 6)
    head_seq, head_hash = chain_head(conn)
    raw_update(conn, "DELETE FROM audit_log WHERE seq > 4", [])
    install_append_only(conn)
    assert verify_chain(conn).intact  # the chain alone cannot tell
    report = verify_chain(conn, head_seq, head_hash)
    assert report.missing_tail and not report.anchor_mismatch and not report.intact
    assert report.head_seq == 4


def test_a_chain_rewritten_with_recomputed_hashes_is_found_by_the_anchor() -> None:
    conn = audit_schema()
    fill_log(conn, 4)
    head = chain_head(conn)
    raw_update(conn, "DELETE FROM audit_log WHERE seq > 1", [])
    install_append_only(conn)
    fill_log(conn, 5, actor=ADMIN)  # a forged history, correctly chained, longer than before
    assert verify_chain(conn).intact
    report = verify_chain(conn, *head)
    assert report.anchor_mismatch and not report.missing_tail


# --- writes by another program ---------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = create_store(tmp_path / "audit.sqlite")
    yield store
    store.close()


def add_enterprise(store: Store, name: str) -> int:
    with store.audit.labelled("Thêm doanh nghiệp"), transaction(store.db):
        return store.enterprises.save(Enterprise(name=name, type=EnterpriseType.PRIVATE))


def test_a_row_written_by_another_program_waits_until_acknowledged(store: Store) -> None:
    first = add_enterprise(store, "Công ty An Phát")
    raw = sqlite3.connect(store.path)
    raw.execute("UPDATE enterprises SET name = 'Công ty Giả' WHERE id = ?", [first])
    raw.commit()
    raw.close()
    store.audit.note_external()
    report = verify_chain(store.conn)
    assert report.external_changes == 1
    assert report.external_tables == (("enterprises", 1),)
    assert report.chain_intact and not report.intact

    # The next PartyDesk commit logs only its own change; the outside one keeps waiting.
    second = add_enterprise(store, "Công ty Bình Minh")
    entry = AuditQuery(store.db).entry(chain_head(store.conn)[0])
    assert [(c.table, c.row_id) for c in entry.changes] == [("enterprises", second)]
    assert verify_chain(store.conn).external_changes == 1


def test_a_capture_trigger_dropped_or_altered_is_reported(store: Store) -> None:
    assert capture_problems(store.conn) == []
    store.conn.execute("DROP TRIGGER capture_members_u")
    store.conn.execute("DROP TRIGGER capture_enterprises_d")
    store.conn.execute(
        "CREATE TRIGGER capture_enterprises_d AFTER DELETE ON enterprises BEGIN SELECT 1; END"
    )
    problems = verify_chain(store.conn).capture_problems
    assert any("capture_members_u" in p and "thiếu" in p for p in problems)
    assert any("capture_enterprises_d" in p and "bị sửa" in p for p in problems)


def test_rows_replaced_unchanged_are_not_listed(store: Store) -> None:
    first = add_enterprise(store, "Công ty An Phát")
    with store.audit.labelled("Lưu tổ chức đảng"), transaction(store.db):
        conn = store.conn
        conn.execute("INSERT INTO settings (key, value) VALUES ('a', '1'), ('b', '2'), ('c', '3')")
    with store.audit.labelled("Sửa cài đặt"), transaction(store.db):
        conn.execute("DELETE FROM settings WHERE key IN ('a', 'b', 'c')")
        conn.execute("INSERT INTO settings (key, value) VALUES ('a', '1'), ('b', '9'), ('c', '3')")
        conn.execute("UPDATE enterprises SET address = 'Số 1' WHERE id = ?", [first])
    entry = AuditQuery(store.db).entry(chain_head(store.conn)[0])
    listed = [(c.table, c.op, c.fields) for c in entry.changes]
    assert listed == [
        ("settings", ChangeOp.INSERT, {"key": (None, "b"), "value": (None, "9")}),
        ("enterprises", ChangeOp.UPDATE, {"address": ("", "Số 1")}),
        ("settings", ChangeOp.DELETE, {"key": ("b", None), "value": ("2", None)}),
    ]
    assert entry.counts == {"settings": {"I": 1, "D": 1}, "enterprises": {"U": 1}}


# --- reading the log -------------------------------------------------------------------------


@pytest.fixture
def query() -> AuditQuery:
    conn = audit_schema()
    fill_log(conn, 30)
    fill_log(conn, 4, actor=ADMIN)
    return AuditQuery(sqlite_utils.Database(conn))


def test_pages_are_newest_first_and_keep_their_place(query: AuditQuery) -> None:
    everything = AuditFilter()
    assert query.count(everything) == 34
    first = query.page(everything, None, 10)
    assert [e.seq for e in first] == list(range(34, 24, -1))
    assert [e.seq for e in query.page(everything, first[-1].seq, 10)] == list(range(24, 14, -1))
    assert [e.seq for e in query.entries(everything, 30, 10)] == [4, 3, 2, 1]


def test_text_search_ignores_accents_and_case_and_needs_every_word(query: AuditQuery) -> None:
    # Every entry edits a member: "Đảng viên: sửa 1" as the page shows the summary.
    assert query.count(AuditFilter(text="SUA DANG VIEN")) == 34
    # Adding a member event is in the action of even entries, in the summary of every third.
    assert query.count(AuditFilter(text="them bien dong")) == (15 + 5) + (2 + 1)
    assert query.count(AuditFilter(text="hùng")) == 4  # the user's name
    assert query.count(AuditFilter(text="quan tri")) == 4  # the role's label
    assert query.count(AuditFilter(text="đảng viên hùng")) == 4  # the table's name, and him
    assert query.count(AuditFilter(text="không có")) == 0


def test_filters_by_user_record_and_days(query: AuditQuery) -> None:
    assert query.count(AuditFilter(user_login="hung.nv")) == 4
    assert query.logins() == [("hung.nv", "Nguyễn Văn Hùng"), ("lan.nt", "Nguyễn Thị Lan")]
    assert query.tables() == ["members"]
    assert query.count(AuditFilter(entity="members", entity_id=5)) == 1
    # member_events rows are never the entry's own record, but the entries list them.
    assert query.count(AuditFilter(entity="member_events")) == 10 + 2
    assert query.count(AuditFilter(entity="member_events", entity_id=4)) == 2  # both fills
    assert query.count(AuditFilter(entity="member_events", entity_id=10)) == 1
    march = AuditFilter(since="2026-03-01", until="2026-03-31")
    assert {e.at[:7] for e in query.page(march, None, 100)} == {"2026-03"}
    assert query.count(march) == 3 + 1
    assert query.count(AuditFilter(since="2026-03-03", until="2026-03-03")) == 2
