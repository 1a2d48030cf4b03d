"""``partydesk export statistics``: the year's BÁO CÁO THỐNG KÊ from the command line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from partydesk.cli import EXIT_OK, EXIT_USAGE
from partydesk.domain.enterprise import Enterprise, EnterpriseType
from partydesk.domain.organisation import Organisation, OrgEnterpriseLink, OrgKind
from partydesk.services.app import AppServices
from tests.cli_office import CliOffice


class Office(CliOffice):
    """One enterprise with its chi bộ founded in 2024, another without one."""

    def seed(self, services: AppServices) -> None:
        register = services.register
        with_org = register.save_enterprise(Enterprise("Công ty An Phát", EnterpriseType.PRIVATE))
        register.save_enterprise(Enterprise("Công ty Bình Minh", EnterpriseType.FOREIGN))
        register.save_organisation(
            Organisation(
                "Chi bộ Công ty An Phát",
                OrgKind.CELL_BASE,
                enterprises=(OrgEnterpriseLink(with_org, is_primary=True),),
                founded_on=date(2024, 3, 1),
            )
        )


@pytest.fixture
def office(tmp_path: Path) -> Office:
    return Office(tmp_path)


def test_a_past_year_is_written_as_pdf_and_xlsx(office: Office) -> None:
    pdf = office.out / "thong-ke-2025.pdf"
    assert (
        office.run("statistics", "--db", str(office.db), "--year", "2025", "-o", str(pdf))
        == EXIT_OK
    )
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "BÁO CÁO THỐNG KÊ" in text and "31/12/2025" in text
    xlsx = office.out / "thong-ke-2025.xlsx"
    assert (
        office.run("statistics", "--db", str(office.db), "--year", "2025", "-o", str(xlsx))
        == EXIT_OK
    )
    sheet = load_workbook(xlsx).worksheets[0]
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "Doanh nghiệp trên địa bàn" in values


@pytest.mark.parametrize(("year", "name"), [("2100", "x.pdf"), ("2025", "x.docx")])
def test_a_future_year_or_another_format_is_refused(office: Office, year: str, name: str) -> None:
    target = office.out / name
    code = office.run("statistics", "--db", str(office.db), "--year", year, "-o", str(target))
    assert code == EXIT_USAGE and not target.exists()
