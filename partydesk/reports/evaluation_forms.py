"""The self-review forms: a member's form (2A/2B/2C or older) and the collective's Mẫu 01.

Identity fields are printed from the register; every section is followed by dotted lines left
for handwriting, as the forms are filled in by hand and signed. The section list follows
domain.md §2.5 (the typical field list of HD 25 / HD 43 forms); under a scored rule set the
form asks for the self-given score out of 100 besides the level.
"""

from __future__ import annotations

from partydesk.domain.dates import format_vn_date
from partydesk.domain.documents import SignatureBlock
from partydesk.reports.briefing_layout import (
    Header,
    Line,
    LineKind,
    Part,
    PrintedDocument,
    Signatures,
    Together,
    WritingLines,
)
from partydesk.reports.evaluation_papers import (
    BLANK,
    SIGN_NOTE,
    MemberFormPaper,
    OrgFormPaper,
    form_code_line,
    form_title,
    level_ticks,
    numbered,
    paper_document,
    score_line,
)

SELF_SIGNER = "Người tự kiểm điểm"
CELL_BLOCK = "NHẬN XÉT, ĐÁNH GIÁ CỦA CHI ỦY (CHI BỘ)"
COMMITTEE_BLOCK = "ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN CỦA CẤP ỦY CÓ THẨM QUYỀN"

# (heading or item, dotted lines left to write) of each part of the forms.
_ACHIEVEMENTS = (
    (
        "Về tư tưởng chính trị; phẩm chất đạo đức, lối sống; ý thức tổ chức kỷ luật; tác phong,"
        " lề lối làm việc",
        5,
    ),
    (
        "Kết quả thực hiện chức trách, nhiệm vụ được giao (số lượng, tiến độ, chất lượng, sản"
        " phẩm cụ thể)",
        5,
    ),
    ("Việc thực hiện cam kết tu dưỡng, rèn luyện, phấn đấu hằng năm", 3),
)
_SHORTCOMINGS = ("Hạn chế, khuyết điểm và nguyên nhân", 5)
_REMEDIED = (
    "Kết quả khắc phục những hạn chế, khuyết điểm đã được cấp có thẩm quyền kết luận hoặc"
    " được chỉ ra ở các kỳ kiểm điểm trước",
    3,
)
_EXPLANATIONS = ("Giải trình những vấn đề được gợi ý kiểm điểm (nếu có)", 3)
_COLLECTIVE = (
    "Làm rõ trách nhiệm cá nhân đối với hạn chế, khuyết điểm của tập thể (nếu có)",
    2,
)
_MEMBER_PLAN = ("Phương hướng, biện pháp khắc phục hạn chế, khuyết điểm", 4)
_MEMBER_LEVEL = "Tự nhận mức xếp loại chất lượng"

_ORG_ACHIEVEMENTS = (
    ("Việc lãnh đạo, chỉ đạo thực hiện nhiệm vụ chính trị được giao", 4),
    ("Công tác xây dựng Đảng về chính trị, tư tưởng, đạo đức, tổ chức và cán bộ", 4),
    ("Kết quả thực hiện các nhiệm vụ, chỉ tiêu trong năm (sản phẩm cụ thể)", 4),
)
_ORG_REMEDIED = (
    "Kết quả khắc phục những hạn chế, khuyết điểm đã được cấp có thẩm quyền kết luận hoặc"
    " được chỉ ra ở các kỳ kiểm điểm trước",
    4,
)
_ORG_PLAN = ("Phương hướng, biện pháp khắc phục hạn chế, khuyết điểm", 5)
_ORG_LEVEL = "Tự đánh giá, xếp loại chất lượng tập thể"

_ACHIEVED = "Ưu điểm, kết quả đạt được"


def _field(label: str, value: str) -> Line:
    value = " ".join(value.split())
    return Line(LineKind.LINE, f"- {label}: {value or BLANK}")


def _items(items: tuple[tuple[str, int], ...]) -> list[Part]:
    parts: list[Part] = []
    for number, (item, count) in enumerate(items, start=1):
        parts += [Line(LineKind.ITEM, f"{number}. {item}"), WritingLines(count)]
    return parts


