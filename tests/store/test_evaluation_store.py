"""The evaluation repository: cycles and rows round-trip, closed cycles refuse every write,
rule-set changes are logged, counts match the classification sheet's definitions."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path

import pytest

from partydesk.domain.classification import MemberCounts
from partydesk.domain.errors import ValidationError
from partydesk.domain.evaluation import (
    BallotCount,
    Cycle,
    Discipline,
    Exclusion,
    Level,
    MemberEvaluation,
    MemberForm,
    OrgEvaluation,
    Override,
    RuleCode,
    Stage,
    Subject,
)
from partydesk.domain.member import EventKind, Member, MemberEvent, Standing
from partydesk.domain.organisation import CommitteePost, CommitteeRole, Organisation, OrgKind, Term
from partydesk.store.errors import CycleClosed, CycleExists
from partydesk.store.evaluation import EvaluationNotFound
from partydesk.store.store import Store, create_store
from tests.common import dump_tables

EVALUATION_TABLES = (
    "evaluation_cycles",
    "member_evaluations",
    "org_evaluations",
    "evaluation_overrides",
    "evaluation_ballots",
    "evaluation_ballot_votes",
)


@dataclass
class Office:
    store: Store
    base: int  # đảng bộ cơ sở
    cell: int  # its chi bộ trực thuộc
    other: int  # a chi bộ cơ sở
    members: dict[str, int]


@pytest.fixture
def office(tmp_path: Path) -> Office:
    store = create_store(tmp_path / "evaluation.sqlite")
    # Repositories are written below the services: strict audit needs the writes named.
    with store.audit.labelled("Kiểm thử kho dữ liệu"):
        orgs = store.organisations
        base = orgs.save(Organisation("Đảng bộ Công ty Sông Hồng", OrgKind.PARTY_COMMITTEE_BASE))
        cell = orgs.save(
            Organisation("Chi bộ Phân xưởng 1", OrgKind.CELL_UNDER_COMMITTEE, parent_id=base)
        )
        other = orgs.save(Organisation("Chi bộ Công ty An Phát", OrgKind.CELL_BASE))
        people = {
            "Trần Văn Bình": base,
            "Nguyễn Thị An": base,
            "Lê Văn Cường": cell,
            "Phạm Thị Anh": cell,
            "Hoàng Văn Dũng": other,
        }
        members = {
            name: store.members.save(Member(full_name=name, organisation_id=org))
            for name, org in people.items()
        }
        yield Office(store, base, cell, other, members)
    store.close()


def _rows(office: Office) -> list[MemberEvaluation]:
    org_of = {office.base: office.base, office.cell: office.base, office.other: office.other}
    return [
        MemberEvaluation(
            cycle_id=0,
            member_id=member_id,
            organisation_id=office.store.members.get(member_id).organisation_id,
            base_organisation_id=org_of[office.store.members.get(member_id).organisation_id],
            form=MemberForm.OUTSIDE,
            full_name=name,
        )
        for name, member_id in office.members.items()
    ]


def _org_rows(office: Office) -> list[OrgEvaluation]:
    return [
        OrgEvaluation(0, office.base, OrgKind.PARTY_COMMITTEE_BASE.value, "Đảng bộ Sông Hồng"),
        OrgEvaluation(
            0, office.cell, OrgKind.CELL_UNDER_COMMITTEE.value, "Chi bộ PX1", office.base
        ),
        OrgEvaluation(0, office.other, OrgKind.CELL_BASE.value, "Chi bộ An Phát"),
    ]


def _open(office: Office, year: int = 2025) -> Cycle:
    cycle = Cycle(year, "QD366", date(year, 12, 31), date(year + 1, 11, 2))
    return office.store.evaluation.create_cycle(cycle, _rows(office), _org_rows(office))


def _full_member_row(row: MemberEvaluation) -> MemberEvaluation:
    """Every field set to a non-default value, to catch a column read or written wrongly."""
    return replace(
        row,
        form=MemberForm.LEADER,
        full_name="Tên đã đổi",
        exclusion=Exclusion.NEW_MEMBER,
        exclusion_note="Kết nạp 01/10",
        probationary=True,
        is_leader=True,
        discipline=Discipline.WARNING,
        discipline_note="Quyết định 12-QĐ/ĐU",
        self_score=86.5,
        self_level=Level.GOOD,
        self_on=date(2025, 12, 5),
        remarks="Nhận xét chi bộ",
        temp_remarks="Nhận xét nơi SHT",
        proposed_level=Level.COMPLETED,
        vote_base=12,
        votes_for=9,
        decided_level=Level.FAILED,
        decided_score=48.0,
        notes="Ghi chú\ndòng 2",
    )


def test_cycle_and_rows_round_trip_every_field(office: Office) -> None:
    repo = office.store.evaluation
    cycle = replace(
        _open(office),
        guidance="Hướng dẫn 25-HD/ĐU",
        reference_date=date(2025, 12, 15),
        member_deadline=date(2025, 12, 10),
        cell_deadline=date(2025, 12, 20),
        decision_deadline=date(2026, 1, 15),
        notes="Kỳ thử",
    )
    repo.update_cycle(cycle)
    assert repo.cycle(cycle.id) == cycle
    assert repo.cycle_for_year(2025) == cycle and repo.cycle_for_year(2024) is None

    first = repo.member_evaluations(cycle.id)[0]
    changed = _full_member_row(first)
    repo.save_member_evaluations([changed])
    assert repo.member_evaluation(cycle.id, first.member_id) == changed

    org = replace(
        repo.org_evaluation(cycle.id, office.cell),
        self_score=91.0,
        self_level=Level.EXCELLENT,
        report_on=date(2025, 12, 8),
        leadership_disciplined=True,
        proposed_level=Level.GOOD,
        decided_level=Level.GOOD,
        decided_score=88.0,
        decision_number="45-QĐ/ĐU",
        decision_date=date(2026, 1, 10),
        notes="Tổ chức",
        enterprise_type="TU_NHAN",
    )
    repo.save_org_evaluation(org)
    assert repo.org_evaluation(cycle.id, office.cell) == org


def test_rows_are_listed_by_organisation_then_vietnamese_name(office: Office) -> None:
    repo = office.store.evaluation
    cycle = _open(office)
    names = [r.full_name for r in repo.member_evaluations(cycle.id)]
    # Base organisations by name (Chi bộ … before Đảng bộ …); the đảng bộ's own members before
    # its chi bộ's; names by given name: An before Bình, Anh before Cường.
    assert names == [
        "Hoàng Văn Dũng",
        "Nguyễn Thị An",
        "Trần Văn Bình",
        "Phạm Thị Anh",
        "Lê Văn Cường",
    ]
    of_cell = repo.member_evaluations(cycle.id, organisation_id=office.cell)
    assert [r.full_name for r in of_cell] == ["Phạm Thị Anh", "Lê Văn Cường"]
    of_base = repo.member_evaluations(cycle.id, base_organisation_id=office.base)
    assert len(of_base) == 4
    assert [r.name for r in repo.org_evaluations(cycle.id)] == [
        "Chi bộ An Phát",
        "Chi bộ PX1",
        "Đảng bộ Sông Hồng",
    ]


def test_a_second_cycle_for_the_year_is_refused(office: Office) -> None:
    _open(office)
    with pytest.raises(CycleExists) as caught:
        _open(office)
    assert "2025" in str(caught.value) and caught.value.field == "year"
    assert len(office.store.evaluation.cycles()) == 1


def test_missing_rows_raise_key_error(office: Office) -> None:
    repo = office.store.evaluation
    cycle = _open(office)
    with pytest.raises(KeyError):
        repo.cycle(999)
    with pytest.raises(EvaluationNotFound, match="Không tìm thấy"):
        repo.member_evaluation(cycle.id, 999)
    ghost = replace(repo.member_evaluations(cycle.id)[0], member_id=999, notes="x")
    with pytest.raises(KeyError):
        repo.save_member_evaluations([ghost])


def test_add_rows_keeps_existing_rows(office: Office) -> None:
    repo = office.store.evaluation
    cycle = _open(office)
    kept = replace(repo.member_evaluations(cycle.id)[0], self_level=Level.GOOD)
    repo.save_member_evaluations([kept])
    newcomer = office.store.members.save(Member("Võ Thị Em", organisation_id=office.other))
    fresh = MemberEvaluation(0, newcomer, office.other, office.other, MemberForm.STAFF, "Võ Thị Em")
    repo.add_rows(cycle.id, [*_rows(office), fresh], _org_rows(office))
    assert repo.member_evaluation(cycle.id, kept.member_id) == kept
    assert repo.member_evaluation(cycle.id, newcomer).full_name == "Võ Thị Em"
    assert len(repo.member_evaluations(cycle.id)) == 6


def test_closed_cycle_refuses_every_write_and_changes_nothing(office: Office) -> None:
    repo = office.store.evaluation
    cycle = _open(office)
    repo.set_override(cycle.id, Override(Subject.member(1), RuleCode.SCORE_BAND, "Có lý do"))
    repo.save_ballot(BallotCount(cycle.id, office.other, 5, 5, votes=((1, Level.GOOD, 5),)))
    repo.close_cycle(cycle.id, date(2026, 1, 20), '{"code": "QD366"}')
    before = dump_tables(office.store.path, EVALUATION_TABLES)
    row = repo.member_evaluations(cycle.id)[0]
    newcomer = replace(row, cycle_id=0, form=MemberForm.STAFF)
    writes = [
        lambda: repo.save_member_evaluations([replace(row, notes="đổi")]),
        lambda: repo.save_org_evaluation(replace(repo.org_evaluations(cycle.id)[0], notes="x")),
        lambda: repo.add_rows(cycle.id, [newcomer], []),
        lambda: repo.update_cycle(replace(repo.cycle(cycle.id), notes="đổi")),
        lambda: repo.close_cycle(cycle.id, date(2026, 2, 1), "{}"),
        lambda: repo.set_override(cycle.id, Override(Subject.member(2), RuleCode.QUOTA, "Lý do")),
        lambda: repo.clear_override(cycle.id, Subject.member(1), RuleCode.SCORE_BAND),
        lambda: repo.save_ballot(BallotCount(cycle.id, office.other, 6, 6)),
        lambda: repo.delete_cycle(cycle.id),
    ]
    for write in writes:
        with pytest.raises(CycleClosed, match="năm 2025"):
            write()
    assert dump_tables(office.store.path, EVALUATION_TABLES) == before


def test_the_trigger_refusal_becomes_cycle_closed(office: Office) -> None:
    """Below the repository's own check, the schema refuses a write to a closed cycle."""
    repo = office.store.evaluation
    cycle = _open(office)
    repo.close_cycle(cycle.id, date(2026, 1, 20), "{}")
    with pytest.raises(sqlite3.IntegrityError, match="evaluation cycle is closed"):
        office.store.conn.execute("UPDATE member_evaluations SET notes = 'x'")
    with pytest.raises(CycleClosed), repo._writing():
        office.store.conn.execute("DELETE FROM member_evaluations")
    assert len(repo.member_evaluations(cycle.id)) == 5


