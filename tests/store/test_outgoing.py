"""The outgoing register in SQLite: numbering per issuer, kind and term; reprints; cancelling;
numbers never reused; two connections taking numbers at once; the triggers; office terms."""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from partydesk.domain.errors import ValidationError
from partydesk.domain.organisation import Organisation, OrgKind
from partydesk.domain.outgoing import (
    OFFICE_ISSUER_KEY,
    Issuer,
    NumberRequest,
    OfficeTerm,
    OutgoingFilter,
    TermRef,
    clean_number_request,
    office_term_key,
    organisation_issuer_key,
)
from partydesk.store.db import connect
from partydesk.store.store import Store, create_store, open_store

OFFICE = Issuer(OFFICE_ISSUER_KEY, "Đảng ủy phường An Khánh", "ĐU")
TERM = TermRef("office-term:1", "Nhiệm kỳ 2025–2030")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = create_store(tmp_path / "register.sqlite")
    # Repositories are written below the services: strict audit needs the writes named.
    with store.audit.labelled("Kiểm thử kho dữ liệu"):
        yield store
    store.close()


def request(
    source: str,
    kind: str = "GM",
    issuer: Issuer = OFFICE,
    on: date = date(2026, 3, 2),
    summary: str = "Mời dự hội nghị giao ban 6 tháng đầu năm 2026",
) -> NumberRequest:
    return clean_number_request(
        NumberRequest(issuer, kind, on, summary, source, "Nguyễn Văn Hùng", "- Các chi bộ")
    )


def test_numbers_run_from_01_per_issuer_kind_and_term(store: Store) -> None:
    take = store.outgoing.take_number
    assert take(request("a"), TERM).number == 1
    assert take(request("b"), TERM).number == 2
    assert take(request("c", kind="BB"), TERM).number == 1
    other_term = TermRef("office-term:2", "Nhiệm kỳ 2030–2035")
    assert take(request("d"), other_term).number == 1
    org_id = store.organisations.save(Organisation("Chi bộ Công ty An Phát", OrgKind.CELL_BASE))
    cell = Issuer(organisation_issuer_key(org_id), "Chi bộ Công ty An Phát", "CB", org_id)
    line = take(request("e", issuer=cell), TermRef("term:3", "2025–2030"))
    assert (line.number, line.number_text, line.organisation_id) == (1, "Số 01-GM/CB", org_id)
    assert take(request("f"), TERM).number_text == "Số 03-GM/ĐU"


def test_the_same_source_gets_the_same_line_back(store: Store) -> None:
    first = store.outgoing.take_number(request("briefing:1:GM:org:3"), TERM)
    again = store.outgoing.take_number(
        request("briefing:1:GM:org:3", on=date(2026, 4, 1), summary="Đã sửa trích yếu"), TERM
    )
    assert again == first
    assert again.issued_on == date(2026, 3, 2)
    assert store.outgoing.by_source("briefing:1:GM:org:3") == first
    assert store.outgoing.count(OutgoingFilter()) == 1


def test_a_cancelled_number_keeps_its_line_and_is_never_given_again(store: Store) -> None:
    outgoing = store.outgoing
    first = outgoing.take_number(request("a"), TERM)
    second = outgoing.take_number(request("b"), TERM)
    cancelled = outgoing.cancel(second.id, date(2026, 11, 21), "  In nhầm người ký ")
    assert (cancelled.cancelled_on, cancelled.cancel_reason) == (
        date(2026, 11, 21),
        "In nhầm người ký",
    )
    assert cancelled.cancel_note == "Đã hủy ngày 21/11/2026 — In nhầm người ký"
    assert outgoing.by_source("b") is None
    reprinted = outgoing.take_number(request("b"), TERM)
    assert reprinted.number == 3 and reprinted.id != second.id
    assert outgoing.take_number(request("a"), TERM) == first
    numbers = [d.number for d in outgoing.documents(OutgoingFilter())]
    assert numbers == [1, 2, 3]
    assert [d.number for d in outgoing.documents(OutgoingFilter(include_cancelled=False))] == [
        1,
        3,
    ]


def test_cancel_needs_a_reason_and_happens_once(store: Store) -> None:
    line = store.outgoing.take_number(request("a"), TERM)
    with pytest.raises(ValidationError, match="Lý do hủy: chưa nhập"):
        store.outgoing.cancel(line.id, date(2026, 11, 21), "   ")
    store.outgoing.cancel(line.id, date(2026, 11, 21), "Trùng số")
    with pytest.raises(ValidationError, match="đã bị hủy ngày 21/11/2026"):
        store.outgoing.cancel(line.id, date(2026, 11, 22), "Lần nữa")


