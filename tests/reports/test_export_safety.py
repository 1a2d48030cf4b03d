"""Exports never turn the register's text into formulas or fields (reliability D9, §3.6, T10).

- XLSX: every writer the office uses (outgoing register, compliance workbook, classification
  sheet) is fed random text rows (Hypothesis) and the OWASP payloads; reloaded with openpyxl,
  no cell is a formula, text comes back exactly, a text starting with a formula trigger carries
  the quote prefix, numbers stay numbers.
- CSV: ``csv_text_cell`` prefixes the triggers and leaves other text alone.
- DOCX: user text is written as runs; the only field codes are the constant page numbers.
"""

from __future__ import annotations

import errno
import io
import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from partydesk.domain.compliance import (
    ComplianceSettings,
    Gap,
    MonthCell,
    MonthState,
    OrganisationCompliance,
    QuarterCell,
)
from partydesk.domain.organisation import OrgKind
from partydesk.domain.outgoing import NumberRequest, OutgoingFilter
from partydesk.reports.briefing_attendance import attendance_document
from partydesk.reports.briefing_docx import write_docx
from partydesk.reports.classification_xlsx import FIRST_DATA_ROW, MEMBERS_SHEET, write_sheet_xlsx
from partydesk.reports.compliance_xlsx import (
    GAPS_SHEET,
    HEADER_ROW,
    ComplianceReport,
    write_compliance_workbook,
)
from partydesk.reports.csv_safe import csv_text_cell
from partydesk.reports.hd36 import clean_text
from partydesk.reports.minutes_docx import write_minutes_docx
from partydesk.reports.outgoing_xlsx import OutgoingRegisterReport, write_register
from partydesk.reports.xlsx_common import FORMULA_TRIGGERS, write_cell
from partydesk.services.app import AppServices
from partydesk.services.document_files import PARTIAL_SUFFIX
from tests.common import TODAY
from tests.services.evaluation_office import build_office

from .test_briefing_pdf import sample_papers
from .test_classification_sheet import HEADER, sample_sheet
from .test_compliance_xlsx import record_meetings
from .test_minutes_pdf import sample_document, sample_meeting
from .test_outgoing_xlsx import line

#: The OWASP CSV-injection payloads, and a few more first characters that must stay text.
PAYLOADS = (
    '=HYPERLINK("http://x","y")',
    "@SUM(1+1)",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "\tTab đầu dòng",
    "\r=1+1",
    "=1+1",
    "+84 912 345 678",
    "-ghi chú",
)

# Text openpyxl can store: no C0 control character but Tab, LF and CR (XML 1.0 forbids the
# others; the domain's clean_text refuses them at input anyway), no lone surrogates.
_CHARS = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters=[chr(c) for c in range(32) if c not in (9, 10, 13)] + ["\x7f"],
)
_TEXT = st.text(_CHARS, max_size=40)
TEXTS = st.one_of(
    _TEXT,
    st.sampled_from(PAYLOADS),
    st.tuples(st.sampled_from(FORMULA_TRIGGERS), _TEXT).map("".join),
)
# Random text that a DOCX paragraph keeps exactly (the domain's single-line form).
_DOCX_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=["\x7f"]),
    min_size=1,
    max_size=40,
).filter(lambda t: t.strip() == t and t)
# Each XLSX example writes and reloads a whole workbook (0.1–0.4 s): the PR run tries a few
# dozen rows of random text; the slow run (``-m slow``) tries ten times as many.
FEW = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MANY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ROWS = st.lists(st.tuples(TEXTS, TEXTS, TEXTS, TEXTS), min_size=1, max_size=6)


def reload(write, report) -> object:  # noqa: ANN001 - a writer and its report
    out = io.BytesIO()
    write(report, out)
    out.seek(0)
    return load_workbook(out)


def assert_no_formula(book) -> None:  # noqa: ANN001 - an openpyxl workbook
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
                    assert cell.quotePrefix, f"{sheet.title}!{cell.coordinate} lacks the prefix"


def expected(text: str) -> str | None:
    return text or None  # an empty text is an empty cell


# --- the shared cell helper ----------------------------------------------------------------


def test_write_cell_keeps_text_text_and_numbers_numbers() -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    values: list[object] = [*PAYLOADS, -5, 3.5, date(2026, 11, 21), "0012", "", None]
    for row, value in enumerate(values, start=1):
        write_cell(sheet, row, 1, value)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    reloaded = load_workbook(out).active
    assert_no_formula(reloaded.parent)
    got = [reloaded.cell(row=row, column=1) for row in range(1, len(values) + 1)]
    assert [c.value for c in got[: len(PAYLOADS)]] == list(PAYLOADS)
    assert all(c.quotePrefix for c in got[: len(PAYLOADS)])
    number, share, day, code, empty, none = got[len(PAYLOADS) :]
    assert (number.value, number.data_type) == (-5, "n")
    assert (share.value, share.data_type) == (3.5, "n")
    assert day.is_date and day.value.date() == date(2026, 11, 21)
    assert (code.value, code.data_type, code.quotePrefix) == ("0012", "s", False)
    assert empty.value is None and none.value is None


