"""``installer/pins.toml`` read into typed values (what the build takes from outside, pinned)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

INSTALLER_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class PythonPin:
    version: str
    sdist: str
    sdist_file: str
    sdist_sha256: str
    data_zip: str
    data_prefix: str
    sqlite_version: str


@dataclass(frozen=True)
class AuthenticodePin:
    signers: list[str]
    chain_required: list[str]
    root_certificate: str
    root_sha256: str


@dataclass(frozen=True)
class WheelsPin:
    platform: str
    python_version: str
    implementation: str
    windows_only: list[str]


@dataclass(frozen=True)
class Pins:
    python: PythonPin
    authenticode: AuthenticodePin
    wheels: WheelsPin


def load_pins(path: Path = INSTALLER_DIR / "pins.toml") -> Pins:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return Pins(
        python=PythonPin(**data["python"]),
        authenticode=AuthenticodePin(**data["authenticode"]),
        wheels=WheelsPin(**data["wheels"]),
    )
