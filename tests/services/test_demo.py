"""The sample office: deterministic, realistic, valid, warning-rich, and all-or-nothing on disk.

Most checks run on one district-scale office built once for the module (under a second); the
determinism, cancel and error tests use the small ``_tiny`` scale. The province scale (100,000
members) is timed by a test marked ``slow``: ``pytest -m slow tests/services/test_demo.py``.
"""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from partydesk.domain import dates as domain_dates
from partydesk.domain.attention import Rule
from partydesk.domain.dates import party_age_years, probation_end
from partydesk.domain.enterprise import EnterpriseStatus, EnterpriseType
from partydesk.domain.holidays import HolidayCalendar
from partydesk.domain.identifiers import cccd_consistency_warnings, validate_tax_code
from partydesk.domain.member import ENDED_STATUSES, MemberStatus, Standing
from partydesk.domain.organisation import OrgEndReason, OrgKind
from partydesk.domain.settings import CommitteeLevel
from partydesk.domain.validation import (
    validate_enterprise,
    validate_member,
    validate_office_settings,
    validate_organisation,
)
from partydesk.services import demo
from partydesk.services.attention import AttentionService
from partydesk.services.demo import (
    SCALES,
    DemoScale,
    DemoSummary,
    create_demo_database,
    populate_demo,
)
from partydesk.services.progress import Cancelled
from partydesk.store.store import Store, check_file, create_store, open_store
from tests.common import TODAY, dump_tables

CALENDAR = HolidayCalendar.default_for_years(range(TODAY.year - 3, TODAY.year + 3))
# Members counted where they are registered (not ended, not here on temporary activity).
COUNTED = "m.status NOT IN ('SHT_DEN', 'DA_CHUYEN_DI', 'TU_TRAN', 'XOA_TEN', 'KHAI_TRU', 'XIN_RA')"
# Tables whose rows the generator writes; timestamps are left out of the determinism dump.
DUMPED_TABLES = (
    "settings",
    "enterprises",
    "organisations",
    "organisation_enterprises",
    "members",
    "member_events",
    "terms",
    "committee_posts",
    "cadres",
    "cadre_assignments",
)


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoSummary]:
    path = tmp_path_factory.mktemp("demo") / "district.sqlite"
    summary = create_demo_database(path, "district", today=TODAY)
    return path, summary


@pytest.fixture(scope="module")
def store(district: tuple[Path, DemoSummary]) -> Iterator[Store]:
    path, _ = district
    opened = open_store(path, path.parent / "backups")
    yield opened
    opened.close()


def rows(store: Store, sql: str, *params: object) -> list[tuple]:
    return store.conn.execute(sql, params).fetchall()


# --- scales and counts -------------------------------------------------------------------------


def test_scales_offered() -> None:
    assert SCALES["district"] == DemoScale(enterprises=400, organisations=120, members=3000)
    province = SCALES["province"]
    assert (province.enterprises, province.organisations, province.members) == (6000, 2000, 100_000)
    # Internal scales are hidden from the command line by a leading underscore.
    assert [s for s in SCALES if not s.startswith("_")] == ["district", "province"]


def test_district_counts_are_near_the_targets(
    district: tuple[Path, DemoSummary], store: Store
) -> None:
    _, summary = district
    target = SCALES["district"]
    for actual, wanted in (
        (summary.enterprises, target.enterprises),
        (summary.organisations, target.organisations),
        (summary.members, target.members),
    ):
        assert abs(actual - wanted) <= wanted * 0.05
    assert summary.cadres == target.cadres
    counts = store.counts()
    assert summary == DemoSummary(scale="district", seed=2026, **counts)
    assert counts["member_events"] > counts["members"]
    assert counts["terms"] >= counts["organisations"]
    assert "3.000 đảng viên" in summary.describe()