# --- the outgoing register -----------------------------------------------------------------


@FEW
@given(ROWS, TEXTS)
def test_the_outgoing_register_never_holds_a_formula(rows, selection) -> None:
    check_outgoing_register(rows, selection)


@pytest.mark.slow
@MANY
@given(ROWS, TEXTS)
def test_the_outgoing_register_never_holds_a_formula_many(rows, selection) -> None:
    check_outgoing_register(rows, selection)


def check_outgoing_register(rows, selection) -> None:  # noqa: ANN001
    documents = [
        line(i, summary=summary, signer=signer, recipients=recipients, issuer_name=issuer)
        for i, (summary, signer, recipients, issuer) in enumerate(rows, start=1)
    ]
    report = OutgoingRegisterReport(documents, committee_name="Đảng ủy", selection=selection)
    book = reload(write_register, report)
    assert_no_formula(book)
    sheet = book.active
    for index, (summary, signer, recipients, issuer) in enumerate(rows, start=1):
        row = 5 + index
        assert sheet.cell(row=row, column=3).value == expected(issuer)
        assert sheet.cell(row=row, column=6).value == expected(summary)
        assert sheet.cell(row=row, column=7).value == expected(signer)
        assert sheet.cell(row=row, column=8).value == expected(recipients)


# --- the compliance workbook ---------------------------------------------------------------


def _compliance_row(index: int, name: str, cadre: str, problem: str) -> OrganisationCompliance:
    return OrganisationCompliance(
        organisation_id=index,
        name=name,
        kind=OrgKind.CELL_BASE,
        cadres=((1, cadre),),
        months=tuple(MonthCell(m, MonthState.MET) for m in range(1, 13)),
        quarters=tuple(QuarterCell(q, True, True, False) for q in range(1, 5)),
        gaps=(Gap(index, name, "Tháng 3/2026", problem),),
    )


@FEW
@given(ROWS, TEXTS)
def test_the_compliance_workbook_never_holds_a_formula(rows, selection) -> None:
    check_compliance_workbook(rows, selection)


@pytest.mark.slow
@MANY
@given(ROWS, TEXTS)
def test_the_compliance_workbook_never_holds_a_formula_many(rows, selection) -> None:
    check_compliance_workbook(rows, selection)


def check_compliance_workbook(rows, selection) -> None:  # noqa: ANN001
    rows = [row[:3] for row in rows]
    report = ComplianceReport(
        year=2026,
        rows=[_compliance_row(i, *row) for i, row in enumerate(rows, start=1)],
        settings=ComplianceSettings(),
        committee_name="Đảng ủy phường An Khánh",
        selection=selection,
        made_on=date(2026, 11, 21),
    )
    book = reload(write_compliance_workbook, report)
    assert_no_formula(book)
    matrix, gaps = book.worksheets[0], book[GAPS_SHEET]
    for index, (name, cadre, _problem) in enumerate(rows, start=1):
        assert matrix.cell(row=HEADER_ROW + index, column=1).value == str(index)
        assert matrix.cell(row=HEADER_ROW + index, column=2).value == expected(name)
        assert matrix.cell(row=HEADER_ROW + index, column=4).value == expected(cadre)
        number = gaps.cell(row=HEADER_ROW + index, column=1)
        assert (number.value, number.data_type) == (index, "n")  # STT stays a number
        assert gaps.cell(row=HEADER_ROW + index, column=2).value == expected(name)


# --- the classification sheet --------------------------------------------------------------


NAMES = st.lists(TEXTS, min_size=4, max_size=4)  # the sample sheet has four organisations


@settings(FEW, max_examples=8)  # three sheets each: the heaviest workbook to reload
@given(NAMES)
def test_the_classification_sheet_never_holds_a_formula(names) -> None:
    check_classification_sheet(names)


@pytest.mark.slow
@MANY
@given(NAMES)
def test_the_classification_sheet_never_holds_a_formula_many(names) -> None:
    check_classification_sheet(names)


