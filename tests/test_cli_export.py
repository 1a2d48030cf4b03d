"""``partydesk export …``: the minutes documents from the command line, without a window."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from partydesk.cli import EXIT_OK, EXIT_UNHEALTHY, EXIT_USAGE, main
from partydesk.services.app import AppServices, build_services
from tests.cli_office import CliOffice
from tests.common import TODAY
from tests.services.test_minutes_documents import (
    APRIL,
    CELL,
    MARCH,
    MAY,
    build_cell,
    hold_meeting,
)


class Office(CliOffice):
    """A database file with one chi bộ and three meetings in 2026, one in 2027."""

    def seed(self, services: AppServices) -> None:
        cell = build_cell(services)
        self.organisation_id = cell.organisation_id
        self.meetings = [
            hold_meeting(services, cell, on, number=n)
            for n, on in enumerate((MARCH, APRIL, MAY, date(2027, 1, 14)), start=1)
        ]


@pytest.fixture
def office(tmp_path: Path) -> Office:
    return Office(tmp_path)


def pages_of(path: Path) -> int:
    return len(PdfReader(path).pages)


def test_export_one_biên_bản_as_pdf_and_docx(office, capsys):
    pdf = office.out / "bien-ban.pdf"
    assert office.run("minutes", "--db", str(office.db), "--meeting", "1", "-o", str(pdf)) == 0
    assert capsys.readouterr().out.strip() == f"Đã ghi {pdf} ({pages_of(pdf)} trang)"
    assert "Số 01-BB/CB" in PdfReader(pdf).pages[0].extract_text()

    word = office.out / "bien-ban.docx"
    assert office.run("minutes", "--db", str(office.db), "--meeting", "2", "-o", str(word)) == 0
    assert capsys.readouterr().out.strip() == f"Đã ghi {word}"
    texts = [p.text for p in docx.Document(str(word)).paragraphs]
    assert "Sinh hoạt chi bộ thường kỳ tháng 4 năm 2026" in texts


def test_export_the_minute_book_of_a_year_by_name(office, capsys):
    target = office.out / "so.pdf"
    name = unicodedata.normalize("NFD", CELL.upper())  # any case, any Unicode spelling
    code = office.run(
        "minute-book", "--db", str(office.db), "--org", name, "--year", "2026", "-o", str(target)
    )
    assert code == EXIT_OK
    pages = pages_of(target)
    assert capsys.readouterr().out.strip() == f"Đã ghi {target} ({pages} trang)"
    index = PdfReader(target).pages[-1].extract_text()
    assert "tháng 5 năm 2026" in index and "năm 2027" not in index


def test_export_the_minute_book_of_a_date_range_by_id(office):
    target = office.out / "so.pdf"
    code = office.run(
        "minute-book",
        "--db",
        str(office.db),
        "--org",
        str(office.organisation_id),
        "--from",
        "01/04/2026",
        "--to",
        "15/1/2027",
        "--volume",
        "3",
        "-o",
        str(target),
    )
    assert code == EXIT_OK
    cover = PdfReader(target).pages[0].extract_text()
    assert "Quyển số 3" in cover and "Từ ngày 01/04/2026 đến ngày 15/01/2027" in cover
    index = PdfReader(target).pages[-1].extract_text()
    assert "tháng 3 năm 2026" not in index and "tháng 1 năm 2027" in index


def test_export_blank_minutes(office, capsys):
    target = office.out / "mau.pdf"
    assert (
        office.run("blank-minutes", "--db", str(office.db), "--org", CELL, "-o", str(target)) == 0
    )
    assert capsys.readouterr().out.startswith(f"Đã ghi {target} (")
    assert "Họ và tên" in "".join(p.extract_text() for p in PdfReader(target).pages)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("blank-minutes", "--org", "Chi bộ Không Có"), "không có tổ chức đảng nào"),
        (("blank-minutes", "--org", "999"), "không có tổ chức đảng nào"),
        (
            ("minute-book", "--org", CELL, "--year", "2020"),
            "không có biên bản sinh hoạt chi bộ nào",
        ),
        (("minute-book", "--org", CELL, "--from", "01/01/2026"), "--from cần đi cùng --to"),
        (("minutes", "--meeting", "77"), "Không tìm thấy buổi sinh hoạt có mã 77"),
    ],
)
def test_bad_values_are_usage_errors_in_vietnamese(office, capsys, args, message):
    target = office.out / "x.pdf"
    assert office.run(*args, "--db", str(office.db), "-o", str(target)) == EXIT_USAGE
    assert message in capsys.readouterr().out
    assert list(office.out.iterdir()) == []


def test_an_ambiguous_name_asks_for_the_id(office, capsys):
    from partydesk.domain.organisation import Organisation, OrgEndReason, OrgKind
    from partydesk.store.store import open_store

    store = open_store(office.db, office.data_dir)
    # Two organisations may share a name when one of them has ended.
    build_services(store, today=lambda: TODAY).register.save_organisation(
        Organisation(
            name=CELL,
            kind=OrgKind.CELL_BASE,
            ended_on=date(2020, 1, 1),
            end_reason=OrgEndReason.DISSOLVED,
            end_decision="05-QĐ/ĐU",
        )
    )
    store.close()
    target = office.out / "mau.pdf"
    code = office.run("blank-minutes", "--db", str(office.db), "--org", CELL, "-o", str(target))
    assert code == EXIT_USAGE
    out = capsys.readouterr().out
    assert "có 2 tổ chức cùng tên" in out and f"mã {office.organisation_id}" in out


def test_a_wrong_suffix_is_a_usage_error(office, capsys):
    target = office.out / "so.docx"
    code = office.run(
        "minute-book", "--db", str(office.db), "--org", CELL, "--year", "2026", "-o", str(target)
    )
    assert code == EXIT_USAGE
    assert "phải có đuôi .pdf" in capsys.readouterr().out


def test_a_file_that_is_not_a_database_is_reported(tmp_path, capsys):
    bad = tmp_path / "hong.sqlite"
    bad.write_bytes(b"day khong phai co so du lieu" * 100)
    code = main(
        [
            "--data-dir",
            str(tmp_path / "data"),
            "export",
            "blank-minutes",
            "--db",
            str(bad),
            "--org",
            "1",
            "-o",
            str(tmp_path / "mau.pdf"),
        ]
    )
    assert code == EXIT_UNHEALTHY
    assert "không phải tệp dữ liệu PartyDesk" in capsys.readouterr().out
    assert not (tmp_path / "mau.pdf").exists()


def test_export_runs_without_qt(office):
    target = office.out / "bien-ban.pdf"
    script = (
        "import sys\n"
        "from partydesk.cli import main\n"
        f"code = main(['--data-dir', {str(office.data_dir)!r}, 'export', 'minutes', '--db',"
        f" {str(office.db)!r}, '--meeting', '1', '-o', {str(target)!r}])\n"
        "print(code, 'PySide6' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines()[-1] == "0 False"
    assert target.exists()