def test_every_category_is_present(store: Store) -> None:
    def values(sql: str) -> set[str]:
        return {r[0] for r in rows(store, sql)}

    assert values("SELECT type FROM enterprises") == {t.value for t in EnterpriseType}
    assert values("SELECT status FROM enterprises") == {s.value for s in EnterpriseStatus}
    assert values("SELECT kind FROM organisations") == {k.value for k in OrgKind}
    assert values("SELECT end_reason FROM organisations WHERE end_reason IS NOT NULL") == {
        r.value for r in OrgEndReason
    }
    assert values("SELECT status FROM members") == {s.value for s in MemberStatus}
    assert values("SELECT standing FROM members") == {s.value for s in Standing}
    assert values("SELECT role FROM committee_posts") == {"BI_THU", "PHO_BI_THU", "UY_VIEN"}
    kinds = values("SELECT kind FROM member_events")
    assert {"KET_NAP", "CONG_NHAN_CT", "CHUYEN_CT_DEN", "MIEN_SH", "CHUYEN_TAM_THOI_DI"} <= kinds
    assert {"TU_TRAN", "CHUYEN_CT_DI", "CHUYEN_TAM_THOI_DEN", "DINH_CHI", "XOA_TEN"} <= kinds


def test_the_mix_of_members_is_realistic(store: Store) -> None:
    total = rows(store, "SELECT count(*) FROM members")[0][0]
    by_status = Counter(dict(rows(store, "SELECT status, count(*) FROM members GROUP BY status")))
    probationary = rows(store, "SELECT count(*) FROM members WHERE standing = 'DU_BI'")[0][0]
    ended = sum(by_status[s.value] for s in ENDED_STATUSES)
    assert 0.09 <= probationary / total <= 0.16
    assert 0.03 <= ended / total <= 0.08
    assert by_status[MemberStatus.ACTIVE.value] / total >= 0.8
    women = rows(store, "SELECT count(*) FROM members WHERE gender = 'NU'")[0][0]
    assert 0.3 <= women / total <= 0.65


# --- the warning panel ---------------------------------------------------------------------------


def test_each_warning_rule_fires_a_few_times(store: Store) -> None:
    items = AttentionService(store, lambda: CALENDAR, lambda: TODAY).items()
    by_rule = Counter(item.rule for item in items)
    for rule in Rule:
        assert 1 <= by_rule[rule] <= 6, (rule, by_rule)


def test_the_planted_situations_look_as_the_rules_describe(store: Store) -> None:
    exception = rows(
        store,
        "SELECT o.size_exception_decision, count(m.id) FROM organisations o"
        " JOIN members m ON m.organisation_id = o.id WHERE o.size_exception_decision <> ''"
        f" AND {COUNTED} GROUP BY o.id",
    )
    assert exception and all(
        re.fullmatch(r"\d+-CV/(ĐU|HU)", r[0]) and r[1] >= 30 for r in exception
    )
    meeting = rows(
        store,
        "SELECT meeting_interval_months, meeting_exception_decision FROM organisations"
        " WHERE meeting_interval_months > 1",
    )
    assert meeting and all(m == 2 and re.fullmatch(r"\d+-QĐ/(ĐU|HU)", d) for m, d in meeting)


# --- identifiers ---------------------------------------------------------------------------------


def test_identifiers_are_unique_and_well_formed(store: Store) -> None:
    cccds = [r[0] for r in rows(store, "SELECT cccd FROM members")]
    cards = [r[0] for r in rows(store, "SELECT card_number FROM members WHERE card_number <> ''")]
    dossiers = [r[0] for r in rows(store, "SELECT dossier_number FROM members")]
    tax_codes = [r[0] for r in rows(store, "SELECT tax_code FROM enterprises")]
    names = [r[0] for r in rows(store, "SELECT name FROM enterprises")]
    for values in (cccds, cards, dossiers, tax_codes, names):
        assert len(values) == len(set(values))
    assert all(re.fullmatch(r"\d{12}", c) for c in cccds)
    assert all(re.fullmatch(r"\d{8}", c) for c in cards)
    assert any(c.startswith("0") for c in cards)  # leading zeros are kept
    assert all(validate_tax_code(t) == t for t in tax_codes)
    assert any("-" in t for t in tax_codes)  # a few branches ("chi nhánh") have -00x
    # Most members were born in Hà Nội (province code 001).
    assert sum(c.startswith("001") for c in cccds) / len(cccds) > 0.3


