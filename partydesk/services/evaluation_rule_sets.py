"""The office's rule sets: the built-in ones, as adjusted in settings when a new guidance arrives.

An adjustment is stored whole (JSON) with the text before and after and the reason, so what
the office changed, when and why is never lost. The years a rule set covers are not
adjustable: they decide which set a year uses, and a gap between sets would leave a year
without rules.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from partydesk.domain.accounts import Permission
from partydesk.domain.errors import ValidationError
from partydesk.domain.evaluation import LEVEL_ORDER
from partydesk.domain.rule_sets import (
    BUILTIN_RULE_SETS,
    Deadline,
    FormSpec,
    RuleSet,
    rule_set_from_json,
    rule_set_to_json,
)
from partydesk.domain.text import clean_text
from partydesk.services.audit import audited
from partydesk.store.evaluation import RuleChange
from partydesk.store.store import Store


class RuleSetBook:
    def __init__(self, store: Store) -> None:
        self._store = store

    def all(self) -> list[RuleSet]:
        return [self.get(builtin.code) for builtin in BUILTIN_RULE_SETS]

    def builtin(self, code: str) -> RuleSet:
        for rule_set in BUILTIN_RULE_SETS:
            if rule_set.code == code:
                return rule_set
        raise KeyError(code)

    def get(self, code: str) -> RuleSet:
        stored = self._store.evaluation.stored_rule_set(code)
        return self.from_json(stored, code) if stored else self.builtin(code)

    def from_json(self, text: str, code: str) -> RuleSet:
        return rule_set_from_json(text, self.builtin(code))

    @staticmethod
    def to_json(rule_set: RuleSet) -> str:
        return rule_set_to_json(rule_set)

    @audited("Điều chỉnh bộ quy tắc đánh giá, xếp loại", Permission.SETTINGS)
    def adjust(self, rule_set: RuleSet, reason: str) -> RuleSet:
        """Store an adjusted rule set; ``reason`` (e.g. the new guidance's number) is required."""
        reason = clean_text(reason, field="ly_do", label="Lý do điều chỉnh")
        if not reason:
            raise ValidationError(
                "ly_do", "Lý do điều chỉnh: phải ghi lý do (ví dụ số văn bản hướng dẫn mới)."
            )
        current = self.get(rule_set.code)
        adjusted = validate_rule_set(
            replace(rule_set, first_year=current.first_year, last_year=current.last_year)
        )
        before, after = self.to_json(current), self.to_json(adjusted)
        if before == after:
            raise ValidationError("bo_quy_tac", "Bộ quy tắc không có gì thay đổi.")
        self._store.evaluation.save_rule_set(rule_set.code, before, after, reason)
        return self.get(rule_set.code)

    def changes(self, code: str | None = None) -> list[RuleChange]:
        return self._store.evaluation.rule_changes(code)


def validate_rule_set(rule_set: RuleSet) -> RuleSet:
    """Clean the texts of an edited rule set and refuse values the checks cannot work with."""

    def text(value: str, field: str, label: str) -> str:
        cleaned = clean_text(value, field=field, label=label)
        if not cleaned:
            raise ValidationError(field, f"{label}: không được để trống.")
        return cleaned

    names = tuple(
        text(name, f"ten_muc_{i}", f"Tên mức {level.value}")
        for i, (level, name) in enumerate(zip(LEVEL_ORDER, rule_set.level_names, strict=True))
    )
    bands = tuple(sorted(rule_set.bands, key=lambda band: band[0].rank))
    if rule_set.scored:
        scores = [score for _, score in bands]
        if len(bands) != 3 or any(not 0 < s <= 100 for s in scores):
            raise ValidationError(
                "khung_diem", "Khung điểm: cần 3 mức điểm tối thiểu từ 1 đến 100."
            )
        if scores != sorted(scores, reverse=True) or len(set(scores)) != 3:
            raise ValidationError(
                "khung_diem", "Khung điểm: điểm tối thiểu của mức cao hơn phải lớn hơn mức dưới."
            )
    if not 0 < rule_set.quota_share <= 1:
        raise ValidationError("ty_le", "Tỷ lệ hoàn thành xuất sắc tối đa phải từ trên 0% đến 100%.")
    if not 0 <= rule_set.new_member_months <= 24:
        raise ValidationError("thang_ket_nap", "Số tháng từ khi kết nạp phải từ 0 đến 24.")
    if not 0.5 <= rule_set.ballot_majority < 1:
        raise ValidationError("da_so", "Tỷ lệ phiếu cần đạt phải từ 50% đến dưới 100%.")
    for field, label, deadline in (
        ("han_dang_vien", "Hạn nộp bản kiểm điểm", rule_set.member_deadline),
        ("han_chi_bo", "Hạn chi bộ họp", rule_set.cell_deadline),
        ("han_quyet_dinh", "Hạn quyết định", rule_set.decision_deadline),
    ):
        _check_deadline(deadline, field, label)
    forms = tuple(
        (kind, _clean_form(form, f"mau_{kind.value}")) for kind, form in rule_set.member_forms
    )
    return replace(
        rule_set,
        name=text(rule_set.name, "ten", "Tên bộ quy tắc"),
        regulation=text(rule_set.regulation, "quy_dinh", "Quy định"),
        guidance=text(rule_set.guidance, "huong_dan", "Hướng dẫn"),
        level_names=names,
        bands=bands,
        org_form=_clean_form(rule_set.org_form, "mau_01"),
        member_forms=forms,
        notes=clean_text(rule_set.notes, field="ghi_chu", label="Ghi chú"),
    )


def _clean_form(form: FormSpec, field: str) -> FormSpec:
    cleaned = FormSpec(
        clean_text(form.code, field=field, label="Mã mẫu"),
        clean_text(form.full_code, field=field, label="Ký hiệu mẫu"),
        clean_text(form.title, field=field, label="Tên mẫu"),
    )
    if not (cleaned.code and cleaned.full_code and cleaned.title):
        raise ValidationError(field, f"Mẫu {form.code}: mã, ký hiệu và tên đều phải có.")
    return cleaned


def _check_deadline(deadline: Deadline, field: str, label: str) -> None:
    try:
        date(2024, deadline.month, deadline.day)  # a leap year: 29/02 is a valid default
    except ValueError as exc:
        raise ValidationError(
            field, f"{label}: ngày {deadline.day}/{deadline.month} không hợp lệ."
        ) from exc