def check_classification_sheet(names) -> None:  # noqa: ANN001
    sheet = sample_sheet()
    sections = []
    renamed = iter(names)
    for section in sheet.sections:
        rows = tuple(replace(row, name=next(renamed)) for row in section.rows)
        sections.append(replace(section, rows=rows))
    sheet = replace(sheet, sections=tuple(sections))

    def write(data, out) -> None:  # noqa: ANN001
        write_sheet_xlsx(data, HEADER, out)

    book = reload(write, sheet)
    assert_no_formula(book)
    members = book[MEMBERS_SHEET]
    written = [
        row[1].value
        for row in members.iter_rows(min_row=FIRST_DATA_ROW)
        if isinstance(row[0].value, int)  # an organisation's row: its number, then its name
    ]
    assert written == [expected(clean_text(name)) for name in names]
    counts = [
        row[3].value
        for row in members.iter_rows(min_row=FIRST_DATA_ROW)
        if isinstance(row[0].value, int)
    ]
    assert all(isinstance(c, int) for c in counts)  # the member counts stay numbers


# --- CSV -----------------------------------------------------------------------------------


def test_csv_text_cells_are_prefixed_per_owasp() -> None:
    for payload in PAYLOADS:
        assert csv_text_cell(payload) == "'" + payload
    assert csv_text_cell("Nguyễn Văn An") == "Nguyễn Văn An"
    assert csv_text_cell("") == "" and csv_text_cell(None) == ""
    assert csv_text_cell(-5) == "'-5"  # a number passed as text is text: callers pass text only


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_a_csv_text_cell_never_starts_with_a_trigger_unprefixed(text) -> None:
    cell = csv_text_cell(text)
    assert not cell.startswith(FORMULA_TRIGGERS)
    assert cell.removeprefix("'") == text or cell == text


# --- DOCX ----------------------------------------------------------------------------------

_INSTR_TEXT = re.compile(r"<w:instrText\b[^>]*>(.*?)</w:instrText>", re.DOTALL)
_SIMPLE_FIELD = re.compile(r'<w:fldSimple\b[^>]*\bw:instr="([^"]*)"')
#: The only field codes PartyDesk writes: the page number in the footer.
CONSTANT_FIELDS = {"PAGE", "NUMPAGES"}


def field_codes(data: bytes) -> list[str]:
    """The code of every field in every part of the document (body, headers, footers)."""
    codes = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                xml = archive.read(name).decode("utf-8")
                codes += [m.strip() for m in _INSTR_TEXT.findall(xml)]
                codes += [m.strip() for m in _SIMPLE_FIELD.findall(xml)]
    return codes


def all_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def test_minutes_docx_writes_user_text_as_runs_not_fields() -> None:
    conclusion = "\n".join(PAYLOADS[:5]) + '\n{ HYPERLINK "http://x" } { PAGE }'
    meeting = sample_meeting(conclusion=conclusion, place='=HYPERLINK("http://x","y")')
    out = io.BytesIO()
    write_minutes_docx(sample_document(meeting), out)
    data = out.getvalue()
    codes = field_codes(data)
    assert codes and set(codes) <= CONSTANT_FIELDS, codes
    text = all_text(data)
    for payload in PAYLOADS[:4]:
        assert payload in text
    assert '{ HYPERLINK "http://x" } { PAGE }' in text


@FEW
@given(_DOCX_TEXT)
def test_a_briefing_docx_never_turns_a_name_into_a_field(name) -> None:
    papers = sample_papers()
    first = papers.sittings[0]
    renamed = replace(first.organisations[0], name=name, attendee_name=name)
    papers = replace(
        papers,
        sittings=(replace(first, organisations=(renamed, *first.organisations[1:])),)
        + papers.sittings[1:],
    )
    out = io.BytesIO()
    write_docx(attendance_document(papers), out)
    data = out.getvalue()
    assert set(field_codes(data)) <= CONSTANT_FIELDS
    assert clean_text(name) in all_text(data)


# --- writing the files: all or nothing, logged once (reliability §3.5, T3) ----------------


class FailingWrites:
    """Wraps every file an export opens for writing beside its target (``*.partial``, or the
    staging folder of a folder export); the ``fail_at``-th write raises "disk full"."""

    def __init__(self) -> None:
        self.writes = 0
        self.fail_at: int | None = None

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        original = Path.open
        counter = self

        def open_(path: Path, mode: str = "r", *args, **kwargs):  # noqa: ANN202
            handle = original(path, mode, *args, **kwargs)
            staged = path.name.endswith(PARTIAL_SUFFIX) or ".partydesk-partial" in path.parts
            return _Counted(handle, counter) if staged and "w" in mode else handle

        monkeypatch.setattr(Path, "open", open_)


class _Counted:
    def __init__(self, handle, counter: FailingWrites) -> None:  # noqa: ANN001
        self._handle = handle
        self._counter = counter

    def write(self, data) -> int:  # noqa: ANN001
        self._counter.writes += 1
        if self._counter.writes == self._counter.fail_at:
            raise OSError(errno.ENOSPC, "No space left on device")
        return self._handle.write(data)

    def __getattr__(self, name: str):  # noqa: ANN204 - seek, tell, flush, close…
        return getattr(self._handle, name)

    def __enter__(self) -> _Counted:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()