def test_names_are_vietnamese(store: Store) -> None:
    names = [r[0] for r in rows(store, "SELECT full_name FROM members")]
    families = Counter(name.split()[0] for name in names)
    assert families.most_common(1)[0][0] == "Nguyễn"
    assert 0.25 <= families["Nguyễn"] / len(names) <= 0.5
    assert {"Trần", "Lê", "Phạm", "Đặng", "Đỗ"} <= set(families)
    women = [r[0] for r in rows(store, "SELECT full_name FROM members WHERE gender = 'NU'")]
    assert sum(" Thị " in f" {n} " for n in women) / len(women) > 0.3
    text = " ".join(names)
    assert all(ch in text for ch in "Đươỹỳệắ")
    assert all(unicodedata.is_normalized("NFC", n) for n in names)


# --- validity -----------------------------------------------------------------------------------


def test_every_record_passes_validation(store: Store) -> None:
    for (member_id,) in rows(store, "SELECT id FROM members"):
        member = store.members.get(member_id)
        assert validate_member(member, TODAY) == member
        assert member.gender is not None
        assert cccd_consistency_warnings(member.cccd, member.birth_date, member.gender.label) == []
    for (enterprise_id,) in rows(store, "SELECT id FROM enterprises"):
        enterprise = store.enterprises.get(enterprise_id)
        assert validate_enterprise(enterprise, TODAY) == enterprise
    for (organisation_id,) in rows(store, "SELECT id FROM organisations"):
        organisation = store.organisations.get(organisation_id)
        assert validate_organisation(organisation, TODAY) == organisation


def test_office_settings_are_configured(store: Store) -> None:
    settings = store.settings.office()
    assert settings.is_configured
    assert validate_office_settings(settings) == settings
    assert settings.committee_level is CommitteeLevel.WARD
    assert settings.committee_full_name == "Đảng ủy phường An Khánh"
    assert settings.org_upper_body_header == "ĐẢNG BỘ PHƯỜNG AN KHÁNH"
    active = [c.full_name for c in store.organisations.cadres()]
    assert settings.signer_name in active


def test_member_history_replays_to_the_record(store: Store) -> None:
    """Applying a member's events in order to a plain active record gives the stored record."""
    checked = ("status", "standing", "status_until", "official_date", "organisation_id")
    for (member_id,) in rows(store, "SELECT id FROM members"):
        member = store.members.get(member_id)
        events = store.members.events(member_id)
        assert events, member.full_name
        assert all(e.on <= TODAY for e in events)
        assert [e.on for e in events] == sorted(e.on for e in events)
        replayed = replace(member, status=MemberStatus.ACTIVE, status_until=None)
        for event in events:
            replayed = event.apply(replayed)
        for name in checked:
            assert getattr(replayed, name) == getattr(member, name), (name, member)


def test_dates_follow_the_party_rules(store: Store) -> None:
    aged_30 = 0
    for (member_id,) in rows(store, "SELECT id FROM members"):
        m = store.members.get(member_id)
        assert m.birth_date and m.admission_decision_date and m.ceremony_date
        assert 1950 <= m.birth_date.year <= 2004
        assert domain_dates.add_years_clamped(m.birth_date, 18) <= m.admission_decision_date
        assert 7 <= (m.ceremony_date - m.admission_decision_date).days <= 40
        if m.standing is Standing.OFFICIAL:
            assert m.official_date == probation_end(m.ceremony_date)
            aged_30 += party_age_years(m.admission_decision_date, TODAY) >= 30
        elif not m.is_ended:
            assert m.ceremony_date >= domain_dates.add_months_clamped(TODAY, -18)
        if m.status in (MemberStatus.TEMP_AWAY, MemberStatus.TEMP_GUEST):
            assert m.status_until is not None and m.status_until > TODAY
    assert aged_30 >= 20  # Huy hiệu 30 năm tuổi đảng and more


