"""Naming and permitting the service calls that write: one decorator, used on every one of them.

``@audited("Sửa đảng viên")`` on a service method:

1. checks the acting account's permission (and refuses every write on a file open read-only);
2. runs the call in one write transaction under the store's lock, with the action named, so
   the audit row the store writes at COMMIT is in the same transaction as the change;
3. nested audited calls (an "end" that saves) join the outer call: one call, one audit row.

Long calls that must commit in parts (with progress and cancel) use ``@audited(...,
one_transaction=False)``: each part commits with its own audit row under the same name.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from partydesk.domain.accounts import Permission
from partydesk.store.db import transaction
from partydesk.store.store import Store

P = ParamSpec("P")
R = TypeVar("R")


def require(store: Store, permission: Permission) -> None:
    """Raise ``AccessDenied`` unless the acting account may do this on this file."""
    store.actor.require(permission, read_only=store.read_only)


def audited(
    action: str,
    permission: Permission = Permission.EDIT,
    *,
    one_transaction: bool = True,
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorate a service method whose object keeps its store in ``self._store``."""

    def decorate(method: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(method)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            store: Store = args[0]._store  # type: ignore[attr-defined]
            require(store, permission)
            with store.audit.labelled(action):
                if not one_transaction:
                    return method(*args, **kwargs)
                with store.lock, transaction(store.db):
                    return method(*args, **kwargs)

        run.audited_action = action  # type: ignore[attr-defined]
        run.audited_permission = permission  # type: ignore[attr-defined]
        return run

    return decorate


def log_export(store: Store, what: str, destination: Any, count: int | None = None) -> None:
    """Record that personal data left the program (an export or a printout saved to a file)."""
    require(store, Permission.PRINT)
    detail = f"{what} → {destination}" + (f" ({count} dòng)" if count is not None else "")
    with store.lock:
        store.audit.record_event("Xuất dữ liệu ra tệp", detail)
