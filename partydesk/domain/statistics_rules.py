"""Rules around the indicators: which target applies in a year, valid targets and thresholds,
and a member's standing on a past day (the SQL of ``roll`` mirrors it)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from partydesk.domain.errors import ValidationError
from partydesk.domain.member import Member, Standing
from partydesk.domain.statistics import INDICATOR_BY_KEY, Key, Target, Unit
from partydesk.domain.text import clean_text

MIN_YEAR, MAX_YEAR = 2000, 2100


def choose_targets(targets: Iterable[Target], year: int) -> dict[Key, Target]:
    """One target per indicator for ``year``: the nearest deadline not before it, else the
    latest one (a target whose deadline passed still shows how far it was reached)."""
    chosen: dict[Key, Target] = {}
    for target in sorted(targets, key=lambda t: t.deadline_year):
        current = chosen.get(target.indicator)
        if current is None or current.deadline_year < year:
            chosen[target.indicator] = target
    return chosen


def validate_target(target: Target) -> Target:
    """The target cleaned, or ``ValidationError`` naming the field."""
    indicator = INDICATOR_BY_KEY.get(target.indicator)
    if indicator is None:
        raise ValidationError("indicator", "Chỉ số: hãy chọn một chỉ số trong danh sách.")
    if not math.isfinite(target.value) or target.value <= 0:
        raise ValidationError("value", "Giá trị chỉ tiêu: phải là một số lớn hơn 0.")
    if indicator.unit is Unit.PERCENT and target.value > 100:
        raise ValidationError("value", "Giá trị chỉ tiêu: tỷ lệ không được quá 100 %.")
    if indicator.unit is Unit.COUNT and target.value != int(target.value):
        raise ValidationError("value", "Giá trị chỉ tiêu: số lượng phải là số nguyên.")
    if not MIN_YEAR <= target.deadline_year <= MAX_YEAR:
        raise ValidationError(
            "deadline_year", f"Năm hoàn thành: phải từ {MIN_YEAR} đến {MAX_YEAR}."
        )
    return replace(
        target,
        source=clean_text(target.source, field="source", label="Nguồn (văn bản đề ra)"),
        notes=clean_text(target.notes, field="notes", label="Ghi chú"),
    )


def validate_large_workforce(value: int) -> int:
    if not 1 <= value <= 1_000_000:
        raise ValidationError(
            "large_workforce", "Ngưỡng doanh nghiệp lớn: số lao động phải từ 1 đến 1.000.000."
        )
    return value


def standing_on(member: Member, on: date) -> Standing:
    """Official on ``on`` when recognised by then; a record without the date keeps its
    standing (imported long-standing members)."""
    if member.official_date is not None:
        return Standing.OFFICIAL if member.official_date <= on else Standing.PROBATIONARY
    return member.standing