def test_fast_month_arithmetic_matches_the_domain() -> None:
    start = date(1999, 12, 25)
    for day in range(0, 3000, 7):
        d = start + timedelta(days=day)
        for months in (-36, -14, -12, -1, 1, 12, 30, 60):
            assert demo._add_months(d, months) == domain_dates.add_months_clamped(d, months)
    assert demo._add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)


# --- structure ------------------------------------------------------------------------------------


def test_organisations_hang_together(store: Store) -> None:
    links = rows(
        store,
        "SELECT o.kind, count(*), sum(oe.is_primary) FROM organisations o"
        " JOIN organisation_enterprises oe ON oe.organisation_id = o.id"
        " WHERE o.ended_on IS NULL GROUP BY o.id",
    )
    assert all(primary == 1 for _, _, primary in links)
    combined = [n for kind, n, _ in links if kind == "CHI_BO_GHEP"]
    assert combined and all(2 <= n <= 6 for n in combined)
    assert max(combined) >= 3
    parents = rows(
        store,
        "SELECT o.kind, p.kind FROM organisations o JOIN organisations p ON p.id = o.parent_id",
    )
    assert parents and all(p in ("DANG_BO_CO_SO", "DANG_BO_BO_PHAN") for _, p in parents)
    assert all(k in ("CHI_BO_TRUC_THUOC", "DANG_BO_BO_PHAN") for k, _ in parents)
    assert not rows(
        store,
        "SELECT id FROM organisations WHERE kind IN ('CHI_BO_TRUC_THUOC', 'DANG_BO_BO_PHAN')"
        " AND parent_id IS NULL",
    )
    merged = rows(
        store,
        "SELECT o.merged_into_id, t.ended_on FROM organisations o"
        " JOIN organisations t ON t.id = o.merged_into_id WHERE o.end_reason = 'SAP_NHAP'",
    )
    assert merged and all(ended is None for _, ended in merged)
    decisions = rows(store, "SELECT founding_decision, header_name, name FROM organisations")
    assert all(re.fullmatch(r"\d+-QĐ/(ĐU|HU)", d) for d, _, _ in decisions)
    assert all(h == h.upper() and h for _, h, _ in decisions)


def test_members_work_where_their_organisation_is(store: Store) -> None:
    total = rows(store, "SELECT count(*) FROM members")[0][0]
    working = rows(
        store,
        "SELECT count(*) FROM members m JOIN organisation_enterprises oe"
        " ON oe.organisation_id = m.organisation_id AND oe.enterprise_id = m.enterprise_id",
    )[0][0]
    assert working / total >= 0.9
    owners = rows(
        store,
        "SELECT e.owner_is_member, e.legal_representative, m.full_name, m.is_manager"
        " FROM members m JOIN enterprises e ON e.id = m.enterprise_id WHERE m.is_owner = 1",
    )
    assert owners and all(flag and rep == name and manager for flag, rep, name, manager in owners)
    political = rows(store, "SELECT count(*) FROM members WHERE in_political_system = 1")[0][0]
    assert political / total < 0.05


def test_enterprise_figures_cover_the_register(store: Store) -> None:
    """The office's figure of members working there is never below what the register shows."""
    figures = rows(
        store,
        "SELECT e.party_members_working, e.official_members_working,"
        f" (SELECT count(*) FROM members m WHERE m.enterprise_id = e.id AND {COUNTED}),"
        f" (SELECT count(*) FROM members m WHERE m.enterprise_id = e.id AND {COUNTED}"
        "  AND m.standing = 'CHINH_THUC'),"
        " EXISTS (SELECT 1 FROM organisation_enterprises oe WHERE oe.enterprise_id = e.id)"
        " FROM enterprises e",
    )
    for party, official, counted, counted_official, linked in figures:
        if counted:
            assert party is not None and party >= counted and official >= counted_official
        if linked:
            assert party is not None
    unlinked_filled = [f for f in figures if not f[4] and f[0] is not None]
    assert any(f[0] > 0 for f in unlinked_filled)  # members registered elsewhere
    assert rows(store, "SELECT count(*) FROM enterprises WHERE owner_is_member = 1")[0][0] >= 1


