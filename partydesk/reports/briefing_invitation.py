"""The giấy mời to a briefing round, one number per sitting (domain.md §6).

Either one letter per invited organisation, addressed to its bí thư by name when the register
knows it (all the letters of a sitting share that sitting's number), or one letter per sitting
with the list of invited organisations appended. The letter gives the time, place and agenda,
and asks for the six-month report by its due date.
"""

from __future__ import annotations

from partydesk.domain.dates import format_vn_date
from partydesk.reports.briefing_data import (
    BriefingPapers,
    InvitedOrganisation,
    SittingPapers,
    body_of,
    lower_first,
)
from partydesk.reports.briefing_layout import (
    Column,
    Grid,
    Header,
    Line,
    LineKind,
    NewPage,
    Part,
    PrintedDocument,
    Recipients,
    Title,
    round_document,
    sentence,
    sitting_time_text,
)

KIND_NAME = "Giấy mời"
ALL_ADDRESSEES = "Đồng chí bí thư các chi bộ, đảng bộ cơ sở có tên trong danh sách kèm theo"
RECIPIENTS = ("Như trên,", "Lưu Văn phòng.")


def _body(papers: BriefingPapers, sitting: SittingPapers, whose_report: str) -> list[Line]:
    briefing = papers.briefing
    office = papers.office
    group = f" ({sitting.sitting.label.strip()})" if sitting.sitting.label.strip() else ""
    lines = [
        Line(
            LineKind.LINE,
            f"{office.full_name} tổ chức {lower_first(briefing.title)} với các chi bộ, đảng bộ "
            f"cơ sở trong doanh nghiệp{group}. Trân trọng kính mời đồng chí đến dự.",
        ),
        Line(LineKind.LINE, sentence(f"- Thời gian: {sitting_time_text(sitting.sitting)}")),
    ]
    if sitting.place.strip():
        lines.append(Line(LineKind.LINE, sentence(f"- Địa điểm: {sitting.place}")))
    agenda = [item.strip() for item in briefing.agenda if item.strip()]
    if agenda:
        lines.append(Line(LineKind.LINE, "- Nội dung:"))
        lines += [Line(LineKind.LINE, sentence(f"+ {item}")) for item in agenda]
    due = (
        f" trước ngày {format_vn_date(briefing.reports_due_on)}" if briefing.reports_due_on else ""
    )
    lines.append(
        Line(
            LineKind.LINE,
            f"Đề nghị đồng chí chuẩn bị báo cáo tình hình {briefing.half.label} "
            f"{briefing.year} của {whose_report} (bằng văn bản) gửi về Văn phòng "
            f"{office.full_name}{due}; đồng thời chuẩn bị ý kiến về khó khăn, vướng mắc, "
            "kiến nghị để trao đổi tại hội nghị.",
        )
    )
    return lines


def _letter(papers: BriefingPapers, sitting: SittingPapers, addressee: str, whose: str) -> list:
    assert sitting.number is not None, "a giấy mời is printed with its number"
    number = sitting.number
    return [
        Header(papers.office.header(number.number_text, number.issued_on)),
        Title(KIND_NAME, f"dự {lower_first(papers.briefing.title)}"),
        Line(LineKind.ADDRESS, f"Kính gửi: {addressee}"),
        *_body(papers, sitting, whose),
        Recipients(RECIPIENTS, papers.office.signer),
    ]


def _organisation_list(papers: BriefingPapers, sitting: SittingPapers) -> list[Part]:
    assert sitting.number is not None
    number = sitting.number
    rows = tuple(
        (str(index), org.name, org.secretary_name)
        for index, org in enumerate(sitting.organisations, start=1)
    )
    return [
        NewPage(),
        Line(LineKind.HEADING, "DANH SÁCH TỔ CHỨC ĐẢNG ĐƯỢC MỜI"),
        Line(
            LineKind.NOTE,
            f"(Kèm theo Giấy mời {number.number_text.removeprefix('Số ')} ngày "
            f"{format_vn_date(number.issued_on)} của {papers.office.full_name})",
        ),
        Grid(
            (Column("STT", 13, centred=True), Column("Tổ chức đảng", 97), Column("Bí thư", 50)),
            rows,
        ),
    ]


def _organisation_letter(
    papers: BriefingPapers, sitting: SittingPapers, org: InvitedOrganisation
) -> list[Part]:
    return _letter(papers, sitting, org.addressee, body_of(org.name))


def invitation_document(papers: BriefingPapers, *, one_letter: bool = False) -> PrintedDocument:
    """The giấy mời of every sitting, each letter from a new page."""
    parts: list[Part] = []
    for sitting in papers.sittings:
        if one_letter:
            letters = [_letter(papers, sitting, ALL_ADDRESSEES, "chi bộ, đảng bộ")]
            letters[0] += _organisation_list(papers, sitting)
        else:
            letters = [_organisation_letter(papers, sitting, org) for org in sitting.organisations]
        for letter in letters:
            if parts:
                parts.append(NewPage())
            parts += letter
    return round_document(papers, KIND_NAME, parts)
