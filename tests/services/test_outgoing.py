"""The outgoing register service: issuers from the settings and the register, the committee term
of a date, numbering through terms, reprints, cancelling, and the Excel export."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from partydesk.domain.errors import ValidationError
from partydesk.domain.organisation import Organisation, OrgKind, Term
from partydesk.domain.outgoing import (
    NO_TERM_KEY,
    OFFICE_ISSUER_KEY,
    NumberRequest,
    OfficeTerm,
    OutgoingFilter,
    TermRef,
)
from partydesk.reports.outgoing_xlsx import HEADER_ROW
from partydesk.services.app import AppServices
from partydesk.services.progress import Cancelled
from tests.common import WARD_OFFICE


@pytest.fixture
def office(services: AppServices) -> AppServices:
    services.office.save(WARD_OFFICE)
    return services


def add_cell(services: AppServices, name: str, abbreviation: str = "") -> int:
    return services.register.save_organisation(
        Organisation(name=name, kind=OrgKind.CELL_BASE, abbreviation=abbreviation)
    )


def test_the_office_issuer_needs_the_office_settings(services: AppServices) -> None:
    with pytest.raises(ValidationError, match="Chưa nhập tên cấp ủy và ký hiệu"):
        services.outgoing.office_issuer()


def test_issuers_take_their_names_and_abbreviations(office: AppServices) -> None:
    issuer = office.outgoing.office_issuer()
    assert (issuer.key, issuer.name, issuer.abbreviation) == (
        OFFICE_ISSUER_KEY,
        "Đảng ủy phường An Khánh",
        "ĐU",
    )
    cell = add_cell(office, "Chi bộ Công ty An Phát")
    committee = office.register.save_organisation(
        Organisation(name="Đảng bộ Tổng công ty Bình Minh", kind=OrgKind.PARTY_COMMITTEE_BASE)
    )
    assert office.outgoing.organisation_issuer(cell).abbreviation == "CB"
    assert office.outgoing.organisation_issuer(committee).abbreviation == "ĐU"
    assert office.outgoing.organisation_issuer(cell).key == f"org:{cell}"


def test_the_term_of_a_date(office: AppServices) -> None:
    outgoing = office.outgoing
    issuer = outgoing.office_issuer()
    assert outgoing.term_for(issuer, date(2026, 1, 1)) == TermRef(NO_TERM_KEY, "")
    old = outgoing.save_office_term(OfficeTerm("Nhiệm kỳ 2020–2025", date(2020, 10, 1)))
    new = outgoing.save_office_term(OfficeTerm("Nhiệm kỳ 2025–2030", date(2025, 10, 15)))
    assert outgoing.term_for(issuer, date(2025, 10, 14)) == TermRef(
        f"office-term:{old}", "Nhiệm kỳ 2020–2025"
    )
    assert outgoing.term_for(issuer, date(2025, 10, 15)).key == f"office-term:{new}"
    cell = add_cell(office, "Chi bộ Công ty An Phát")
    term_id = office.register.save_term(
        Term(cell, "2022–2025", date(2022, 6, 1), ends_on=date(2025, 5, 31))
    )
    cell_issuer = outgoing.organisation_issuer(cell)
    assert outgoing.term_for(cell_issuer, date(2024, 1, 1)) == TermRef(
        f"term:{term_id}", "2022–2025"
    )
    assert outgoing.term_for(cell_issuer, date(2025, 6, 1)).key == NO_TERM_KEY


def number(services: AppServices, issuer, kind: str, on: date, source: str) -> str:  # noqa: ANN001
    request = NumberRequest(issuer, kind, on, f"Văn bản {source}", source)
    return services.outgoing.take_number(request).number_text


def test_numbers_per_issuer_kind_and_term_restart_with_a_new_term(office: AppServices) -> None:
    outgoing = office.outgoing
    outgoing.save_office_term(OfficeTerm("Nhiệm kỳ 2020–2025", date(2020, 10, 1)))
    outgoing.save_office_term(OfficeTerm("Nhiệm kỳ 2025–2030", date(2025, 10, 15)))
    an_phat = add_cell(office, "Chi bộ Công ty An Phát")
    binh_minh = add_cell(office, "Chi bộ Công ty Bình Minh", abbreviation="CBBM")
    office.register.save_term(Term(an_phat, "2022–2025", date(2022, 6, 1), date(2025, 5, 31)))
    office.register.save_term(Term(an_phat, "2025–2030", date(2025, 6, 1)))
    ward = outgoing.office_issuer()
    cell_a, cell_b = outgoing.organisation_issuer(an_phat), outgoing.organisation_issuer(binh_minh)

    assert number(office, ward, "GM", date(2025, 9, 1), "w1") == "Số 01-GM/ĐU"
    assert number(office, ward, "GM", date(2025, 10, 1), "w2") == "Số 02-GM/ĐU"
    assert number(office, ward, "GM", date(2025, 10, 15), "w3") == "Số 01-GM/ĐU"  # new term
    assert number(office, ward, "TB", date(2025, 11, 1), "w4") == "Số 01-TB/ĐU"
    assert number(office, ward, "GM", date(2026, 1, 5), "w5") == "Số 02-GM/ĐU"  # not yearly
    assert number(office, cell_a, "GM", date(2025, 5, 1), "a1") == "Số 01-GM/CB"
    assert number(office, cell_a, "GM", date(2025, 6, 1), "a2") == "Số 01-GM/CB"  # new term
    assert number(office, cell_a, "GM", date(2025, 7, 1), "a3") == "Số 02-GM/CB"
    assert number(office, cell_b, "GM", date(2025, 7, 1), "b1") == "Số 01-GM/CBBM"
    assert number(office, cell_b, "GM", date(2025, 7, 2), "b2") == "Số 02-GM/CBBM"
    # A reprint, even on another day, keeps its number, its date and its line.
    assert number(office, ward, "GM", date(2026, 11, 21), "w2") == "Số 02-GM/ĐU"
    assert office.outgoing.by_source("w2").issued_on == date(2025, 10, 1)
    assert len(outgoing.documents(OutgoingFilter())) == 10


def test_requests_are_checked_and_cleaned(office: AppServices) -> None:
    issuer = office.outgoing.office_issuer()
    request = NumberRequest(issuer, "GM", date(2026, 3, 1), "Mời họp", "x")
    with pytest.raises(ValidationError, match="Loại văn bản “XYZ”"):
        office.outgoing.take_number(replace(request, kind="XYZ"))
    with pytest.raises(ValidationError, match="Trích yếu: chưa nhập"):
        office.outgoing.take_number(replace(request, summary="  "))
    with pytest.raises(ValidationError, match="phải là một từ"):
        office.outgoing.take_number(replace(request, issuer=replace(issuer, abbreviation="Đ/U")))
    decomposed = "Mời họp chi bộ".replace("ờ", "o\u0300\u031b")  # "ờ" typed in parts
    line = office.outgoing.take_number(replace(request, summary=decomposed))
    assert line.summary == "Mời họp chi bộ"


def test_cancel_is_dated_today_and_reprinting_takes_a_new_number(office: AppServices) -> None:
    issuer = office.outgoing.office_issuer()
    first = office.outgoing.take_number(NumberRequest(issuer, "GM", date(2026, 3, 1), "Mời", "s"))
    cancelled = office.outgoing.cancel(first.id, "In sai nơi nhận")
    assert cancelled.cancelled_on == date(2026, 11, 21)  # the services' clock
    again = office.outgoing.take_number(NumberRequest(issuer, "GM", date(2026, 3, 2), "Mời", "s"))
    assert (again.number, again.issued_on) == (2, date(2026, 3, 2))
    assert office.outgoing.issuers() == [(OFFICE_ISSUER_KEY, "Đảng ủy phường An Khánh")]
    assert office.outgoing.years() == [2026]


def test_write_xlsx_exports_the_filtered_register(office: AppServices, tmp_path: Path) -> None:
    issuer = office.outgoing.office_issuer()
    for i, on in enumerate((date(2025, 12, 1), date(2026, 2, 1), date(2026, 3, 1))):
        office.outgoing.take_number(NumberRequest(issuer, "TB", on, f"Thông báo {i}", f"s{i}"))
    target = tmp_path / "so.xlsx"
    steps: list[str] = []
    count = office.outgoing.write_xlsx(
        target, OutgoingFilter(year=2026), progress=lambda d, t, m: steps.append(m)
    )
    assert count == 2 and steps[-1] == "Xong"
    sheet = load_workbook(target).active
    assert sheet.cell(3, 1).value == "Năm 2026"
    assert [sheet.cell(HEADER_ROW + r, 2).value for r in (1, 2)] == ["02-TB/ĐU", "03-TB/ĐU"]

    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        office.outgoing.write_xlsx(tmp_path / "none.xlsx", OutgoingFilter(), cancel=cancel)
    exports = [p.name for p in tmp_path.iterdir() if not p.name.startswith("test.sqlite")]
    assert exports == ["so.xlsx"]  # beside the database (and its lock file): no partial file