def test_reopen_appends_a_dated_note_and_keeps_the_snapshot(office: Office) -> None:
    repo = office.store.evaluation
    cycle = _open(office)
    repo.update_cycle(replace(cycle, notes="Ghi chú cũ"))
    repo.close_cycle(cycle.id, date(2026, 1, 20), '{"code": "QD366"}')
    with pytest.raises(ValidationError):
        repo.reopen_cycle(cycle.id, "  ", date(2026, 2, 3))
    repo.reopen_cycle(cycle.id, "Sửa sai sót xếp loại", date(2026, 2, 3))
    reopened = repo.cycle(cycle.id)
    assert not reopened.is_closed
    assert reopened.notes == "Ghi chú cũ\nMở lại ngày 03/02/2026: Sửa sai sót xếp loại"
    assert repo.rules_snapshot(cycle.id) == '{"code": "QD366"}'
    with pytest.raises(ValidationError):
        repo.reopen_cycle(cycle.id, "Lần nữa", date(2026, 2, 4))
    repo.delete_cycle(cycle.id)
    assert repo.cycles() == [] and repo.member_history(office.members["Nguyễn Thị An"]) == []


def test_rule_set_changes_are_logged_newest_first(office: Office) -> None:
    repo = office.store.evaluation
    assert repo.stored_rule_set("QD366") is None
    repo.save_rule_set("QD366", '{"v": 0}', '{"v": 1}', "Theo Hướng dẫn mới")
    repo.save_rule_set("QD366", '{"v": 1}', '{"v": 2}', "Sửa hạn nộp")
    repo.save_rule_set("QD124", '{"w": 0}', '{"w": 1}', "Khác")
    assert repo.stored_rule_set("QD366") == '{"v": 2}'
    changes = repo.rule_changes("QD366")
    assert [(c.before, c.after, c.reason) for c in changes] == [
        ('{"v": 1}', '{"v": 2}', "Sửa hạn nộp"),
        ('{"v": 0}', '{"v": 1}', "Theo Hướng dẫn mới"),
    ]
    assert len(repo.rule_changes()) == 3
    with pytest.raises(ValidationError) as caught:
        repo.save_rule_set("QD366", '{"v": 2}', '{"v": 3}', " ")
    assert caught.value.field == "reason"
    assert repo.stored_rule_set("QD366") == '{"v": 2}' and len(repo.rule_changes()) == 3


