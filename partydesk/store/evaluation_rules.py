"""The office's adjustments of the built-in evaluation rule sets, and their permanent log.

A rule set is stored whole as JSON (``domain.rule_sets.rule_set_to_json``) under its code; each
change keeps the text before and after and the reason, and is never updated or deleted.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from partydesk.domain.errors import ValidationError
from partydesk.store.convert import now_text
from partydesk.store.db import transaction


@dataclass(frozen=True, slots=True)
class RuleChange:
    id: int
    code: str
    changed_at: str  # ISO local time
    reason: str
    before: str  # the rule set's JSON before the change
    after: str


class RuleSetStore:
    """The rule-set part of ``EvaluationRepository`` (which inherits it)."""

    _db: sqlite_utils.Database

    def stored_rule_set(self, code: str) -> str | None:
        """The office's version of rule set ``code`` as JSON, or None when it uses the built-in."""
        row = self._db.execute(
            "SELECT config FROM evaluation_rule_sets WHERE code = ?", [code]
        ).fetchone()
        return row[0] if row else None

    def save_rule_set(self, code: str, before: str, after: str, reason: str) -> None:
        """Store ``after`` as rule set ``code`` and log the change, in one transaction."""
        reason = reason.strip()
        if not reason:
            raise ValidationError("reason", "Lý do thay đổi quy định đánh giá: bắt buộc phải ghi.")
        changed_at = now_text()
        with transaction(self._db):
            self._db.execute(
                "INSERT INTO evaluation_rule_sets (code, config, changed_at) VALUES (?, ?, ?)"
                " ON CONFLICT (code) DO UPDATE SET config = excluded.config,"
                " changed_at = excluded.changed_at",
                [code, after, changed_at],
            )
            self._db.execute(
                "INSERT INTO evaluation_rule_changes (code, changed_at, reason, before, after)"
                " VALUES (?, ?, ?, ?, ?)",
                [code, changed_at, reason, before, after],
            )

    def rule_changes(self, code: str | None = None) -> list[RuleChange]:
        """The logged changes, of one rule set or of all, newest first."""
        where, params = ("WHERE code = ?", [code]) if code is not None else ("", [])
        return [
            RuleChange(*r)
            for r in self._db.execute(
                "SELECT id, code, changed_at, reason, before, after FROM evaluation_rule_changes"
                f" {where} ORDER BY changed_at DESC, id DESC",
                params,
            )
        ]
