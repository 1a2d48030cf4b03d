"""Rows of the evaluation tables ↔ the domain's evaluation records.

Each record has a column tuple in the tables' order and two explicit converters, because a
cycle of a province office holds 100,000 member rows: a generic field-by-field loop would cost
seconds where these cost a fraction of one.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from partydesk.domain.evaluation import (
    Cycle,
    Discipline,
    Exclusion,
    Level,
    MemberEvaluation,
    MemberForm,
    OrgEvaluation,
)
from partydesk.store.convert import iso, to_date

CYCLE_COLUMNS = (
    "id",
    "year",
    "rule_set_code",
    "reference_date",
    "opened_on",
    "guidance",
    "member_deadline",
    "cell_deadline",
    "decision_deadline",
    "closed_on",
    "notes",
)

# The key columns first, then the mutable ones in the order ``member_values`` gives them.
MEMBER_KEY = ("cycle_id", "member_id")
MEMBER_MUTABLE = (
    "organisation_id",
    "base_organisation_id",
    "form",
    "full_name",
    "exclusion",
    "exclusion_note",
    "probationary",
    "is_leader",
    "discipline",
    "discipline_note",
    "self_score",
    "self_level",
    "self_on",
    "remarks",
    "temp_remarks",
    "proposed_level",
    "vote_base",
    "votes_for",
    "decided_level",
    "decided_score",
    "notes",
)
MEMBER_COLUMNS = MEMBER_KEY + MEMBER_MUTABLE

ORG_KEY = ("cycle_id", "organisation_id")
ORG_MUTABLE = (
    "kind",
    "name",
    "parent_id",
    "enterprise_type",
    "self_score",
    "self_level",
    "report_on",
    "leadership_disciplined",
    "proposed_level",
    "decided_level",
    "decided_score",
    "decision_number",
    "decision_date",
    "notes",
)
ORG_COLUMNS = ORG_KEY + ORG_MUTABLE

# Dictionary look-ups instead of Enum(value) calls: ``None`` maps to None on the way.
_LEVELS: dict[Any, Level] = {level.value: level for level in Level}
_EXCLUSIONS: dict[Any, Exclusion] = {e.value: e for e in Exclusion}
_DISCIPLINES: dict[Any, Discipline] = {d.value: d for d in Discipline}
_FORMS: dict[Any, MemberForm] = {f.value: f for f in MemberForm}


def _value(member: Level | Exclusion | Discipline | None) -> str | None:
    return member.value if member is not None else None


def level(value: str | None) -> Level | None:
    return _LEVELS.get(value)


def cycle_from_row(r: tuple[Any, ...]) -> Cycle:
    """A cycle from the ``CYCLE_COLUMNS`` of one row."""
    return Cycle(
        id=r[0],
        year=r[1],
        rule_set_code=r[2],
        reference_date=date.fromisoformat(r[3]),
        opened_on=date.fromisoformat(r[4]),
        guidance=r[5],
        member_deadline=to_date(r[6]),
        cell_deadline=to_date(r[7]),
        decision_deadline=to_date(r[8]),
        closed_on=to_date(r[9]),
        notes=r[10],
    )


def member_values(row: MemberEvaluation) -> tuple[Any, ...]:
    """The ``MEMBER_MUTABLE`` values of a row, in that order."""
    return (
        row.organisation_id,
        row.base_organisation_id,
        row.form.value,
        row.full_name,
        _value(row.exclusion),
        row.exclusion_note,
        int(row.probationary),
        int(row.is_leader),
        _value(row.discipline),
        row.discipline_note,
        row.self_score,
        _value(row.self_level),
        iso(row.self_on),
        row.remarks,
        row.temp_remarks,
        _value(row.proposed_level),
        row.vote_base,
        row.votes_for,
        _value(row.decided_level),
        row.decided_score,
        row.notes,
    )


def member_from_row(r: tuple[Any, ...]) -> MemberEvaluation:
    """A member row from the ``MEMBER_COLUMNS`` of one row."""
    return MemberEvaluation(
        cycle_id=r[0],
        member_id=r[1],
        organisation_id=r[2],
        base_organisation_id=r[3],
        form=_FORMS[r[4]],
        full_name=r[5],
        exclusion=_EXCLUSIONS.get(r[6]),
        exclusion_note=r[7],
        probationary=bool(r[8]),
        is_leader=bool(r[9]),
        discipline=_DISCIPLINES.get(r[10]),
        discipline_note=r[11],
        self_score=r[12],
        self_level=_LEVELS.get(r[13]),
        self_on=to_date(r[14]),
        remarks=r[15],
        temp_remarks=r[16],
        proposed_level=_LEVELS.get(r[17]),
        vote_base=r[18],
        votes_for=r[19],
        decided_level=_LEVELS.get(r[20]),
        decided_score=r[21],
        notes=r[22],
    )


def org_values(row: OrgEvaluation) -> tuple[Any, ...]:
    """The ``ORG_MUTABLE`` values of a row, in that order."""
    return (
        row.kind,
        row.name,
        row.parent_id,
        row.enterprise_type,
        row.self_score,
        _value(row.self_level),
        iso(row.report_on),
        int(row.leadership_disciplined),
        _value(row.proposed_level),
        _value(row.decided_level),
        row.decided_score,
        row.decision_number,
        iso(row.decision_date),
        row.notes,
    )


def org_from_row(r: tuple[Any, ...]) -> OrgEvaluation:
    """An organisation row from the ``ORG_COLUMNS`` of one row."""
    return OrgEvaluation(
        cycle_id=r[0],
        organisation_id=r[1],
        kind=r[2],
        name=r[3],
        parent_id=r[4],
        enterprise_type=r[5],
        self_score=r[6],
        self_level=_LEVELS.get(r[7]),
        report_on=to_date(r[8]),
        leadership_disciplined=bool(r[9]),
        proposed_level=_LEVELS.get(r[10]),
        decided_level=_LEVELS.get(r[11]),
        decided_score=r[12],
        decision_number=r[13],
        decision_date=to_date(r[14]),
        notes=r[15],
    )


def column_list(columns: tuple[str, ...], alias: str) -> str:
    """``a.col, …``: the column list every read of an evaluation table uses."""
    return ", ".join(f"{alias}.{c}" for c in columns)