def test_overrides_are_set_replaced_and_cleared(office: Office) -> None:
    repo = office.store.evaluation
    cycle = _open(office)
    repo.set_override(cycle.id, Override(Subject.member(3), RuleCode.DISCIPLINE_CAP, "Lý do 1"))
    repo.set_override(cycle.id, Override(Subject.group("orgs:CHI_BO"), RuleCode.QUOTA, "Tỷ lệ"))
    repo.set_override(cycle.id, Override(Subject.member(3), RuleCode.DISCIPLINE_CAP, "Lý do 2"))
    kept = repo.overrides(cycle.id)
    assert [(o.subject.key, o.rule, o.reason) for o in kept] == [
        ("group:orgs:CHI_BO", RuleCode.QUOTA, "Tỷ lệ"),
        ("member:3", RuleCode.DISCIPLINE_CAP, "Lý do 2"),
    ]
    assert all(o.recorded_at for o in kept)
    repo.clear_override(cycle.id, Subject.member(3), RuleCode.DISCIPLINE_CAP)
    assert [o.subject.key for o in repo.overrides(cycle.id)] == ["group:orgs:CHI_BO"]


def test_ballot_round_trip_replaces_votes(office: Office) -> None:
    repo = office.store.evaluation
    cycle = _open(office)
    an, binh = office.members["Nguyễn Thị An"], office.members["Trần Văn Bình"]
    assert repo.ballot(cycle.id, office.base) is None
    ballot = BallotCount(
        cycle.id,
        office.base,
        issued=10,
        returned=9,
        invalid=1,
        counted_on=date(2025, 12, 18),
        counters="Trần Văn Bình\nNguyễn Thị An",
        votes=((binh, Level.COMPLETED, 8), (an, Level.GOOD, 5), (an, Level.EXCELLENT, 3)),
    )
    repo.save_ballot(ballot)
    # Read back by member id, then level (the order of the ballot's columns).
    ordered = ((binh, Level.COMPLETED, 8), (an, Level.EXCELLENT, 3), (an, Level.GOOD, 5))
    assert binh < an
    assert repo.ballot(cycle.id, office.base) == replace(ballot, votes=ordered)
    second = replace(ballot, issued=11, votes=((binh, Level.GOOD, 8), (an, Level.FAILED, 0)))
    repo.save_ballot(second)
    assert repo.ballot(cycle.id, office.base) == replace(second, votes=((binh, Level.GOOD, 8),))


