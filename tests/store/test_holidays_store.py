"""The holiday repository keeps exactly the rows of each edited year and forgets a reset year."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from partydesk.domain.holidays import HolidayKind, HolidayRow
from partydesk.store.store import Store, create_store

NGHI, LAM_BU = HolidayKind.DAY_OFF, HolidayKind.MAKE_UP


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = create_store(tmp_path / "holidays.sqlite")
    # Repositories are written below the services: strict audit needs the writes named.
    with store.audit.labelled("Kiểm thử kho dữ liệu"):
        yield store
    store.close()


def test_a_year_never_edited_has_no_stored_table(store: Store) -> None:
    assert store.holidays.year_rows(2027) is None
    assert store.holidays.edited_tables() == {}


def test_saved_rows_round_trip_in_date_order(store: Store) -> None:
    rows = [
        HolidayRow(date(2027, 2, 8), NGHI, "Mùng ba Tết"),
        HolidayRow(date(2027, 1, 1), NGHI, "Tết Dương lịch"),
        HolidayRow(date(2027, 1, 9), LAM_BU, "Làm bù cho ngày 08/02"),
    ]
    store.holidays.save_year(2027, rows)
    assert store.holidays.year_rows(2027) == sorted(rows, key=lambda r: r.day)
    assert store.holidays.edited_years() == [2027]


def test_saving_again_replaces_the_whole_year(store: Store) -> None:
    store.holidays.save_year(2027, [HolidayRow(date(2027, 1, 1), NGHI, "A")])
    store.holidays.save_year(2027, [HolidayRow(date(2027, 9, 2), NGHI, "Quốc khánh")])
    assert store.holidays.year_rows(2027) == [HolidayRow(date(2027, 9, 2), NGHI, "Quốc khánh")]


def test_an_edited_year_may_end_up_empty_and_stays_edited(store: Store) -> None:
    store.holidays.save_year(2028, [])
    assert store.holidays.year_rows(2028) == []
    assert store.holidays.edited_tables() == {2028: []}


def test_reset_removes_the_year_and_its_rows(store: Store) -> None:
    store.holidays.save_year(2027, [HolidayRow(date(2027, 1, 1), NGHI, "A")])
    store.holidays.save_year(2028, [HolidayRow(date(2028, 1, 1), NGHI, "B")])
    store.holidays.reset_year(2027)
    assert store.holidays.year_rows(2027) is None
    assert store.conn.execute("SELECT count(*) FROM holidays WHERE year = 2027").fetchone()[0] == 0
    assert list(store.holidays.edited_tables()) == [2028]


def test_the_schema_refuses_a_day_of_another_year(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store.holidays.save_year(2027, [HolidayRow(date(2028, 1, 1), NGHI, "A")])
    # The failed save left nothing behind.
    assert store.holidays.year_rows(2027) is None
