"""An office database file for the ``partydesk export …`` command-line tests."""

from __future__ import annotations

from pathlib import Path

from partydesk.cli import main
from partydesk.services.app import AppServices, build_services
from partydesk.store.store import create_store
from tests.common import TODAY


class CliOffice:
    """A database file in ``folder``, filled by ``seed`` through the services on ``TODAY``, and
    the folders a command-line run uses (``data_dir``) and writes to (``out``)."""

    def __init__(self, folder: Path) -> None:
        self.db = folder / "van-phong.sqlite"
        self.data_dir = folder / "data"
        self.out = folder / "out"
        self.out.mkdir()
        store = create_store(self.db)
        try:
            self.seed(build_services(store, today=lambda: TODAY))
        finally:
            store.close()

    def seed(self, services: AppServices) -> None:
        raise NotImplementedError

    def run(self, *args: str) -> int:
        """``partydesk --data-dir <data_dir> export <args>``; its exit code."""
        return main(["--data-dir", str(self.data_dir), "export", *args])
