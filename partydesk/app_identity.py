"""The names Windows, the installer and a second PartyDesk know this program by.

The installer build (``installer/build.py``) reads them from here and passes them to the NSIS
script, so the running program and the installer that has to close it agree on one spelling.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

APP_NAME = "PartyDesk"
PUBLISHER = "PartyDesk"
# Windows groups the taskbar buttons and jump lists of one program by this id.
APP_USER_MODEL_ID = "PartyDesk.PartyDesk"
# Created (in the session's Local\ namespace) by every running PartyDesk window and held until
# the process ends: the installer waits on it before replacing the program's files.
RUNNING_MUTEX = "Local\\PartyDesk-running"
# A running PartyDesk listens on a local server (a named pipe \\.\pipe\<name> on Windows).
INSTANCE_SERVER_PREFIX = "PartyDesk-"
# One request per line on that server.
REQUEST_ACTIVATE = "activate"
REQUEST_CLOSE = "close"


def instance_server_name(user: str, data_root: Path, default_root: Path) -> str:
    """The local server name of the PartyDesk of ``user`` working in ``data_root``.

    The usual instance (the default data folder) is ``PartyDesk-<user>``, a name the installer
    can build from ``%USERNAME%``; one started with ``--data-dir`` elsewhere gets its own name,
    so a support or demo copy never swallows the clerk's normal start.
    """
    name = INSTANCE_SERVER_PREFIX + user
    if data_root.resolve() != default_root.resolve():
        digest = hashlib.sha256(str(data_root.resolve()).casefold().encode("utf-8"))
        name += "-" + digest.hexdigest()[:12]
    return name
