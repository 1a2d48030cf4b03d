"""The SQLite library PartyDesk can run on (reliability T15): a minimum version and the
compile options the schema and the store rely on, so a bundle carrying an unsuitable
``sqlite3.dll`` is refused with a clear message instead of failing half-way through a
migration or a search.

The Windows build uses the SQLite of the embeddable CPython 3.12 (3.45.3, with FTS5); Linux
development and CI use the system library (3.40.1 on Debian 12). ``MIN_VERSION`` is the oldest
of the two, the oldest SQLite the test suite runs on.

There is no WAL gate: PartyDesk keeps ``journal_mode=DELETE`` (reliability D2, ``store.db``)
and never turns WAL on, so the WAL-reset bug fixed in 3.51.3 cannot reach it. Whoever enables
WAL must add its version gate here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass

MIN_VERSION = (3, 40, 0)

# Option (as PRAGMA compile_options spells it, without "SQLITE_") → what needs it.
REQUIRED_OPTIONS = {
    "ENABLE_FTS5": "tìm kiếm toàn văn FTS5 (bảng members_fts, tìm đảng viên theo tên)",
}
# JSON is built in since 3.38 unless left out; the audit log search uses json_each. Background
# tasks use the connection from other threads, which a single-thread build forbids.
FORBIDDEN_OPTIONS = {
    "OMIT_JSON": "các hàm JSON (tìm kiếm trong nhật ký thao tác)",
    "THREADSAFE=0": "dùng từ nhiều luồng (các việc chạy nền)",
}


@dataclass(frozen=True, slots=True)
class SqliteBuild:
    """One SQLite library: its version text ("3.45.3") and its compile options."""

    version: str
    options: frozenset[str]


def current_build() -> SqliteBuild:
    """The SQLite library this Python's ``sqlite3`` module is linked with."""
    with closing(sqlite3.connect(":memory:")) as conn:
        version = conn.execute("SELECT sqlite_version()").fetchone()[0]
        options = frozenset(row[0] for row in conn.execute("PRAGMA compile_options"))
    return SqliteBuild(version, options)


def version_tuple(version: str) -> tuple[int, ...]:
    """(3, 45, 3) for "3.45.3"; () for text that is not a dotted version."""
    try:
        return tuple(int(part) for part in version.strip().split("."))
    except ValueError:
        return ()


def _normalised(options: Iterable[str]) -> set[str]:
    return {option.strip().upper().removeprefix("SQLITE_") for option in options}


def build_problems(build: SqliteBuild) -> list[str]:
    """What makes ``build`` unsuitable for PartyDesk, in Vietnamese; empty when it is fine."""
    problems = []
    minimum = ".".join(map(str, MIN_VERSION))
    found = version_tuple(build.version)
    if not found:
        problems.append(f"không đọc được phiên bản SQLite (“{build.version}”)")
    elif found < MIN_VERSION:
        problems.append(f"SQLite {build.version} quá cũ, cần {minimum} trở lên")
    options = _normalised(build.options)
    for option, needed_for in REQUIRED_OPTIONS.items():
        if option not in options:
            problems.append(f"SQLite thiếu {needed_for} (cần SQLITE_{option})")
    for option, needed_for in FORBIDDEN_OPTIONS.items():
        if option in options:
            problems.append(f"SQLite không cho phép {needed_for} (được dịch với SQLITE_{option})")
    return problems


def current_problems() -> list[str]:
    """``build_problems`` of the SQLite in use: what start-up checks before opening a file."""
    return build_problems(current_build())


def unsuitable_message(problems: Iterable[str]) -> str:
    """The message for the clerk when ``problems`` is not empty."""
    listed = "; ".join(problems)
    return (
        f"Thư viện SQLite đi kèm PartyDesk không dùng được: {listed}. Bản cài đặt này bị thiếu "
        "hoặc bị thay tệp. Hãy cài đặt lại PartyDesk bằng bộ cài chính thức; nếu vẫn gặp lỗi "
        "này, hãy báo cho người hỗ trợ kỹ thuật. Dữ liệu chưa bị thay đổi."
    )
