"""Due-list items of an evaluation cycle: each organisation's next step, the office's decisions,
nothing for a closed or finished cycle."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from partydesk.domain.due import DueKind, LinkTarget, RecordLink
from partydesk.domain.due_evaluation import StepCounts, evaluation_items
from partydesk.domain.evaluation import Cycle

CYCLE = Cycle(
    year=2025,
    rule_set_code="QD366",
    reference_date=date(2025, 12, 31),
    opened_on=date(2025, 11, 10),
    id=7,
    member_deadline=date(2025, 12, 5),
    cell_deadline=date(2025, 12, 20),
    decision_deadline=date(2026, 1, 31),
)

SELF_MISSING = StepCounts(1, "Chi bộ An Phát", 3, 1, 0, 0, False)
PROPOSALS_MISSING = StepCounts(2, "Chi bộ Bình Minh", 2, 2, 1, 0, False)
FINISHED = StepCounts(3, "Chi bộ Cát Tường", 2, 2, 2, 2, True)
NOBODY_EVALUATED = StepCounts(4, "Chi bộ Đông Á", 0, 0, 0, 0, False)


def test_one_item_per_step_for_the_whole_office():
    items = evaluation_items(CYCLE, [SELF_MISSING, PROPOSALS_MISSING, FINISHED, NOBODY_EVALUATED])
    by_key = {item.key: item for item in items}
    assert list(by_key) == ["evaluation:7:self", "evaluation:7:proposal", "evaluation:7:decision"]
    self_item = by_key["evaluation:7:self"]
    assert (self_item.kind, self_item.on, self_item.subject) == (
        DueKind.EVALUATION,
        date(2025, 12, 5),
        "1 tổ chức đảng",
    )
    assert self_item.title == "Nộp bản tự kiểm điểm, tự đánh giá năm 2025"
    assert self_item.detail == "2/7 đảng viên chưa tự đánh giá: Chi bộ An Phát."
    assert self_item.link == RecordLink(LinkTarget.EVALUATION, 7, organisation_id=1)
    proposal = by_key["evaluation:7:proposal"]
    assert proposal.on == date(2025, 12, 20)
    assert proposal.subject == "2 tổ chức đảng"
    # An Phát: 3 without a proposal; Bình Minh: 1.
    assert proposal.detail == ("4/7 đảng viên chưa có đề xuất: Chi bộ An Phát, Chi bộ Bình Minh.")
    assert proposal.link.organisation_id == 1
    decision = by_key["evaluation:7:decision"]
    assert decision.on == date(2026, 1, 31)
    assert decision.subject == "Đánh giá, xếp loại năm 2025"
    assert decision.link == RecordLink(LinkTarget.EVALUATION, 7)
    # Undecided: An Phát, Bình Minh and Đông Á; members 3 + 2.
    assert decision.detail == "Còn 3 tổ chức đảng và 5 đảng viên chưa có quyết định."


def test_a_long_list_of_organisations_names_the_first_three():
    rows = [replace(SELF_MISSING, organisation_id=n, name=f"Chi bộ {n}") for n in range(1, 6)]
    (item, *_rest) = evaluation_items(CYCLE, rows)
    assert item.subject == "5 tổ chức đảng"
    assert item.detail.endswith(": Chi bộ 1, Chi bộ 2, Chi bộ 3 và 2 tổ chức khác.")


def test_nothing_for_a_closed_finished_or_unsaved_cycle():
    assert evaluation_items(replace(CYCLE, closed_on=date(2026, 2, 1)), [SELF_MISSING]) == []
    assert evaluation_items(CYCLE, [FINISHED]) == []
    assert evaluation_items(replace(CYCLE, id=None), [SELF_MISSING]) == []
    assert evaluation_items(None, [SELF_MISSING]) == []


def test_a_step_without_a_deadline_gives_no_item():
    undated = replace(CYCLE, member_deadline=None, decision_deadline=None)
    (item,) = evaluation_items(undated, [SELF_MISSING, FINISHED])
    assert item.key == "evaluation:7:proposal"
    assert evaluation_items(replace(undated, cell_deadline=None), [SELF_MISSING]) == []
