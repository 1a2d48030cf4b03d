"""Accent-insensitive search and Vietnamese ordering of the register lists."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partydesk.domain.enterprise import Enterprise, EnterpriseType
from partydesk.domain.member import Member, MemberStatus
from partydesk.domain.organisation import Organisation, OrgKind
from partydesk.domain.rows import ListQuery
from partydesk.store.store import Store, create_store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = create_store(tmp_path / "search.sqlite")
    # Repositories are written below the services: strict audit needs the writes named.
    with store.audit.labelled("Kiểm thử kho dữ liệu"):
        yield store
    store.close()


def add_org(store: Store) -> int:
    return store.organisations.save(
        Organisation(name="Chi bộ Công ty Hồng Hà", kind=OrgKind.CELL_BASE)
    )


def names(store: Store, query: ListQuery) -> list[str]:
    return [row.full_name for row in store.members.list_rows(query, 0, 1000)]


def test_unaccented_upper_and_nfd_queries_find_the_same_member(store: Store) -> None:
    org = add_org(store)
    store.members.save(Member(full_name="Nguyễn Văn Đức", organisation_id=org))
    store.members.save(Member(full_name="Nguyễn Văn Dũng", organisation_id=org))
    for query in (
        "nguyen van duc",
        "NGUYỄN VĂN ĐỨC",
        unicodedata.normalize("NFD", "Nguyễn Văn Đức"),
        "van duc",
        "đức",
    ):
        assert names(store, ListQuery(search=query)) == ["Nguyễn Văn Đức"], query


def test_a_member_stored_from_nfd_input_is_found_by_nfc_query(store: Store) -> None:
    org = add_org(store)
    decomposed = unicodedata.normalize("NFD", "Phạm Thị Thủy Tiên")
    store.members.save(Member(full_name=decomposed, organisation_id=org))
    assert len(names(store, ListQuery(search="Thủy Tiên"))) == 1
    assert len(names(store, ListQuery(search="thuy tien"))) == 1


def test_search_by_card_number_keeps_leading_zeros(store: Store) -> None:
    org = add_org(store)
    store.members.save(Member(full_name="Lê Thị Hoa", card_number="00123456", organisation_id=org))
    assert names(store, ListQuery(search="00123")) == ["Lê Thị Hoa"]
    assert store.members.get(1).card_number == "00123456"


def test_editing_a_member_updates_the_search_index(store: Store) -> None:
    org = add_org(store)
    member_id = store.members.save(Member(full_name="Trần Văn An", organisation_id=org))
    store.members.save(Member(id=member_id, full_name="Trần Văn Bảo", organisation_id=org))
    assert names(store, ListQuery(search="an")) == []
    assert names(store, ListQuery(search="bao")) == ["Trần Văn Bảo"]
    fts_rows = store.conn.execute("SELECT count(*) FROM members_fts").fetchone()[0]
    assert fts_rows == 1


def test_members_sort_by_given_name_then_middle_then_family(store: Store) -> None:
    org = add_org(store)
    for name in (
        "Trần Văn Bình",
        "Lê Thị Ánh",
        "Nguyễn Văn Đức",
        "Đỗ Văn Dũng",
        "Phạm An",
        "Hoàng Văn Ân",
    ):
        store.members.save(Member(full_name=name, organisation_id=org))
    assert names(store, ListQuery()) == [
        "Phạm An",
        "Lê Thị Ánh",  # a < ă < â are letters; the tone only breaks ties
        "Hoàng Văn Ân",
        "Trần Văn Bình",
        "Đỗ Văn Dũng",
        "Nguyễn Văn Đức",
    ]
    assert names(store, ListQuery(descending=True))[0] == "Nguyễn Văn Đức"


def test_ended_members_are_hidden_unless_asked_for(store: Store) -> None:
    org = add_org(store)
    store.members.save(Member(full_name="Vũ Văn Hải", organisation_id=org))
    store.members.save(
        Member(full_name="Vũ Văn Hà", organisation_id=org, status=MemberStatus.DECEASED)
    )
    assert names(store, ListQuery()) == ["Vũ Văn Hải"]
    assert sorted(names(store, ListQuery(include_ended=True))) == ["Vũ Văn Hà", "Vũ Văn Hải"]
    assert store.members.count(ListQuery(include_ended=True)) == 2


def test_enterprise_search_folds_accents_and_matches_tax_code(store: Store) -> None:
    store.enterprises.save(
        Enterprise(name="Công ty TNHH Đức Phát", type=EnterpriseType.PRIVATE, tax_code="0100107518")
    )
    store.enterprises.save(
        Enterprise(name="Hợp tác xã Thành Công", type=EnterpriseType.COOPERATIVE)
    )
    found = store.enterprises.list_rows(ListQuery(search="duc phat"), 0, 10)
    assert [row.name for row in found] == ["Công ty TNHH Đức Phát"]
    assert [r.name for r in store.enterprises.list_rows(ListQuery(search="0100107"), 0, 10)] == [
        "Công ty TNHH Đức Phát"
    ]


VIETNAMESE_LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
)
word = st.text(alphabet=VIETNAMESE_LETTERS, min_size=1, max_size=7)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(words=st.lists(word, min_size=2, max_size=4))
def test_any_spelling_of_a_stored_name_finds_it(tmp_path_factory, words: list[str]) -> None:
    store = create_store(tmp_path_factory.mktemp("h") / "h.sqlite")
    try:
        with store.audit.labelled("Kiểm thử kho dữ liệu"):  # strict audit: a named write
            org = add_org(store)
            name = " ".join(w.capitalize() for w in words)
            member_id = store.members.save(
                Member(full_name=unicodedata.normalize("NFC", name), organisation_id=org)
            )
        for spelling in (name, name.upper(), unicodedata.normalize("NFD", name), name.lower()):
            found = [r.id for r in store.members.list_rows(ListQuery(search=spelling), 0, 10)]
            assert found == [member_id], spelling
    finally:
        store.close()
