"""The outgoing register's pure rules: request cleaning, cancel reasons, office terms, sources."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from partydesk.domain.errors import ValidationError
from partydesk.domain.outgoing import (
    OFFICE_ISSUER_KEY,
    Issuer,
    NumberRequest,
    OfficeTerm,
    OutgoingDocument,
    SourceRef,
    clean_cancel_reason,
    clean_number_request,
    clean_office_term,
    parse_source,
    register_search_key,
)

OFFICE = Issuer(OFFICE_ISSUER_KEY, "Đảng ủy phường An Khánh", "ĐU")


def line(**changes: object) -> OutgoingDocument:
    values: dict[str, object] = dict(
        id=1,
        issuer_key="office",
        issuer_name="Đảng ủy phường An Khánh",
        issuer_abbreviation="ĐU",
        organisation_id=None,
        term_key="none",
        term_label="",
        kind="GM",
        number=7,
        issued_on=date(2026, 3, 2),
        summary="Mời họp",
        signer="",
        recipients="",
        source="briefing:1:GM",
    )
    values.update(changes)
    return OutgoingDocument(**values)  # type: ignore[arg-type]


def test_a_line_shows_its_number_kind_and_state() -> None:
    live = line()
    assert (live.number_text, live.kind_name, live.state_text) == (
        "Số 07-GM/ĐU",
        "Giấy mời",
        "Đã cấp số",
    )
    assert live.cancel_note == ""
    cancelled = line(cancelled_on=date(2026, 11, 21), cancel_reason="In nhầm")
    assert cancelled.cancelled and cancelled.state_text == "Đã hủy"
    assert cancelled.cancel_note == "Đã hủy ngày 21/11/2026 — In nhầm"


def test_requests_are_cleaned_and_checked() -> None:
    request = NumberRequest(
        OFFICE, "GM", date(2026, 3, 2), "  Mời   dự\r\nhội nghị ", " s ", "  A  "
    )
    clean = clean_number_request(request)
    assert (clean.summary, clean.source, clean.signer) == ("Mời   dự\nhội nghị", "s", "A")
    for change, field in (
        ({"kind": "ZZ"}, "kind"),
        ({"summary": ""}, "summary"),
        ({"source": " "}, "source"),
        ({"issuer": Issuer("office", "X", "Đ U")}, "abbreviation"),
    ):
        with pytest.raises(ValidationError) as caught:
            clean_number_request(replace(request, **change))  # type: ignore[arg-type]
        assert caught.value.field == field


def test_search_key_folds_number_and_texts() -> None:
    request = NumberRequest(OFFICE, "TB", date(2026, 3, 2), "Kết luận giao ban", "s", "Đỗ Hùng")
    assert register_search_key(request, 3) == "so 03-tb/du ket luan giao ban do hung"


def test_cancel_reason_is_required() -> None:
    assert clean_cancel_reason("  Trùng số \n") == "Trùng số"
    with pytest.raises(ValidationError, match="Lý do hủy"):
        clean_cancel_reason(" \n ")


def test_office_terms_need_label_and_date() -> None:
    term = clean_office_term(OfficeTerm(" Nhiệm kỳ  2025–2030 ", date(2025, 10, 15), "  "))
    assert (term.label, term.notes) == ("Nhiệm kỳ 2025–2030", "")
    with pytest.raises(ValidationError, match="Tên nhiệm kỳ"):
        clean_office_term(OfficeTerm("", date(2025, 10, 15)))
    with pytest.raises(ValidationError, match="Ngày bắt đầu"):
        clean_office_term(OfficeTerm("X", None))  # type: ignore[arg-type]


def test_sources_link_back_to_their_record() -> None:
    assert parse_source("briefing:3:GM:org:12") == SourceRef("briefing", 3, "GM", "org:12")
    assert parse_source("meeting:5:BB").text == "meeting:5:BB"
    assert parse_source("tay") is None
    assert parse_source("briefing:x:GM") is None