def _sections(
    written: list[tuple[str, int]],
    achievements: tuple[tuple[str, int], ...],
    level_heading: str,
    scored: bool,
    names: tuple[str, ...],
    signature: Signatures,
) -> list[Part]:
    """I. achievements (items), one heading and its lines per entry, then the level chosen.

    The last section (score, the four boxes) stays on one page with the signature under it.
    """
    headings = numbered([_ACHIEVED, *(heading for heading, _ in written), level_heading])
    parts: list[Part] = [Line(LineKind.SECTION, headings[0]), *_items(achievements)]
    for heading, (_, count) in zip(headings[1:], written, strict=False):
        parts += [Line(LineKind.SECTION, heading), WritingLines(count)]
    choice: list[Part] = [Line(LineKind.SECTION, headings[-1])]
    if scored:
        choice.append(score_line())
    choice.append(Line(LineKind.LINE, "- Mức xếp loại (đánh dấu X vào một ô):"))
    choice += level_ticks(names)
    return [*parts, Together((*choice, signature))]


def member_form_document(paper: MemberFormPaper) -> PrintedDocument:
    """The member's form, identity pre-filled, with the chi bộ's and the committee's blocks."""
    written = [_SHORTCOMINGS, _REMEDIED, _EXPLANATIONS]
    if paper.leader:
        written.append(_COLLECTIVE)
    written.append(_MEMBER_PLAN)
    born = format_vn_date(paper.birth_date) if paper.birth_date else ""
    parts: list[Part] = [
        form_code_line(paper.form_code),
        Header(paper.header),
        form_title(paper.title, paper.year, paper.usage),
        _field("Họ và tên", paper.member_name),
        _field("Ngày sinh", born),
        _field("Chức vụ đảng", paper.party_post),
        _field("Chức vụ chính quyền, đoàn thể, vị trí việc làm", paper.job_title),
        _field("Đơn vị công tác", paper.workplace),
        _field("Sinh hoạt tại", paper.organisation_name),
        *_sections(
            written,
            _ACHIEVEMENTS,
            _MEMBER_LEVEL,
            paper.scored,
            paper.level_names,
            Signatures(None, SignatureBlock(None, SELF_SIGNER, paper.member_name), SIGN_NOTE),
        ),
        # The chi bộ's and the committee's blocks, their two signatures side by side.
        Together(
            (
                Line(LineKind.BLOCK, CELL_BLOCK),
                WritingLines(4),
                Line(LineKind.LINE, f"- Chi bộ đề xuất xếp loại: {BLANK}{BLANK}"),
                Line(LineKind.BLOCK, COMMITTEE_BLOCK),
                Line(LineKind.LINE, f"- {paper.committee_name} xếp loại: {BLANK}{BLANK}"),
                Signatures(paper.cell_signature, paper.committee_signature),
            )
        ),
    ]
    return paper_document(paper.title, paper.header, f"{paper.member_name} – {paper.year}", parts)


def org_form_document(paper: OrgFormPaper) -> PrintedDocument:
    """Mẫu 01: the collective's report, name pre-filled, sections left for writing."""
    written = [_SHORTCOMINGS, _ORG_REMEDIED, _ORG_PLAN]
    parts: list[Part] = [
        form_code_line(paper.form_code),
        Header(paper.header),
        form_title(paper.title, paper.year),
        Line(
            LineKind.LINE,
            f"Thực hiện hướng dẫn kiểm điểm, đánh giá, xếp loại chất lượng năm {paper.year}, "
            f"{paper.organisation_name} báo cáo kết quả kiểm điểm tập thể như sau:",
        ),
        *_sections(
            written,
            _ORG_ACHIEVEMENTS,
            _ORG_LEVEL,
            paper.scored,
            paper.level_names,
            Signatures(None, paper.signature),
        ),
    ]
    subject = f"{paper.organisation_name} – {paper.year}"
    return paper_document(paper.title, paper.header, subject, parts)