def test_terms_and_committees_follow_the_rules(store: Store) -> None:
    posts = rows(
        store,
        "SELECT t.id, o.kind, p.role, p.member_id FROM terms t"
        " JOIN organisations o ON o.id = t.organisation_id"
        " JOIN committee_posts p ON p.term_id = t.id",
    )
    by_term: dict[int, list[tuple[str, str, int]]] = {}
    for term_id, kind, role, member_id in posts:
        by_term.setdefault(term_id, []).append((kind, role, member_id))
    for entries in by_term.values():
        roles = Counter(role for _, role, _ in entries)
        assert roles["BI_THU"] == 1
        assert len({m for _, _, m in entries}) == len(entries)
        if OrgKind(entries[0][0]).is_cell:
            assert roles["PHO_BI_THU"] <= 1 and len(entries) <= 7
    labels = [r[0] for r in rows(store, "SELECT label FROM terms")]
    assert "2025–2030" in labels and "2020–2025" in labels
    assert all(re.fullmatch(r"\d{4}–\d{4}", label) for label in labels)
    # Current posts are held by active members of the organisation (or of its chi bộ).
    current = rows(
        store,
        "SELECT m.status, m.standing, m.organisation_id, o.id, o.kind FROM committee_posts p"
        " JOIN terms t ON t.id = p.term_id JOIN organisations o ON o.id = t.organisation_id"
        " JOIN members m ON m.id = p.member_id"
        " WHERE t.ends_on >= ? AND o.ended_on IS NULL",
        TODAY.isoformat(),
    )
    assert current
    for status, standing, member_org, org_id, kind in current:
        assert (status, standing) == ("DANG_SINH_HOAT", "CHINH_THUC")
        if OrgKind(kind).is_cell:
            assert member_org == org_id


def test_cadres_are_assigned_and_some_reassigned(store: Store) -> None:
    cadres = store.organisations.cadres(include_inactive=True)
    assert len(cadres) == SCALES["district"].cadres
    assert any(not c.active for c in cadres)
    assert any(c.title.startswith("Bí thư") for c in cadres)
    top_level = rows(
        store,
        "SELECT id FROM organisations WHERE parent_id IS NULL AND ended_on IS NULL",
    )
    reassigned = 0
    for (organisation_id,) in top_level:
        history = store.organisations.assignments(organisation_id)
        open_ended = [a for a in history if a.ends_on is None]
        assert len(open_ended) == 1 and open_ended[0].starts_on <= TODAY
        reassigned += len(history) > 1
    assert reassigned >= 5


def test_file_is_healthy(district: tuple[Path, DemoSummary]) -> None:
    path, _ = district
    report = check_file(path)
    assert report.healthy, report
    assert not path.with_name(path.name + ".demo-tmp").exists()


# --- determinism -------------------------------------------------------------------------------


def test_same_seed_gives_the_same_rows(tmp_path: Path) -> None:
    first, second = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    create_demo_database(first, "_tiny", seed=7, today=TODAY)
    create_demo_database(second, "_tiny", seed=7, today=TODAY)
    assert dump_tables(first, DUMPED_TABLES) == dump_tables(second, DUMPED_TABLES)


def test_another_seed_gives_other_rows(tmp_path: Path) -> None:
    first, second = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    create_demo_database(first, "_tiny", seed=7, today=TODAY)
    create_demo_database(second, "_tiny", seed=8, today=TODAY)
    one, other = dump_tables(first, DUMPED_TABLES), dump_tables(second, DUMPED_TABLES)
    assert one["members"] != other["members"]
    assert {r[1] for r in one["enterprises"]} != {r[1] for r in other["enterprises"]}


