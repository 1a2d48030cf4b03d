"""BriefingRepository on a real database: round trips, ids that survive, carry-over, rows."""

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest

from partydesk.domain.briefing import (
    Attendance,
    Briefing,
    BriefingIssue,
    Half,
    Invitee,
    IssueKind,
    IssueStatus,
    Sitting,
)
from partydesk.domain.enterprise import Enterprise, EnterpriseType
from partydesk.domain.organisation import (
    Cadre,
    Organisation,
    OrgEndReason,
    OrgEnterpriseLink,
    OrgKind,
)
from partydesk.services.app import AppServices
from partydesk.store.errors import DuplicateError


def seed_organisations(services: AppServices) -> dict[str, int]:
    """Four base organisations invited by default, plus a section cell and an ended one."""
    register = services.register
    ward_a = register.save_enterprise(
        Enterprise(name="Công ty An Phát", type=EnterpriseType.PRIVATE, ward="Phường Bắc")
    )
    ward_b = register.save_enterprise(
        Enterprise(name="Công ty Bình Minh", type=EnterpriseType.PRIVATE, ward="Phường Nam")
    )

    def org(name, kind=OrgKind.CELL_BASE, **values):
        return register.save_organisation(Organisation(name=name, kind=kind, **values))

    ids = {
        "an": org(
            "Chi bộ Công ty An Phát",
            cluster="Cụm 2",
            enterprises=(OrgEnterpriseLink(ward_a, True),),
        ),
        "binh": org(
            "Chi bộ Công ty Bình Minh",
            cluster="Cụm 1",
            enterprises=(OrgEnterpriseLink(ward_b, True),),
        ),
        "cuong": org("Chi bộ Công ty Cường Thịnh", cluster="Cụm 1"),
        "dang_bo": org("Đảng bộ Tổng công ty Đông Á", OrgKind.PARTY_COMMITTEE_BASE),
    }
    ids["section"] = org(
        "Chi bộ Phân xưởng 1", OrgKind.CELL_UNDER_COMMITTEE, parent_id=ids["dang_bo"]
    )
    ids["ended"] = org(
        "Chi bộ Công ty Đã Giải Thể",
        founded_on=date(2010, 1, 1),
        ended_on=date(2025, 6, 30),
        end_reason=OrgEndReason.DISSOLVED,
        end_decision="Quyết định số 12-QĐ/ĐU",
    )
    cadre = register.save_cadre(Cadre("Lê Văn Bảo", title="Đảng ủy viên"))
    register.assign_cadre(ids["an"], cadre, date(2025, 1, 1))
    register.assign_cadre(ids["cuong"], cadre, date(2025, 1, 1))
    return ids


def round_with_issue(ids, year=2026, half=Half.FIRST, on=date(2026, 7, 9)) -> Briefing:
    return Briefing(
        year=year,
        half=half,
        place="Hội trường Đảng ủy phường",
        agenda=("Khai mạc", "Thảo luận"),
        reports_due_on=date(2026, 7, 2),
        sittings=(Sitting(on, label="Cụm 1"), Sitting(date(2026, 7, 10), label="Cụm 2")),
        invitees=(
            Invitee(ids["binh"], 0, "Trần Văn Bình", "Bí thư", Attendance.PRESENT),
            Invitee(ids["an"], 1, attendance=Attendance.ABSENT, absence_reason="Đi công tác"),
        ),
        issues=(
            BriefingIssue(ids["binh"], IssueKind.PROPOSAL, "Xin hỗ trợ phòng sinh hoạt"),
            BriefingIssue(ids["an"], IssueKind.DIFFICULTY, "Thiếu đảng viên trẻ"),
        ),
    )


@pytest.fixture(autouse=True)
def named_writes(services: AppServices) -> Iterator[None]:
    """Repositories are written below the services: strict audit needs the writes named."""
    with services.store.audit.labelled("Kiểm thử kho dữ liệu"):
        yield


@pytest.fixture
def ids(services):
    return seed_organisations(services)


def test_round_trip_keeps_order_names_and_sitting_of_each_invitee(services, ids):
    repo = services.store.briefings
    saved = repo.save(round_with_issue(ids))
    again = repo.get(saved.id)
    assert again == saved
    assert [s.label for s in again.sittings] == ["Cụm 1", "Cụm 2"]
    assert [(v.organisation_name, v.sitting_index) for v in again.invitees] == [
        ("Chi bộ Công ty Bình Minh", 0),
        ("Chi bộ Công ty An Phát", 1),
    ]
    assert again.agenda == ("Khai mạc", "Thảo luận")
    assert [i.raised_at for i in again.issues] == ["6 tháng đầu năm 2026"] * 2


