"""Overrides (kept reasons for a level a rule check objects to) and counted ballots."""

from __future__ import annotations

from collections import Counter
from datetime import date

from partydesk.domain.errors import ValidationError
from partydesk.domain.evaluation import BallotCount, Level, Override, RuleCode, Subject
from partydesk.store.convert import iso, now_text
from partydesk.store.evaluation_convert import level
from partydesk.store.evaluation_cycles import CycleAccess


def _vote_order(vote: tuple[int, Level, int]) -> tuple[int, int]:
    return vote[0], vote[1].rank


class OverridesAndBallots(CycleAccess):
    """The override and ballot part of ``EvaluationRepository`` (which inherits it)."""

    def overrides(self, cycle_id: int) -> list[Override]:
        return [
            Override(Subject(r[0]), RuleCode(r[1]), r[2], r[3])
            for r in self._db.execute(
                "SELECT subject, rule, reason, recorded_at FROM evaluation_overrides"
                " WHERE cycle_id = ? ORDER BY subject, rule",
                [cycle_id],
            )
        ]

    def set_override(self, cycle_id: int, override: Override) -> None:
        """Record (or replace) the reason for keeping a level a rule check objects to."""
        reason = override.reason.strip()
        if not reason:
            raise ValidationError("reason", "Lý do giữ mức xếp loại: bắt buộc phải ghi.")
        with self._writing(cycle_id):
            self._db.execute(
                "INSERT OR REPLACE INTO evaluation_overrides"
                " (cycle_id, subject, rule, reason, recorded_at) VALUES (?, ?, ?, ?, ?)",
                [cycle_id, override.subject.key, override.rule.value, reason, now_text()],
            )

    def clear_override(self, cycle_id: int, subject: Subject, rule: RuleCode) -> None:
        with self._writing(cycle_id):
            self._db.execute(
                "DELETE FROM evaluation_overrides WHERE cycle_id = ? AND subject = ? AND rule = ?",
                [cycle_id, subject.key, rule.value],
            )

    # --- ballots ----------------------------------------------------------------------------

    def ballot(self, cycle_id: int, organisation_id: int) -> BallotCount | None:
        """The organisation's tally, votes ordered by member id then level, or None."""
        row = self._db.execute(
            "SELECT issued, returned, invalid, counted_on, counters FROM evaluation_ballots"
            " WHERE cycle_id = ? AND organisation_id = ?",
            [cycle_id, organisation_id],
        ).fetchone()
        if row is None:
            return None
        votes = self._db.execute(
            "SELECT member_id, level, votes FROM evaluation_ballot_votes"
            " WHERE cycle_id = ? AND organisation_id = ?",
            [cycle_id, organisation_id],
        ).fetchall()
        ordered = sorted(((m, level(code), n) for m, code, n in votes), key=_vote_order)
        return BallotCount(
            cycle_id=cycle_id,
            organisation_id=organisation_id,
            issued=row[0],
            returned=row[1],
            invalid=row[2],
            counted_on=date.fromisoformat(row[3]) if row[3] else None,
            counters=row[4],
            votes=tuple(ordered),
        )

    def save_ballot(self, ballot: BallotCount) -> None:
        """Replace the organisation's tally and its votes; zero counts are not stored."""
        key = [ballot.cycle_id, ballot.organisation_id]
        tallies: Counter[tuple[int, Level]] = Counter()
        for member_id, lvl, n in ballot.votes:
            tallies[member_id, lvl] += n
        with self._writing(ballot.cycle_id):
            self._db.execute(
                "DELETE FROM evaluation_ballots WHERE cycle_id = ? AND organisation_id = ?", key
            )
            self._db.execute(
                "INSERT INTO evaluation_ballots (cycle_id, organisation_id, issued, returned,"
                " invalid, counted_on, counters) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [*key, ballot.issued, ballot.returned, ballot.invalid, iso(ballot.counted_on)]
                + [ballot.counters],
            )
            self._db.conn.executemany(
                "INSERT INTO evaluation_ballot_votes (cycle_id, organisation_id, member_id,"
                " level, votes) VALUES (?, ?, ?, ?, ?)",
                [(*key, m, lvl.value, n) for (m, lvl), n in tallies.items() if n],
            )
