"""The competent committee's decision recognising an organisation's and its members' levels.

"QUYẾT ĐỊNH về việc công nhận kết quả đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên
năm …": the grounds (Điều lệ Đảng, the rule set's regulation and guidance, the organisation's
proposal), Điều 1 the organisation's level, Điều 2 the members' levels as a table with the
count per level, Điều 3 effect and execution, then "Nơi nhận" and the signature. A number not
taken yet is left blank to fill in by hand.
"""

from __future__ import annotations

from dataclasses import replace

from partydesk.domain.evaluation import LEVEL_ORDER
from partydesk.reports.briefing_data import lower_first
from partydesk.reports.briefing_layout import (
    Column,
    Grid,
    Header,
    Line,
    LineKind,
    Part,
    PrintedDocument,
    Recipients,
    Title,
)
from partydesk.reports.evaluation_papers import (
    BLANK,
    DecisionPaper,
    level_name,
    paper_document,
    percent_text,
)

KIND = "Quyết định"
# Room to write the number by hand: non-breaking spaces survive where plain ones collapse.
BLANK_NUMBER = "\u00a0" * 10
CHARTER = "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;"
COLUMNS = (
    Column("STT", 12, centred=True),
    Column("Họ và tên", 78),
    Column("Mức xếp loại", 70),
)


def abstract(year: int) -> str:
    return (
        "về việc công nhận kết quả đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên "
        f"năm {year}"
    )


def _grounds(paper: DecisionPaper) -> list[Line]:
    texts = [CHARTER]
    texts += [f"Căn cứ {text.strip()};" for text in (paper.regulation, paper.guidance) if text]
    proposal = f" ({paper.proposal.strip()})" if paper.proposal.strip() else ""
    texts.append(
        f"Xét đề nghị của {lower_first(paper.organisation_name)}{proposal} về kết quả đánh giá, "
        f"xếp loại chất lượng năm {paper.year},"
    )
    return [Line(LineKind.LINE, text) for text in texts]


def _member_counts(paper: DecisionPaper) -> list[Line]:
    total = len(paper.members)
    lines = []
    for level in LEVEL_ORDER:
        count = sum(1 for member in paper.members if member.level is level)
        name = level_name(paper.level_names, level)
        lines.append(
            Line(LineKind.LINE, f"- {name}: {count} đồng chí ({percent_text(count, total)});")
        )
    undecided = sum(1 for member in paper.members if member.level is None)
    if undecided:
        lines.append(Line(LineKind.LINE, f"- Chưa xếp loại: {undecided} đồng chí."))
    return lines


def decision_document(paper: DecisionPaper) -> PrintedDocument:
    """The decision on one organisation and its evaluated members."""
    header = paper.header
    if not header.number_text:
        header = replace(header, number_text=f"Số {BLANK_NUMBER}-QĐ/{paper.issuer_abbreviation}")
    org = paper.organisation_name
    org_level = level_name(paper.level_names, paper.org_level) or BLANK
    rows = tuple(
        (str(number), member.name, level_name(paper.level_names, member.level))
        for number, member in enumerate(paper.members, start=1)
    )
    recipients = paper.recipients or ("Như Điều 3,", f"Lưu Văn phòng {paper.committee_name}.")
    parts: list[Part] = [
        Header(header),
        Title(KIND, abstract(paper.year)),
        Line(LineKind.BLOCK, paper.deciding_body.upper()),
        *_grounds(paper),
        Line(LineKind.BLOCK, "QUYẾT ĐỊNH:"),
        Line(
            LineKind.LINE,
            f"Điều 1. Công nhận {lower_first(org)} đạt mức xếp loại chất lượng năm {paper.year}: "
            f"{org_level}.",
        ),
        Line(
            LineKind.LINE,
            f"Điều 2. Công nhận kết quả xếp loại chất lượng năm {paper.year} của "
            f"{len(paper.members)} đảng viên thuộc {lower_first(org)}, trong đó:",
        ),
        *_member_counts(paper),
        Line(LineKind.LINE, "(Danh sách cụ thể như sau)"),
        Grid(COLUMNS, rows),
        Line(
            LineKind.LINE,
            f"Điều 3. Quyết định có hiệu lực kể từ ngày ký. Văn phòng, các ban xây dựng Đảng của "
            f"{paper.committee_name}, {lower_first(org)} và các đồng chí có tên tại Điều 2 căn "
            "cứ Quyết định thi hành.",
        ),
        Recipients(recipients, paper.signature),
    ]
    return paper_document(KIND, header, f"{org} – {paper.year}", parts)
