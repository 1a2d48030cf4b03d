"""Checks a record must pass before it is saved; every message is Vietnamese and names its field.

Each ``validate_*`` returns the record with its text cleaned (NFC, trimmed) or raises
``InvalidRecord`` listing every problem, so a form can show them all beside their fields.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import fields, replace
from datetime import date
from enum import Enum
from typing import Any, TypeVar

from partydesk.domain.enterprise import Enterprise
from partydesk.domain.errors import ValidationError
from partydesk.domain.identifiers import (
    validate_cccd,
    validate_party_number,
    validate_phone,
    validate_tax_code,
)
from partydesk.domain.member import Member, Standing
from partydesk.domain.organisation import KINDS_WITH_PARENT, Organisation
from partydesk.domain.settings import OfficeSettings
from partydesk.domain.text import clean_multiline, clean_text

MULTILINE_FIELDS = frozenset({"notes"})
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

Record = TypeVar("Record")


class InvalidRecord(ValueError):
    """One or more fields of a record are wrong; ``errors`` holds one entry per field."""

    def __init__(self, errors: list[ValidationError]) -> None:
        self.errors = errors
        super().__init__("\n".join(e.message for e in errors))

    def by_field(self) -> dict[str, str]:
        return {e.field: e.message for e in self.errors}


class _Collector:
    """Runs checks and keeps the first error of each field."""

    def __init__(self) -> None:
        self.errors: list[ValidationError] = []

    def run(self, check: Callable[[], Any], default: Any = None) -> Any:
        try:
            return check()
        except ValidationError as exc:
            if all(e.field != exc.field for e in self.errors):
                self.errors.append(exc)
            return default

    def fail(self, field: str, message: str) -> None:
        self.run(lambda: _raise(field, message))

    def finish(self, record: Record) -> Record:
        if self.errors:
            raise InvalidRecord(self.errors)
        return record


def _raise(field: str, message: str) -> None:
    raise ValidationError(field, message)


def _clean_strings(record: Record, labels: dict[str, str], errors: _Collector) -> Record:
    """NFC-normalise and trim every text field of a record (multi-line fields keep lines)."""
    changes = {}
    for f in fields(record):  # type: ignore[arg-type]
        value = getattr(record, f.name)
        if not isinstance(value, str) or isinstance(value, Enum):  # StrEnum values are str too
            continue
        label = labels.get(f.name, f.name)
        if f.name in MULTILINE_FIELDS:
            cleaned = errors.run(
                lambda v=value, n=f.name, lab=label: clean_multiline(v, field=n, label=lab), value
            )
        else:
            cleaned = errors.run(
                lambda v=value, n=f.name, lab=label: clean_text(v, field=n, label=lab), value
            )
        changes[f.name] = cleaned
    return replace(record, **changes)  # type: ignore[type-var]


def _required(errors: _Collector, value: str, field: str, label: str) -> None:
    if not value:
        errors.fail(field, f"{label}: không được để trống.")


def _not_negative(errors: _Collector, value: int | None, field: str, label: str) -> None:
    if value is not None and value < 0:
        errors.fail(field, f"{label}: không được là số âm.")


def _not_after(
    errors: _Collector, earlier: date | None, later: date | None, field: str, message: str
) -> None:
    if earlier and later and later < earlier:
        errors.fail(field, message)


def _not_future(
    errors: _Collector, value: date | None, today: date, field: str, label: str
) -> None:
    if value and value > today:
        errors.fail(field, f"{label}: ngày {value:%d/%m/%Y} ở tương lai.")


ENTERPRISE_LABELS = {
    "name": "Tên doanh nghiệp",
    "tax_code": "Mã số thuế",
    "sector": "Ngành nghề",
    "address": "Địa chỉ",
    "ward": "Phường, xã",
    "legal_representative": "Người đại diện theo pháp luật",
    "notes": "Ghi chú",
}


def validate_enterprise(enterprise: Enterprise, today: date) -> Enterprise:
    errors = _Collector()
    e = _clean_strings(enterprise, ENTERPRISE_LABELS, errors)
    _required(errors, e.name, "name", ENTERPRISE_LABELS["name"])
    tax_code = errors.run(lambda: validate_tax_code(e.tax_code, field="tax_code"), e.tax_code)
    _not_negative(errors, e.workforce, "workforce", "Số lao động")
    _not_future(
        errors, e.workforce_counted_on, today, "workforce_counted_on", "Ngày thống kê lao động"
    )
    _not_future(errors, e.established_on, today, "established_on", "Ngày thành lập")
    if e.established_on and e.ended_on and e.ended_on < e.established_on:
        errors.fail("ended_on", "Ngày giải thể không được trước ngày thành lập doanh nghiệp.")
    for key, label, org in (
        ("trade_union", "Số đoàn viên công đoàn", e.trade_union),
        ("youth_union", "Số đoàn viên thanh niên", e.youth_union),
        ("women_union", "Số hội viên phụ nữ", e.women_union),
    ):
        _not_negative(errors, org.members, key, label)
    _not_negative(
        errors, e.party_members_working, "party_members_working", "Số đảng viên đang làm việc"
    )
    _not_negative(
        errors, e.official_members_working, "official_members_working", "Số đảng viên chính thức"
    )
    if (
        e.party_members_working is not None
        and e.official_members_working is not None
        and e.official_members_working > e.party_members_working
    ):
        errors.fail(
            "official_members_working",
            "Số đảng viên chính thức không được lớn hơn tổng số đảng viên đang làm việc.",
        )
    if e.status.is_ended and e.ended_on is None:
        errors.fail("ended_on", "Ngày giải thể: cần ghi ngày doanh nghiệp giải thể.")
    return errors.finish(replace(e, tax_code=tax_code or ""))


ORGANISATION_LABELS = {
    "name": "Tên tổ chức đảng",
    "header_name": "Tên in trên tiêu đề văn bản",
    "abbreviation": "Ký hiệu",
    "founding_decision": "Số quyết định thành lập",
    "end_decision": "Số quyết định giải thể, sáp nhập",
    "meeting_exception_decision": "Số quyết định về định kỳ sinh hoạt",
    "size_exception_decision": "Số văn bản đồng ý của cấp trên",
    "address": "Địa chỉ",
    "phone": "Điện thoại",
    "notes": "Ghi chú",
}


def validate_organisation(org: Organisation, today: date) -> Organisation:
    errors = _Collector()
    o = _clean_strings(org, ORGANISATION_LABELS, errors)
    _required(errors, o.name, "name", ORGANISATION_LABELS["name"])
    if o.kind in KINDS_WITH_PARENT and o.parent_id is None:
        errors.fail(
            "parent_id", f"Tổ chức cấp trên: {o.kind.label.lower()} phải thuộc một đảng bộ."
        )
    if o.parent_id is not None and o.parent_id == o.id:
        errors.fail("parent_id", "Tổ chức cấp trên: không thể là chính tổ chức này.")
    if o.meeting_interval_months < 1:
        errors.fail("meeting_interval_months", "Định kỳ sinh hoạt: ít nhất 1 tháng một lần.")
    elif o.meeting_interval_months > 1 and not o.meeting_exception_decision:
        errors.fail(
            "meeting_exception_decision",
            "Số quyết định về định kỳ sinh hoạt: sinh hoạt thưa hơn mỗi tháng một lần cần ghi "
            "số quyết định của cấp ủy cấp trên.",
        )
    _not_future(errors, o.founded_on, today, "founded_on", "Ngày thành lập")
    _not_after(
        errors,
        o.founded_on,
        o.ended_on,
        "ended_on",
        "Ngày giải thể, sáp nhập: trước ngày thành lập.",
    )
    if o.end_reason is not None and o.ended_on is None:
        errors.fail("ended_on", "Ngày giải thể, sáp nhập: cần ghi ngày.")
    if o.ended_on is not None and o.end_reason is None:
        errors.fail("end_reason", "Hình thức kết thúc: chọn giải thể hoặc sáp nhập.")
    primaries = sum(1 for link in o.enterprises if link.is_primary)
    if primaries > 1:
        errors.fail("enterprises", "Doanh nghiệp: chỉ một doanh nghiệp là đơn vị chính.")
    if len({link.enterprise_id for link in o.enterprises}) != len(o.enterprises):
        errors.fail("enterprises", "Doanh nghiệp: một doanh nghiệp được chọn hai lần.")
    return errors.finish(o)


MEMBER_LABELS = {
    "full_name": "Họ và tên",
    "birth_name": "Họ tên khai sinh",
    "ethnicity": "Dân tộc",
    "religion": "Tôn giáo",
    "cccd": "Số CCCD",
    "hometown": "Quê quán",
    "residence": "Nơi cư trú",
    "phone": "Điện thoại",
    "email": "Thư điện tử",
    "education": "Trình độ học vấn",
    "expertise": "Chuyên môn",
    "political_theory": "Lý luận chính trị",
    "occupation_before": "Nghề nghiệp trước khi vào Đảng",
    "card_number": "Số thẻ đảng viên",
    "dossier_number": "Số lý lịch",
    "job_title": "Chức vụ, vị trí việc làm",
    "admission_decision_number": "Số quyết định kết nạp",
    "official_decision_number": "Số quyết định công nhận chính thức",
    "notes": "Ghi chú",
}


def validate_member(member: Member, today: date) -> Member:
    errors = _Collector()
    m = _clean_strings(member, MEMBER_LABELS, errors)
    _required(errors, m.full_name, "full_name", MEMBER_LABELS["full_name"])
    if m.full_name and len(m.full_name.split()) < 2:
        errors.fail("full_name", "Họ và tên: cần ghi đủ họ và tên.")
    if m.organisation_id is None:
        errors.fail("organisation_id", "Tổ chức đảng sinh hoạt: chọn tổ chức đảng.")
    cccd = errors.run(lambda: validate_cccd(m.cccd, field="cccd"), m.cccd)
    card = errors.run(
        lambda: validate_party_number(m.card_number, "card_number", "Số thẻ đảng viên"),
        m.card_number,
    )
    dossier = errors.run(
        lambda: validate_party_number(m.dossier_number, "dossier_number", "Số lý lịch"),
        m.dossier_number,
    )
    phone = errors.run(lambda: validate_phone(m.phone, field="phone"), m.phone)
    if m.email and not _EMAIL.match(m.email):
        errors.fail("email", "Thư điện tử: địa chỉ không hợp lệ (ví dụ ten@congty.vn).")
    _not_future(errors, m.birth_date, today, "birth_date", "Ngày sinh")
    _not_future(
        errors,
        m.admission_decision_date,
        today,
        "admission_decision_date",
        "Ngày quyết định kết nạp",
    )
    _not_future(errors, m.ceremony_date, today, "ceremony_date", "Ngày lễ kết nạp")
    _not_future(errors, m.official_date, today, "official_date", "Ngày chính thức")
    if (
        m.birth_date
        and m.admission_decision_date
        and m.admission_decision_date.year - m.birth_date.year < 16
    ):
        errors.fail(
            "admission_decision_date",
            "Ngày quyết định kết nạp: người được kết nạp phải đủ 18 tuổi; kiểm tra lại ngày sinh.",
        )
    _not_after(
        errors,
        m.admission_decision_date,
        m.ceremony_date,
        "ceremony_date",
        "Ngày lễ kết nạp: trước ngày quyết định kết nạp.",
    )
    _not_after(
        errors,
        m.ceremony_date,
        m.official_date,
        "official_date",
        "Ngày chính thức: trước ngày lễ kết nạp.",
    )
    if m.standing is Standing.PROBATIONARY and m.official_date is not None:
        errors.fail(
            "official_date",
            'Ngày chính thức: đảng viên dự bị chưa có ngày chính thức; chọn "Chính thức" '
            "hoặc xóa ngày này.",
        )
    return errors.finish(
        replace(
            m,
            cccd=cccd or "",
            card_number=card or "",
            dossier_number=dossier or "",
            phone=phone or "",
        )
    )


SETTINGS_LABELS = {
    "committee_full_name": "Tên cấp ủy",
    "committee_header": "Tên cấp ủy in trên tiêu đề",
    "upper_body_header": "Tên cấp trên in trên tiêu đề",
    "party_body_header": "Đảng bộ in trên văn bản của tổ chức cơ sở",
    "abbreviation": "Ký hiệu cấp ủy",
    "locality": "Địa danh",
    "signer_authority": "Thẩm quyền ký",
    "signer_title": "Chức vụ người ký",
    "signer_name": "Họ tên người ký",
}


def validate_office_settings(settings: OfficeSettings) -> OfficeSettings:
    errors = _Collector()
    s = _clean_strings(settings, SETTINGS_LABELS, errors)
    for name in ("committee_full_name", "committee_header", "abbreviation", "locality"):
        _required(errors, getattr(s, name), name, SETTINGS_LABELS[name])
    return errors.finish(
        replace(
            s,
            committee_header=s.committee_header.upper(),
            upper_body_header=s.upper_body_header.upper(),
            party_body_header=s.party_body_header.upper(),
        )
    )