def test_issue_ids_survive_a_resave_and_removed_issues_go(services, ids):
    repo = services.store.briefings
    saved = repo.save(round_with_issue(ids))
    first, second = saved.issues
    answered = replace(first, answer="Đã bố trí phòng", status=IssueStatus.ANSWERED)
    resaved = repo.save(replace(saved, issues=(answered,)))
    assert [(i.id, i.status) for i in resaved.issues] == [(first.id, IssueStatus.ANSWERED)]
    assert services.store.conn.execute(
        "SELECT count(*) FROM briefing_issues WHERE id = ?", [second.id]
    ).fetchone() == (0,)


def test_second_round_for_the_same_half_is_refused(services, ids):
    repo = services.store.briefings
    repo.save(round_with_issue(ids))
    with pytest.raises(DuplicateError, match="đã có hội nghị giao ban 6 tháng đầu năm 2026"):
        repo.save(round_with_issue(ids, on=date(2026, 8, 1)))


def test_default_candidates_are_active_organisations_without_parent(services, ids):
    found = services.store.briefings.candidates(date(2026, 11, 21))
    assert [c.organisation_id for c in found] == [
        ids["an"],
        ids["binh"],
        ids["cuong"],
        ids["dang_bo"],
    ]
    an = found[0]
    assert (an.cluster, an.ward, an.cadre) == ("Cụm 2", "Phường Bắc", "Lê Văn Bảo")


def test_open_issues_carry_over_to_the_next_round_of_the_same_organisation(services, ids):
    repo = services.store.briefings
    earlier = repo.save(round_with_issue(ids))
    resolved = replace(earlier.issues[1], status=IssueStatus.RESOLVED, resolved_on=date(2026, 8, 1))
    repo.save_issue(resolved)
    later = repo.save(
        Briefing(
            2026,
            Half.SECOND,
            sittings=(Sitting(date(2026, 12, 10)),),
            invitees=(Invitee(ids["binh"]), Invitee(ids["an"])),
        )
    )
    carried = repo.carried_issues(later)
    assert [(i.id, i.raised_at) for i in carried] == [
        (earlier.issues[0].id, "6 tháng đầu năm 2026")
    ]
    # The earlier round does not see issues of later rounds.
    assert repo.carried_issues(earlier) == []
    assert [i.id for i in repo.open_issues(ids["binh"])] == [earlier.issues[0].id]
    assert repo.open_issues(ids["an"]) == []


def test_rows_count_attendance_reports_and_open_issues(services, ids):
    repo = services.store.briefings
    b = round_with_issue(ids)
    on_time = replace(b.invitees[0], report_received_on=date(2026, 7, 2))
    late = replace(b.invitees[1], report_received_on=date(2026, 7, 3))
    saved = repo.save(replace(b, invitees=(on_time, late)))
    (row,) = repo.rows()
    assert (row.id, row.year, row.half) == (saved.id, 2026, Half.FIRST)
    assert (row.first_day, row.last_day) == (date(2026, 7, 9), date(2026, 7, 10))
    assert (row.invited, row.present, row.reports_on_time, row.open_issues) == (2, 1, 1, 2)


def test_latest_next_after_and_delete(services, ids):
    repo = services.store.briefings
    first = repo.save(round_with_issue(ids))
    second = repo.save(Briefing(2026, Half.SECOND, sittings=(Sitting(date(2026, 12, 10)),)))
    assert repo.latest().id == second.id
    assert repo.next_after(date(2026, 7, 10)).id == first.id
    assert repo.next_after(date(2026, 7, 11)).id == second.id
    assert repo.next_after(date(2026, 12, 11)) is None
    repo.delete(first.id)
    assert [r.id for r in repo.rows()] == [second.id]
    assert services.store.conn.execute("SELECT count(*) FROM briefing_issues").fetchone() == (0,)


def test_numbered_documents_counts_register_lines_of_the_round(services, ids):
    repo = services.store.briefings
    saved = repo.save(round_with_issue(ids))
    assert repo.numbered_documents(saved.id) == 0
    services.store.db["outgoing_documents"].insert(
        {
            "issuer_key": "office",
            "issuer_name": "Đảng ủy phường",
            "issuer_abbreviation": "ĐU",
            "term_key": "none",
            "kind": "GM",
            "number": 1,
            "issued_on": "2026-07-01",
            "summary": "Giấy mời",
            "source": f"briefing:{saved.id}:GM:org:{ids['an']}",
        }
    )
    assert repo.numbered_documents(saved.id) == 1
    assert repo.numbered_documents(saved.id + 1) == 0
