"""Local accounts in the UI: the first-run choice, the login dialog, the administrator's
accounts dialog, changing one's own password, and the screen lock after idle minutes.

``sign_in`` is what the application calls after a file opens; ``IdleLock`` is installed on the
QApplication. Every refusal shown comes from ``AccountService``, which enforces the rules.
"""
