"""What the briefing round's documents print: the round and everything around it, resolved.

The service builds a ``BriefingPapers`` from the store (the office's header and signer, the
invited organisations with their current bí thư, the numbers taken from the outgoing register,
the open issues carried over from earlier rounds); the four documents only lay it out, as PDF
or DOCX, so the same round prints the same words either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from partydesk.domain.briefing import Attendance, Briefing, BriefingIssue, Sitting
from partydesk.domain.documents import DocumentHeader, SignatureBlock

# The first words of an organisation's name that say what kind of body it is; the letter is
# addressed to the bí thư of that body ("Bí thư chi bộ Công ty …").
_BODY_WORDS = ("chi bộ", "đảng bộ")


def lower_first(text: str) -> str:
    """ "Hội nghị giao ban …" → "hội nghị giao ban …", to use a title inside a sentence."""
    return text[:1].lower() + text[1:] if text else text


def body_of(organisation_name: str) -> str:
    """ "chi bộ Công ty cổ phần ABC": the organisation's name inside a sentence."""
    name = " ".join(organisation_name.split())
    if name.lower().startswith(_BODY_WORDS):
        return lower_first(name)
    return f"tổ chức đảng {name}"


def secretary_of(organisation_name: str) -> str:
    """ "Bí thư chi bộ Công ty cổ phần ABC": the post a letter is addressed to."""
    return f"Bí thư {body_of(organisation_name)}"


@dataclass(frozen=True, slots=True)
class Numbered:
    """A number taken from the outgoing register and the date of its first printing."""

    number_text: str  # "Số 01-GM/ĐU"
    issued_on: date


@dataclass(frozen=True, slots=True)
class IssuingOffice:
    """The committee that convenes the round and issues its documents."""

    upper_body: str  # "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"
    issuer: str  # "ĐẢNG ỦY PHƯỜNG AN KHÁNH"
    full_name: str  # "Đảng ủy phường An Khánh", used in sentences
    place: str  # "An Khánh"
    signer: SignatureBlock

    def header(self, number: str | None, on: date | None) -> DocumentHeader:
        return DocumentHeader(self.upper_body, self.issuer, number, self.place, on)


@dataclass(frozen=True, slots=True)
class InvitedOrganisation:
    """One invited organisation as its letter, the sign-in sheet and the biên bản name it."""

    name: str
    secretary_name: str = ""  # the current bí thư in the register, "" if none is recorded
    attendee_name: str = ""
    attendee_position: str = ""
    attendance: Attendance = Attendance.UNRECORDED
    absence_reason: str = ""
    report_received_on: date | None = None

    @property
    def addressee(self) -> str:
        """ "Đồng chí Nguyễn Văn A, Bí thư chi bộ Công ty …" (the name only when known)."""
        post = secretary_of(self.name)
        if self.secretary_name.strip():
            return f"Đồng chí {self.secretary_name.strip()}, {post}"
        return f"Đồng chí {post}"


@dataclass(frozen=True, slots=True)
class SittingPapers:
    """One sitting: when and where (the round's place when it has none), who is invited, and
    the number of its giấy mời (``None`` on every document but the invitations)."""

    sitting: Sitting
    place: str
    organisations: tuple[InvitedOrganisation, ...]
    number: Numbered | None = None


@dataclass(frozen=True, slots=True)
class BriefingPapers:
    """Everything one of the round's documents prints.

    ``number`` is the biên bản's or the thông báo's own number (the invitations carry theirs
    per sitting); ``carried_issues`` are the open issues raised at earlier rounds.
    """

    office: IssuingOffice
    briefing: Briefing
    sittings: tuple[SittingPapers, ...]
    number: Numbered | None = None
    carried_issues: tuple[BriefingIssue, ...] = ()

    @property
    def organisations(self) -> tuple[InvitedOrganisation, ...]:
        return tuple(org for papers in self.sittings for org in papers.organisations)
