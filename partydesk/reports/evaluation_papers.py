"""What the printed papers of the annual evaluation say, resolved, and the wording they share.

The service resolves everything from the store and the rule set in force (the header lines,
the form's code and title, the level names, whether the year is scored, who signs) into one
of the frozen papers below; the builders (``evaluation_forms``, ``evaluation_ballots``,
``evaluation_decision``) only lay a paper out as a ``PrintedDocument`` of the briefing model, so
one machinery prints every PartyDesk document. Nothing here names a committee or a level.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from partydesk.domain.documents import DocumentHeader, SignatureBlock
from partydesk.domain.evaluation import Level
from partydesk.domain.numbers import decimal_text
from partydesk.reports.briefing_layout import Line, LineKind, Part, PrintedDocument, Title

LevelNames = tuple[str, str, str, str]  # the rule set's names, highest level first

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
TICK_BOX = "□"  # U+25A1: in the bundled Liberation fonts (U+2610 "☐" is not)
BLANK = "........................"
SIGN_NOTE = "(Ký, ghi rõ họ tên)"
NO_MAJORITY = "Không đủ đa số"


@dataclass(frozen=True, slots=True)
class MemberFormPaper:
    """A member's self-review form (2A/2B/2C, or the single form of older rule sets).

    ``title`` and ``usage`` come from the rule set's form (``form_title_parts``), so the service
    decides the wording by rule set; ``leader`` adds the section on the collective's failings.
    """

    header: DocumentHeader  # ĐẢNG BỘ … / CHI BỘ …, place, no number, no date
    form_code: str  # "Mẫu 2C-HD KĐ.ĐG 2025"
    title: str  # "Bản kiểm điểm đảng viên"
    usage: str  # "Dùng cho đảng viên không làm việc trong hệ thống chính trị", or ""
    year: int
    member_name: str
    birth_date: date | None
    party_post: str  # chức vụ đảng
    job_title: str  # chức vụ chính quyền, đoàn thể / vị trí việc làm trong doanh nghiệp
    workplace: str  # đơn vị công tác
    organisation_name: str  # the chi bộ, as in a sentence: "Chi bộ Công ty cổ phần ABC"
    leader: bool
    scored: bool
    level_names: LevelNames
    cell_signature: SignatureBlock  # T/M CHI ỦY (or CHI BỘ) / BÍ THƯ / name or ""
    committee_name: str  # the competent committee: "Đảng ủy phường An Khánh"
    committee_signature: SignatureBlock  # T/M BAN THƯỜNG VỤ / BÍ THƯ / name or ""


@dataclass(frozen=True, slots=True)
class OrgFormPaper:
    """An organisation's collective self-review report (Mẫu 01)."""

    header: DocumentHeader
    form_code: str  # "Mẫu 01"
    title: str  # "Báo cáo kiểm điểm tập thể"
    year: int
    organisation_name: str  # "Chi bộ Công ty cổ phần ABC"
    scored: bool
    level_names: LevelNames
    signature: SignatureBlock  # T/M CHI ỦY (ĐẢNG ỦY for a đảng bộ) / BÍ THƯ / name


@dataclass(frozen=True, slots=True)
class BallotPaper:
    """One organisation's secret ballot: the evaluated members, one row each, in order."""

    header: DocumentHeader
    year: int
    organisation_name: str
    members: tuple[str, ...]
    level_names: LevelNames


@dataclass(frozen=True, slots=True)
class CountRow:
    """One member's count: ballots per level (highest first) and the level it gives, if any."""

    name: str
    votes: tuple[int, int, int, int]
    result: Level | None  # None: no level reached the majority


@dataclass(frozen=True, slots=True)
class CountRecordPaper:
    """The biên bản kiểm phiếu of one organisation's ballot."""

    header: DocumentHeader  # may carry a number ("Số 05-BB/CB") and the day of the count
    year: int
    organisation_name: str
    counted_on: date | None
    place: str
    counters: tuple[str, ...]  # the ban kiểm phiếu; the first is trưởng ban
    issued: int
    returned: int
    invalid: int
    rows: tuple[CountRow, ...]
    level_names: LevelNames
    majority: float = 0.5  # a level needs more than this share of the valid ballots

    @property
    def valid(self) -> int:
        return self.returned - self.invalid


@dataclass(frozen=True, slots=True)
class DecidedMember:
    name: str
    level: Level | None  # None: not decided yet, left blank on the paper


@dataclass(frozen=True, slots=True)
class DecisionPaper:
    """The competent committee's decision on one organisation and its members."""

    header: DocumentHeader  # the office's header; number_text None leaves "Số …-QĐ/…" blank
    issuer_abbreviation: str  # "ĐU", for the blank number
    deciding_body: str  # "Ban Thường vụ Đảng ủy phường An Khánh"
    committee_name: str  # "Đảng ủy phường An Khánh"
    year: int
    regulation: str  # the rule set's regulation, as printed
    guidance: str
    organisation_name: str
    proposal: str  # "Tờ trình số 05-TTr/CB ngày …", or "" for a plain "đề nghị"
    org_level: Level | None
    members: tuple[DecidedMember, ...]
    level_names: LevelNames
    signature: SignatureBlock
    recipients: tuple[str, ...] = ()  # empty: "Như Điều 3," and the office's archive


# --- shared wording ---------------------------------------------------------------------------


def form_title_parts(spec_title: str) -> tuple[str, str]:
    """A rule set's form title split into the title and its "dùng cho …" usage.

    "Bản kiểm điểm đảng viên (dùng cho đảng viên …)" → ("Bản kiểm điểm đảng viên",
    "Dùng cho đảng viên …").
    """
    title, _, usage = " ".join(spec_title.split()).partition(" (")
    usage = usage.removesuffix(")").strip()
    return title.strip(), usage[:1].upper() + usage[1:]


def level_name(names: LevelNames, level: Level | None) -> str:
    return names[level.rank - 1] if level is not None else ""


def percent_text(part: int, whole: int) -> str:
    """ "53,85%": two decimals with the Vietnamese decimal comma; "0%" of nothing."""
    if whole <= 0:
        return "0%"
    return f"{decimal_text(100 * part / whole, 2)}%"


def year_line(year: int) -> str:
    return f"Năm {year}"


def form_code_line(code: str) -> Line:
    return Line(LineKind.FORM_CODE, code)


def level_ticks(names: Sequence[str]) -> list[Line]:
    """One line per level with an empty box to tick."""
    return [Line(LineKind.LINE, f"{TICK_BOX} {name}") for name in names]


def score_line(subject: str = "Tự chấm điểm") -> Line:
    return Line(LineKind.LINE, f"- {subject}: ............ /100 điểm.")


def form_title(title: str, year: int, usage: str = "") -> Title:
    return Title(title, year_line(year), f"({usage})" if usage else "")


def paper_document(
    kind: str, header: DocumentHeader, subject: str, parts: Sequence[Part]
) -> PrintedDocument:
    """A paper's document, its file properties "<kind> – <subject>" by the paper's issuer."""
    return PrintedDocument(
        title=f"{kind} – {subject}",
        author=header.issuer,
        subject=subject,
        parts=tuple(parts),
    )


def numbered(headings: Sequence[str]) -> list[str]:
    """ "I. …", "II. …" in order, so a section left out leaves no gap in the numbering."""
    return [f"{roman}. {heading}" for roman, heading in zip(ROMAN, headings, strict=False)]