def test_the_small_scale_is_complete_too(tmp_path: Path) -> None:
    path = tmp_path / "tiny.sqlite"
    create_demo_database(path, "_tiny", today=TODAY)
    opened = open_store(path, tmp_path / "backups")
    try:
        by_rule = Counter(
            item.rule for item in AttentionService(opened, lambda: CALENDAR, lambda: TODAY).items()
        )
        assert set(by_rule) == set(Rule)
        statuses = {r[0] for r in opened.conn.execute("SELECT status FROM members")}
        assert statuses == {s.value for s in MemberStatus}
    finally:
        opened.close()


# --- progress, cancel and refusals -----------------------------------------------------------


def test_progress_is_reported_at_most_every_percent(tmp_path: Path) -> None:
    calls: list[tuple[int, int, str]] = []
    create_demo_database(
        tmp_path / "p.sqlite", "_tiny", today=TODAY, progress=lambda *a: calls.append(a)
    )
    assert 5 <= len(calls) <= 102
    done = [d for d, _, _ in calls]
    assert done == sorted(done) and calls[-1][0] == calls[-1][1]
    assert all(m.startswith(("Đang ", "Đã ")) for _, _, m in calls)
    assert any(re.search(r"Đang tạo đảng viên… \d", m) for _, _, m in calls)


def test_cancel_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    cancel = threading.Event()
    with pytest.raises(Cancelled):
        create_demo_database(
            path, "_tiny", today=TODAY, progress=lambda *_: cancel.set(), cancel=cancel
        )
    assert list(tmp_path.iterdir()) == []


def test_an_error_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: object, store: Store) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(demo._Generator, "write_terms", broken)
    with pytest.raises(RuntimeError):
        create_demo_database(tmp_path / "demo.sqlite", "_tiny", today=TODAY)
    assert list(tmp_path.iterdir()) == []


def test_a_stale_temporary_file_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    temp = tmp_path / "demo.sqlite.demo-tmp"
    temp.write_bytes(b"half-written")
    Path(f"{temp}-journal").write_bytes(b"stale journal")
    create_demo_database(path, "_tiny", today=TODAY)
    assert check_file(path).healthy
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.sqlite"]


def test_an_existing_file_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "mine.sqlite"
    path.write_bytes(b"precious")
    with pytest.raises(FileExistsError):
        create_demo_database(path, "_tiny", today=TODAY)
    assert path.read_bytes() == b"precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.sqlite"]


def test_a_store_with_records_is_refused(tmp_path: Path) -> None:
    opened = create_store(tmp_path / "used.sqlite")
    try:
        populate_demo(opened, "_tiny", today=TODAY)
        with pytest.raises(ValueError):
            populate_demo(opened, "_tiny", today=TODAY)
    finally:
        opened.close()


def test_an_unknown_scale_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="district"):
        create_demo_database(tmp_path / "x.sqlite", "county", today=TODAY)
    assert list(tmp_path.iterdir()) == []


# --- the large office ----------------------------------------------------------------------------


@pytest.mark.slow
def test_province_scale_is_fast_and_sound(tmp_path: Path) -> None:
    path = tmp_path / "province.sqlite"
    started = time.perf_counter()
    summary = create_demo_database(path, "province", today=TODAY)
    elapsed = time.perf_counter() - started
    assert elapsed < 60, elapsed
    target = SCALES["province"]
    assert abs(summary.members - target.members) <= target.members * 0.05
    assert abs(summary.organisations - target.organisations) <= target.organisations * 0.05
    assert check_file(path).healthy
    opened = open_store(path, tmp_path / "backups")
    try:
        assert opened.settings.office().committee_level is CommitteeLevel.PROVINCE
        by_rule = Counter(
            item.rule for item in AttentionService(opened, lambda: CALENDAR, lambda: TODAY).items()
        )
        assert set(by_rule) == set(Rule)
        assert sum(by_rule.values()) < 0.02 * summary.members
    finally:
        opened.close()
