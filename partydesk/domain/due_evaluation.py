"""Due-list items of an open evaluation cycle: each step's deadline while work is missing.

Per organisation, one item for its next step: the self-review forms still missing, due at the
members' deadline, then the proposals still missing, due at the chi bộ meeting deadline. The
office's own decisions are one item at the decision deadline. An item disappears once its step
is complete, so a finished cycle gives nothing; a closed cycle is not asked for.
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
    title = f"Đánh giá, xếp loại năm {cycle.year}"
    items: list[DueItem] = []
    undecided_members = 0
    undecided_orgs = 0
    for row in counts:
        link = RecordLink(LinkTarget.EVALUATION, cycle.id, organisation_id=row.organisation_id)
        missing_self = row.evaluated - row.self_done
        if cycle.member_deadline and missing_self > 0:
            items.append(
                DueItem(
                    f"evaluation:{cycle.id}:self:{row.organisation_id}",
                    DueKind.EVALUATION,
                    cycle.member_deadline,
                    "Nộp bản tự kiểm điểm, tự đánh giá",
                    row.name,
                    link,
                    f"{missing_self}/{row.evaluated} đảng viên chưa tự đánh giá.",
                )
            )
        missing_proposal = row.evaluated - row.proposed
        if cycle.cell_deadline and missing_proposal > 0 and missing_self <= 0:
            items.append(
                DueItem(
                    f"evaluation:{cycle.id}:proposal:{row.organisation_id}",
                    DueKind.EVALUATION,
                    cycle.cell_deadline,
                    "Họp kiểm điểm, đề xuất mức xếp loại",
                    row.name,
                    link,
                    f"{missing_proposal}/{row.evaluated} đảng viên chưa có đề xuất.",
                )
            )
        undecided_members += row.evaluated - row.decided
        undecided_orgs += 0 if row.org_decided else 1
    if cycle.decision_deadline and (undecided_members or undecided_orgs):
        items.append(
            DueItem(
                f"evaluation:{cycle.id}:decision",
                DueKind.EVALUATION,
                cycle.decision_deadline,
                "Quyết định công nhận kết quả xếp loại",
                title,
                RecordLink(LinkTarget.EVALUATION, cycle.id),
                f"Còn {undecided_orgs} tổ chức đảng và {undecided_members} đảng viên chưa có"
                " quyết định.",
            )
        )
    return items

