"""A Wine prefix of a test module's own, for the tests that run Windows programs (slow)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


class Wine:
    """Runs Windows programs in one Wine prefix, with the safeguards every Wine call needs."""

    def __init__(self, prefix: Path) -> None:
        self.prefix = prefix
        hidden = {"DISPLAY", "WAYLAND_DISPLAY"}  # no window driver: message boxes return at once
        self.environment = {key: value for key, value in os.environ.items() if key not in hidden}
        # winemenubuilder would copy shortcuts into this machine's own menus and desktop.
        self.environment.update(
            WINEPREFIX=str(prefix), WINEDEBUG="-all", WINEDLLOVERRIDES="winemenubuilder.exe=d"
        )

    def run(
        self,
        *command: str | Path,
        timeout: int = 120,
        extra_environment: dict[str, str] | None = None,
    ) -> tuple[int, str]:
        """The exit code and the output (stdout and stderr together) of ``wine command``.

        Under a hard timeout and with no stdin: Wine's debugger can otherwise wait forever.
        """
        done = subprocess.run(
            ["timeout", "-k", "5", str(timeout), "wine", *map(str, command)],
            env={**self.environment, **(extra_environment or {})},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            check=False,
        )
        return done.returncode, done.stdout.decode("utf-8", errors="replace")

    def tool(self, *command: str, timeout: int = 180) -> None:
        """A Wine tool such as ``wineboot -i`` or ``winecfg -v win10``."""
        subprocess.run(
            ["timeout", "-k", "5", str(timeout), *command],
            env=self.environment,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=True,
        )

    @property
    def user_dir(self) -> Path:
        return self.prefix / "drive_c" / "users" / os.environ.get("USER", "root")

    @property
    def local_app_data(self) -> Path:
        return self.user_dir / "AppData" / "Local"


@pytest.fixture(scope="module")
def wine(tmp_path_factory) -> Iterator[Wine]:
    wine = Wine(tmp_path_factory.mktemp("wineprefix"))
    yield wine
    subprocess.run(["wineserver", "-k"], env=wine.environment, check=False)
