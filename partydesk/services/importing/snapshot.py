"""What an import checks its rows against: the register's organisations, enterprises and keys.

Read once per preview (and again inside the import's transaction, since the register may have
changed in between), under the store's lock.
"""

from __future__ import annotations

from dataclasses import dataclass

from partydesk.domain.enterprise import EnterpriseStatus
from partydesk.domain.importing import (
    DuplicateKey,
    ImportKind,
    References,
    RegisterEntry,
    describe_member,
    enterprise_keys,
    member_keys,
)
from partydesk.domain.rows import ListQuery
from partydesk.store.store import Store

_ALL = 1_000_000_000  # "every row" for list queries that page


@dataclass(frozen=True)
class RegisterSnapshot:
    references: References
    keys: dict[DuplicateKey, str]  # key of a saved record → how a message names that record
    organisations: tuple[RegisterEntry, ...]
    enterprises: tuple[RegisterEntry, ...]

    def current_names(self, entries: tuple[RegisterEntry, ...]) -> list[str]:
        return [entry.name for entry in entries if not entry.ended]


def read_snapshot(store: Store, kind: ImportKind) -> RegisterSnapshot:
    with store.lock:
        organisations = tuple(
            RegisterEntry(o.id, o.name, o.abbreviation, o.is_ended)
            for o in store.organisations.all()
            if o.id is not None
        )
        enterprise_rows = store.enterprises.list_rows(ListQuery(include_ended=True), 0, _ALL)
        enterprises = tuple(
            RegisterEntry(e.id, e.name, e.tax_code, e.status is EnterpriseStatus.DISSOLVED)
            for e in enterprise_rows
        )
        keys = _member_keys(store) if kind is ImportKind.MEMBERS else _enterprise_keys(enterprises)
    return RegisterSnapshot(
        References(organisations, enterprises), keys, organisations, enterprises
    )


def _member_keys(store: Store) -> dict[DuplicateKey, str]:
    keys: dict[DuplicateKey, str] = {}
    for full_name, birth_date, cccd, card in store.members.identities():
        described = describe_member(full_name, birth_date)
        for key in member_keys(full_name, birth_date, cccd, card):
            keys.setdefault(key, described)
    return keys


def _enterprise_keys(enterprises: tuple[RegisterEntry, ...]) -> dict[DuplicateKey, str]:
    keys: dict[DuplicateKey, str] = {}
    for entry in enterprises:
        shown = f"{entry.name} (MST {entry.code})" if entry.code else entry.name
        for key in enterprise_keys(entry.name, entry.code):
            keys.setdefault(key, shown)
    return keys
