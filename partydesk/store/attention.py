"""Facts for the "cần chú ý" rules, gathered in a few set-based queries over the register."""

from __future__ import annotations

from datetime import date

import sqlite_utils

from partydesk.domain.attention import EnterpriseFacts, OrgFacts
from partydesk.domain.organisation import OrgKind
from partydesk.store.convert import to_date
from partydesk.store.sql_fragments import COUNTED_STATUS


class AttentionFacts:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def organisations(self, today: date, only: int | None = None) -> list[OrgFacts]:
        """Counts, committee presence and latest term of every organisation still active.

        ``only`` narrows it to one organisation, so a record's dialog does not aggregate the
        whole register (0.5 s at province scale).
        """
        inner, outer = ("AND organisation_id = :only", "AND o.id = :only") if only else ("", "")
        sql = f"""
            SELECT o.id, o.name, o.kind, o.size_exception_decision,
                   coalesce(c.official, 0), coalesce(c.total, 0),
                   EXISTS (SELECT 1 FROM terms t JOIN committee_posts p ON p.term_id = t.id
                           WHERE t.organisation_id = o.id AND p.role = 'UY_VIEN'
                             AND t.starts_on <= :on AND (t.ends_on IS NULL OR t.ends_on >= :on)
                             AND (p.ends_on IS NULL OR p.ends_on >= :on)),
                   (SELECT t.ends_on FROM terms t WHERE t.organisation_id = o.id
                    ORDER BY t.starts_on DESC LIMIT 1)
            FROM organisations o
            LEFT JOIN (SELECT organisation_id,
                              sum(standing = 'CHINH_THUC') AS official, count(*) AS total
                       FROM members WHERE {COUNTED_STATUS} {inner}
                       GROUP BY organisation_id) c
                   ON c.organisation_id = o.id
            WHERE o.ended_on IS NULL {outer}
        """
        return [
            OrgFacts(
                id=r[0],
                name=r[1],
                kind=OrgKind(r[2]),
                size_exception_decision=r[3],
                official_members=r[4],
                total_members=r[5],
                has_committee=bool(r[6]),
                latest_term_ends_on=to_date(r[7]),
            )
            for r in self._db.execute(sql, {"on": today.isoformat(), "only": only})
        ]

    def enterprises(self, only: int | None = None) -> list[EnterpriseFacts]:
        """Official members working in each active enterprise (or in ``only``): the larger of the
        register's count and the figure the office entered (it includes members registered
        elsewhere)."""
        inner, outer = ("AND enterprise_id = :only", "AND e.id = :only") if only else ("", "")
        sql = f"""
            SELECT e.id, e.name,
                   max(coalesce(e.official_members_working, 0), coalesce(c.official, 0)),
                   EXISTS (SELECT 1 FROM organisation_enterprises oe
                           JOIN organisations o ON o.id = oe.organisation_id
                           WHERE oe.enterprise_id = e.id AND o.ended_on IS NULL)
            FROM enterprises e
            LEFT JOIN (SELECT enterprise_id, count(*) AS official FROM members
                       WHERE {COUNTED_STATUS} AND standing = 'CHINH_THUC' {inner}
                       GROUP BY enterprise_id) c ON c.enterprise_id = e.id
            WHERE e.status <> 'GIAI_THE' {outer}
        """
        return [
            EnterpriseFacts(
                id=r[0], name=r[1], official_members_working=r[2], has_organisation=bool(r[3])
            )
            for r in self._db.execute(sql, {"only": only})
        ]

    def probationary_members(self, only: int | None = None) -> list[tuple[int, str, str, date]]:
        """(id, name, organisation, ceremony date) of probationary members still active."""
        outer = "AND m.id = :only" if only else ""
        sql = f"""
            SELECT m.id, m.full_name, coalesce(o.name, ''), m.ceremony_date
            FROM members m LEFT JOIN organisations o ON o.id = m.organisation_id
            WHERE m.standing = 'DU_BI' AND m.ceremony_date IS NOT NULL AND m.{COUNTED_STATUS}
              {outer}
        """
        rows = self._db.execute(sql, {"only": only})
        return [(r[0], r[1], r[2], date.fromisoformat(r[3])) for r in rows]
