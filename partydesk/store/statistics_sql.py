"""The SQL of every indicator (domain.statistics): one relation per subject, one predicate each.

An indicator is ``SELECT id FROM <relation> WHERE <predicate>``: its records are that query,
its value is their count (``indicator_sql``). The relations are common table expressions
parameterised by the day (``:on``) and the start of the year (``:start``):

``org_base``  every organisation with the tổ chức cơ sở đảng it belongs to (itself when it has
              no parent), as ``domain.eligibility.base_organisation_id`` finds it;
``org_type``  the enterprise type of each organisation: its primary enterprise, else its
              first, else its parent's;
``roll``      every member record with its activity status on ``:on`` replayed from its dated
              events, exactly as ``domain.eligibility.status_on`` does (NULL: not on the roll
              that day) and its standing that day (``statistics_rules.standing_on``);
``ent``       every enterprise on the territory on ``:on`` with whether it has a Party
              organisation that day and how many official members work there;
``org``       every organisation existing on ``:on``;
``mtg``       every meeting of the year up to ``:on``;
``eva_m``     the members' rows of the evaluation year (``:eval_year``);
``eva_o``     the organisations' rows of the evaluation year.

The dashboard counts all the indicators of a relation in one pass (``count(*) FILTER (WHERE
<predicate>)``) — the same predicates, so the count and the list behind it cannot differ.
"""

from __future__ import annotations

from dataclasses import dataclass

from partydesk.domain.member import ENDED_STATUSES, STATUS_AFTER, EventKind, MemberStatus
from partydesk.domain.organisation import OrgKind
from partydesk.domain.statistics import Key, Subject

_ARRIVAL_KINDS = (EventKind.ADMITTED, EventKind.TRANSFER_IN, EventKind.TEMP_IN)


def _in(values: object) -> str:
    return "(" + ", ".join(f"'{v}'" for v in sorted(str(v) for v in values)) + ")"  # type: ignore[attr-defined]


_ENDED = _in(ENDED_STATUSES)
_ARRIVALS = _in(_ARRIVAL_KINDS)
_INTERNAL_TRANSFER = _in((EventKind.TRANSFER_IN, EventKind.TRANSFER_OUT))
# The status an event leaves; NULL for events that keep it (công nhận chính thức).
_STATUS_AFTER_SQL = (
    "CASE v.kind "
    + " ".join(f"WHEN '{k}' THEN '{s}'" for k, s in STATUS_AFTER.items() if s is not None)
    + " END"
)
_KEEPS_STATUS = _in(k for k, s in STATUS_AFTER.items() if s is None)
_CELLS = _in(k for k in OrgKind if k.is_cell)

# The day a member joined: the ceremony, else the decision, else the admission event.
_ADMITTED_ON = (
    "coalesce(m.ceremony_date, m.admission_decision_date,"
    " (SELECT min(a.on_date) FROM member_events a WHERE a.member_id = m.id AND a.kind = 'KET_NAP'))"
)

_REPLAYED_STATUS = f"""coalesce(
      (SELECT CASE WHEN v.to_organisation_id IS NOT NULL AND v.kind IN {_INTERNAL_TRANSFER}
                   THEN '{MemberStatus.ACTIVE}' ELSE {_STATUS_AFTER_SQL} END
       FROM member_events v
       WHERE v.member_id = m.id AND v.on_date <= :on AND v.kind NOT IN {_KEEPS_STATUS}
       ORDER BY v.on_date DESC, v.id DESC LIMIT 1),
      CASE WHEN (SELECT f.kind FROM member_events f WHERE f.member_id = m.id
                 ORDER BY f.on_date, f.id LIMIT 1) IN {_ARRIVALS}
                AND NOT EXISTS (SELECT 1 FROM member_events g
                                WHERE g.member_id = m.id AND g.on_date <= :on)
           THEN NULL ELSE '{MemberStatus.ACTIVE}' END)"""

