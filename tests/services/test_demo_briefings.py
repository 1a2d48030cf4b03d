"""The sample office's briefing rounds and the outgoing register lines their documents took."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from partydesk.domain.briefing import Attendance, IssueStatus, SplitBy
from partydesk.domain.briefing_rules import report_on_time, validate_briefing
from partydesk.services.app import AppServices, build_services
from partydesk.services.demo import create_demo_database
from partydesk.store.store import open_store
from tests.common import TODAY, dump_tables

BRIEFING_TABLES = (
    "briefings",
    "briefing_sittings",
    "briefing_invitees",
    "briefing_issues",
    "outgoing_documents",
    "office_terms",
)
DUMPED_TABLES = (*BRIEFING_TABLES, "organisations")


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServices]:
    path = tmp_path_factory.mktemp("demo") / "tiny.sqlite"
    create_demo_database(path, "_tiny", today=TODAY)
    store = open_store(path, path.parent / "backups")
    yield build_services(store, today=lambda: TODAY)
    store.close()


def rounds(services: AppServices):
    return [services.briefings.get(row.id) for row in services.briefings.rows()]


def test_three_held_rounds_and_one_planned(services: AppServices) -> None:
    briefings = sorted(rounds(services), key=lambda b: b.first_day)
    assert [b.held for b in briefings] == [True, True, True, False]
    assert [(b.year, b.half.value) for b in briefings] == [
        (2025, "1"),
        (2025, "2"),
        (2026, "1"),
        (2026, "2"),
    ]
    *held, planned = briefings
    assert all(b.last_day < TODAY for b in held)
    assert planned.first_day > TODAY
    assert all(v.attendance is Attendance.UNRECORDED for v in planned.invitees)
    assert all(validate_briefing(b) == b for b in briefings)
    next_round = services.briefings.next_round()
    assert next_round is not None and next_round.briefing_id == planned.id


def test_later_rounds_are_split_by_cluster(services: AppServices) -> None:
    briefings = sorted(rounds(services), key=lambda b: b.first_day)
    assert briefings[0].split_by is SplitBy.NONE and len(briefings[0].sittings) == 1
    for briefing in briefings[1:]:
        assert briefing.split_by is SplitBy.CLUSTER
        labels = [s.label for s in briefing.sittings]
        assert len(labels) >= 3 and set(labels) <= {"Cụm 1", "Cụm 2", "Cụm 3", "Cụm 4"}
        days = [s.on for s in briefing.sittings]
        assert days == sorted(set(days))
        assert all(services.holidays.calendar.is_working_day(d) for d in days)


def test_attendance_has_absences_with_reasons_and_late_or_missing_reports(
    services: AppServices,
) -> None:
    held = [b for b in rounds(services) if b.held]
    invitees = [(b, v) for b in held for v in b.invitees]
    absent = [v for _, v in invitees if v.attendance is Attendance.ABSENT]
    assert absent and all(v.absence_reason for v in absent)
    present = [v for _, v in invitees if v.attendance is Attendance.PRESENT]
    assert len(present) > 5 * len(absent)
    assert all(v.attendee_name and v.attendee_position for v in present)
    on_time = Counter(report_on_time(v, b.reports_due_on) for b, v in invitees)
    assert on_time[True] > on_time[False] > 0
    assert on_time[None] > 0  # missing


def test_issues_in_every_status_and_open_ones_carry_over(services: AppServices) -> None:
    held = [b for b in rounds(services) if b.held]
    issues = [i for b in held for i in b.issues]
    assert {i.status for i in issues} == set(IssueStatus)
    assert all(i.resolved_on for i in issues if i.status is IssueStatus.RESOLVED)
    assert all(i.answer for i in issues if i.status is IssueStatus.ANSWERED)
    assert all(not i.answer for i in issues if i.status is IssueStatus.NEW)
    planned = next(b for b in rounds(services) if not b.held)
    carried = services.briefings.carried_issues(planned)
    assert carried and all(i.status.is_open for i in carried)
    assert {i.briefing_id for i in carried} - {held[-1].id}  # some from before the last round


def test_register_lines_of_the_held_rounds(services: AppServices) -> None:
    conn = services.store.conn
    lines = conn.execute(
        "SELECT kind, number, source, cancelled_on, cancel_reason, term_label"
        " FROM outgoing_documents ORDER BY id"
    ).fetchall()
    held = [b for b in rounds(services) if b.held]
    sittings = sum(len(b.sittings) for b in held)
    kinds = Counter(kind for kind, *_ in lines)
    assert kinds == {"GM": sittings + 1, "BB": len(held), "TB": len(held)}
    for kind in kinds:  # numbers run 1, 2, 3… per kind, none given twice
        assert [n for k, n, *_ in lines if k == kind] == list(range(1, kinds[kind] + 1))
    cancelled = [line for line in lines if line[3]]
    assert len(cancelled) == 1
    _, number, source, _, reason, _ = cancelled[0]
    assert reason
    reissued = services.outgoing.by_source(source)
    assert reissued is not None and reissued.number == number + 1
    assert {line[5] for line in lines} == {"Nhiệm kỳ 2025–2030"}
    for briefing in held:
        for sitting in briefing.sittings:
            assert services.outgoing.by_source(f"briefing:{briefing.id}:GM:sitting:{sitting.id}")
        assert services.outgoing.by_source(f"briefing:{briefing.id}:BB")
        assert services.outgoing.by_source(f"briefing:{briefing.id}:TB")
    assert [t.label for t in services.outgoing.office_terms()] == ["Nhiệm kỳ 2025–2030"]


def test_top_level_organisations_are_in_clusters(services: AppServices) -> None:
    clusters = Counter(
        r[0]
        for r in services.store.conn.execute(
            "SELECT cluster FROM organisations WHERE parent_id IS NULL"
        )
    )
    assert set(clusters) == {"Cụm 1", "Cụm 2", "Cụm 3", "Cụm 4"}
    # The planned round has every cluster, of about the same size.
    planned = next(b for b in rounds(services) if not b.held)
    sizes = Counter(v.sitting_index for v in planned.invitees)
    assert len(sizes) == 4 and max(sizes.values()) - min(sizes.values()) <= 1
    assert services.store.conn.execute(
        "SELECT count(*) FROM organisations WHERE parent_id IS NOT NULL AND cluster <> ''"
    ).fetchone() == (0,)


def test_same_seed_gives_the_same_rounds_and_register(tmp_path: Path) -> None:
    first, second = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    create_demo_database(first, "_tiny", seed=11, today=TODAY)
    create_demo_database(second, "_tiny", seed=11, today=TODAY)
    one, other = (dump_tables(path, DUMPED_TABLES) for path in (first, second))
    assert one == other
    assert one["briefing_issues"]
