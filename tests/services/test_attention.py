"""Each warning rule fires on the situation it describes, on a fixed date, and only then."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from partydesk.domain.attention import Rule, Subject
from partydesk.domain.enterprise import Enterprise, EnterpriseType
from partydesk.domain.member import Member, MemberStatus, Standing
from partydesk.domain.organisation import (
    CommitteePost,
    CommitteeRole,
    Organisation,
    OrgEnterpriseLink,
    OrgKind,
    Term,
)
from partydesk.services.app import AppServices


@pytest.fixture(autouse=True)
def named_writes(services: AppServices) -> Iterator[None]:
    """The situations are written straight into the store (some on purpose past what the
    forms accept): strict audit needs the writes named."""
    with services.store.audit.labelled("Kiểm thử: dựng tình huống"):
        yield


def add_members(
    services: AppServices, org: int, official: int, probationary: int = 0, **extra
) -> list[int]:
    ids = []
    for i in range(official + probationary):
        standing = Standing.OFFICIAL if i < official else Standing.PROBATIONARY
        ids.append(
            services.store.members.save(
                Member(
                    full_name=f"Đảng Viên Số {i}", organisation_id=org, standing=standing, **extra
                )
            )
        )
    return ids


def rules_for(services: AppServices, subject: Subject, subject_id: int) -> set[Rule]:
    return {a.rule for a in services.attention.for_subject(subject, subject_id)}


def test_cell_with_two_official_members(services: AppServices) -> None:
    org = services.store.organisations.save(Organisation(name="Chi bộ nhỏ", kind=OrgKind.CELL_BASE))
    add_members(services, org, official=2, probationary=3)
    assert Rule.FEW_OFFICIAL_MEMBERS in rules_for(services, Subject.ORGANISATION, org)
    add_members(services, org, official=1)
    assert Rule.FEW_OFFICIAL_MEMBERS not in rules_for(services, Subject.ORGANISATION, org)


def test_ended_members_and_guests_do_not_count(services: AppServices) -> None:
    org = services.store.organisations.save(Organisation(name="Chi bộ", kind=OrgKind.CELL_BASE))
    add_members(services, org, official=2)
    add_members(services, org, official=3, status=MemberStatus.TEMP_GUEST)
    add_members(services, org, official=3, status=MemberStatus.TRANSFERRED_OUT)
    assert Rule.FEW_OFFICIAL_MEMBERS in rules_for(services, Subject.ORGANISATION, org)


def test_nine_official_members_need_a_committee(services: AppServices) -> None:
    org = services.store.organisations.save(Organisation(name="Chi bộ lớn", kind=OrgKind.CELL_BASE))
    ids = add_members(services, org, official=9)
    assert Rule.NO_COMMITTEE in rules_for(services, Subject.ORGANISATION, org)
    services.store.organisations.save_term(
        Term(
            org,
            "2025–2030",
            date(2025, 6, 1),
            posts=(
                CommitteePost(ids[0], CommitteeRole.SECRETARY),
                CommitteePost(ids[1], CommitteeRole.DEPUTY_SECRETARY),
                CommitteePost(ids[2], CommitteeRole.COMMITTEE_MEMBER),
            ),
        )
    )
    assert Rule.NO_COMMITTEE not in rules_for(services, Subject.ORGANISATION, org)


def test_thirty_members_in_a_cell_without_approval(services: AppServices) -> None:
    org = services.store.organisations.save(
        Organisation(name="Chi bộ đông", kind=OrgKind.CELL_BASE)
    )
    add_members(services, org, official=29)
    assert Rule.SHOULD_BE_PARTY_COMMITTEE not in rules_for(services, Subject.ORGANISATION, org)
    add_members(services, org, official=0, probationary=1)
    assert Rule.SHOULD_BE_PARTY_COMMITTEE in rules_for(services, Subject.ORGANISATION, org)
    services.store.organisations.save(
        Organisation(
            id=org, name="Chi bộ đông", kind=OrgKind.CELL_BASE, size_exception_decision="88-CV/ĐU"
        )
    )
    assert Rule.SHOULD_BE_PARTY_COMMITTEE not in rules_for(services, Subject.ORGANISATION, org)


def test_enterprise_with_three_official_members_and_no_organisation(services: AppServices) -> None:
    enterprise = services.store.enterprises.save(
        Enterprise(name="Công ty Chưa Có Chi Bộ", type=EnterpriseType.PRIVATE)
    )
    elsewhere = services.store.organisations.save(
        Organisation(name="Chi bộ nơi cư trú", kind=OrgKind.CELL_BASE)
    )
    add_members(services, elsewhere, official=2, enterprise_id=enterprise)
    assert Rule.ENTERPRISE_WITHOUT_ORG not in rules_for(services, Subject.ENTERPRISE, enterprise)
    add_members(services, elsewhere, official=1, enterprise_id=enterprise)
    assert Rule.ENTERPRISE_WITHOUT_ORG in rules_for(services, Subject.ENTERPRISE, enterprise)
    services.store.organisations.save(
        Organisation(
            name="Chi bộ mới",
            kind=OrgKind.CELL_BASE,
            enterprises=(OrgEnterpriseLink(enterprise, True),),
        )
    )
    assert Rule.ENTERPRISE_WITHOUT_ORG not in rules_for(services, Subject.ENTERPRISE, enterprise)


def test_entered_count_of_members_registered_elsewhere_counts(services: AppServices) -> None:
    enterprise = services.store.enterprises.save(
        Enterprise(
            name="Công ty Có Đảng Viên Nơi Khác",
            type=EnterpriseType.FOREIGN,
            official_members_working=4,
        )
    )
    assert Rule.ENTERPRISE_WITHOUT_ORG in rules_for(services, Subject.ENTERPRISE, enterprise)


def test_probation_past_its_deadline(services: AppServices) -> None:
    org = services.store.organisations.save(Organisation(name="Chi bộ", kind=OrgKind.CELL_BASE))
    late = services.store.members.save(
        Member(full_name="Trễ Hạn", organisation_id=org, ceremony_date=date(2025, 9, 1))
    )
    on_time = services.store.members.save(
        Member(full_name="Còn Hạn", organisation_id=org, ceremony_date=date(2025, 11, 1))
    )
    assert Rule.PROBATION_OVERDUE in rules_for(services, Subject.MEMBER, late)
    assert Rule.PROBATION_OVERDUE not in rules_for(services, Subject.MEMBER, on_time)


def test_term_that_has_ended(services: AppServices) -> None:
    org = services.store.organisations.save(Organisation(name="Chi bộ", kind=OrgKind.CELL_BASE))
    services.store.organisations.save_term(
        Term(org, "2020–2025", date(2020, 6, 1), ends_on=date(2025, 6, 1))
    )
    assert Rule.TERM_ENDED in rules_for(services, Subject.ORGANISATION, org)
    services.store.organisations.save_term(
        Term(org, "2025–2030", date(2025, 6, 2), ends_on=date(2030, 6, 1))
    )
    assert Rule.TERM_ENDED not in rules_for(services, Subject.ORGANISATION, org)