def _counted_by_hand(rows: list[MemberEvaluation]) -> MemberCounts:
    evaluated = [r for r in rows if r.exclusion is None]
    levels = [r.decided_level for r in evaluated]
    probationary = [r for r in evaluated if r.probationary]
    return MemberCounts(
        members=sum(r.exclusion is not Exclusion.TEMP_GUEST for r in rows),
        exempt=sum(r.exclusion is Exclusion.EXEMPT for r in rows),
        suspended=sum(r.exclusion is Exclusion.SUSPENDED for r in rows),
        new_members=sum(r.exclusion is Exclusion.NEW_MEMBER for r in rows),
        evaluated=len(evaluated),
        excellent=levels.count(Level.EXCELLENT),
        good=levels.count(Level.GOOD),
        completed=levels.count(Level.COMPLETED),
        failed=levels.count(Level.FAILED),
        unclassified=levels.count(None),
        probationary=len(probationary),
        probationary_classified=sum(r.decided_level is not None for r in probationary),
    )


def test_member_counts_and_progress_follow_the_sheet_definitions(office: Office) -> None:
    repo = office.store.evaluation
    cycle = _open(office)
    extra = {}
    for i in range(12):  # more members in the base organisation, covering every case
        name = f"Đảng viên Số {i}"
        extra[name] = office.store.members.save(Member(name, organisation_id=office.cell))
    repo.add_rows(
        cycle.id,
        [
            MemberEvaluation(0, m, office.cell, office.base, MemberForm.STAFF)
            for m in extra.values()
        ],
        [],
    )
    exclusions = [*Exclusion, None, None, None, None]
    levels = [*Level, None]
    updated = [
        replace(
            row,
            exclusion=exclusions[i % len(exclusions)],
            decided_level=levels[i % len(levels)],
            self_level=levels[(i + 1) % len(levels)],
            proposed_level=levels[(i + 2) % len(levels)],
            probationary=i % 3 == 0,
        )
        for i, row in enumerate(repo.member_evaluations(cycle.id))
    ]
    repo.save_member_evaluations(updated)
    counts = repo.member_counts(cycle.id)
    for base in (office.base, office.other):
        mine = [r for r in updated if r.base_organisation_id == base]
        assert counts[base] == _counted_by_hand(mine)
    assert sum(counts.values(), MemberCounts()).members == sum(
        r.exclusion is not Exclusion.TEMP_GUEST for r in updated
    )

    progress = repo.progress_by_org(cycle.id)[office.cell]
    mine = [r for r in updated if r.organisation_id == office.cell and r.is_evaluated]
    assert progress.total == 14 and progress.evaluated == len(mine)
    for stage, done in (
        (Stage.SELF, progress.self_done),
        (Stage.PROPOSED, progress.proposed),
        (Stage.DECIDED, progress.decided),
    ):
        assert done == sum(r.level_at(stage) is not None for r in mine)
        missing = repo.missing(cycle.id, stage, office.base)
        expected = [r for r in updated if r.base_organisation_id == office.base]
        assert {r.member_id for r in missing} == {
            r.member_id for r in expected if r.is_evaluated and r.level_at(stage) is None
        }


