"""The secret ballot of an organisation's members and the record of its count (biên bản kiểm phiếu).

The ballot lists the evaluated members with one empty box per level and carries no signature.
The record gives the ballots issued, returned, valid and invalid, each member's votes per
level (number and share of the valid ballots) and the level they give under the rule set's
majority, then the signatures of the ban kiểm phiếu.
"""

from __future__ import annotations

from partydesk.domain.documents import SignatureBlock, format_date_words
from partydesk.domain.numbers import share_text
from partydesk.reports.briefing_layout import (
    Column,
    Grid,
    Header,
    Line,
    LineKind,
    Part,
    PrintedDocument,
    Signatures,
    Title,
)
from partydesk.reports.evaluation_papers import (
    BLANK,
    NO_MAJORITY,
    BallotPaper,
    CountRecordPaper,
    level_name,
    paper_document,
    percent_text,
)

BALLOT_KIND = "Phiếu đánh giá, xếp loại chất lượng đảng viên"
BALLOT_INSTRUCTION = "Đánh dấu X vào một ô tương ứng với mức xếp loại đối với từng đảng viên"
BALLOT_ROW_MM = 9
RECORD_KIND = "Biên bản kiểm phiếu"
HEAD_OF_COUNT = "Trưởng ban kiểm phiếu"
COUNT_MEMBER = "Thành viên"
BLANK_COUNTERS = 3  # lines left for the names when the ban kiểm phiếu is not known yet


def ballot_document(paper: BallotPaper) -> PrintedDocument:
    """One ballot; print as many copies as there are voters."""
    columns = (
        Column("STT", 12, centred=True),
        Column("Họ và tên", 56),
        *(Column(name, 23, centred=True) for name in paper.level_names),
    )
    rows = tuple(
        (str(number), name, "", "", "", "") for number, name in enumerate(paper.members, start=1)
    )
    parts: list[Part] = [
        Header(paper.header),
        Title(BALLOT_KIND, f"Năm {paper.year}", paper.organisation_name),
        Line(LineKind.NOTE, f"({BALLOT_INSTRUCTION})"),
        Grid(columns, rows, row_height_mm=BALLOT_ROW_MM),
    ]
    subject = f"{paper.organisation_name} – {paper.year}"
    return paper_document(BALLOT_KIND, paper.header, subject, parts)


def _counters(paper: CountRecordPaper) -> list[Line]:
    names = [" ".join(name.split()) for name in paper.counters if name.strip()]
    names = names or [BLANK] * BLANK_COUNTERS
    return [
        Line(
            LineKind.LINE,
            f"{number}. Đồng chí {name} – {'Trưởng ban' if number == 1 else 'Thành viên'};",
        )
        for number, name in enumerate(names, start=1)
    ]


def _count_grid(paper: CountRecordPaper) -> Grid:
    columns = (
        Column("STT", 12, centred=True),
        Column("Họ và tên", 40),
        *(Column(name, 19, centred=True) for name in paper.level_names),
        Column("Kết quả", 32, centred=True),
    )
    rows = tuple(
        (
            str(number),
            row.name,
            *(f"{votes}\n({percent_text(votes, paper.valid)})" for votes in row.votes),
            level_name(paper.level_names, row.result) or NO_MAJORITY,
        )
        for number, row in enumerate(paper.rows, start=1)
    )
    return Grid(columns, rows)


def _signatures(paper: CountRecordPaper) -> list[Signatures]:
    """The trưởng ban on the right, the members in pairs from the left."""
    names = [" ".join(name.split()) for name in paper.counters if name.strip()] or [""]
    head = SignatureBlock(None, HEAD_OF_COUNT, names[0])
    members = [SignatureBlock(None, COUNT_MEMBER, name) for name in names[1:]]
    rows = [Signatures(members[0] if members else None, head)]
    rest = members[1:]
    rows += [
        Signatures(rest[index], rest[index + 1] if index + 1 < len(rest) else None)
        for index in range(0, len(rest), 2)
    ]
    return rows


def count_record_document(paper: CountRecordPaper) -> PrintedDocument:
    """The biên bản kiểm phiếu, pre-filled with the counts entered."""
    place = " ".join(paper.place.split()) or BLANK
    parts: list[Part] = [
        Header(paper.header),
        Title(RECORD_KIND, f"đánh giá, xếp loại chất lượng đảng viên năm {paper.year}"),
        Line(
            LineKind.LINE,
            f"Hôm nay, {format_date_words(paper.counted_on)}, tại {place}, Ban kiểm phiếu "
            f"của {paper.organisation_name} gồm các đồng chí:",
        ),
        *_counters(paper),
        Line(
            LineKind.LINE,
            f"đã tiến hành kiểm phiếu đánh giá, xếp loại chất lượng đảng viên năm {paper.year}."
            " Kết quả như sau:",
        ),
        Line(LineKind.LINE, f"- Số phiếu phát ra: {paper.issued}."),
        Line(LineKind.LINE, f"- Số phiếu thu về: {paper.returned}."),
        Line(LineKind.LINE, f"- Số phiếu hợp lệ: {paper.valid}."),
        Line(LineKind.LINE, f"- Số phiếu không hợp lệ: {paper.invalid}."),
        Line(
            LineKind.LINE,
            "- Kết quả đối với từng đảng viên (số phiếu và tỷ lệ trên số phiếu hợp lệ):",
        ),
        _count_grid(paper),
        Line(
            LineKind.LINE,
            f"Mức xếp loại là mức cao nhất có trên {share_text(paper.majority)} số phiếu hợp lệ, "
            "tính cộng dồn từ mức cao nhất; không mức nào đạt thì ghi "
            f"“{NO_MAJORITY}”.",
        ),
        Line(
            LineKind.LINE,
            "Biên bản được lập xong hồi ...... giờ ...... cùng ngày, các thành viên Ban kiểm "
            "phiếu thống nhất ký tên.",
        ),
        *_signatures(paper),
    ]
    subject = f"{paper.organisation_name} – {paper.year}"
    return paper_document(RECORD_KIND, paper.header, subject, parts)