CTES = f"""
org_base (id, base_id) AS (
    SELECT id, id FROM organisations WHERE parent_id IS NULL
    UNION
    SELECT o.id, b.base_id FROM organisations o JOIN org_base b ON o.parent_id = b.id
),
org_own_type (id, type) AS (
    SELECT o.id,
           (SELECT e.type FROM organisation_enterprises oe JOIN enterprises e
              ON e.id = oe.enterprise_id WHERE oe.organisation_id = o.id
            ORDER BY oe.is_primary DESC, oe.enterprise_id LIMIT 1)
    FROM organisations o
),
org_type (id, type) AS (
    SELECT o.id, coalesce(t.type, pt.type)
    FROM organisations o JOIN org_own_type t ON t.id = o.id
    LEFT JOIN org_own_type pt ON pt.id = o.parent_id
),
org_on (id) AS (
    SELECT id FROM organisations
    WHERE (founded_on IS NULL OR founded_on <= :on) AND (ended_on IS NULL OR ended_on > :on)
),
later (member_id) AS (
    SELECT DISTINCT member_id FROM member_events WHERE on_date > :on
),
roll_all AS MATERIALIZED (
    SELECT m.id, m.organisation_id, m.enterprise_id, m.gender, m.is_owner, m.is_manager,
           {_ADMITTED_ON} AS admitted_on,
           CASE WHEN m.official_date IS NOT NULL THEN m.official_date <= :on
                ELSE m.standing = 'CHINH_THUC' END AS official,
           CASE
             WHEN {_ADMITTED_ON} > :on THEN NULL
             WHEN m.id NOT IN later THEN
               CASE WHEN m.status IN {_ENDED} THEN NULL ELSE m.status END
             ELSE {_REPLAYED_STATUS}
           END AS raw_status
    FROM members m
),
roll AS (
    SELECT r.*,
           CASE WHEN r.raw_status IN {_ENDED} THEN NULL ELSE r.raw_status END AS status_on,
           (r.raw_status IS NOT NULL AND r.raw_status NOT IN {_ENDED}
            AND r.raw_status <> '{MemberStatus.TEMP_GUEST}') AS counted,
           r.admitted_on BETWEEN :start AND :on AS admitted_in_year,
           r.id IN (SELECT member_id FROM member_events
                    WHERE kind = '{EventKind.TRANSFER_IN}' AND to_organisation_id IS NULL
                      AND on_date BETWEEN :start AND :on) AS came_in_year,
           r.id IN (SELECT member_id FROM member_events
                    WHERE kind = '{EventKind.TRANSFER_OUT}' AND to_organisation_id IS NULL
                      AND on_date BETWEEN :start AND :on) AS left_in_year
    FROM roll_all r
),
ent AS MATERIALIZED (
    SELECT e.id, e.type, e.workforce, e.trade_union, e.youth_union, e.women_union,
           EXISTS (SELECT 1 FROM organisation_enterprises oe JOIN org_on o
                     ON o.id = oe.organisation_id WHERE oe.enterprise_id = e.id) AS has_org,
           max(coalesce(e.official_members_working, 0), coalesce(w.official, 0))
             AS official_working
    FROM enterprises e
    LEFT JOIN (SELECT enterprise_id, count(*) AS official FROM roll
               WHERE counted AND official GROUP BY enterprise_id) w ON w.enterprise_id = e.id
    WHERE (e.established_on IS NULL OR e.established_on <= :on)
      AND (e.ended_on > :on OR (e.ended_on IS NULL AND e.status <> 'GIAI_THE'))
),
org AS MATERIALIZED (
    SELECT o.id, o.kind, o.parent_id IS NULL AS is_base, o.founded_on,
           o.meeting_interval_months AS interval_months, t.type AS enterprise_type
    FROM organisations o JOIN org_on USING (id) JOIN org_type t ON t.id = o.id
),
org_year (id) AS (
    SELECT id FROM organisations
    WHERE (founded_on IS NULL OR founded_on <= :on) AND (ended_on IS NULL OR ended_on >= :start)
),
mtg AS MATERIALIZED (
    SELECT m.id, m.kind IN ('THUONG_KY', 'KET_HOP') AS regular,
           m.kind IN ('CHUYEN_DE', 'KET_HOP') AS thematic,
           CASE WHEN m.starts IS NOT NULL AND m.ends IS NOT NULL
                THEN (strftime('%s', m.ends) - strftime('%s', m.starts)) / 60 END AS minutes
    FROM meetings m
    WHERE m.period_year = :year AND m.period_month <= :month AND m.on_date <= :on
),
eva_m AS (
    SELECT e.member_id AS id, e.decided_level AS level FROM member_evaluations e
    JOIN evaluation_cycles c ON c.id = e.cycle_id
    WHERE c.year = :eval_year AND e.exclusion IS NULL
),
eva_o AS (
    SELECT e.organisation_id AS id, e.decided_level AS level FROM org_evaluations e
    JOIN evaluation_cycles c ON c.id = e.cycle_id
    WHERE c.year = :eval_year AND e.decided_level IS NOT NULL
)
"""

