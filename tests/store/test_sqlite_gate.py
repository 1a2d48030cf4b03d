"""T15 SQLite gate: the minimum version and compile options PartyDesk needs, judged from a
library's version text and ``PRAGMA compile_options`` (real or made up for the test)."""

from __future__ import annotations

import sqlite3

import pytest

from partydesk.store.sqlite_gate import (
    MIN_VERSION,
    SqliteBuild,
    build_problems,
    current_build,
    current_problems,
    unsuitable_message,
    version_tuple,
)

# What the Windows embeddable CPython 3.12.9 ships (platform-notes §6.4), trimmed.
WINDOWS_OPTIONS = frozenset({"ENABLE_FTS3", "ENABLE_FTS4", "ENABLE_FTS5", "THREADSAFE=1"})


def test_the_sqlite_of_this_machine_passes() -> None:
    build = current_build()
    assert build.version == sqlite3.sqlite_version
    assert "ENABLE_FTS5" in build.options
    assert current_problems() == []


@pytest.mark.parametrize("version", ["3.40.0", "3.40.1", "3.45.3", "3.51.3", "4.0.0"])
def test_supported_versions_with_fts5_pass(version: str) -> None:
    assert build_problems(SqliteBuild(version, WINDOWS_OPTIONS)) == []


@pytest.mark.parametrize("version", ["3.39.4", "3.31.1", "2.8.17"])
def test_an_older_version_is_refused_with_the_minimum_named(version: str) -> None:
    problems = build_problems(SqliteBuild(version, WINDOWS_OPTIONS))
    assert problems == [f"SQLite {version} quá cũ, cần 3.40.0 trở lên"]


def test_a_version_that_cannot_be_read_is_a_problem() -> None:
    assert build_problems(SqliteBuild("3.x", WINDOWS_OPTIONS)) == [
        "không đọc được phiên bản SQLite (“3.x”)"
    ]


def test_a_build_without_fts5_is_refused() -> None:
    problems = build_problems(SqliteBuild("3.45.3", frozenset({"ENABLE_FTS4"})))
    assert len(problems) == 1
    assert "FTS5" in problems[0] and "SQLITE_ENABLE_FTS5" in problems[0]


def test_options_may_carry_the_sqlite_prefix() -> None:
    assert build_problems(SqliteBuild("3.45.3", frozenset({"SQLITE_ENABLE_FTS5"}))) == []


@pytest.mark.parametrize(
    ("option", "words"), [("OMIT_JSON", "JSON"), ("THREADSAFE=0", "nhiều luồng")]
)
def test_builds_without_json_or_threads_are_refused(option: str, words: str) -> None:
    problems = build_problems(SqliteBuild("3.45.3", WINDOWS_OPTIONS | {option}))
    assert len(problems) == 1
    assert words in problems[0] and f"SQLITE_{option}" in problems[0]


def test_every_problem_is_listed_not_only_the_first() -> None:
    problems = build_problems(SqliteBuild("3.31.1", frozenset({"OMIT_JSON"})))
    assert len(problems) == 3


def test_version_tuple() -> None:
    assert version_tuple("3.45.3") == (3, 45, 3)
    assert version_tuple(" 3.40.0\n") == MIN_VERSION
    assert version_tuple("") == ()
    assert version_tuple("3.45.x") == ()


def test_the_message_lists_the_problems_and_says_what_to_do() -> None:
    message = unsuitable_message(["vấn đề một", "vấn đề hai"])
    assert "vấn đề một; vấn đề hai" in message
    assert "cài đặt lại PartyDesk" in message
