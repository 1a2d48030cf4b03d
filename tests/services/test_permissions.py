"""Every service write is named and permitted (reliability §3.1, §3.3; T13, T14).

- Each method carrying ``@audited`` in the register, meetings, briefings, outgoing, holidays,
  office, due, evaluation and document services needs exactly the permission of the table
  below, and the table names no method that lost its decorator.
- An account that only views (Role.VIEWER) is refused a representative write of every service
  with ``AccessDenied``, and nothing changes: not the records, not the audit log.
- A clerk is refused the office's settings.
- A file open only to look at (``Store.read_only``) refuses writes but prints.
- One call, one audit row named after the action.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from partydesk.domain.accounts import AccessDenied, Actor, Permission, Role
from partydesk.domain.compliance import ComplianceSettings
from partydesk.domain.enterprise import Enterprise, EnterpriseType
from partydesk.domain.holidays import HolidayKind, HolidayRow
from partydesk.domain.meeting import Meeting
from partydesk.domain.member import Member
from partydesk.domain.organisation import Organisation, OrgKind
from partydesk.domain.outgoing import NumberRequest, OfficeTerm
from partydesk.services import (
    attention,
    briefing_documents,
    briefings,
    document_files,
    documents,
    due,
    evaluation,
    evaluation_documents,
    evaluation_papers,
    evaluation_roster,
    evaluation_rule_sets,
    holidays,
    meetings,
    office,
    outgoing,
    register,
)
from partydesk.services.app import AppServices
from tests.common import TODAY, WARD_OFFICE, dump_tables

E, S, P = Permission.EDIT, Permission.SETTINGS, Permission.PRINT

EXPECTED: dict[str, Permission] = {
    # register
    "RegisterService.save_enterprise": E,
    "RegisterService.end_enterprise": E,
    "RegisterService.save_organisation": E,
    "RegisterService.end_organisation": E,
    "RegisterService.save_term": E,
    "RegisterService.save_cadre": E,
    "RegisterService.assign_cadre": E,
    "RegisterService.save_member": E,
    "RegisterService.record_event": E,
    # the office's own settings
    "OfficeService.save": S,
    "HolidayService.save_year": S,
    "HolidayService.reset_year": S,
    "OutgoingService.save_office_term": S,
    "OutgoingService.delete_office_term": S,
    "MeetingService.save_compliance_settings": S,
    "RuleSetBook.adjust": S,
    # meetings
    "MeetingService.save": E,
    "MeetingService.approve": E,
    "MeetingService.add_addendum": E,
    "MeetingService.delete": E,
    "MeetingService.set_task_done": E,
    # briefings
    "BriefingService.set_rule": E,
    "BriefingService.save": E,
    "BriefingService.save_issue": E,
    "BriefingService.delete": E,
    # the outgoing register: a number is taken by printing
    "OutgoingService.take_number": P,
    "OutgoingService.cancel": E,
    "EvaluationDocumentService._decision_number": P,
    # the due list
    "DueService.mark_done": E,
    "DueService.snooze": E,
    "DueService.unmark": E,
    # evaluation
    "EvaluationService.open_cycle": E,
    "EvaluationService.sync_roster": E,
    "EvaluationService.update_cycle": E,
    "EvaluationService.close_cycle": E,
    "EvaluationService.reopen_cycle": E,
    "EvaluationService.delete_cycle": E,
    "EvaluationService.save_members": E,
    "EvaluationService.save_organisation": E,
    "EvaluationService.set_override": E,
    "EvaluationService.clear_override": E,
    "EvaluationService.save_ballot": E,
    "EvaluationService.apply_tally": E,
}

SERVICE_MODULES = (
    attention,
    briefing_documents,
    briefings,
    document_files,
    documents,
    due,
    evaluation,
    evaluation_documents,
    evaluation_papers,
    evaluation_roster,
    evaluation_rule_sets,
    holidays,
    meetings,
    office,
    outgoing,
    register,
)


def decorated_methods() -> dict[str, Callable]:
    """``Class.method`` → function, for every ``@audited`` method of the service classes."""
    found = {}
    for module in SERVICE_MODULES:
        for class_name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__:
                continue
            for name, function in vars(cls).items():
                if hasattr(function, "audited_action"):
                    found[f"{class_name}.{name}"] = function
    return found


def test_every_audited_method_needs_the_expected_permission() -> None:
    found = decorated_methods()
    assert set(found) == set(EXPECTED)
    wrong = {
        name: function.audited_permission
        for name, function in found.items()
        if function.audited_permission is not EXPECTED[name]
    }
    assert wrong == {}


def test_every_action_name_is_vietnamese_and_distinct() -> None:
    actions = [function.audited_action for function in decorated_methods().values()]
    assert len(set(actions)) == len(actions)
    for action in actions:
        assert action[:1].isupper() and len(action.split()) >= 2
        assert any(ord(c) > 127 for c in action)  # Vietnamese, not an English identifier


# --- an office to write to -----------------------------------------------------------------


@pytest.fixture
def office(services: AppServices) -> AppServices:
    services.office.save(replace(WARD_OFFICE, abbreviation="ĐU", signer_name="Phạm Văn Ký"))
    cell_id = services.register.save_organisation(
        Organisation(name="Chi bộ Công ty Minh Phát", kind=OrgKind.CELL_BASE)
    )
    services.register.save_member(
        Member(full_name="Nguyễn Văn An", organisation_id=cell_id, birth_date=date(1980, 1, 2))
    )
    return services


def cell_of(services: AppServices) -> int:
    return services.register.organisation_choices()[0][0]


def snapshot(services: AppServices) -> tuple:
    """Every business row and the audit log, to prove a refused call changed nothing."""
    store = services.store
    path = Path(store.path)
    tables = [
        r[0]
        for r in store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE '%_fts%'"
        )
    ]
    return tuple(sorted(dump_tables(path, tables).items()))


def number_request(services: AppServices, source: str = "test:1") -> NumberRequest:
    return NumberRequest(services.outgoing.office_issuer(), "GM", TODAY, "Mời họp", source)


WRITES: dict[str, Callable[[AppServices], object]] = {
    "register": lambda s: s.register.save_enterprise(
        Enterprise(name="Công ty Bình An", type=EnterpriseType.PRIVATE)
    ),
    "office": lambda s: s.office.save(replace(WARD_OFFICE, locality="Hà Đông")),
    "meetings": lambda s: s.meetings.save(s.meetings.new_meeting(cell_of(s), TODAY)),
    "meeting draft": lambda s: s.meetings.save_draft(s.meetings.new_meeting(cell_of(s), TODAY)),
    "compliance settings": lambda s: s.meetings.save_compliance_settings(
        ComplianceSettings(thematic_each_quarter=False, cadre_each_quarter=True)
    ),
    "briefings": lambda s: s.briefings.set_rule(s.briefings.rule()),
    "holidays": lambda s: s.holidays.save_year(
        2027, [HolidayRow(date(2027, 9, 2), HolidayKind.DAY_OFF, "Quốc khánh")]
    ),
    "outgoing": lambda s: s.outgoing.save_office_term(
        OfficeTerm("Nhiệm kỳ 2025–2030", date(2025, 10, 1))
    ),
    "due": lambda s: s.due.mark_done("test:item", "Đã gọi điện nhắc chi bộ."),
    "evaluation": lambda s: s.evaluation.open_cycle(s.evaluation.propose_cycle(2025)),
    "rule sets": lambda s: s.evaluation.rule_sets.adjust(
        replace(s.evaluation.rule_sets.all()[-1], notes="Theo hướng dẫn mới"), "HD 99"
    ),
}


@pytest.mark.parametrize("name", list(WRITES))
def test_a_viewer_is_refused_every_write_and_nothing_changes(
    office: AppServices, name: str
) -> None:
    before = snapshot(office)
    office.store.actor = Actor("v", "V", Role.VIEWER)
    with pytest.raises(AccessDenied) as refused:
        WRITES[name](office)
    assert "V (Chỉ xem)" in str(refused.value) and "Không có gì bị thay đổi" in str(refused.value)
    assert snapshot(office) == before


@pytest.mark.parametrize(
    "name", ["office", "compliance settings", "holidays", "outgoing", "rule sets"]
)
def test_a_clerk_is_refused_the_office_settings(office: AppServices, name: str) -> None:
    before = snapshot(office)
    office.store.actor = Actor("c", "C", Role.CLERK)
    with pytest.raises(AccessDenied):
        WRITES[name](office)
    assert snapshot(office) == before


@pytest.mark.parametrize("name", ["register", "meetings", "briefings", "due", "evaluation"])
def test_a_clerk_may_edit(office: AppServices, name: str) -> None:
    office.store.actor = Actor("c", "C", Role.CLERK)
    WRITES[name](office)


def audit_actions(services: AppServices) -> list[str]:
    rows = services.store.conn.execute("SELECT action FROM audit_log ORDER BY seq")
    return [r[0] for r in rows]


ACTIONS = {
    "register": "Lưu doanh nghiệp",
    "office": "Sửa thông tin cấp ủy",
    "meetings": "Lưu biên bản sinh hoạt chi bộ",
    "compliance settings": "Sửa yêu cầu sinh hoạt chi bộ hằng quý",
    "holidays": "Sửa bảng ngày nghỉ lễ",
    "outgoing": "Lưu nhiệm kỳ của cấp ủy",
    "due": "Đánh dấu việc đã xử lý",
    "rule sets": "Điều chỉnh bộ quy tắc đánh giá, xếp loại",
}


@pytest.mark.parametrize("name", list(ACTIONS))
def test_one_call_writes_one_audit_row_named_after_its_action(
    office: AppServices, name: str
) -> None:
    before = audit_actions(office)
    WRITES[name](office)
    assert audit_actions(office) == [*before, ACTIONS[name]]


def test_a_nested_call_is_logged_once_under_the_outer_name(office: AppServices) -> None:
    enterprise_id = WRITES["register"](office)
    before = audit_actions(office)
    office.register.end_enterprise(enterprise_id, TODAY)  # saves the enterprise inside
    assert audit_actions(office) == [*before, "Ghi doanh nghiệp giải thể"]


def test_a_refused_save_leaves_no_audit_row(office: AppServices) -> None:
    before = snapshot(office)
    with pytest.raises(Exception, match="Tên doanh nghiệp"):
        office.register.save_enterprise(Enterprise(name="", type=EnterpriseType.PRIVATE))
    assert snapshot(office) == before


def test_the_long_evaluation_calls_commit_only_their_write_under_their_name(
    office: AppServices,
) -> None:
    before = audit_actions(office)
    cycle = office.evaluation.open_cycle(office.evaluation.propose_cycle(2025))
    office.evaluation.sync_roster(cycle.id)  # nothing new: no row
    assert audit_actions(office) == [*before, "Mở kỳ đánh giá, xếp loại"]


# --- printing: a viewer prints, the export is logged; a read-only file prints -------------


def export_events(services: AppServices) -> list[str]:
    rows = services.store.conn.execute(
        "SELECT summary FROM audit_log WHERE action = 'Xuất dữ liệu ra tệp' ORDER BY seq"
    )
    return [r[0] for r in rows]


def test_a_viewer_prints_a_member_list_and_the_export_is_logged(
    office: AppServices, tmp_path: Path
) -> None:
    office.store.actor = Actor("v", "V", Role.VIEWER)
    target = tmp_path / "danh-sach.pdf"
    office.documents.write_member_list(cell_of(office), target)
    assert target.read_bytes().startswith(b"%PDF")
    (event,) = export_events(office)
    assert "Danh sách đảng viên Chi bộ Công ty Minh Phát" in event
    assert str(target) in event and "(1 dòng)" in event
    user = office.store.conn.execute("SELECT user_login FROM audit_log ORDER BY seq DESC")
    assert user.fetchone()[0] == "v"


def test_a_viewer_takes_the_number_of_the_document_printed(office: AppServices) -> None:
    office.store.actor = Actor("v", "V", Role.VIEWER)
    line = office.outgoing.take_number(number_request(office))
    assert line.number_text.startswith("Số 01-GM/")
    assert audit_actions(office)[-1] == "Lấy số văn bản đi"


def test_a_read_only_file_refuses_writes_and_prints(office: AppServices, tmp_path: Path) -> None:
    numbered = office.outgoing.take_number(number_request(office, "test:reprint"))
    before = snapshot(office)
    office.store.read_only = True
    for name in ("register", "meetings", "due", "meeting draft"):
        with pytest.raises(AccessDenied, match="chỉ để xem"):
            WRITES[name](office)
    with pytest.raises(AccessDenied, match="không lấy được số mới"):
        office.outgoing.take_number(number_request(office, "test:new"))
    assert office.outgoing.take_number(number_request(office, "test:reprint")) == numbered
    target = tmp_path / "danh-sach.pdf"
    office.documents.write_member_list(cell_of(office), target)
    assert target.read_bytes().startswith(b"%PDF")
    assert snapshot(office) == before  # the export went to the program's log, not the file


def test_a_viewer_opening_a_meeting_leaves_the_editors_draft(office: AppServices) -> None:
    meeting = office.meetings.new_meeting(cell_of(office), TODAY)
    office.meetings.save_draft(meeting)
    office.store.actor = Actor("v", "V", Role.VIEWER)
    office.meetings.discard_draft(None, cell_of(office))
    assert office.meetings.draft(None, cell_of(office)) is not None


def test_an_unsaved_meeting_is_a_meeting(office: AppServices) -> None:
    # The representative meeting write saves a real meeting (guards WRITES["meetings"]).
    WRITES["meetings"](office)
    assert isinstance(office.meetings.meeting(1), Meeting)
