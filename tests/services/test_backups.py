"""Backups as a use case: rotation, the daily and on-close backups, copies to a USB folder read
back by hash, and restore — which refuses bad backups and always keeps the replaced data."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from partydesk.domain.accounts import AccessDenied, Actor, Role
from partydesk.domain.backups import BackupInfo, BackupKind, Retention, kept
from partydesk.domain.errors import ValidationError
from partydesk.paths import DataPaths
from partydesk.services import backups as service_module
from partydesk.services.audit import log_export
from partydesk.services.backups import (
    SAFE_TO_REMOVE,
    BackupService,
    RestoreFailed,
    backup_file,
    backup_folder,
    describe_file,
    latest_good,
    restore_file,
)
from partydesk.services.progress import Cancelled
from partydesk.store import backup as engine
from partydesk.store.backup import BackupFailed, BackupUnusable, backup_infos, manifest_path
from partydesk.store.db import connect
from partydesk.store.store import Store, create_store
from tests.store.test_backup import FailOnCall, add_enterprise, dump
from tests.store.test_open import (
    fingerprint,
    flipped_page,
    newer_schema,
    other_application,
    random_bytes,
    truncated,
    zero_bytes,
)

# --- the rotation rule (pure) ---------------------------------------------------------------

NOW = datetime(2026, 12, 31, 20, 0, tzinfo=UTC)


def info(moment: datetime, kind: BackupKind = BackupKind.DAILY, *, problem: str = "") -> BackupInfo:
    name = f"{moment:%Y%m%d-%H%M%S}_{kind.value}.sqlite"
    return BackupInfo(Path(name), moment, kind, 1, "", "", 5, problem=problem)


def every(first: date, last: date, step_days: int = 1, hours=(9,), kinds=None) -> list[BackupInfo]:
    """Backups from ``first`` to ``last`` every ``step_days``, at each of ``hours``."""
    kinds = kinds or [BackupKind.DAILY] * len(hours)
    found, day = [], first
    while day <= last:
        for hour, kind in zip(hours, kinds, strict=True):
            found.append(info(datetime(day.year, day.month, day.day, hour, tzinfo=UTC), kind))
        day += timedelta(days=step_days)
    return found


def kept_days(backups: list[BackupInfo]) -> list[date]:
    keep = kept(backups, Retention(), NOW)
    return sorted((b.created.date() for b in backups if b.path in keep), reverse=True)


TWO_YEARS = every(date(2025, 1, 1), date(2026, 12, 31))
THREE_A_DAY = every(
    date(2026, 1, 1),
    date(2026, 12, 31),
    hours=(8, 12, 17),
    kinds=[BackupKind.DAILY, BackupKind.ON_CLOSE, BackupKind.MANUAL],
)
EVERY_THIRD_DAY = every(date(2026, 1, 1), date(2026, 12, 31), step_days=3)
STOPPED_IN_OCTOBER = every(date(2025, 1, 1), date(2026, 10, 31))


@pytest.mark.parametrize(
    ("backups", "retention", "expected"),
    [
        # today and yesterday + 7 days + 4 weeks + 12 months
        (TWO_YEARS, Retention(), 2 + 7 + 4 + 12),
        # every backup of the last two days; one a day, week, month before that; the data
        # starts in January, so only 10 months are there to keep
        (THREE_A_DAY, Retention(), 6 + 7 + 4 + 10),
        # the daily slots count days that have backups, not calendar days
        (EVERY_THIRD_DAY, Retention(), 1 + 7 + 4 + 10),
        (TWO_YEARS, Retention(daily=2, weekly=0, monthly=3), 2 + 2 + 3),
        (TWO_YEARS, Retention(daily=1, weekly=0, monthly=0), 2 + 1),
        # nothing recent: the slots start at the newest backup
        (STOPPED_IN_OCTOBER, Retention(), 7 + 4 + 12),
    ],
    ids=["two-years", "three-a-day", "every-third-day", "short", "minimal", "stopped"],
)
def test_rotation_keeps_exactly_the_configured_counts(backups, retention, expected) -> None:
    keep = kept(backups, retention, NOW)
    assert len(keep) == expected
    newest = max(backups, key=lambda b: b.created)
    assert newest.path in keep


def test_rotation_keeps_the_newest_of_each_day_week_and_month() -> None:
    assert kept_days(TWO_YEARS) == [
        date(2026, 12, 31),  # today and yesterday
        date(2026, 12, 30),
        *(date(2026, 12, d) for d in range(29, 22, -1)),  # 7 days
        date(2026, 12, 20),  # 4 ISO weeks before the week of 23/12, newest day of each
        date(2026, 12, 13),
        date(2026, 12, 6),
        date(2026, 11, 29),
        *(
            date(y, m, d)  # 12 months before November 2026, newest day of each
            for y, m, d in [
                (2026, 10, 31),
                (2026, 9, 30),
                (2026, 8, 31),
                (2026, 7, 31),
                (2026, 6, 30),
                (2026, 5, 31),
                (2026, 4, 30),
                (2026, 3, 31),
                (2026, 2, 28),
                (2026, 1, 31),
                (2025, 12, 31),
                (2025, 11, 30),
            ]
        ),
    ]


def test_three_a_day_keeps_only_the_newest_of_each_older_day() -> None:
    keep = kept(THREE_A_DAY, Retention(), NOW)
    days = [b for b in THREE_A_DAY if b.path in keep and b.created.date() < date(2026, 12, 30)]
    assert {b.created.hour for b in days} == {17}


def test_special_backups_keep_their_own_count() -> None:
    specials = [
        info(datetime(2026, m, 10, 9, tzinfo=UTC), kind)
        for m in range(1, 13)
        for kind in (BackupKind.BEFORE_MIGRATION, BackupKind.BEFORE_RESTORE)
    ] + [info(datetime(2024, 1, 1, 9, tzinfo=UTC), BackupKind.BEFORE_IMPORT)]
    keep = kept(TWO_YEARS + specials, Retention(special=10), NOW)
    kept_specials = sorted((b.created for b in specials if b.path in keep), reverse=True)
    assert len(kept_specials) == 10 and kept_specials[-1] == datetime(2026, 8, 10, 9, tzinfo=UTC)
    assert len(keep) == 25 + 10  # the routine rotation is not changed by them


def test_rotation_never_deletes_what_it_does_not_know() -> None:
    damaged = info(datetime(2026, 3, 3, 9, tzinfo=UTC), problem="hỏng")
    unknown = BackupInfo(
        Path("tu-chep.sqlite"), datetime(2026, 3, 4, tzinfo=UTC), None, 1, "", "", 5
    )
    keep = kept([*TWO_YEARS, damaged, unknown], Retention(), NOW)
    assert {damaged.path, unknown.path} <= keep and len(keep) == 25 + 2


def test_days_are_counted_in_the_clerks_time_zone() -> None:
    hanoi = timezone(timedelta(hours=7))
    # 20:00 UTC on the 28th is already the 29th in Hà Nội
    late = info(datetime(2026, 12, 28, 20, tzinfo=UTC))
    early = info(datetime(2026, 12, 28, 10, tzinfo=UTC))
    keep = kept([late, early], Retention(daily=1, weekly=0, monthly=0), NOW.astimezone(hanoi))
    assert keep == {late.path}  # two days in Hà Nội: only the newest day fits in one slot
    keep_utc = kept([late, early], Retention(daily=1, weekly=0, monthly=0), NOW)
    assert keep_utc == {late.path}  # one day in UTC: its newest backup


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"daily": 0}, "daily"),
        ({"weekly": -1}, "weekly"),
        ({"monthly": 241}, "monthly"),
        ({"special": 0}, "special"),
        ({"daily": "7"}, "daily"),
        ({"weekly": True}, "weekly"),
    ],
)
def test_retention_validation_names_the_field(values, field) -> None:
    with pytest.raises(ValidationError) as caught:
        Retention(**values)
    assert caught.value.field == field and "Số" in caught.value.message


# --- the service ------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def strict_audit(monkeypatch) -> None:
    monkeypatch.setenv("PARTYDESK_STRICT_AUDIT", "1")


class Clock:
    def __init__(self) -> None:
        self.moment = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = create_store(tmp_path / "van-phong.sqlite")
    for n in range(3):
        add_enterprise(store, f"Công ty Minh Phát {n}")
    yield store
    store.close()


@pytest.fixture
def service(store: Store, paths: DataPaths, clock: Clock) -> BackupService:
    return BackupService(store, paths, clock)


def audit_actions(store: Store) -> list[str]:
    return [r[0] for r in store.conn.execute("SELECT action FROM audit_log ORDER BY seq")]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_each_data_file_has_its_own_backup_folder(paths: DataPaths, tmp_path: Path) -> None:
    a = backup_folder(paths, tmp_path / "a" / "partydesk.sqlite")
    b = backup_folder(paths, tmp_path / "b" / "partydesk.sqlite")
    assert a.parent == b.parent == paths.backups and a != b


def test_backup_now_is_verified_logged_and_listed(service: BackupService, store: Store) -> None:
    made = service.backup_now()
    assert made.kind is BackupKind.MANUAL and made.counts["enterprises"] == 3
    assert made.path.parent == service.folder and manifest_path(made.path).exists()
    assert made.created == datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
    assert audit_actions(store)[-1] == "Sao lưu dữ liệu"
    assert [b.path for b in service.backups()] == [made.path]
    assert not service.backups()[0].damaged


def test_retention_is_stored_audited_and_needs_the_settings_right(
    service: BackupService, store: Store
) -> None:
    assert service.retention() == Retention()
    service.set_retention(Retention(daily=3, weekly=2, monthly=6, special=5))
    assert service.retention() == Retention(daily=3, weekly=2, monthly=6, special=5)
    assert audit_actions(store)[-1] == "Sửa chế độ sao lưu"
    store.actor = Actor("nhaplieu", "Cán bộ nhập liệu", Role.CLERK)
    with pytest.raises(AccessDenied):
        service.set_retention(Retention())
    assert service.retention().daily == 3


def test_a_garbled_stored_retention_falls_back_to_the_defaults(
    service: BackupService, store: Store
) -> None:
    with store.audit.labelled("Thử"):
        store.settings.set_value("backup.retention", {"daily": 0})
    assert service.retention() == Retention()


def test_rotation_runs_after_each_backup(
    service: BackupService, store: Store, clock: Clock
) -> None:
    service.set_retention(Retention(daily=2, weekly=0, monthly=0, special=1))
    for _ in range(6):
        add_enterprise(store, "Thêm một doanh nghiệp")
        service.backup_now(BackupKind.DAILY)
        clock.advance(days=1)
    service.backup_now(BackupKind.BEFORE_IMPORT)
    service.backup_now(BackupKind.BEFORE_IMPORT)
    days = sorted((b.created.day, b.kind) for b in service.listed())
    # now is the 27th: yesterday's backup (the 26th), two more days, the newest special one
    assert days == [
        (24, BackupKind.DAILY),
        (25, BackupKind.DAILY),
        (26, BackupKind.DAILY),
        (27, BackupKind.BEFORE_IMPORT),
    ]
    assert len(list(service.folder.glob("*.json"))) == 4


def test_daily_backup_once_a_day_and_only_after_changes(
    service: BackupService, store: Store, clock: Clock
) -> None:
    first = service.backup_if_due()
    assert first is not None and first.kind is BackupKind.DAILY
    add_enterprise(store, "Thay đổi trong ngày")
    clock.advance(hours=3)
    assert service.backup_if_due() is None  # already one today
    clock.advance(days=1)
    second = service.backup_if_due()
    assert second is not None  # a new day, and the data changed
    clock.advance(days=1)
    log_export(store, "Danh sách đảng viên", "/tmp/ds.xlsx", 3)  # an event, not a change
    assert service.backup_if_due() is None
    add_enterprise(store, "Thay đổi hôm sau")
    assert service.backup_if_due() is not None


def test_backup_on_close_only_when_something_changed(
    service: BackupService, store: Store, clock: Clock
) -> None:
    made = service.backup_on_close()
    assert made is not None and made.kind is BackupKind.ON_CLOSE
    clock.advance(minutes=5)
    assert service.backup_on_close() is None
    add_enterprise(store, "Một thay đổi")
    clock.advance(minutes=5)
    assert service.backup_on_close() is not None


def test_a_read_only_file_is_backed_up_only_on_request_and_never_written(
    tmp_path: Path, paths: DataPaths, clock: Clock
) -> None:
    path = tmp_path / "chi-xem.sqlite"
    create_store(path).close()
    before = sha(path)
    store = Store(path, connect(path), read_only=True)
    try:
        service = BackupService(store, paths, clock)
        assert service.backup_if_due() is None and service.backup_on_close() is None
        made = service.backup_now()
    finally:
        store.close()
    assert made.kind is BackupKind.MANUAL and sha(path) == before
    assert [b.path for b in service.listed()] == [made.path]


# --- copying to a USB folder ------------------------------------------------------------------


def test_copy_to_folder_reads_the_copy_back(
    service: BackupService, store: Store, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    seen: list[tuple[int, int, str]] = []
    result = service.copy_to_folder(usb, lambda d, t, m: seen.append((d, t, m)))
    assert result.path.parent == usb and sha(result.path) == result.sha256
    assert result.size == result.path.stat().st_size
    assert manifest_path(result.path).exists()
    assert {p.name for p in usb.iterdir()} == {result.path.name, manifest_path(result.path).name}
    assert "đọc lại và kiểm tra" in result.message and result.sha256 in result.message
    assert any("Đang đọc lại" in m for _, _, m in seen) and seen[-1][0] == seen[-1][1]
    [copy] = backup_infos(usb)
    assert not copy.damaged and copy.counts["enterprises"] == 3
    assert audit_actions(store)[-1] == "Sao lưu ra USB, thư mục"
    assert (
        str(result.path)
        in store.conn.execute("SELECT summary FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()[
            0
        ]
    )


def test_the_usb_sentence_is_said_only_for_another_disk(
    service: BackupService, tmp_path: Path, monkeypatch
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    assert SAFE_TO_REMOVE not in service.copy_to_folder(usb).message  # same disk here
    monkeypatch.setattr(service_module, "_same_disk", lambda *_: False)
    assert service.copy_to_folder(usb).message.endswith(SAFE_TO_REMOVE)


def test_a_copy_that_reads_back_differently_is_deleted(
    service: BackupService, tmp_path: Path, monkeypatch
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    real_copy = service_module._copy_chunks

    def lying_drive(source: Path, target: Path, progress, cancel) -> None:
        real_copy(source, target, progress, cancel)
        data = bytearray(target.read_bytes())
        data[len(data) // 2] ^= 0x01
        target.write_bytes(bytes(data))

    monkeypatch.setattr(service_module, "_copy_chunks", lying_drive)
    with pytest.raises(BackupFailed, match="không khớp mã kiểm tra SHA-256"):
        service.copy_to_folder(usb)
    assert list(usb.iterdir()) == []


def test_cancelling_a_copy_leaves_nothing_on_the_drive(
    service: BackupService, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    cancel = threading.Event()

    def progress(done: int, total: int, message: str) -> None:
        if done > 0:
            cancel.set()

    with pytest.raises(Cancelled):
        service.copy_to_folder(usb, progress, cancel)
    assert list(usb.iterdir()) == []


def test_copy_needs_the_backup_right(service: BackupService, store: Store, tmp_path: Path) -> None:
    store.actor = Actor("xem", "Người xem", Role.VIEWER)
    with pytest.raises(AccessDenied):
        service.copy_to_folder(tmp_path)
    assert not service.folder.exists()


def test_copy_to_a_missing_folder_says_so(service: BackupService, tmp_path: Path) -> None:
    with pytest.raises(BackupFailed, match="rút ra"):
        service.copy_to_folder(tmp_path / "usb-da-rut")


IO = [
    (service_module, "open"),
    (engine, "open"),
    (os, "replace"),
    (os, "fsync"),
    (engine, "copy_pages"),
    (service_module, "sha256_file"),
    (engine, "sha256_file"),
]


def test_a_full_drive_at_every_step_of_the_copy_leaves_nothing(
    service: BackupService, store: Store, tmp_path: Path, monkeypatch
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    for k in range(1, 60):
        with monkeypatch.context() as patch:
            failure = FailOnCall(patch, k, IO)
            try:
                result = service.copy_to_folder(usb)
            except BackupFailed as exc:
                assert failure.failed and "ổ đĩa đầy" in str(exc)
                assert list(usb.iterdir()) == [], f"left on the drive at step {k}"
                assert not list(service.folder.glob("*.tmp*")), f"temp left at step {k}"
                continue
        assert not failure.failed
        break
    else:
        pytest.fail("the copy never completed")
    assert k > 10
    assert {p.name for p in usb.iterdir()} == {result.path.name, manifest_path(result.path).name}
    assert all(not b.damaged for b in service.backups())


# --- restore ----------------------------------------------------------------------------------


@pytest.fixture
def closed(store: Store, service: BackupService) -> tuple[Path, BackupInfo]:
    """A backup with three enterprises, then a fourth added, then the file closed."""
    made = service.backup_now()
    add_enterprise(store, "Thêm sau khi sao lưu")
    store.close()
    return store.path, made


def test_restore_round_trip(closed, paths: DataPaths, clock: Clock) -> None:
    db, made = closed
    current = dump(db)
    result = restore_file(paths, db, made.path, clock)
    assert dump(db) == dump(made.path)
    assert result.restored_from == made.path and result.counts["enterprises"] == 3
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    # the replaced data is kept, as a verified backup of its own kind
    saved = result.previous_saved_as
    assert saved is not None and dump(saved) == current
    [before_restore] = [b for b in backup_infos(saved.parent) if b.path == saved]
    assert before_restore.kind is BackupKind.BEFORE_RESTORE and not before_restore.damaged
    assert before_restore.counts["enterprises"] == 4
    assert {p.name for p in db.parent.iterdir()} == {db.name, "data"}  # no temp left
    assert str(made.path) in result.message and str(saved) in result.message


BAD_BACKUPS = [zero_bytes, random_bytes, other_application, truncated, newer_schema, flipped_page]


@pytest.mark.parametrize("make", BAD_BACKUPS, ids=[m.__name__ for m in BAD_BACKUPS])
def test_restore_refuses_a_bad_backup_and_changes_nothing(
    closed, paths: DataPaths, clock: Clock, tmp_path: Path, make
) -> None:
    db, _ = closed
    folder = tmp_path / "usb"
    folder.mkdir()
    bad = make(folder)
    before, bad_before = fingerprint(db), fingerprint(bad)
    backups_before = sorted(p.name for p in backup_folder(paths, db).iterdir())
    with pytest.raises(RestoreFailed) as caught:
        restore_file(paths, db, bad, clock)
    assert str(bad) in str(caught.value) and "không bị thay đổi" in str(caught.value)
    assert fingerprint(db) == before and fingerprint(bad) == bad_before
    assert sorted(p.name for p in backup_folder(paths, db).iterdir()) == backups_before


def test_restore_refuses_a_backup_that_no_longer_matches_its_manifest(
    closed, paths: DataPaths, clock: Clock
) -> None:
    db, made = closed
    conn = sqlite3.connect(made.path)  # a valid database, but not the one that was saved
    conn.execute("PRAGMA user_version = 5")
    conn.execute("DELETE FROM settings")
    conn.commit()
    conn.close()
    before = fingerprint(db)
    with pytest.raises(RestoreFailed, match="SHA-256"):
        restore_file(paths, db, made.path, clock)
    assert fingerprint(db) == before


def test_restore_refuses_the_data_file_itself(closed, paths: DataPaths, clock: Clock) -> None:
    db, _ = closed
    with pytest.raises(RestoreFailed, match="chính là tệp dữ liệu"):
        restore_file(paths, db, db, clock)


def test_a_damaged_current_file_is_kept_byte_for_byte(
    closed, paths: DataPaths, clock: Clock
) -> None:
    db, made = closed
    data = bytearray(db.read_bytes())
    data[100:4096] = os.urandom(3996)  # page 1 garbled after the header
    db.write_bytes(bytes(data))
    journal = db.with_name(db.name + "-journal")
    journal.write_bytes(b"a journal left behind")
    result = restore_file(paths, db, made.path, clock)
    kept_copy = result.previous_saved_as
    assert kept_copy is not None and kept_copy.name == "van-phong.sqlite.hong-20261121-090000"
    assert kept_copy.read_bytes() == bytes(data)
    assert kept_copy.with_name(kept_copy.name + "-journal").read_bytes() == b"a journal left behind"
    assert not journal.exists()  # the restored file never sees the old journal
    assert dump(db) == dump(made.path)


def test_restore_where_no_file_exists_yet(paths: DataPaths, clock: Clock, closed, tmp_path) -> None:
    _, made = closed
    target = tmp_path / "moi" / "partydesk.sqlite"
    target.parent.mkdir()
    result = restore_file(paths, target, made.path, clock)
    assert result.previous_saved_as is None and dump(target) == dump(made.path)


def test_disk_full_at_every_step_of_a_restore_changes_nothing(
    closed, paths: DataPaths, clock: Clock, monkeypatch
) -> None:
    db, made = closed
    for k in range(1, 60):
        before = fingerprint(db)
        with monkeypatch.context() as patch:
            failure = FailOnCall(patch, k, IO)
            try:
                result = restore_file(paths, db, made.path, clock)
            except RestoreFailed as exc:
                assert failure.failed and "ổ đĩa đầy" in str(exc), str(exc)
                assert fingerprint(db) == before, f"data file changed at step {k}"
                leftovers = [
                    p for p in db.parent.rglob("*") if ".part" in p.name or ".tmp" in p.name
                ]
                assert leftovers == [], f"left behind at step {k}: {leftovers}"
                continue
        # Done; at most the flush of the folder after the rename failed, which is only logged:
        # the file was replaced already.
        break
    else:
        pytest.fail("the restore never completed")
    assert k > 10 and dump(db) == dump(made.path) and result.previous_saved_as is not None


# --- with no open store -----------------------------------------------------------------------


def test_latest_good_skips_a_damaged_newest_backup(
    service: BackupService, store: Store, paths: DataPaths, clock: Clock
) -> None:
    older = service.backup_now()
    add_enterprise(store, "Thay đổi")
    clock.advance(hours=1)
    newer = service.backup_now()
    assert latest_good(paths, store.path).path == newer.path
    data = bytearray(newer.path.read_bytes())
    data[-1] ^= 0xFF
    newer.path.write_bytes(bytes(data))
    assert latest_good(paths, store.path).path == older.path
    newer.path.unlink()
    older.path.write_bytes(b"")
    assert latest_good(paths, store.path) is None


def test_describe_file_checks_a_file_picked_anywhere(closed, tmp_path: Path) -> None:
    _, made = closed
    assert describe_file(made.path) == made
    copy = tmp_path / "usb-copy.sqlite"
    copy.write_bytes(made.path.read_bytes())  # no manifest beside it
    described = describe_file(copy)
    assert described.kind is None and described.sha256 == made.sha256
    assert described.counts == made.counts and not described.damaged
    with pytest.raises(BackupUnusable):
        describe_file(newer_schema(tmp_path))
    with pytest.raises(BackupUnusable):
        describe_file(other_application(tmp_path))


def test_backup_file_writes_a_new_file_or_into_a_folder(closed, tmp_path: Path, clock) -> None:
    db, _ = closed
    out = tmp_path / "ra"
    out.mkdir()
    into_folder = backup_file(db, out, clock)
    assert into_folder.path.parent == out and into_folder.counts["enterprises"] == 4
    named = backup_file(db, out / "ban-sao.sqlite", clock)
    assert named.path == out / "ban-sao.sqlite" and manifest_path(named.path).exists()
    with pytest.raises(BackupFailed, match="không ghi đè"):
        backup_file(db, out / "ban-sao.sqlite", clock)
