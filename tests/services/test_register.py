"""Register use cases: validation messages name their fields, bad input changes nothing."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from partydesk.domain.enterprise import Enterprise, EnterpriseType
from partydesk.domain.member import EventKind, Member, MemberEvent, MemberStatus, Standing
from partydesk.domain.organisation import (
    CommitteePost,
    CommitteeRole,
    Organisation,
    OrgEndReason,
    OrgKind,
    Term,
)
from partydesk.domain.rows import ListQuery
from partydesk.domain.validation import InvalidRecord
from partydesk.services.app import AppServices


def cell(services: AppServices, name: str = "Chi bộ Công ty Minh Phát") -> int:
    return services.register.save_organisation(Organisation(name=name, kind=OrgKind.CELL_BASE))


def test_text_is_normalised_to_nfc_and_trimmed(services: AppServices) -> None:
    raw = "  " + unicodedata.normalize("NFD", "Công ty TNHH Đức Thành") + "  "
    enterprise_id = services.register.save_enterprise(
        Enterprise(name=raw, type=EnterpriseType.PRIVATE)
    )
    name = services.register.enterprise(enterprise_id).name
    assert name == "Công ty TNHH Đức Thành" and unicodedata.is_normalized("NFC", name)


def test_every_bad_field_is_reported_and_nothing_is_saved(services: AppServices) -> None:
    with pytest.raises(InvalidRecord) as caught:
        services.register.save_enterprise(
            Enterprise(name="", type=EnterpriseType.PRIVATE, tax_code="12345", workforce=-3)
        )
    errors = caught.value.by_field()
    assert set(errors) == {"name", "tax_code", "workforce"}
    assert "Tên doanh nghiệp" in errors["name"] and "Mã số thuế" in errors["tax_code"]
    assert services.register.count_enterprises(ListQuery(include_ended=True)) == 0


def test_duplicate_tax_code_becomes_a_field_error(services: AppServices) -> None:
    services.register.save_enterprise(
        Enterprise(name="A", type=EnterpriseType.PRIVATE, tax_code="0100107518")
    )
    with pytest.raises(InvalidRecord) as caught:
        services.register.save_enterprise(
            Enterprise(name="B", type=EnterpriseType.PRIVATE, tax_code="0100107518")
        )
    assert "0100107518" in caught.value.by_field()["tax_code"]


def test_member_checks(services: AppServices) -> None:
    org = cell(services)
    bad = Member(
        full_name="Đức",
        cccd="12345",
        birth_date=date(2030, 1, 1),
        organisation_id=org,
        standing=Standing.PROBATIONARY,
        official_date=date(2020, 1, 1),
    )
    with pytest.raises(InvalidRecord) as caught:
        services.register.save_member(bad)
    assert {"full_name", "cccd", "birth_date", "official_date"} <= set(caught.value.by_field())
    assert services.register.count_members(ListQuery(include_ended=True)) == 0


def test_member_without_organisation_is_refused(services: AppServices) -> None:
    with pytest.raises(InvalidRecord) as caught:
        services.register.save_member(Member(full_name="Nguyễn Văn An"))
    assert "organisation_id" in caught.value.by_field()


def test_cell_under_committee_needs_a_party_committee_parent(services: AppServices) -> None:
    with pytest.raises(InvalidRecord) as caught:
        services.register.save_organisation(
            Organisation(name="Chi bộ Phân xưởng 1", kind=OrgKind.CELL_UNDER_COMMITTEE)
        )
    assert "parent_id" in caught.value.by_field()
    other_cell = cell(services)
    with pytest.raises(InvalidRecord):
        services.register.save_organisation(
            Organisation(
                name="Chi bộ Phân xưởng 1", kind=OrgKind.CELL_UNDER_COMMITTEE, parent_id=other_cell
            )
        )
    committee = services.register.save_organisation(
        Organisation(name="Đảng bộ Công ty Sông Đà", kind=OrgKind.PARTY_COMMITTEE_BASE)
    )
    services.register.save_organisation(
        Organisation(
            name="Chi bộ Phân xưởng 1", kind=OrgKind.CELL_UNDER_COMMITTEE, parent_id=committee
        )
    )


def test_less_frequent_meetings_need_a_decision(services: AppServices) -> None:
    with pytest.raises(InvalidRecord) as caught:
        services.register.save_organisation(
            Organisation(name="Chi bộ X", kind=OrgKind.CELL_BASE, meeting_interval_months=2)
        )
    assert "meeting_exception_decision" in caught.value.by_field()


def test_ending_an_organisation_keeps_it_hidden_but_present(services: AppServices) -> None:
    org = cell(services)
    services.register.end_organisation(org, date(2026, 3, 1), OrgEndReason.DISSOLVED, "12-QĐ/ĐU")
    assert services.register.count_organisations(ListQuery()) == 0
    assert services.register.count_organisations(ListQuery(include_ended=True)) == 1
    assert services.register.organisation(org).end_decision == "12-QĐ/ĐU"


def test_term_rules(services: AppServices) -> None:
    org = cell(services)
    ids = [
        services.register.save_member(
            Member(full_name=f"Nguyễn Văn {n}", organisation_id=org, standing=Standing.OFFICIAL)
        )
        for n in ("An", "Bình", "Cường", "Dũng", "Em", "Giang", "Hà", "Khoa")
    ]
    two_secretaries = Term(
        org,
        "2025–2030",
        date(2025, 6, 1),
        posts=(
            CommitteePost(ids[0], CommitteeRole.SECRETARY),
            CommitteePost(ids[1], CommitteeRole.SECRETARY),
        ),
    )
    with pytest.raises(InvalidRecord):
        services.register.save_term(two_secretaries)
    too_many = Term(
        org,
        "2025–2030",
        date(2025, 6, 1),
        posts=tuple(CommitteePost(i, CommitteeRole.COMMITTEE_MEMBER) for i in ids),
    )
    with pytest.raises(InvalidRecord) as caught:
        services.register.save_term(too_many)
    assert "7" in caught.value.by_field()["posts"]


def test_event_in_the_future_is_refused(services: AppServices) -> None:
    org = cell(services)
    member_id = services.register.save_member(Member(full_name="Lê Văn Tám", organisation_id=org))
    with pytest.raises(InvalidRecord):
        services.register.record_event(MemberEvent(member_id, EventKind.DECEASED, date(2027, 1, 1)))
    assert services.register.member(member_id).status is MemberStatus.ACTIVE


def test_transfer_inside_the_register_moves_the_member(services: AppServices) -> None:
    a, b = cell(services, "Chi bộ A"), cell(services, "Chi bộ B")
    member_id = services.register.save_member(Member(full_name="Lê Văn Tám", organisation_id=a))
    moved = services.register.record_event(
        MemberEvent(member_id, EventKind.TRANSFER_OUT, date(2026, 5, 1), to_organisation_id=b)
    )
    assert moved.organisation_id == b and moved.status is MemberStatus.ACTIVE


def test_derived_dates_of_a_probationary_member(services: AppServices) -> None:
    org = cell(services)
    member = Member(
        full_name="Phan Thị Mai",
        organisation_id=org,
        admission_decision_date=date(2025, 1, 10),
        ceremony_date=date(2025, 1, 20),
    )
    dates = services.register.member_dates(member)
    assert dates.probation_ends == date(2026, 1, 20)
    # 30 working days after 20/01/2026, skipping weekends and the Tết break of February 2026.
    assert dates.official_deadline is not None and dates.official_deadline > date(2026, 3, 3)
    assert dates.next_badge is None  # badges count only once the member is official


def test_party_body_header_is_derived_from_the_committee_unless_set(services: AppServices) -> None:
    from partydesk.domain.settings import OfficeSettings

    ward = OfficeSettings(
        committee_full_name="Đảng ủy phường An Khánh",
        committee_header="Đảng ủy phường An Khánh",
        locality="An Khánh",
    )
    saved = services.office.save(ward)
    assert saved.committee_header == "ĐẢNG ỦY PHƯỜNG AN KHÁNH"
    assert saved.org_upper_body_header == "ĐẢNG BỘ PHƯỜNG AN KHÁNH"
    province = OfficeSettings(
        committee_full_name="Tỉnh ủy Bắc Ninh",
        committee_header="TỈNH ỦY BẮC NINH",
        locality="Bắc Ninh",
    )
    assert services.office.save(province).org_upper_body_header == "ĐẢNG BỘ TỈNH BẮC NINH"
    explicit = OfficeSettings(
        committee_full_name="X",
        committee_header="TỈNH ỦY BẮC NINH",
        locality="Y",
        party_body_header="Đảng bộ Khối Doanh nghiệp",
    )
    assert services.office.save(explicit).org_upper_body_header == "ĐẢNG BỘ KHỐI DOANH NGHIỆP"


def test_a_secretary_replaced_mid_term_is_one_secretary_at_a_time(services: AppServices) -> None:
    org = cell(services)
    old, new = (
        services.register.save_member(
            Member(full_name=name, organisation_id=org, standing=Standing.OFFICIAL)
        )
        for name in ("Nguyễn Văn Cũ", "Trần Văn Mới")
    )
    replaced = Term(
        org,
        "2025–2030",
        date(2025, 6, 1),
        posts=(
            CommitteePost(old, CommitteeRole.SECRETARY, date(2025, 6, 1), date(2026, 3, 31)),
            CommitteePost(new, CommitteeRole.SECRETARY, date(2026, 4, 1)),
        ),
    )
    services.register.save_term(replaced)
    overlapping = Term(
        org,
        "2030–2035",
        date(2030, 6, 1),
        posts=(
            CommitteePost(old, CommitteeRole.SECRETARY, date(2030, 6, 1)),
            CommitteePost(new, CommitteeRole.SECRETARY, date(2031, 1, 1)),
        ),
    )
    with pytest.raises(InvalidRecord):
        services.register.save_term(overlapping)


def test_member_list_header_and_signature_follow_the_organisation(services: AppServices) -> None:
    from partydesk.domain.settings import OfficeSettings

    services.office.save(
        OfficeSettings(
            committee_full_name="Đảng ủy phường An Khánh",
            committee_header="ĐẢNG ỦY PHƯỜNG AN KHÁNH",
            locality="An Khánh",
        )
    )
    committee = services.register.save_organisation(
        Organisation(name="Đảng bộ Công ty Sông Đà", kind=OrgKind.PARTY_COMMITTEE_BASE)
    )
    under = services.register.save_organisation(
        Organisation(
            name="Chi bộ Phân xưởng 1", kind=OrgKind.CELL_UNDER_COMMITTEE, parent_id=committee
        )
    )
    base_cell = cell(services)
    top = services.documents.member_list(committee)
    assert top.header.upper_body == "ĐẢNG BỘ PHƯỜNG AN KHÁNH"
    assert top.signer is not None and top.signer.authority == "T/M ĐẢNG ỦY"
    nested = services.documents.member_list(under)
    assert nested.header.upper_body == "ĐẢNG BỘ CÔNG TY SÔNG ĐÀ"
    assert nested.header.issuer == "CHI BỘ PHÂN XƯỞNG 1"
    assert nested.signer is not None and nested.signer.authority == "T/M CHI BỘ"
    assert services.documents.member_list(base_cell).signer.authority == "T/M CHI BỘ"
