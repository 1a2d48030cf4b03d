"""Repositories round-trip domain records exactly, and enforce uniqueness with clear messages."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from partydesk.domain.enterprise import (
    Enterprise,
    EnterpriseStatus,
    EnterpriseType,
    MassOrganisation,
)
from partydesk.domain.member import EventKind, Gender, Member, MemberEvent, MemberStatus, Standing
from partydesk.domain.organisation import (
    Cadre,
    CadreAssignment,
    CommitteePost,
    CommitteeRole,
    Organisation,
    OrgEnterpriseLink,
    OrgKind,
    Term,
)
from partydesk.domain.rows import ListQuery
from partydesk.domain.settings import CommitteeLevel, OfficeSettings
from partydesk.store.errors import DuplicateError, NotFound
from partydesk.store.store import Store, create_store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = create_store(tmp_path / "repo.sqlite")
    # Repositories are written below the services: strict audit needs the writes named.
    with store.audit.labelled("Kiểm thử kho dữ liệu"):
        yield store
    store.close()


def test_enterprise_round_trip(store: Store) -> None:
    enterprise = Enterprise(
        name="Công ty Cổ phần May Sông Hồng",
        type=EnterpriseType.STATE_MINORITY_JSC,
        tax_code="0100107518-001",
        sector="May mặc",
        address="Số 12 phố Lê Lợi",
        ward="Phường An Khánh",
        workforce=1250,
        workforce_counted_on=date(2026, 6, 30),
        legal_representative="Trần Văn Hùng",
        owner_is_member=True,
        trade_union=MassOrganisation(True, 1100),
        youth_union=MassOrganisation(True, 300),
        women_union=MassOrganisation(False, None),
        party_members_working=25,
        official_members_working=22,
        status=EnterpriseStatus.SUSPENDED,
        notes="Dòng 1\nDòng 2",
    )
    new_id = store.enterprises.save(enterprise)
    assert store.enterprises.get(new_id) == replace(enterprise, id=new_id)


def test_duplicate_tax_code_is_refused_and_nothing_changes(store: Store) -> None:
    store.enterprises.save(Enterprise(name="A", type=EnterpriseType.PRIVATE, tax_code="0100107518"))
    with pytest.raises(DuplicateError) as caught:
        store.enterprises.save(
            Enterprise(name="B", type=EnterpriseType.PRIVATE, tax_code="0100107518")
        )
    assert caught.value.field == "tax_code" and "0100107518" in str(caught.value)
    assert store.enterprises.count(ListQuery(include_ended=True)) == 1


def test_organisation_with_links_terms_posts_and_cadre(store: Store) -> None:
    e1 = store.enterprises.save(Enterprise(name="Công ty A", type=EnterpriseType.PRIVATE))
    e2 = store.enterprises.save(Enterprise(name="Công ty B", type=EnterpriseType.PRIVATE))
    org = Organisation(
        name="Chi bộ ghép Công ty A và B",
        kind=OrgKind.CELL_COMBINED,
        enterprises=(OrgEnterpriseLink(e1, True), OrgEnterpriseLink(e2, False)),
        founded_on=date(2020, 5, 1),
        founding_decision="125-QĐ/ĐU",
    )
    org_id = store.organisations.save(org)
    loaded = store.organisations.get(org_id)
    assert loaded.enterprises == org.enterprises and loaded.founding_decision == "125-QĐ/ĐU"

    secretary = store.members.save(
        Member(full_name="Ngô Văn Bí", organisation_id=org_id, standing=Standing.OFFICIAL)
    )
    deputy = store.members.save(
        Member(full_name="Lý Thị Phó", organisation_id=org_id, standing=Standing.OFFICIAL)
    )
    term_id = store.organisations.save_term(
        Term(
            organisation_id=org_id,
            label="2025–2030",
            starts_on=date(2025, 6, 1),
            posts=(
                CommitteePost(secretary, CommitteeRole.SECRETARY, date(2025, 6, 1)),
                CommitteePost(deputy, CommitteeRole.DEPUTY_SECRETARY, date(2025, 6, 1)),
            ),
        )
    )
    [term] = store.organisations.terms(org_id)
    assert term.id == term_id and {p.member_name for p in term.posts} == {
        "Ngô Văn Bí",
        "Lý Thị Phó",
    }

    cadre_id = store.organisations.save_cadre(Cadre(full_name="Đặng Văn Phụ", title="Ủy viên BTV"))
    store.organisations.save_assignment(CadreAssignment(org_id, cadre_id, date(2025, 7, 1)))
    [row] = store.organisations.list_rows(ListQuery(), 0, 10)
    assert set(row.enterprises.split("; ")) == {"Công ty A", "Công ty B"}
    assert row.cadre == "Đặng Văn Phụ"
    assert row.official_members == 2 and row.total_members == 2


def test_member_round_trip_keeps_text_identifiers(store: Store) -> None:
    org = store.organisations.save(Organisation(name="Chi bộ X", kind=OrgKind.CELL_BASE))
    member = Member(
        full_name="Hoàng Thị Ánh",
        birth_date=date(1990, 2, 28),
        gender=Gender.FEMALE,
        cccd="001190012345",
        card_number="00123456",
        dossier_number="000789",
        admission_decision_date=date(2015, 5, 10),
        ceremony_date=date(2015, 6, 1),
        official_date=date(2016, 6, 1),
        standing=Standing.OFFICIAL,
        organisation_id=org,
        is_manager=True,
    )
    member_id = store.members.save(member)
    loaded = store.members.get(member_id)
    assert loaded == replace(member, id=member_id)


def test_duplicate_cccd_is_refused(store: Store) -> None:
    org = store.organisations.save(Organisation(name="Chi bộ X", kind=OrgKind.CELL_BASE))
    store.members.save(Member(full_name="A B", cccd="001190012345", organisation_id=org))
    with pytest.raises(DuplicateError) as caught:
        store.members.save(Member(full_name="C D", cccd="001190012345", organisation_id=org))
    assert caught.value.field == "cccd"


def test_event_is_recorded_and_applied_atomically(store: Store) -> None:
    org = store.organisations.save(Organisation(name="Chi bộ X", kind=OrgKind.CELL_BASE))
    member_id = store.members.save(
        Member(full_name="Bùi Văn Tâm", organisation_id=org, ceremony_date=date(2025, 1, 10))
    )
    updated = store.members.add_event(
        MemberEvent(
            member_id, EventKind.RECOGNISED_OFFICIAL, date(2026, 1, 10), decision_number="45-QĐ/ĐU"
        )
    )
    assert updated.standing is Standing.OFFICIAL and updated.official_date == date(2026, 1, 10)
    assert store.members.get(member_id) == updated
    store.members.add_event(MemberEvent(member_id, EventKind.DECEASED, date(2026, 3, 1)))
    assert store.members.get(member_id).status is MemberStatus.DECEASED
    assert [e.kind for e in store.members.events(member_id)] == [
        EventKind.RECOGNISED_OFFICIAL,
        EventKind.DECEASED,
    ]


def test_missing_record_raises_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        store.members.get(42)


def test_office_settings_round_trip(store: Store) -> None:
    settings = OfficeSettings(
        committee_level=CommitteeLevel.PROVINCE,
        committee_full_name="Tỉnh ủy Bắc Ninh",
        committee_header="TỈNH ỦY BẮC NINH",
        abbreviation="TU",
        locality="Bắc Ninh",
    )
    store.settings.save_office(settings)
    assert store.settings.office() == settings


def test_secretary_and_cadre_columns_follow_the_day_asked_for(store: Store) -> None:
    org = store.organisations.save(Organisation(name="Chi bộ Y", kind=OrgKind.CELL_BASE))
    secretary = store.members.save(Member(full_name="Phí Văn Bí", organisation_id=org))
    store.organisations.save_term(
        Term(
            org,
            "2025–2030",
            date(2025, 6, 1),
            posts=(CommitteePost(secretary, CommitteeRole.SECRETARY),),
        )
    )
    cadre = store.organisations.save_cadre(Cadre(full_name="Cán Bộ Phụ"))
    store.organisations.save_assignment(
        CadreAssignment(org, cadre, date(2025, 7, 1), date(2026, 6, 30))
    )
    before, during, after = (
        store.organisations.list_rows(ListQuery(), 0, 10, on=day)[0]
        for day in (date(2025, 1, 1), date(2026, 1, 1), date(2026, 12, 1))
    )
    assert (before.secretary, before.cadre) == ("", "")
    assert (during.secretary, during.cadre) == ("Phí Văn Bí", "Cán Bộ Phụ")
    assert (after.secretary, after.cadre) == ("Phí Văn Bí", "")