def _meetings_office(services: AppServices):  # noqa: ANN202
    office = record_meetings(services)
    services.office.save(replace(services.office.settings(), abbreviation="ĐU"))
    return office


def _member_list(services: AppServices) -> Callable[[Path], object]:
    office = _meetings_office(services)
    return lambda target: services.documents.write_member_list(office.an_phat, target)


def _minutes_docx(services: AppServices) -> Callable[[Path], object]:
    office = _meetings_office(services)
    return lambda target: services.documents.write_minutes(office.short_meeting, target)


def _minute_book(services: AppServices) -> Callable[[Path], object]:
    office = _meetings_office(services)
    first, last = date(2026, 1, 1), date(2026, 12, 31)
    return lambda target: services.documents.write_minute_book(office.an_phat, first, last, target)


def _compliance(services: AppServices) -> Callable[[Path], object]:
    _meetings_office(services)
    return lambda target: services.meetings.write_compliance_xlsx(2026, target)


def _outgoing_register(services: AppServices) -> Callable[[Path], object]:
    _meetings_office(services)
    issuer = services.outgoing.office_issuer()
    services.outgoing.take_number(NumberRequest(issuer, "GM", TODAY, "Mời họp", "t3:1"))
    return lambda target: services.outgoing.write_xlsx(target, OutgoingFilter())


def _calendar(services: AppServices) -> Callable[[Path], object]:
    _meetings_office(services)
    return lambda target: services.due.write_ics(target)


def _evaluation_forms_folder(services: AppServices) -> Callable[[Path], object]:
    cycle = build_office(services).open(2025)
    return lambda target: services.evaluation_documents.write_forms(cycle.id, target)


def _classification_xlsx(services: AppServices) -> Callable[[Path], object]:
    cycle = build_office(services).open(2025)
    return lambda target: services.evaluation_documents.write_sheet(cycle.id, target)


EXPORTS: dict[str, tuple[str, Callable[[AppServices], Callable[[Path], object]]]] = {
    "member list": (".pdf", _member_list),
    "minutes docx": (".docx", _minutes_docx),
    "minute book": (".pdf", _minute_book),
    "compliance": (".xlsx", _compliance),
    "outgoing register": (".xlsx", _outgoing_register),
    "calendar": (".ics", _calendar),
    "evaluation forms folder": ("", _evaluation_forms_folder),
    "classification": (".xlsx", _classification_xlsx),
}


def _contents(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (the export's own files only) with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _exports_logged(services: AppServices) -> int:
    query = "SELECT count(*) FROM audit_log WHERE action = 'Xuất dữ liệu ra tệp'"
    return services.store.conn.execute(query).fetchone()[0]


# openpyxl and python-docx leave their ZipFile open when a write fails; it is collected later,
# after the file was closed, and complains harmlessly ("seek of closed file").
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("name", list(EXPORTS))
def test_a_failed_export_leaves_the_earlier_file_and_no_partial_one(
    services: AppServices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    suffix, setup = EXPORTS[name]
    export = setup(services)
    out = tmp_path / "xuat"
    out.mkdir()
    target = out / f"tep-xuat{suffix}"
    counter = FailingWrites()
    counter.install(monkeypatch)
    export(target)  # a complete export, counting its writes
    total, earlier = counter.writes, _contents(out)
    assert total >= 1 and earlier and _exports_logged(services) == 1
    # The disk fills up at the first write, in the middle, at the last one (SQLite's loop,
    # sampled): the earlier file stays as it was, nothing half-written is left, nothing logged.
    for fail_at in sorted({1, (total + 1) // 2, total}):
        counter.writes, counter.fail_at = 0, fail_at
        with pytest.raises(OSError, match="No space left"):
            export(target)
        assert _contents(out) == earlier, f"write {fail_at} of {total}"
    counter.fail_at = None

    def refuse(*_args: object) -> None:
        raise OSError(errno.EACCES, "Access is denied")  # Windows: the file is open in Excel

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="Access is denied"):
        export(target)
    assert _contents(out) == earlier
    assert _exports_logged(services) == 1


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_failed_folder_export_leaves_no_new_folder(
    services: AppServices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = _evaluation_forms_folder(services)
    counter = FailingWrites()
    counter.install(monkeypatch)
    counter.fail_at = 2  # the second organisation's file
    with pytest.raises(OSError, match="No space left"):
        export(tmp_path / "ban-kiem-diem")
    assert not (tmp_path / "ban-kiem-diem").exists()
    assert _exports_logged(services) == 0
