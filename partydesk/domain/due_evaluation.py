"""Due-list items of an open evaluation cycle: each step's deadline while work is missing.

One item per step for the whole office, not one per organisation (a ward has a hundred chi bộ;
the evaluation page lists them): the self-review forms still missing, due at the members'
deadline; the chi bộ proposals still missing, due at the meeting deadline; the committee's
decisions, due at the decision deadline. An item names the first organisations still behind
and opens the cycle at the first of them. A step's item disappears once it is complete; a
closed cycle gives nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from partydesk.domain.due import DueItem, DueKind, LinkTarget, RecordLink
from partydesk.domain.evaluation import Cycle


@dataclass(frozen=True, slots=True)
class StepCounts:
    """One organisation's members in a cycle: evaluated, and with each stage entered."""

    organisation_id: int
    name: str
    evaluated: int
    self_done: int
    proposed: int
    decided: int
    org_decided: bool


def evaluation_items(cycle: Cycle | None, counts: Iterable[StepCounts]) -> list[DueItem]:
    if cycle is None or cycle.id is None or cycle.is_closed:
        return []
    rows = list(counts)
    steps = (
        (
            "self",
            cycle.member_deadline,
            "Nộp bản tự kiểm điểm, tự đánh giá",
            "chưa tự đánh giá",
            lambda r: r.evaluated - r.self_done,
        ),
        (
            "proposal",
            cycle.cell_deadline,
            "Họp kiểm điểm, đề xuất mức xếp loại",
            "chưa có đề xuất",
            lambda r: r.evaluated - r.proposed,
        ),
    )
    items: list[DueItem] = []
    for key, deadline, title, what, missing in steps:
        behind = [r for r in rows if missing(r) > 0]
        if deadline is None or not behind:
            continue
        members = sum(missing(r) for r in behind)
        items.append(
            DueItem(
                f"evaluation:{cycle.id}:{key}",
                DueKind.EVALUATION,
                deadline,
                f"{title} năm {cycle.year}",
                f"{len(behind)} tổ chức đảng",
                RecordLink(
                    LinkTarget.EVALUATION, cycle.id, organisation_id=behind[0].organisation_id
                ),
                f"{members}/{sum(r.evaluated for r in rows)} đảng viên {what}: {_names(behind)}.",
            )
        )
    undecided_members = sum(r.evaluated - r.decided for r in rows)
    undecided_orgs = sum(1 for r in rows if not r.org_decided)
    if cycle.decision_deadline and (undecided_members or undecided_orgs):
        items.append(
            DueItem(
                f"evaluation:{cycle.id}:decision",
                DueKind.EVALUATION,
                cycle.decision_deadline,
                f"Quyết định công nhận kết quả xếp loại năm {cycle.year}",
                f"Đánh giá, xếp loại năm {cycle.year}",
                RecordLink(LinkTarget.EVALUATION, cycle.id),
                f"Còn {undecided_orgs} tổ chức đảng và {undecided_members} đảng viên chưa có"
                " quyết định.",
            )
        )
    return items


def _names(rows: list[StepCounts], shown: int = 3) -> str:
    names = ", ".join(r.name for r in rows[:shown])
    return f"{names} và {len(rows) - shown} tổ chức khác" if len(rows) > shown else names
