"""The outgoing document register (sổ đăng ký văn bản đi): who issues, what kind, which number.

HD 36 (domain.md §3.3): numbers run from 01 per issuer and per kind of document, continuously
through the issuer's committee term, and are written "Số 01-GM/ĐU". A number is taken once, when a
document is first printed; a reprint shows the same number; a cancelled document keeps its line.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from partydesk.domain.dates import format_vn_date
from partydesk.domain.documents import DOCUMENT_KINDS, format_document_number
from partydesk.domain.errors import ValidationError
from partydesk.domain.text import clean_multiline, clean_text, fold

OFFICE_ISSUER_KEY = "office"
NO_TERM_KEY = "none"


def organisation_issuer_key(organisation_id: int) -> str:
    return f"org:{organisation_id}"


def office_term_key(office_term_id: int) -> str:
    """The term key of the office's own numbers during one of its terms."""
    return f"office-term:{office_term_id}"


def organisation_term_key(term_id: int) -> str:
    """The term key of an organisation's numbers during one of its committee terms."""
    return f"term:{term_id}"


@dataclass(frozen=True, slots=True)
class Issuer:
    """Who signs and numbers: the office itself, or one Party organisation."""

    key: str  # OFFICE_ISSUER_KEY or organisation_issuer_key(id)
    name: str  # "Đảng ủy phường An Khánh"
    abbreviation: str  # "ĐU", "CB"
    organisation_id: int | None = None


@dataclass(frozen=True, slots=True)
class TermRef:
    """The committee term a number runs through: 'office-term:3', 'term:12' or 'none'."""

    key: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class NumberRequest:
    """A document about to be printed that needs its number.

    ``source`` names the document stably (``briefing:3:GM:org:12``): asking again with the same
    source returns the number already given, so reprinting never takes a new one.
    """

    issuer: Issuer
    kind: str  # a key of DOCUMENT_KINDS
    issued_on: date
    summary: str
    source: str
    signer: str = ""
    recipients: str = ""


@dataclass(frozen=True, slots=True)
class OutgoingDocument:
    """One line of the register."""

    id: int
    issuer_key: str
    issuer_name: str
    issuer_abbreviation: str
    organisation_id: int | None
    term_key: str
    term_label: str
    kind: str
    number: int
    issued_on: date
    summary: str
    signer: str
    recipients: str
    source: str
    cancelled_on: date | None = None
    cancel_reason: str = ""

    @property
    def number_text(self) -> str:
        """ "Số 01-GM/ĐU"."""
        return format_document_number(self.number, self.kind, self.issuer_abbreviation)

    @property
    def number_symbol(self) -> str:
        """ "01-GM/ĐU": the number as a register column shows it, without "Số"."""
        return self.number_text.removeprefix("Số ")

    @property
    def kind_name(self) -> str:
        return DOCUMENT_KINDS.get(self.kind, self.kind)

    @property
    def cancelled(self) -> bool:
        return self.cancelled_on is not None

    @property
    def state_text(self) -> str:
        return "Đã hủy" if self.cancelled else "Đã cấp số"

    @property
    def cancel_note(self) -> str:
        """ "Đã hủy ngày 21/11/2026 — in nhầm người ký", or "" for a live line."""
        if self.cancelled_on is None:
            return ""
        return f"Đã hủy ngày {format_vn_date(self.cancelled_on)} — {self.cancel_reason}"


def register_search_key(request: NumberRequest, number: int) -> str:
    """What the register's search box looks through: number, summary, recipients, signer."""
    number_text = format_document_number(number, request.kind, request.issuer.abbreviation)
    return fold(" ".join((number_text, request.summary, request.recipients, request.signer)))


@dataclass(frozen=True, slots=True)
class OutgoingFilter:
    """Which register lines to show; ``None`` means any year, issuer or kind."""

    year: int | None = None
    issuer_key: str | None = None
    kind: str | None = None
    search: str = ""
    include_cancelled: bool = True


