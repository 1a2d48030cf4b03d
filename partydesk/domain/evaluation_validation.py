"""Save-time checks of evaluation rows: input that can never be right is refused.

These are not rule violations an override could answer (those are in ``evaluation_rules``):
a score of 120, more votes in favour than voters, a level for a member who is not evaluated.
Text is NFC-cleaned on the way in; each refusal names the field and the member or
organisation in Vietnamese.
"""

from __future__ import annotations

import math
from dataclasses import replace
from decimal import Decimal

from partydesk.domain.errors import ValidationError
from partydesk.domain.evaluation import STAGE_LEVEL_FIELD, MemberEvaluation, OrgEvaluation
from partydesk.domain.rule_sets import RuleSet
from partydesk.domain.text import clean_multiline, clean_text

_SCORE_LABELS = {"self_score": "Điểm tự chấm", "decided_score": "Điểm quyết định"}


def _check_score(value: float | None, field: str, who: str, rule_set: RuleSet) -> None:
    if value is None:
        return
    label = _SCORE_LABELS[field]
    if not rule_set.scored:
        raise ValidationError(
            field, f"{who}: {label} không dùng cho năm theo {rule_set.name} (không chấm điểm)."
        )
    exact = Decimal(str(value)) if math.isfinite(value) else None
    if exact is None or not 0 <= exact <= 100:
        raise ValidationError(field, f"{who}: {label} phải từ 0 đến 100.")
    if exact.as_tuple().exponent < -1:
        raise ValidationError(field, f"{who}: {label} chỉ lấy một chữ số thập phân (ví dụ 85,5).")


def validate_member_evaluation(ev: MemberEvaluation, rule_set: RuleSet) -> MemberEvaluation:
    """The row with its text cleaned, or ValidationError naming the field and the member."""
    full_name = clean_text(ev.full_name, max_length=200, field="full_name", label="Họ và tên")
    who = full_name or f"Đảng viên (mã {ev.member_id})"
    cleaned = replace(
        ev,
        full_name=full_name,
        exclusion_note=clean_multiline(
            ev.exclusion_note,
            max_length=2000,
            field="exclusion_note",
            label=f"{who}: Lý do không đánh giá",
        ),
        discipline_note=clean_multiline(
            ev.discipline_note,
            max_length=2000,
            field="discipline_note",
            label=f"{who}: Ghi chú kỷ luật",
        ),
        remarks=clean_multiline(
            ev.remarks, max_length=20_000, field="remarks", label=f"{who}: Nhận xét của chi bộ"
        ),
        temp_remarks=clean_multiline(
            ev.temp_remarks,
            max_length=20_000,
            field="temp_remarks",
            label=f"{who}: Nhận xét của nơi sinh hoạt tạm thời",
        ),
        notes=clean_multiline(ev.notes, max_length=20_000, field="notes", label=f"{who}: Ghi chú"),
    )
    _check_score(ev.self_score, "self_score", who, rule_set)
    _check_score(ev.decided_score, "decided_score", who, rule_set)
    if not ev.is_evaluated:
        reason = ev.exclusion.label.lower() if ev.exclusion else ""
        for stage, field in STAGE_LEVEL_FIELD.items():
            if ev.level_at(stage) is not None:
                raise ValidationError(
                    field,
                    f"{who} không thuộc diện đánh giá năm nay ({reason}) nên không có mức "
                    f"xếp loại ({stage.label.lower()}).",
                )
        for field, score in (("self_score", ev.self_score), ("decided_score", ev.decided_score)):
            if score is not None:
                raise ValidationError(
                    field,
                    f"{who} không thuộc diện đánh giá năm nay ({reason}) nên không chấm điểm.",
                )
    _check_votes(ev, who)
    return cleaned


def _check_votes(ev: MemberEvaluation, who: str) -> None:
    if ev.vote_base is None and ev.votes_for is None:
        return
    if ev.proposed_level is None:
        raise ValidationError(
            "proposed_level", f"{who}: có số phiếu biểu quyết nhưng chưa có mức đề xuất."
        )
    if ev.vote_base is None:
        raise ValidationError(
            "vote_base", f"{who}: nhập số đảng viên biểu quyết cùng với số tán thành."
        )
    if ev.vote_base <= 0:
        raise ValidationError("vote_base", f"{who}: số đảng viên biểu quyết phải lớn hơn 0.")
    if ev.votes_for is not None and ev.votes_for < 0:
        raise ValidationError("votes_for", f"{who}: số tán thành không được âm.")
    if ev.votes_for is not None and ev.votes_for > ev.vote_base:
        raise ValidationError(
            "votes_for",
            f"{who}: số tán thành ({ev.votes_for}) lớn hơn số đảng viên biểu quyết "
            f"({ev.vote_base}).",
        )


def validate_org_evaluation(ev: OrgEvaluation, rule_set: RuleSet) -> OrgEvaluation:
    """The row with its text cleaned, or ValidationError naming the field and the organisation."""
    name = clean_text(ev.name, max_length=300, field="name", label="Tên tổ chức đảng")
    who = name or f"Tổ chức đảng (mã {ev.organisation_id})"
    cleaned = replace(
        ev,
        name=name,
        enterprise_type=clean_text(ev.enterprise_type, max_length=50, field="enterprise_type"),
        decision_number=clean_text(
            ev.decision_number,
            max_length=100,
            field="decision_number",
            label=f"{who}: Số quyết định",
        ),
        notes=clean_multiline(ev.notes, max_length=20_000, field="notes", label=f"{who}: Ghi chú"),
    )
    _check_score(ev.self_score, "self_score", who, rule_set)
    _check_score(ev.decided_score, "decided_score", who, rule_set)
    if cleaned.decision_number and ev.decision_date is None:
        raise ValidationError(
            "decision_date", f"{who}: có số quyết định xếp loại nhưng chưa có ngày quyết định."
        )
    if ev.decision_date is not None and ev.decided_level is None:
        raise ValidationError(
            "decided_level",
            f"{who}: có ngày quyết định nhưng chưa có mức xếp loại được quyết định.",
        )
    return cleaned
