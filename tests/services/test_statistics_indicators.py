"""Each indicator against a count made by hand on a small register built for the purpose.

The register is built through the services (as a clerk would), and every expected figure below
is written out with the records that make it, so a wrong predicate, a wrong date boundary or a
wrong join shows as a wrong number. Boundary cases: an enterprise with exactly three official
members, one with two in the register but three declared, an organisation spanning two
enterprises, members who moved in and out during the year, one moved between two organisations
of the register, one here on sinh hoạt tạm thời, an enterprise founded and one dissolved
during the year, an organisation founded during the year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from partydesk.domain.enterprise import (
    Enterprise,
    EnterpriseStatus,
    EnterpriseType,
    MassOrganisation,
)
from partydesk.domain.member import EventKind, Gender, Member, MemberEvent, Standing
from partydesk.domain.organisation import Organisation, OrgEnterpriseLink, OrgKind
from partydesk.domain.statistics import FigureLink, Key, Period
from partydesk.services.app import AppServices

NOW = Period(date(2026, 11, 21))
BEFORE = NOW.previous()
UNION = MassOrganisation(True, 40)


@dataclass
class Office:
    services: AppServices
    enterprises: dict[str, int]
    organisations: dict[str, int]
    members: dict[str, int]


def _official(name: str, org: int, enterprise: int | None = None, **fields) -> Member:
    fields.setdefault("admission_decision_date", date(2010, 5, 1))
    fields.setdefault("official_date", date(2011, 5, 1))
    return Member(
        full_name=name,
        organisation_id=org,
        enterprise_id=enterprise,
        standing=Standing.OFFICIAL,
        gender=fields.pop("gender", Gender.MALE),
        **fields,
    )


@pytest.fixture
def office(services: AppServices) -> Office:
    reg = services.register
    e = {}

    def enterprise(key: str, name: str, type_=EnterpriseType.PRIVATE, **fields) -> None:
        e[key] = reg.save_enterprise(Enterprise(name=name, type=type_, **fields))

    enterprise("three", "Công ty Ba Người")  # 3 official members in the register, no org
    enterprise("declared", "Công ty Khai Ba", official_members_working=3)  # 2 in the register
    enterprise("two", "Công ty Hai Người")  # 2 official members, nothing declared
    enterprise("cell", "Công ty Có Chi Bộ", EnterpriseType.STATE, workforce=800, trade_union=UNION)
    enterprise("g1", "Hợp tác xã Ghép Một", EnterpriseType.COOPERATIVE, trade_union=UNION)
    enterprise("g2", "Công ty Ghép Hai", youth_union=MassOrganisation(True, 12))
    enterprise("new", "Công ty Mới Lập", established_on=date(2026, 3, 1), trade_union=UNION)
    enterprise("large", "Công ty Đông Người", EnterpriseType.FOREIGN, workforce=600)
    enterprise(
        "gone",
        "Công ty Đã Giải Thể",
        trade_union=UNION,
        women_union=MassOrganisation(True, 9),
        status=EnterpriseStatus.DISSOLVED,
        ended_on=date(2026, 6, 30),
    )

    o = {}

    def organisation(key: str, name: str, kind: OrgKind, *links: str, **fields) -> None:
        o[key] = reg.save_organisation(
            Organisation(
                name=name,
                kind=kind,
                enterprises=tuple(
                    OrgEnterpriseLink(e[link], is_primary=n == 0) for n, link in enumerate(links)
                ),
                **fields,
            )
        )

    organisation("res", "Chi bộ Khu dân cư", OrgKind.CELL_BASE, founded_on=date(2015, 1, 1))
    organisation(
        "cell", "Chi bộ Công ty Có Chi Bộ", OrgKind.CELL_BASE, "cell", founded_on=date(2026, 2, 1)
    )
    organisation("comb", "Chi bộ ghép Một Hai", OrgKind.CELL_COMBINED, "g1", "g2")
    organisation(
        "pc", "Đảng bộ Công ty Gốc", OrgKind.PARTY_COMMITTEE_BASE, founded_on=date(2012, 1, 1)
    )
    organisation("under", "Chi bộ Phân xưởng", OrgKind.CELL_UNDER_COMMITTEE, parent_id=o["pc"])

    m = {}

    def member(key: str, record: Member) -> None:
        m[key] = reg.save_member(record)

    for n in range(3):
        member(f"three{n}", _official(f"Nguyễn Văn Ba {n}", o["res"], e["three"]))
    for n in range(2):
        member(f"declared{n}", _official(f"Trần Văn Khai {n}", o["res"], e["declared"]))
        member(f"two{n}", _official(f"Lê Văn Hai {n}", o["res"], e["two"]))
    for n in range(3):  # exactly three official members: the boundary of Chỉ thị 33
        member(f"cell{n}", _official(f"Phạm Thị Ô {n}", o["cell"], e["cell"], gender=Gender.FEMALE))
    # Admitted this year: probationary, in the cell founded this year.
    member(
        "newbie",
        Member(
            full_name="Hoàng Văn Mới",
            organisation_id=o["cell"],
            enterprise_id=e["cell"],
            ceremony_date=date(2026, 3, 10),
            admission_decision_date=date(2026, 3, 1),
        ),
    )
    # Admitted this year, an enterprise owner, in the residence cell.
    member(
        "owner",
        Member(
            full_name="Đỗ Văn Chủ",
            organisation_id=o["res"],
            enterprise_id=e["three"],
            is_owner=True,
            admission_decision_date=date(2026, 6, 1),
        ),
    )
    # Admitted last year (before 21/11/2025) and recognised official on 15/10/2026.
    member(
        "recognised",
        _official(
            "Vũ Thị Công",
            o["under"],
            admission_decision_date=date(2025, 10, 1),
            official_date=date(2026, 10, 15),
            gender=Gender.FEMALE,
        ),
    )
    # Admitted in 2026 in the chi bộ trực thuộc: the đảng bộ counts as admitting.
    member(
        "under_new",
        Member(
            full_name="Bùi Văn Dưới",
            organisation_id=o["under"],
            admission_decision_date=date(2026, 9, 1),
        ),
    )
    member("manager", _official("Ngô Văn Quản", o["comb"], e["g1"], is_manager=True))
    member("moved_in", _official("Đinh Văn Đến", o["res"]))
    member("moved_out", _official("Lý Văn Đi", o["res"]))
    member("moved_inside", _official("Mai Văn Chuyển", o["res"]))
    member("guest", _official("Tạ Văn Khách", o["comb"]))

    reg.record_event(MemberEvent(m["moved_in"], EventKind.TRANSFER_IN, date(2026, 5, 2)))
    reg.record_event(
        MemberEvent(
            m["moved_out"],
            EventKind.TRANSFER_OUT,
            date(2026, 4, 1),
            other_organisation="Đảng bộ tỉnh khác",
        )
    )
    reg.record_event(
        MemberEvent(
            m["moved_inside"],
            EventKind.TRANSFER_OUT,
            date(2026, 7, 1),
            to_organisation_id=o["cell"],
        )
    )
    reg.record_event(
        MemberEvent(m["guest"], EventKind.TEMP_IN, date(2025, 1, 5), until=date(2027, 1, 5))
    )
    return Office(services, e, o, m)


def figures(office: Office, period: Period) -> dict[Key, float | None]:
    stats = office.services.statistics.compute(period)
    return {f.key: f.value for f in stats.figures}


def ids(office: Office, key: Key, period: Period = NOW) -> set[int]:
    return set(office.services.statistics.records(FigureLink(key, period)))


def test_enterprise_indicators_count_what_the_register_holds_on_the_day(office: Office) -> None:
    e = office.enterprises
    now, before = figures(office, NOW), figures(office, BEFORE)
    # On the territory now: all but "gone" (dissolved 30/6/2026); a year ago: all but "new".
    assert now[Key.DN_TOTAL] == 8 and before[Key.DN_TOTAL] == 8
    assert ids(office, Key.DN_TOTAL) == set(e.values()) - {e["gone"]}
    assert ids(office, Key.DN_TOTAL, BEFORE) == set(e.values()) - {e["new"]}
    # With an organisation now: "cell" (its chi bộ founded 1/2/2026) and the two enterprises of
    # the chi bộ ghép; a year ago only the two of the chi bộ ghép.
    assert ids(office, Key.DN_WITH_ORG) == {e["cell"], e["g1"], e["g2"]}
    assert ids(office, Key.DN_WITH_ORG, BEFORE) == {e["g1"], e["g2"]}
    assert now[Key.DN_WITH_ORG_RATE] == pytest.approx(100 * 3 / 8)
    # At least three official members working: "three" (three in the register), "declared"
    # (two in the register, three declared), "cell" (exactly three); not "two".
    assert ids(office, Key.DN_3_OFFICIAL) == {e["three"], e["declared"], e["cell"]}
    assert ids(office, Key.DN_3_OFFICIAL_WITHOUT_ORG) == {e["three"], e["declared"]}
    assert ids(office, Key.DN_3_OFFICIAL_WITH_ORG) == {e["cell"]}
    assert now[Key.DN_3_OFFICIAL_RATE] == pytest.approx(100 / 3)
    assert before[Key.DN_3_OFFICIAL_RATE] == 0  # "cell" had no chi bộ a year ago
    assert ids(office, Key.DN_LARGE_WITHOUT_ORG) == {e["large"]}  # "cell" (800) has one
    # Trade unions: "cell", "g1", "new" now ("gone" is dissolved); with an org: "cell", "g1".
    assert ids(office, Key.DN_TRADE_UNION) == {e["cell"], e["g1"], e["new"]}
    assert ids(office, Key.DN_TRADE_UNION_WITH_ORG) == {e["cell"], e["g1"]}
    assert now[Key.DN_TRADE_UNION_RATE] == pytest.approx(100 * 2 / 3)
    assert ids(office, Key.DN_TRADE_UNION, BEFORE) == {e["cell"], e["g1"], e["gone"]}
    assert ids(office, Key.DN_YOUTH_UNION) == {e["g2"]}
    assert now[Key.DN_WOMEN_UNION] == 0 and before[Key.DN_WOMEN_UNION] == 1


def test_organisation_indicators(office: Office) -> None:
    o = office.organisations
    now, before = figures(office, NOW), figures(office, BEFORE)
    assert ids(office, Key.ORG_BASE) == {o["res"], o["cell"], o["comb"], o["pc"]}
    assert ids(office, Key.ORG_BASE, BEFORE) == {o["res"], o["comb"], o["pc"]}
    assert ids(office, Key.ORG_PARTY_COMMITTEE) == {o["pc"]}
    assert ids(office, Key.ORG_CELL_BASE) == {o["res"], o["cell"]}
    assert ids(office, Key.ORG_CELL_UNDER) == {o["under"]}
    assert ids(office, Key.ORG_CELL_COMBINED) == {o["comb"]}
    assert ids(office, Key.ORG_FOUNDED) == {o["cell"]}
    # Admitting in 2026: "cell" (newbie), "res" (owner), "pc" through its chi bộ trực thuộc.
    assert ids(office, Key.ORG_BASE_ADMITTING) == {o["cell"], o["res"], o["pc"]}
    assert now[Key.ORG_BASE_ADMITTING_RATE] == pytest.approx(75.0)
    # 1/1–21/11/2025: only "recognised" (admitted 1/10/2025, in the đảng bộ's chi bộ).
    assert ids(office, Key.ORG_BASE_ADMITTING, BEFORE) == {o["pc"]}
    assert before[Key.ORG_BASE_ADMITTING_RATE] == pytest.approx(100 / 3)


def test_member_indicators_follow_the_dated_events(office: Office) -> None:
    m = office.members
    on_roll_now = set(m.values()) - {m["moved_out"], m["guest"]}
    assert ids(office, Key.MEM_TOTAL) == on_roll_now
    # A year ago: not yet admitted (newbie, owner, under_new), not yet arrived (moved_in);
    # moved_out was still here; the guest is never counted.
    assert ids(office, Key.MEM_TOTAL, BEFORE) == set(m.values()) - {
        m["newbie"],
        m["owner"],
        m["under_new"],
        m["moved_in"],
        m["guest"],
    }
    assert ids(office, Key.MEM_PROBATIONARY) == {m["newbie"], m["owner"], m["under_new"]}
    assert ids(office, Key.MEM_PROBATIONARY, BEFORE) == {m["recognised"]}
    assert ids(office, Key.MEM_FEMALE) == {m["cell0"], m["cell1"], m["cell2"], m["recognised"]}
    assert ids(office, Key.MEM_OWNER) == {m["owner"]}
    assert ids(office, Key.MEM_MANAGER) == {m["manager"]}
    assert ids(office, Key.MEM_ADMITTED) == {m["newbie"], m["owner"], m["under_new"]}
    assert ids(office, Key.MEM_ADMITTED_OWNER) == {m["owner"]}
    assert ids(office, Key.MEM_TRANSFERRED_IN) == {m["moved_in"]}
    assert ids(office, Key.MEM_TRANSFERRED_OUT) == {m["moved_out"]}  # not the move inside
    now = office.services.statistics.compute(NOW)
    total = now.figure(Key.MEM_TOTAL)
    # Four arrived or were admitted since a year ago, one left.
    assert total.value == len(on_roll_now) and total.previous == len(on_roll_now) - 4 + 1
    assert now.figure(Key.MEM_OFFICIAL).share == pytest.approx(
        100 * (len(on_roll_now) - 3) / len(on_roll_now)
    )


def test_breakdown_by_enterprise_type_adds_up_to_the_indicators(office: Office) -> None:
    stats = office.services.statistics.compute(NOW)
    rows = {r.type_label: r for r in stats.by_enterprise_type}
    assert sum(r.enterprises for r in rows.values()) == stats.figure(Key.DN_TOTAL).value
    assert sum(r.members for r in rows.values()) == stats.figure(Key.MEM_TOTAL).value
    assert rows["Doanh nghiệp nhà nước"].organisations == 1  # the chi bộ of "cell"
    assert rows["Hợp tác xã"].organisations == 1  # the chi bộ ghép: its primary enterprise
    # The residence cell and the đảng bộ with its chi bộ have no enterprise.
    assert rows["Chưa gắn doanh nghiệp"].organisations == 3
