"""The outgoing document register (sổ đăng ký văn bản đi): who issues, what kind, which number.

HD 36 (domain.md §3.3): numbers run from 01 per issuer and per kind of document, continuously
through the issuer's committee term, and are written "Số 01-GM/ĐU". A number is taken once, when a
document is first printed; a reprint shows the same number; a cancelled document keeps its line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from partydesk.domain.documents import DOCUMENT_KINDS, format_document_number

OFFICE_ISSUER_KEY = "office"
NO_TERM_KEY = "none"


def organisation_issuer_key(organisation_id: int) -> str:
    return f"org:{organisation_id}"


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
        """"Số 01-GM/ĐU"."""
        return format_document_number(self.number, self.kind, self.issuer_abbreviation)

    @property
    def kind_name(self) -> str:
        return DOCUMENT_KINDS.get(self.kind, self.kind)

    @property
    def cancelled(self) -> bool:
        return self.cancelled_on is not None


@dataclass(frozen=True, slots=True)
class OfficeTerm:
    """A term of the supervising committee itself; the office's numbers restart with each."""

    label: str  # "Nhiệm kỳ 2025–2030"
    starts_on: date
    notes: str = ""
    id: int | None = None


# --- what printed a document: the link from a register line back to its record -------------------

BRIEFING_SOURCE = "briefing"
MEETING_SOURCE = "meeting"


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Parsed ``source`` of a register line: ``briefing:3:GM:sitting:7``, ``meeting:12:BB``."""

    record_kind: str  # BRIEFING_SOURCE or MEETING_SOURCE
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
    if len(parts) < 3 or parts[0] not in (BRIEFING_SOURCE, MEETING_SOURCE):
        return None
    try:
        record_id = int(parts[1])
    except ValueError:
        return None
    return SourceRef(parts[0], record_id, parts[2], parts[3] if len(parts) == 4 else "")
