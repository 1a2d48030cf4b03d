"""``partydesk export …`` for the annual evaluation: forms, ballots, count record, decisions
and the classification sheet from a database file, without a window."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from partydesk.cli import EXIT_OK, EXIT_USAGE
from partydesk.domain.evaluation import BallotCount, Level
from partydesk.services.app import AppServices
from tests.cli_office import CliOffice
from tests.reports.test_hd36 import squash
from tests.services.evaluation_office import BASE, CELL, ORDINARY, UNDER, build_office


class Office(CliOffice):
    """The evaluation office with its 2025 cycle decided and one chi bộ's ballots counted."""

    def seed(self, services: AppServices) -> None:
        office = build_office(services)
        cycle = office.open()
        office.decide_everything(cycle)
        services.evaluation.save_ballot(
            BallotCount(
                cycle.id,
                office.under,
                issued=2,
                returned=2,
                counted_on=date(2025, 12, 18),
                counters=ORDINARY,
                votes=((office.members[ORDINARY], Level.GOOD, 2),),
            )
        )
        self.under = office.under

    def export(self, command: str, output: Path, *extra: str) -> int:
        return self.run(command, "--db", str(self.db), "--year", "2025", *extra, "-o", str(output))


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> Office:
    return Office(tmp_path_factory.mktemp("cli-evaluation"))


def text_of(path: Path) -> str:
    return squash(" ".join(page.extract_text() for page in PdfReader(path).pages))


def test_forms_of_everybody_and_of_one_organisation_by_name(office, capsys):
    target = office.out / "mau.pdf"
    assert office.export("evaluation-forms", target) == EXIT_OK
    pages = len(PdfReader(target).pages)
    assert capsys.readouterr().out.strip() == f"Đã ghi {target} ({pages} trang)"
    assert text_of(target).count("Mẫu 01") == 3

    one = office.out / "mau-px1.pdf"
    assert office.export("evaluation-forms", one, "--org", UNDER) == EXIT_OK
    text = text_of(one)
    assert text.startswith("Mẫu 01") and "Mẫu 2C-HD KĐ.ĐG 2025" in text and BASE not in text


def test_forms_into_a_folder(office):
    folder = office.out / "thu-muc"
    assert office.export("evaluation-forms", folder) == EXIT_OK
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [f"{BASE}.pdf", f"{UNDER}.pdf", f"{CELL}.pdf"]
    )


def test_ballots_count_record_and_decisions(office, capsys):
    ballots = office.out / "phieu.pdf"
    assert office.export("ballots", ballots, "--org", str(office.under)) == EXIT_OK
    assert len(PdfReader(ballots).pages) == 2

    record = office.out / "bien-ban.pdf"
    assert office.export("count-record", record, "--org", UNDER) == EXIT_OK
    assert "Số phiếu phát ra: 2" in text_of(record)

    decisions = office.out / "quyet-dinh.pdf"
    assert office.export("evaluation-decisions", decisions) == EXIT_OK
    text = text_of(decisions)
    assert all(f"Số 0{n}-QĐ/ĐU" in text for n in (1, 2, 3))
    capsys.readouterr()


@pytest.mark.parametrize("suffix", [".pdf", ".xlsx"])
def test_the_classification_sheet(office, capsys, suffix):
    target = office.out / f"bieu{suffix}"
    assert office.export("classification-sheet", target) == EXIT_OK
    out = capsys.readouterr().out.strip()
    if suffix == ".pdf":
        assert "TỔNG CỘNG" in text_of(target) and out.endswith("trang)")
    else:
        assert out == f"Đã ghi {target}"
        sheet = openpyxl.load_workbook(target).worksheets[0]
        assert any(cell.value == "TỔNG CỘNG" for row in sheet.iter_rows() for cell in row)


def test_a_year_without_a_cycle(office, capsys):
    target = office.out / "2023.pdf"
    code = office.run(
        "classification-sheet", "--db", str(office.db), "--year", "2023", "-o", str(target)
    )
    assert code == EXIT_USAGE
    assert "năm 2023 chưa có kỳ đánh giá" in capsys.readouterr().out
    assert not target.exists()


def test_the_count_record_needs_an_organisation(office, capsys):
    with pytest.raises(SystemExit) as exited:
        office.run("count-record", "--db", str(office.db), "--year", "2025", "-o", "x.pdf")
    assert exited.value.code == EXIT_USAGE
    assert "--org" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("command", "name"),
    [("classification-sheet", "bieu.docx"), ("evaluation-forms", "mau.docx")],
)
def test_a_wrong_suffix_is_refused(office, capsys, command, name):
    target = office.out / name
    assert office.export(command, target) == EXIT_USAGE
    assert "đuôi" in capsys.readouterr().out
    assert not target.exists()