# Regular meetings required: one per chi bộ and meeting window (N months from January) that
# starts in a month from January to the day's month while the chi bộ exists.
REQUIRED_MEETINGS_SQL = f"""
WITH RECURSIVE months (month) AS (SELECT 1 UNION ALL SELECT month + 1 FROM months
                                  WHERE month < :month)
SELECT months.month, count(o.id) FROM months
LEFT JOIN organisations o
  ON o.kind IN {_CELLS}
 AND (months.month - 1) % max(1, o.meeting_interval_months) = 0
 AND (o.founded_on IS NULL
      OR o.founded_on <= date(printf('%04d-%02d-01', :year, months.month), '+1 month', '-1 day'))
 AND (o.ended_on IS NULL OR o.ended_on >= printf('%04d-%02d-01', :year, months.month))
GROUP BY months.month ORDER BY months.month
"""

HELD_BY_MONTH_SQL = """
SELECT m.period_month, count(*) FROM meetings m
WHERE m.period_year = :year AND m.period_month <= :month AND m.on_date <= :on
  AND m.kind IN ('THUONG_KY', 'KET_HOP')
GROUP BY m.period_month
"""


@dataclass(frozen=True, slots=True)
class IndicatorSql:
    """``relation`` is one of the CTEs above; ``predicate`` tests its columns."""

    relation: str
    predicate: str


_WITH_ORG = "has_org"
_THREE = "official_working >= 3"
_LARGE = "workforce >= :large"

INDICATOR_SQL: dict[Key, IndicatorSql] = {
    Key.DN_TOTAL: IndicatorSql("ent", "1"),
    Key.DN_WITH_ORG: IndicatorSql("ent", _WITH_ORG),
    Key.DN_3_OFFICIAL: IndicatorSql("ent", _THREE),
    Key.DN_3_OFFICIAL_WITH_ORG: IndicatorSql("ent", f"{_THREE} AND {_WITH_ORG}"),
    Key.DN_3_OFFICIAL_WITHOUT_ORG: IndicatorSql("ent", f"{_THREE} AND NOT {_WITH_ORG}"),
    Key.DN_LARGE_WITHOUT_ORG: IndicatorSql("ent", f"{_LARGE} AND NOT {_WITH_ORG}"),
    Key.DN_TRADE_UNION: IndicatorSql("ent", "trade_union"),
    Key.DN_TRADE_UNION_WITH_ORG: IndicatorSql("ent", f"trade_union AND {_WITH_ORG}"),
    Key.DN_YOUTH_UNION: IndicatorSql("ent", "youth_union"),
    Key.DN_WOMEN_UNION: IndicatorSql("ent", "women_union"),
    Key.ORG_BASE: IndicatorSql("org", "is_base"),
    Key.ORG_PARTY_COMMITTEE: IndicatorSql(
        "org", f"is_base AND kind = '{OrgKind.PARTY_COMMITTEE_BASE}'"
    ),
    Key.ORG_CELL_BASE: IndicatorSql("org", f"is_base AND kind = '{OrgKind.CELL_BASE}'"),
    Key.ORG_CELL_UNDER: IndicatorSql("org", f"kind = '{OrgKind.CELL_UNDER_COMMITTEE}'"),
    Key.ORG_CELL_COMBINED: IndicatorSql("org", f"kind = '{OrgKind.CELL_COMBINED}'"),
    Key.ORG_FOUNDED: IndicatorSql("org", "founded_on BETWEEN :start AND :on"),
    Key.ORG_BASE_ADMITTING: IndicatorSql(
        "org",
        "is_base AND id IN (SELECT b.base_id FROM roll r JOIN org_base b"
        " ON b.id = r.organisation_id WHERE r.admitted_in_year)",
    ),
    Key.MEM_TOTAL: IndicatorSql("roll", "counted"),
    Key.MEM_OFFICIAL: IndicatorSql("roll", "counted AND official"),
    Key.MEM_PROBATIONARY: IndicatorSql("roll", "counted AND NOT official"),
    Key.MEM_FEMALE: IndicatorSql("roll", "counted AND gender = 'NU'"),
    Key.MEM_OWNER: IndicatorSql("roll", "counted AND is_owner"),
    Key.MEM_MANAGER: IndicatorSql("roll", "counted AND is_manager"),
    Key.MEM_ADMITTED: IndicatorSql("roll", "admitted_in_year"),
    Key.MEM_ADMITTED_OWNER: IndicatorSql("roll", "admitted_in_year AND is_owner"),
    Key.MEM_TRANSFERRED_IN: IndicatorSql("roll", "came_in_year"),
    Key.MEM_TRANSFERRED_OUT: IndicatorSql("roll", "left_in_year"),
    Key.MTG_HELD: IndicatorSql("mtg", "regular"),
    Key.MTG_THEMATIC: IndicatorSql("mtg", "thematic"),
    Key.MTG_AVG_MINUTES: IndicatorSql("mtg", "regular AND minutes IS NOT NULL"),
    Key.EVA_MEMBERS: IndicatorSql("eva_m", "1"),
    Key.EVA_M_EXCELLENT: IndicatorSql("eva_m", "level = 'HTXSNV'"),
    Key.EVA_M_GOOD: IndicatorSql("eva_m", "level = 'HTTNV'"),
    Key.EVA_M_COMPLETED: IndicatorSql("eva_m", "level = 'HTNV'"),
    Key.EVA_M_FAILED: IndicatorSql("eva_m", "level = 'KHTNV'"),
    Key.EVA_ORGS: IndicatorSql("eva_o", "1"),
    Key.EVA_O_EXCELLENT: IndicatorSql("eva_o", "level = 'HTXSNV'"),
    Key.EVA_O_GOOD: IndicatorSql("eva_o", "level = 'HTTNV'"),
    Key.EVA_O_COMPLETED: IndicatorSql("eva_o", "level = 'HTNV'"),
    Key.EVA_O_FAILED: IndicatorSql("eva_o", "level = 'KHTNV'"),
}