def test_history_is_oldest_first(office: Office) -> None:
    repo = office.store.evaluation
    later, earlier = _open(office, 2025), _open(office, 2023)
    member = office.members["Lê Văn Cường"]
    repo.save_member_evaluations(
        [replace(repo.member_evaluation(earlier.id, member), decided_level=Level.GOOD)]
    )
    history = repo.member_history(member)
    assert [(year, row.cycle_id) for year, row in history] == [(2023, earlier.id), (2025, later.id)]
    assert history[0][1].decided_level is Level.GOOD
    assert [y for y, _ in repo.org_history(office.cell)] == [2023, 2025]
    assert [c.year for c in repo.cycles()] == [2025, 2023]


def test_roster_sources_bring_events_and_committee_posts(office: Office) -> None:
    store = office.store
    binh, an = office.members["Trần Văn Bình"], office.members["Nguyễn Thị An"]
    store.members.insert_events(
        [
            MemberEvent(binh, EventKind.ADMITTED, date(2024, 3, 1), "12-QĐ/ĐU"),
            MemberEvent(binh, EventKind.EXEMPTED, date(2025, 6, 1), until=date(2026, 6, 1)),
        ]
    )
    store.organisations.save_term(
        Term(
            office.base,
            "2025–2030",
            date(2025, 5, 1),
            posts=(
                CommitteePost(an, CommitteeRole.SECRETARY),
                CommitteePost(binh, CommitteeRole.COMMITTEE_MEMBER, ends_on=date(2025, 10, 1)),
            ),
        )
    )
    outsider = store.members.save(Member("Không Tổ Chức", standing=Standing.OFFICIAL))
    sources = {s.member.id: s for s in store.evaluation.roster_sources(date(2025, 12, 31))}
    assert outsider not in sources and set(sources) == set(office.members.values())
    assert sources[binh].member == store.members.get(binh)
    assert [e.kind for e in sources[binh].events] == [EventKind.ADMITTED, EventKind.EXEMPTED]
    assert sources[binh].events == tuple(store.members.events(binh))
    assert sources[an].is_committee_member and not sources[binh].is_committee_member
    on_sept = {s.member.id: s for s in store.evaluation.roster_sources(date(2025, 9, 1))}
    assert on_sept[binh].is_committee_member
    assert not any(s.is_committee_member for s in store.evaluation.roster_sources(date(2025, 1, 1)))

    # Read a slice at a time, in id order, the records and their events are the same.
    whole = store.evaluation.roster_sources(date(2025, 12, 31))
    sliced, after = [], 0
    while chunk := store.evaluation.roster_sources(date(2025, 12, 31), after, 2):
        assert len(chunk) <= 2
        sliced += chunk
        after = chunk[-1].member.id
    assert sliced == whole and [s.member.id for s in whole] == sorted(sources)


def test_member_counts_columns_match_the_sheet_object() -> None:
    """The GROUP BY produces MemberCounts positionally: its fields must be the twelve counted."""
    from partydesk.store.evaluation_facts import _COUNT_CONDITIONS

    assert len(_COUNT_CONDITIONS) == len(fields(MemberCounts))
