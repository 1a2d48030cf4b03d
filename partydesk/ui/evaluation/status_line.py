"""The status line under the evaluation page: the whole cycle's progress and its deadlines."""

from __future__ import annotations

from collections.abc import Mapping

from partydesk.domain.dates import format_vn_date
from partydesk.domain.evaluation import Cycle
from partydesk.domain.numbers import grouped
from partydesk.store.evaluation import OrgProgress
from partydesk.ui.evaluation.values import days_left_text

_PAST = "#b00020"


def status_text(cycle: Cycle, progress: Mapping[int, OrgProgress], today: object) -> str:
    """Rich text: "Cả kỳ: 2.950/3.010 đảng viên được đánh giá · tự đánh giá 1.200 · …" and each
    deadline with the days left, in red once passed (while the cycle is open)."""
    total = sum(p.total for p in progress.values())
    evaluated = sum(p.evaluated for p in progress.values())
    steps = (
        ("tự đánh giá", sum(p.self_done for p in progress.values())),
        ("đề xuất", sum(p.proposed for p in progress.values())),
        ("quyết định", sum(p.decided for p in progress.values())),
    )
    parts = [f"<b>Cả kỳ:</b> {grouped(evaluated)}/{grouped(total)} đảng viên được đánh giá"]
    parts += [f"{label} {grouped(done)}/{grouped(evaluated)}" for label, done in steps]
    line = " · ".join(parts)
    deadlines = []
    for label, deadline in (
        ("Nộp bản kiểm điểm", cycle.member_deadline),
        ("Chi bộ họp", cycle.cell_deadline),
        ("Cấp ủy quyết định", cycle.decision_deadline),
    ):
        if deadline is None:
            continue
        text = f"{label} {format_vn_date(deadline)}"
        if not cycle.is_closed:
            left, past = days_left_text(deadline, today)
            text += f" ({left})"
            if past:
                text = f"<span style='color:{_PAST}'>{text}</span>"
        deadlines.append(text)
    if deadlines:
        line += "<br><b>Hạn:</b> " + " · ".join(deadlines)
    return line
