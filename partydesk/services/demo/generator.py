"""The complete generator and populate_demo, which runs its steps in one transaction."""

from __future__ import annotations

import threading
from datetime import date

from partydesk.domain.accounts import Permission
from partydesk.services.audit import require
from partydesk.services.demo.briefings import BRIEFING_ROUNDS
from partydesk.services.demo.evaluations import _EvaluationGenerator
from partydesk.services.demo.scales import DemoSummary, _scale
from partydesk.services.demo.tracker import _Tracker
from partydesk.services.progress import Progress, check_cancel, no_progress
from partydesk.store.db import transaction
from partydesk.store.store import Store


# The steps are a chain of classes, each adding one part of the office to the one before:
# base → people → enterprises → organisations → member slots → member history → members →
# terms → cadres → meeting plans → meetings → briefings → evaluations.
class _Generator(_EvaluationGenerator):
    """Plans the office from one random stream, then writes it into the store."""


def populate_demo(
    store: Store,
    scale: str = "district",
    seed: int = 2026,
    *,
    today: date,
    progress: Progress = no_progress,
    cancel: threading.Event | None = None,
) -> DemoSummary:
    """Fill an empty store with the sample office of ``scale``; all of it or, on error, nothing.

    Raises ``ValueError`` for an unknown scale or a store that already holds records,
    ``AccessDenied`` when the acting account may not edit, and ``Cancelled`` when ``cancel`` is
    set (checked at every 1 % of the work). The office is planned in memory first, without the
    store; only the writing holds its lock, in one transaction named "Tạo văn phòng mẫu".
    """
    target = _scale(scale)
    require(store, Permission.EDIT)
    with store.lock:
        counts = store.counts()
    if counts["enterprises"] or counts["organisations"] or counts["members"]:
        raise ValueError(
            "Cơ sở dữ liệu đã có dữ liệu; chỉ tạo văn phòng mẫu trong một tệp mới, trống."
        )
    n_ent, n_org, n_mem = target.enterprises, target.organisations, target.members
    # Chi bộ-months of minutes, at most: the period is extended back to the start of a quarter.
    n_months = n_org * (target.meeting_months + 2)
    n_briefing = BRIEFING_ROUNDS * n_org
    n_evaluation = target.evaluation_years * n_org
    total = 2 * n_ent + 4 * n_org + n_mem + n_months + n_briefing + n_evaluation
    tracker = _Tracker(progress, cancel, total)
    generator = _Generator(target, seed, today, tracker)
    tracker.phase("Đang chuẩn bị doanh nghiệp và tổ chức đảng", n_ent + n_org)
    generator.plan_cadres()
    generator.plan_organisations()
    generator.plan_free_enterprises()
    generator.plan_slots()
    generator.plan_owners()
    generator.count_members_working()
    with store.lock, store.audit.labelled("Tạo văn phòng mẫu"), transaction(store.db):
        tracker.phase("Đang tạo doanh nghiệp", n_ent)
        generator.write_enterprises(store)
        tracker.phase("Đang tạo tổ chức đảng", n_org)
        generator.write_organisations(store)
        tracker.phase("Đang tạo đảng viên", n_mem)
        generator.write_members(store)
        tracker.phase("Đang tạo nhiệm kỳ và cấp ủy", n_org)
        generator.write_terms(store)
        tracker.phase("Đang phân công cán bộ phụ trách", n_org)
        generator.write_cadres(store)
        generator.write_settings(store)
        tracker.phase("Đang tạo biên bản sinh hoạt chi bộ", generator.meeting_units())
        generator.write_meetings(store)
        tracker.phase("Đang tạo hội nghị giao ban và sổ văn bản đi", generator.briefing_units())
        generator.write_briefings(store)
        tracker.phase("Đang tạo kỳ đánh giá, xếp loại", generator.evaluation_units())
        generator.write_evaluations(store)
        check_cancel(cancel)
    with store.lock:
        counts = store.counts()
    progress(tracker.total, tracker.total, "Đã tạo xong văn phòng mẫu.")
    return DemoSummary(scale=scale, seed=seed, **counts)