def clean_number_request(request: NumberRequest) -> NumberRequest:
    """The request with NFC text, or a ``ValidationError`` naming what is wrong.

    The kind and the issuer's abbreviation must make a valid "Số 01-GM/ĐU"; the source must name
    the document, since it is what makes a reprint find its number again.
    """
    if request.kind not in DOCUMENT_KINDS:
        raise ValidationError("kind", f"Loại văn bản “{request.kind}” không có trong danh mục.")
    abbreviation = clean_text(request.issuer.abbreviation, field="abbreviation", label="Ký hiệu")
    if not abbreviation or any(ch.isspace() or ch in "/-" for ch in abbreviation):
        raise ValidationError(
            "abbreviation",
            f"Ký hiệu của {request.issuer.name or 'cơ quan ban hành'} "
            f"(“{abbreviation}”) phải là một từ, không có dấu “/” hay “-”.",
        )
    source = clean_text(request.source, field="source", label="Nguồn văn bản")
    if not source:
        raise ValidationError("source", "Văn bản cần cấp số chưa có mã nguồn.")
    summary = _clean_block(request.summary, 2000, "summary", "Trích yếu")
    if not summary:
        raise ValidationError("summary", "Trích yếu: chưa nhập.")
    issuer = replace(
        request.issuer,
        name=clean_text(request.issuer.name, field="issuer", label="Cơ quan ban hành"),
        abbreviation=abbreviation,
    )
    return replace(
        request,
        issuer=issuer,
        summary=summary,
        source=source,
        signer=clean_text(request.signer, field="signer", label="Người ký"),
        recipients=_clean_block(request.recipients, 4000, "recipients", "Nơi nhận"),
    )


def _clean_block(value: str, max_length: int, field: str, label: str) -> str:
    """Multi-line text without blank space around it (a pasted summary often has some)."""
    return clean_multiline(value, max_length=max_length, field=field, label=label).strip()


def clean_cancel_reason(reason: str) -> str:
    text = _clean_block(reason, 1000, "reason", "Lý do hủy")
    if not text:
        raise ValidationError("reason", "Lý do hủy: chưa nhập (bắt buộc khi hủy số).")
    return text


@dataclass(frozen=True, slots=True)
class OfficeTerm:
    """A term of the supervising committee itself; the office's numbers restart with each."""

    label: str  # "Nhiệm kỳ 2025–2030"
    starts_on: date
    notes: str = ""
    id: int | None = None

    @property
    def key(self) -> str:
        return office_term_key(self.id or 0)


def clean_office_term(term: OfficeTerm) -> OfficeTerm:
    """The term with NFC text, or a ``ValidationError`` for a missing label or start date."""
    label = clean_text(term.label, max_length=200, field="label", label="Tên nhiệm kỳ")
    if not label:
        raise ValidationError("label", "Tên nhiệm kỳ: chưa nhập (ví dụ “Nhiệm kỳ 2025–2030”).")
    if not isinstance(term.starts_on, date):
        raise ValidationError("starts_on", "Ngày bắt đầu: chưa nhập.")
    notes = _clean_block(term.notes, 2000, "notes", "Ghi chú")
    return replace(term, label=label, notes=notes)


# --- what printed a document: the link from a register line back to its record -------------------

BRIEFING_SOURCE = "briefing"
MEETING_SOURCE = "meeting"
EVALUATION_SOURCE = "evaluation"  # a cycle's decision: evaluation:<cycle>:QĐ:org:<organisation>


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Parsed ``source`` of a register line: ``briefing:3:GM:sitting:7``, ``meeting:12:BB``."""

    record_kind: str  # BRIEFING_SOURCE, MEETING_SOURCE or EVALUATION_SOURCE
    record_id: int
    kind: str
    part: str = ""  # e.g. "sitting:7" or "org:12" when one record prints several of a kind

    @property
    def text(self) -> str:
        base = f"{self.record_kind}:{self.record_id}:{self.kind}"
        return f"{base}:{self.part}" if self.part else base


def parse_source(text: str) -> SourceRef | None:
    """The record a register line came from, or None for a line typed by hand or unknown."""
    parts = text.split(":", 3)
    if len(parts) < 3 or parts[0] not in (BRIEFING_SOURCE, MEETING_SOURCE, EVALUATION_SOURCE):
        return None
    try:
        record_id = int(parts[1])
    except ValueError:
        return None
    return SourceRef(parts[0], record_id, parts[2], parts[3] if len(parts) == 4 else "")
