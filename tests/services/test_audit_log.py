"""The audit log as the services use it (reliability T13): every mutating service call leaves
exactly one audit row naming its record, in the same transaction as the change; the log's
reader, checks, anchors outside the file, acknowledgement and repair; the Excel export."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from partydesk.domain.accounts import AccessDenied, Actor, Role
from partydesk.domain.audit import AuditFilter, ChangeOp, RecordChange
from partydesk.domain.enterprise import Enterprise, EnterpriseType
from partydesk.domain.evaluation import Level
from partydesk.domain.holidays import HolidayKind, HolidayRow
from partydesk.domain.meeting import AgendaItem, Presence
from partydesk.domain.outgoing import NumberRequest
from partydesk.paths import DataPaths
from partydesk.services.app import AppServices
from partydesk.services.audit_log import (
    ACKNOWLEDGE_ACTION,
    ANCHORS_FILE,
    VERIFY_ACTION,
    Anchor,
    AuditLogService,
    check_at_open,
    read_anchor,
    remember_at_close,
    reset_anchor,
    write_anchor,
)
from partydesk.store import audit as audit_store
from partydesk.store.audit import UNNAMED_ACTION, chain_head
from partydesk.store.capture import capture_problems
from partydesk.store.migrate import AUDIT_VERSION, LATEST_VERSION
from partydesk.store.store import COUNTED_TABLES, Store, open_store
from tests.common import TODAY, WARD_OFFICE
from tests.services.evaluation_office import (
    CELL,
    COLLEAGUE,
    ORDINARY,
    EvaluationOffice,
    build_office,
)
from tests.store.test_briefings import round_with_issue, seed_organisations

# A new file's log starts with one entry per schema upgrade since the audit log existed.
UPGRADES = LATEST_VERSION - AUDIT_VERSION + 1

ADMIN = Actor("hung.nv", "Nguyễn Văn Hùng", Role.ADMIN, 1)
CLERK = Actor("lan.nt", "Nguyễn Thị Lan", Role.CLERK, 2)


@pytest.fixture
def paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data").ensure()


@pytest.fixture
def log(services: AppServices, paths: DataPaths) -> AuditLogService:
    return AuditLogService(services.store, paths)


def head(services: AppServices) -> int:
    return chain_head(services.store.conn)[0]


def business_rows(store: Store) -> dict[str, list[tuple]]:
    tables = [
        r[0]
        for r in store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT IN ('audit_log', 'change_capture') AND sql NOT LIKE 'CREATE VIRTUAL%'"
        )
    ]
    return {t: sorted(store.conn.execute(f'SELECT * FROM "{t}"'), key=repr) for t in tables}


# --- T13: every mutating call, one audit row, in its transaction -----------------------------

Prepared = tuple[Callable[[], object], str, int | None]


def _save_enterprise(s: AppServices, _o: EvaluationOffice) -> Prepared:
    return (
        lambda: s.register.save_enterprise(
            Enterprise(name="Công ty Cổ phần Hồng Hà", type=EnterpriseType.PRIVATE)
        ),
        "enterprises",
        None,
    )


def _end_enterprise(s: AppServices, _o: EvaluationOffice) -> Prepared:
    eid = s.register.save_enterprise(Enterprise(name="Công ty Cũ", type=EnterpriseType.PRIVATE))
    return lambda: s.register.end_enterprise(eid, TODAY), "enterprises", eid


def _save_member(s: AppServices, o: EvaluationOffice) -> Prepared:
    member_id = o.members[ORDINARY]
    member = s.register.member(member_id)
    return (
        lambda: s.register.save_member(replace(member, phone="0912 345 678")),
        "members",
        member_id,
    )


def _save_organisation(s: AppServices, o: EvaluationOffice) -> Prepared:
    org = s.register.organisation(o.cell)
    return (
        lambda: s.register.save_organisation(replace(org, address="Số 9 phố Huế")),
        "organisations",
        o.cell,
    )


def _meeting(s: AppServices, o: EvaluationOffice):  # noqa: ANN202 - a Meeting
    meeting = s.meetings.new_meeting(o.cell, date(2026, 11, 5))
    present = [e for e in meeting.roll if e.presence is Presence.PRESENT]
    return replace(
        meeting,
        starts=time(14, 0),
        ends=time(16, 0),
        secretary_member_id=present[-1].member_id,
        agenda=(AgendaItem("Thông tin thời sự", "", "Tình hình tháng 10", (), "Nhất trí"),),
        minutes_read_at=time(15, 50),
    )


def _save_meeting(s: AppServices, o: EvaluationOffice) -> Prepared:
    meeting = _meeting(s, o)
    return lambda: s.meetings.save(meeting), "meetings", None


def _approve_meeting(s: AppServices, o: EvaluationOffice) -> Prepared:
    meeting_id = s.meetings.save(_meeting(s, o))
    meeting = s.meetings.meeting(meeting_id)
    return (
        lambda: s.meetings.approve(meeting, override_reason="Chi bộ đã thống nhất"),
        "meetings",
        meeting_id,
    )


def _save_briefing(s: AppServices, _o: EvaluationOffice) -> Prepared:
    ids = seed_organisations(s)
    return lambda: s.briefings.save(round_with_issue(ids)), "briefings", None


def _take_number(s: AppServices, _o: EvaluationOffice) -> Prepared:
    request = NumberRequest(
        s.outgoing.office_issuer(), "TB", TODAY, "Thông báo lịch sinh hoạt", "tay:1", "Hùng"
    )
    return lambda: s.outgoing.take_number(request), "outgoing_documents", None


def _cancel_number(s: AppServices, _o: EvaluationOffice) -> Prepared:
    line = s.outgoing.take_number(
        NumberRequest(s.outgoing.office_issuer(), "TB", TODAY, "Thông báo", "tay:2", "Hùng")
    )
    return (
        lambda: s.outgoing.cancel(line.id, "In nhầm người ký"),
        "outgoing_documents",
        line.id,
    )


def _open_cycle(s: AppServices, o: EvaluationOffice) -> Prepared:
    return lambda: o.open(2025), "evaluation_cycles", None


def _save_evaluations(s: AppServices, o: EvaluationOffice) -> Prepared:
    cycle = o.open(2025)
    row = o.row(cycle, ORDINARY)
    changed = replace(row, self_level=Level.GOOD)
    return (
        lambda: s.evaluation.save_members(cycle.id, [changed]),
        "member_evaluations",
        None,
    )


def _close_cycle(s: AppServices, o: EvaluationOffice) -> Prepared:
    cycle = o.open(2025)
    o.decide_everything(cycle)
    return lambda: s.evaluation.close_cycle(cycle.id), "evaluation_cycles", cycle.id


def _holidays(s: AppServices, _o: EvaluationOffice) -> Prepared:
    rows = list(s.holidays.year_table(2027).rows) + [
        HolidayRow(date(2027, 2, 15), HolidayKind.DAY_OFF, "Nghỉ bù Tết")
    ]
    return lambda: s.holidays.save_year(2027, rows), "holiday_years", 2027


def _settings(s: AppServices, _o: EvaluationOffice) -> Prepared:
    return (
        lambda: s.office.save(replace(WARD_OFFICE, signer_name="Phạm Đình Thịnh")),
        "settings",
        None,
    )


def _due_mark(s: AppServices, _o: EvaluationOffice) -> Prepared:
    key = s.due.due_list().open[0].key
    return lambda: s.due.mark_done(key, "Đã xử lý ngày 20/11"), "due_marks", None


@dataclass(frozen=True)
class Call:
    name: str
    prepare: Callable[[AppServices, EvaluationOffice], Prepared]


CALLS = [
    Call("register.save_enterprise", _save_enterprise),
    Call("register.end_enterprise", _end_enterprise),
    Call("register.save_member", _save_member),
    Call("register.save_organisation", _save_organisation),
    Call("meetings.save", _save_meeting),
    Call("meetings.approve", _approve_meeting),
    Call("briefings.save", _save_briefing),
    Call("outgoing.take_number", _take_number),
    Call("outgoing.cancel", _cancel_number),
    Call("evaluation.open_cycle", _open_cycle),
    Call("evaluation.save_members", _save_evaluations),
    Call("evaluation.close_cycle", _close_cycle),
    Call("holidays.save_year", _holidays),
    Call("office.save", _settings),
    Call("due.mark_done", _due_mark),
]


@pytest.mark.parametrize("call", CALLS, ids=[c.name for c in CALLS])
def test_a_mutating_call_leaves_exactly_one_named_row_naming_its_record(
    services: AppServices, log: AuditLogService, call: Call
) -> None:
    office = build_office(services)
    action, table, record_id = call.prepare(services, office)
    before = head(services)
    result = action()
    new = log.page(AuditFilter(), None, 10)
    new = [e for e in new if e.seq > before]
    assert len(new) == 1, [e.action for e in new]
    (entry,) = new
    assert entry.action != UNNAMED_ACTION
    if record_id is None and isinstance(result, int):
        record_id = result
    if record_id is None and hasattr(result, "id"):
        record_id = result.id
    named = {(entry.entity, entry.entity_id)} | {(c.table, c.row_id) for c in entry.changes}
    if record_id is not None:
        assert (table, record_id) in named
    else:
        assert table in {t for t, _ in named}
    assert log.verify().intact


@pytest.mark.parametrize("call", CALLS, ids=[c.name for c in CALLS])
def test_when_the_audit_row_cannot_be_written_the_change_is_undone(
    services: AppServices, monkeypatch, call: Call
) -> None:
    office = build_office(services)
    action, _table, _record_id = call.prepare(services, office)
    data = business_rows(services.store)
    before = head(services)

    def refuse(*_args, **_kwargs) -> int:
        raise OSError("the log could not be written")

    monkeypatch.setattr(audit_store, "append_entry", refuse)
    with pytest.raises(OSError, match="could not be written"):
        action()
    monkeypatch.undo()
    assert head(services) == before
    assert business_rows(services.store) == data
    assert not services.store.conn.in_transaction


def test_a_failure_after_the_change_inside_the_call_leaves_neither(
    services: AppServices, monkeypatch
) -> None:
    office = build_office(services)
    member_id = office.members[ORDINARY]
    member = services.register.member(member_id)
    before = head(services)
    members = services.store.members
    save = members.save

    def save_then_fail(record):  # noqa: ANN001, ANN202
        save(record)
        raise RuntimeError("after the write")

    monkeypatch.setattr(members, "save", save_then_fail)
    with pytest.raises(RuntimeError):
        services.register.save_member(replace(member, phone="0999 999 999"))
    assert services.register.member(member_id).phone == member.phone
    assert head(services) == before


def test_a_password_never_reaches_the_log(services: AppServices, log: AuditLogService) -> None:
    from argon2 import PasswordHasher

    from partydesk.services.accounts import AccountService

    accounts = AccountService(
        services.store, hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    )
    password = "Mật-khẩu-bí-mật-2026"
    admin = accounts.create_first_admin("quantri", "Quản trị viên", password)
    accounts.change_password(password, password + "!")
    accounts.reset_password(admin.id, "Khác-hẳn-2026", must_change=False)
    stored = services.store.conn.execute(
        "SELECT pw_hash FROM users WHERE id = ?", [admin.id]
    ).fetchone()[0]
    rows = services.store.conn.execute("SELECT summary, diff_json FROM audit_log").fetchall()
    text = json.dumps(rows, ensure_ascii=False)
    for secret in (password, "Khác-hẳn-2026", stored, stored[-20:]):
        assert secret not in text
    changes = [
        c for e in log.page(AuditFilter(), None, 50) for c in e.changes if c.table == "users"
    ]
    shown = {c.fields.get("pw_hash") for c in changes}
    assert shown <= {(None, "***"), ("***", "*** (mới)")} and shown


# --- reading -------------------------------------------------------------------------------


def test_only_administrators_read_the_log_and_reading_works_read_only(
    services: AppServices, log: AuditLogService
) -> None:
    services.store.actor = CLERK
    assert not log.may_view()
    assert "Quản trị" in log.who_may_view() and "Nguyễn Thị Lan" in log.who_may_view()
    for read in (
        lambda: log.entries(AuditFilter(), 0, 10),
        lambda: log.count(AuditFilter()),
        log.logins,
        log.tables,
        log.verify,
    ):
        with pytest.raises(AccessDenied):
            read()
    services.store.actor = ADMIN
    services.store.read_only = True
    assert log.count(AuditFilter()) == UPGRADES  # the schema upgrades
    before = head(services)
    assert log.verify().intact
    assert head(services) == before  # nothing written on a file open read-only
    with pytest.raises(AccessDenied):
        log.acknowledge_external_changes()


def test_entries_are_worded_for_the_clerk(services: AppServices, log: AuditLogService) -> None:
    office = build_office(services)
    services.store.actor = CLERK
    member = services.register.member(office.members[ORDINARY])
    services.register.save_member(replace(member, phone="0912345678", notes="Dòng 1\nDòng 2"))
    services.store.actor = ADMIN
    (entry,) = log.page(AuditFilter(user_login="lan.nt"), None, 1)
    assert log.record_text(entry) == f"Đảng viên số {member.id}"
    assert log.summary_text(entry) == f"{ORDINARY} — Đảng viên: sửa 1"
    assert entry.summary == f"{ORDINARY} — members: sửa 1"
    (change,) = entry.changes
    assert log.describe(change) == (
        f"Sửa đảng viên số {member.id}: phone: (trống) → 0912345678; "
        "notes: (trống) → Dòng 1 ⏎ Dòng 2"
    )
    assert log.describe(RecordChange("settings", 4, ChangeOp.INSERT, {"key": (None, "a")})) == (
        "Thêm cài đặt: key = a"  # a settings row's id is SQLite's, not the record's
    )
    assert log.count(AuditFilter(text="nguyen thi lan")) == 1
    assert log.count(AuditFilter(text="dang vien", user_login="lan.nt")) >= 1
    assert ("lan.nt", "Nguyễn Thị Lan") in log.logins()
    assert "members" in log.tables()
    assert log.count(AuditFilter(entity="members", entity_id=member.id)) >= 2
    # The organisation the office builder created is named in its entries.
    cell = next(e for e in log.page(AuditFilter(text=CELL), None, 5))
    assert cell.entity == "organisations"


# --- checking, anchors, acknowledging --------------------------------------------------------


def test_verify_records_the_check(services: AppServices, log: AuditLogService) -> None:
    services.store.actor = ADMIN
    report = log.verify()
    assert report.intact and report.checked == UPGRADES
    (entry,) = log.page(AuditFilter(), None, 1)
    assert entry.action == VERIFY_ACTION and entry.user_login == "hung.nv"
    assert entry.summary.startswith(f"Nhật ký nguyên vẹn: {UPGRADES} dòng")


def test_anchor_is_remembered_at_close_and_checked_at_open(
    services: AppServices, paths: DataPaths
) -> None:
    store = services.store
    build_office(services)
    remember_at_close(store, paths)
    seq, row_hash = chain_head(store.conn)
    anchor = read_anchor(paths, store.path)
    assert (anchor.seq, anchor.hash) == (seq, row_hash)
    data = json.loads((paths.root / ANCHORS_FILE).read_text(encoding="utf-8"))
    assert list(data) == [str(store.path.resolve())]
    assert check_at_open(store, paths).intact


def test_a_truncated_tail_is_reported_at_open_and_the_anchor_stays(
    services: AppServices, paths: DataPaths, tmp_path: Path
) -> None:
    store = services.store
    build_office(services)
    remember_at_close(store, paths)
    remembered = read_anchor(paths, store.path)
    path = store.path
    store.close()
    raw = sqlite3.connect(path)
    raw.execute("DROP TRIGGER audit_log_no_delete")
    raw.execute("DELETE FROM audit_log WHERE seq > 3")
    raw.execute(
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN "
        "SELECT RAISE(ABORT, 'audit_log is append-only'); END"
    )
    raw.commit()
    raw.close()
    reopened = open_store(path, paths.backups)
    try:
        report = check_at_open(reopened, paths)
        assert report.missing_tail and report.chain_intact is False
        assert report.capture_problems == ()
        assert any("ngắn hơn lần đóng trước" in line for line in report.describe())
        remember_at_close(reopened, paths)  # must not bless the shortened chain
        assert read_anchor(paths, path) == remembered
        # An administrator acknowledges: the anchor moves, the next open is quiet.
        reopened.actor = ADMIN
        log = AuditLogService(reopened, paths)
        assert log.acknowledge_external_changes() == 0
        (entry,) = log.page(AuditFilter(), None, 1)
        assert entry.action == ACKNOWLEDGE_ACTION and "ngắn hơn" in entry.summary
        assert check_at_open(reopened, paths).intact
    finally:
        reopened.close()


def test_a_restored_file_is_anchored_afresh(services: AppServices, paths: DataPaths) -> None:
    store = services.store
    build_office(services)
    remember_at_close(store, paths)
    write_anchor(paths, store.path, Anchor(seq=10_000, hash="f" * 64))  # a longer, other log
    assert check_at_open(store, paths).missing_tail
    reset_anchor(store, paths)
    assert read_anchor(paths, store.path).head == chain_head(store.conn)
    assert check_at_open(store, paths).intact


def test_outside_writes_are_acknowledged_into_one_row(
    services: AppServices, log: AuditLogService, paths: DataPaths
) -> None:
    store = services.store
    office = build_office(services)
    member_id = office.members[ORDINARY]
    raw = sqlite3.connect(store.path)
    raw.execute("UPDATE members SET phone = '0999 000 111' WHERE id = ?", [member_id])
    raw.execute("DROP TRIGGER audit_log_no_update")
    raw.execute("UPDATE audit_log SET summary = 'sửa tay' WHERE seq = 3")
    raw.commit()
    raw.close()
    report = check_at_open(store, paths)
    assert report.external_changes == 1 and report.external_tables == (("members", 1),)
    assert report.broken_seqs == (3,)
    assert "Đảng viên: 1" in " ".join(report.describe())

    services.store.actor = CLERK
    with pytest.raises(AccessDenied):
        log.acknowledge_external_changes()
    # A clerk's save goes on; it does not swallow the outside write.
    colleague = services.register.member(office.members[COLLEAGUE])
    services.register.save_member(replace(colleague, notes="Ghi chú"))
    services.store.actor = ADMIN
    assert log.verify().external_changes == 1

    assert log.acknowledge_external_changes() == 1
    (entry,) = log.page(AuditFilter(), None, 1)
    assert entry.action == ACKNOWLEDGE_ACTION and entry.user_login == "hung.nv"
    assert [(c.table, c.row_id, c.fields["phone"][1]) for c in entry.changes] == [
        ("members", member_id, "0999 000 111")
    ]
    assert "dòng số 3" in entry.summary
    after = check_at_open(store, paths)
    assert after.external_changes == 0 and after.broken_seqs == ()  # acknowledged
    full = log.verify()
    assert full.broken_seqs == (3,)  # the log page's check still shows everything
    phone = store.conn.execute("SELECT phone FROM members WHERE id = ?", [member_id]).fetchone()
    assert phone == ("0999 000 111",)  # nothing undone


def test_altered_triggers_are_reinstalled_only_by_the_administrators_action(
    services: AppServices, log: AuditLogService
) -> None:
    conn = services.store.conn
    conn.execute("DROP TRIGGER capture_members_u")
    conn.execute("DROP TRIGGER audit_log_no_delete")
    problems = log.verify().capture_problems
    assert len(problems) == 2
    services.store.actor = CLERK
    with pytest.raises(AccessDenied):
        log.repair_capture()
    services.store.actor = ADMIN
    assert log.repair_capture() == 2
    assert capture_problems(conn) == []
    (entry,) = log.page(AuditFilter(), None, 1)
    assert entry.action == "Cài lại theo dõi thay đổi"
    assert "capture_members_u" in entry.summary and "audit_log_no_delete" in entry.summary
    assert log.repair_capture() == 0  # nothing left to repair, nothing logged
    assert log.page(AuditFilter(), None, 1)[0].seq == entry.seq


# --- export --------------------------------------------------------------------------------


def test_export_writes_the_filtered_entries_as_text_never_formulas(
    services: AppServices, log: AuditLogService, tmp_path: Path
) -> None:
    office = build_office(services)
    services.store.actor = CLERK
    member = services.register.member(office.members[ORDINARY])
    services.register.save_member(replace(member, notes='=HYPERLINK("http://x","y")'))
    services.register.save_member(replace(member, notes="@SUM(1+1)"))
    services.store.actor = ADMIN
    target = tmp_path / "nhat-ky.xlsx"
    steps: list[tuple[int, int]] = []
    count = log.export_xlsx(
        AuditFilter(user_login="lan.nt", entity="members", entity_id=member.id),
        target,
        lambda done, total, _text: steps.append((done, total)),
    )
    assert count == 2  # the clerk's two edits (the builder acted as the Windows user)
    assert steps[-1] == (2, 2)
    sheet = load_workbook(target).active
    assert [c.value for c in sheet[1]][:3] == ["Số", "Thời gian", "Người thực hiện"]
    assert sheet["A1"].font.b and sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:H3"
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row]
    assert all(c.data_type != "f" for c in cells)
    details = [sheet.cell(row, 8).value for row in (2, 3)]
    assert details[0].endswith('=HYPERLINK("http://x","y") → @SUM(1+1)')
    assert sheet.cell(2, 1).data_type == "n"
    assert sheet.cell(2, 2).is_date
    # The export itself is in the log.
    (entry,) = log.page(AuditFilter(), None, 1)
    assert entry.action == "Xuất dữ liệu ra tệp" and str(target) in entry.summary
    assert not target.with_name(target.name + ".partial").exists()


def test_export_cancelled_leaves_no_file(
    services: AppServices, log: AuditLogService, tmp_path: Path
) -> None:
    import threading

    from partydesk.services.progress import Cancelled

    build_office(services)
    cancel = threading.Event()
    cancel.set()
    target = tmp_path / "huy.xlsx"
    with pytest.raises(Cancelled):
        log.export_xlsx(AuditFilter(), target, cancel=cancel)
    assert not target.exists() and list(tmp_path.glob("huy.xlsx*")) == []


def test_counted_tables_are_known_to_the_log() -> None:
    from partydesk.store.audit_query import AUDIT_TABLE_LABELS

    assert set(COUNTED_TABLES) <= set(AUDIT_TABLE_LABELS)
