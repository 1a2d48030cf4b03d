"""Who is working: what the application runs right after a data file opens.

- a file never set up: the first-run choice (an administrator account, or one user without
  login);
- login on: the login dialog until someone signs in or chooses "Thoát";
- login off: nothing to ask; the Windows user works as administrator.

An account with a temporary password (set by an administrator) must choose its own before
working; "Thoát" there signs it out again.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from partydesk.domain.accounts import LoginState
from partydesk.services.accounts import AccountService
from partydesk.services.app import AppServices
from partydesk.ui.accounts.first_run_dialog import FirstRunDialog
from partydesk.ui.accounts.login_dialog import LoginDialog
from partydesk.ui.accounts.password_dialog import PasswordDialog


def sign_in(parent: QWidget | None, services: AppServices) -> bool:
    """True when work may start; False when the person chose to quit (nobody signed in)."""
    accounts: AccountService = services.accounts
    state = accounts.state()
    if state is LoginState.NEEDS_SETUP:
        if services.store.read_only:
            return True  # nothing can be set up in a file open only to look at it
        if FirstRunDialog(parent, accounts).exec() != QDialog.DialogCode.Accepted:
            return False
        state = accounts.state()
    elif state is LoginState.ON:
        # Until the login succeeds nobody may do anything through the services.
        accounts.logout()
        if LoginDialog(parent, accounts).exec() != QDialog.DialogCode.Accepted:
            return False
    if state is LoginState.ON:
        return ensure_own_password(parent, accounts)
    return True


def ensure_own_password(parent: QWidget | None, accounts: AccountService) -> bool:
    """Make an account with a temporary password choose its own; False (signed out) when it
    chose "Thoát" instead."""
    account = accounts.current_account()
    if account is None or not account.must_change_pw:
        return True
    if PasswordDialog(parent, accounts, forced=True).exec() == QDialog.DialogCode.Accepted:
        return True
    accounts.logout()
    return False