# The subject each relation's ids belong to.
RELATION_SUBJECT: dict[str, Subject] = {
    "ent": Subject.ENTERPRISE,
    "org": Subject.ORGANISATION,
    "roll": Subject.MEMBER,
    "mtg": Subject.MEETING,
    "eva_m": Subject.MEMBER,
    "eva_o": Subject.ORGANISATION,
}


def indicator_sql(key: Key) -> str:
    """``SELECT id FROM … WHERE …``: the records indicator ``key`` counts (parameters: :on,
    :start, :year, :month, :eval_year, :large)."""
    spec = INDICATOR_SQL[key]
    return f"WITH RECURSIVE {CTES} SELECT id FROM {spec.relation} WHERE {spec.predicate}"


# Enterprises, organisations and members on the day by enterprise type: (what, type, count,
# with an organisation) rows, what being E (enterprises), O (organisations) or M (members).
BY_TYPE_SELECT = """
    SELECT 'E' AS what, type, count(*) AS n, count(*) FILTER (WHERE has_org) AS with_org
    FROM ent GROUP BY type
    UNION ALL
    SELECT 'O', enterprise_type, count(*), 0 FROM org GROUP BY enterprise_type
    UNION ALL
    SELECT 'M', t.type, count(*), 0 FROM roll r LEFT JOIN org_type t ON t.id = r.organisation_id
    WHERE r.counted GROUP BY t.type"""


def counts_sql(relations: dict[str, list[Key]], *, by_type: bool = False) -> str:
    """One row: for each relation, one pass counting each of its indicators, in the order
    given; with ``by_type``, a last column holding ``BY_TYPE_SELECT``'s rows as JSON. The
    member roll is replayed once (MATERIALIZED), whichever indicators read it."""
    parts = []
    for relation, keys in relations.items():
        columns = ", ".join(_aggregate(k) for k in keys)
        parts.append(f"(SELECT {columns} FROM {relation})")
    if by_type:
        parts.append(
            "(SELECT json_group_array(json_array(what, type, n, with_org))"
            f" FROM ({BY_TYPE_SELECT}))"
        )
    return f"WITH RECURSIVE {CTES} SELECT * FROM " + ", ".join(parts)


def _aggregate(key: Key) -> str:
    spec = INDICATOR_SQL[key]
    predicate = spec.predicate
    if key is Key.MTG_AVG_MINUTES:
        return f"avg(minutes) FILTER (WHERE {predicate})"
    return f"count(*) FILTER (WHERE {predicate})"