def test_triggers_refuse_deleting_or_renumbering_a_line(store: Store) -> None:
    line = store.outgoing.take_number(request("a"), TERM)
    conn = store.conn
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
        conn.execute("DELETE FROM outgoing_documents WHERE id = ?", [line.id])
    for change in ("number = 5", "kind = 'BB'", "issued_on = '2026-01-01'", "source = 'x'"):
        with pytest.raises(sqlite3.IntegrityError, match="fixed"):
            conn.execute(f"UPDATE outgoing_documents SET {change} WHERE id = ?", [line.id])
    store.outgoing.cancel(line.id, date(2026, 11, 21), "Hủy")
    with pytest.raises(sqlite3.IntegrityError, match="fixed"):
        conn.execute("UPDATE outgoing_documents SET cancelled_on = NULL WHERE id = ?", [line.id])
    assert store.outgoing.get(line.id).number == 1


def test_two_connections_taking_numbers_at_once_never_share_one(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite"
    create_store(path).close()
    per_thread = 25
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def print_documents(name: str) -> None:
        # Its own connection, as another program on the same file would have: PartyDesk's
        # lock file keeps a second PartyDesk out, SQLite's locks must still keep numbers apart.
        store = Store(path, connect(path))
        try:
            start.wait()
            with store.audit.labelled("Lấy số văn bản đi"):  # strict audit: a named write
                for i in range(per_thread):
                    store.outgoing.take_number(request(f"{name}:{i}"), TERM)
                    time.sleep(0.001)  # hand over, so the two threads' transactions interleave
        except BaseException as exc:  # reported in the main thread
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=print_documents, args=(n,)) for n in ("one", "two")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    store = open_store(path, tmp_path / "backups")
    try:
        lines = store.outgoing.documents(OutgoingFilter())
    finally:
        store.close()
    assert sorted(d.number for d in lines) == list(range(1, 2 * per_thread + 1))
    assert len({d.source for d in lines}) == 2 * per_thread


def test_filter_by_year_issuer_kind_and_accentless_search(store: Store) -> None:
    take = store.outgoing.take_number
    take(request("a", on=date(2025, 12, 30), summary="Kế hoạch năm 2026"), TERM)
    take(request("b", kind="BB", summary="Biên bản hội nghị giao ban"), TERM)
    take(request("c", summary="Mời dự Đại hội chi bộ"), TERM)

    def summaries(**kwargs: object) -> list[str]:
        return [d.summary for d in store.outgoing.documents(OutgoingFilter(**kwargs))]

    assert summaries(year=2025) == ["Kế hoạch năm 2026"]
    assert summaries(kind="BB") == ["Biên bản hội nghị giao ban"]
    assert summaries(search="dai hoi") == ["Mời dự Đại hội chi bộ"]
    assert summaries(search="01-bb") == ["Biên bản hội nghị giao ban"]
    assert summaries(issuer_key="org:1") == []
    assert store.outgoing.count(OutgoingFilter(year=2026)) == 2
    assert store.outgoing.years() == [2026, 2025]
    assert store.outgoing.issuers() == [(OFFICE_ISSUER_KEY, "Đảng ủy phường An Khánh")]
    newest = store.outgoing.documents(OutgoingFilter(), newest_first=True)
    assert [d.source for d in newest] == ["c", "b", "a"]


def test_office_terms_need_a_label_and_a_unique_start(store: Store) -> None:
    outgoing = store.outgoing
    first = outgoing.save_office_term(OfficeTerm("Nhiệm kỳ 2020–2025", date(2020, 10, 1)))
    second = outgoing.save_office_term(OfficeTerm(" Nhiệm kỳ 2025–2030 ", date(2025, 10, 15)))
    assert [t.label for t in outgoing.office_terms()] == [
        "Nhiệm kỳ 2025–2030",
        "Nhiệm kỳ 2020–2025",
    ]
    with pytest.raises(ValidationError, match="Tên nhiệm kỳ: chưa nhập"):
        outgoing.save_office_term(OfficeTerm("", date(2030, 10, 1)))
    with pytest.raises(ValidationError, match="đã có nhiệm kỳ “Nhiệm kỳ 2020–2025”") as caught:
        outgoing.save_office_term(OfficeTerm("Trùng", date(2020, 10, 1)))
    assert caught.value.field == "starts_on"
    outgoing.save_office_term(OfficeTerm("Nhiệm kỳ 2025-2030", date(2025, 10, 15), id=second))

    outgoing.take_number(request("a"), TermRef(office_term_key(second), "Nhiệm kỳ 2025–2030"))
    with pytest.raises(ValidationError, match="đã có 1 văn bản được cấp số"):
        outgoing.delete_office_term(second)
    outgoing.delete_office_term(first)
    assert [t.id for t in outgoing.office_terms()] == [second]
