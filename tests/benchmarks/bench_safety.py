"""Benchmarks of what data safety costs: change capture and the audit log, opening with its
check, verifying the audit chain, and backups (run on demand).

    .venv/bin/python tests/benchmarks/bench_safety.py [--quick] [--scale district|province]

Every figure stands beside a baseline measured in the same run, because these machines are
noisy, and each side runs in a process of its own, so that its peak memory (the process's
high-water mark) is its own:

(a) saving one member through the register service, p50 and p95 over many saves, with the
    capture triggers and the audit row (as the program runs), against the same service call
    on a copy of the file whose capture triggers are dropped (no capture, so no audit row):
    the overhead ratio of data safety on the clerk's most frequent write; and the same pair
    without fsync, since the disk's flushes dominate a save and hide the CPU cost;
(b) a 10,000-member bulk insert (the shape of an import) with and without capture: time,
    rows per second, and the free pages the captured rows leave in the file;
(c) ``open_store`` (header, lock, read-only ``quick_check``, connection) against a bare
    ``quick_check`` on a read-only connection; budget 1 s (reliability T12);
(d) verifying the audit chain of 20,000 rows (a few years of a clerk's saves) against reading
    the same columns without hashing: rows per second;
(e) a verified backup by ``BackupService.backup_now`` (copy, integrity check, hash, manifest,
    rotation) against a bare ``conn.backup(pages=-1)``; and the same backup while another
    thread saves a member every 10 ms: how long the backup takes and the longest a save
    waited (budget: 5 s for 100 MB, reliability T7).

The demo offices are created once with ``partydesk demo create`` under
/tmp/partydesk-bench-safety/ and reused (delete them after the sample office changes); the
figures run on compacted copies (``VACUUM INTO``), since a file that has been in use for a
while has reused the pages its bulk creation freed, and the demo file's own free pages are
reported apart. Results go to tests/benchmarks/out/bench_safety.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "out"
SAMPLES = Path(tempfile.gettempdir()) / "partydesk-bench-safety"
TODAY = date(2026, 11, 21)
SCALES = ("district", "province")
BULK_ROWS = 10_000
CHAIN_ROWS = 20_000
SAVE_INTERVAL_S = 0.010
OPEN_BUDGET_S = 1.0
BACKUP_BUDGET_S_PER_100MB = 5.0


# --- the samples ---------------------------------------------------------------------------


def demo(scale: str) -> Path:
    """The demo office of ``scale``, made once by the command line the clerk would use."""
    path = SAMPLES / f"demo-{scale}.sqlite"
    if not path.exists():
        SAMPLES.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        partydesk = Path(sys.executable).with_name("partydesk")
        subprocess.run(
            [str(partydesk), "demo", "create", str(path), "--scale", scale],
            check=True,
            capture_output=True,
        )
        print(f"  ({scale} demo created in {time.perf_counter() - started:.0f} s)")
    return path


def pages(path: Path) -> tuple[int, int, int]:
    """(pages, free pages, page size) of a file."""
    with sqlite3.connect(path) as conn:
        return tuple(  # type: ignore[return-value]
            conn.execute(f"PRAGMA {name}").fetchone()[0]
            for name in ("page_count", "freelist_count", "page_size")
        )


def prepared(scale: str) -> dict[str, Path]:
    """The figures' inputs: the compacted demo, the same without capture triggers, and the
    same with a long audit chain."""
    source = demo(scale)
    files = {
        "captured": SAMPLES / f"{scale}-compact.sqlite",
        "plain": SAMPLES / f"{scale}-no-capture.sqlite",
        "chain": SAMPLES / f"{scale}-chain.sqlite",
    }
    if not files["captured"].exists():
        partial = files["captured"].with_suffix(".partial")
        partial.unlink(missing_ok=True)
        with sqlite3.connect(source) as conn:
            conn.execute("VACUUM INTO ?", [str(partial)])
        partial.replace(files["captured"])
    if not files["plain"].exists():
        partial = files["plain"].with_suffix(".partial")
        shutil.copyfile(files["captured"], partial)
        conn = sqlite3.connect(partial, isolation_level=None)
        try:
            triggers = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM sqlite_master"
                    " WHERE type = 'trigger' AND name LIKE 'capture_%'"
                )
            ]
            for name in triggers:
                conn.execute(f'DROP TRIGGER "{name}"')
        finally:
            conn.close()
        partial.replace(files["plain"])
    if not files["chain"].exists():
        partial = files["chain"].with_suffix(".partial")
        shutil.copyfile(files["captured"], partial)
        grow_chain(partial, CHAIN_ROWS)
        partial.replace(files["chain"])
    return files


def grow_chain(path: Path, rows: int) -> None:
    """Append ``rows`` chained audit rows, each one member's edit of three fields (the size of
    a typical save's row), as the recorder writes them."""
    from partydesk.domain.accounts import Actor, Role
    from partydesk.domain.audit import ChangeOp
    from partydesk.store.audit import Captured, append_entry

    conn = sqlite3.connect(path, isolation_level=None)
    try:
        actor = Actor(login="vanthu", display_name="Văn thư", role=Role.CLERK)
        conn.execute("BEGIN IMMEDIATE")
        for i in range(rows):
            captured = Captured()
            fields = {
                "phone": ("0912 345 678", f"0912 {i:06d}"),
                "residence": ("Số 12 đường Lê Lợi", f"Số {i % 300} đường Trần Phú"),
                "job_title": ("Nhân viên", "Tổ trưởng sản xuất"),
            }
            captured.add("members", 1 + i % 3000, ChangeOp.UPDATE, fields)
            append_entry(conn, actor, "Sửa đảng viên", captured=captured)
        conn.execute("COMMIT")
    finally:
        conn.close()


# --- one figure, in a process of its own ----------------------------------------------------


def memory_mb() -> tuple[float, float]:
    """(resident now, high-water mark) of this process, in MB."""
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    status = Path("/proc/self/status")
    if not status.exists():
        return peak, peak
    fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def open_services(path: Path) -> tuple[Any, Any]:
    from partydesk.services.app import build_services
    from partydesk.store.store import open_store

    store = open_store(path, path.parent / "backups")
    return store, build_services(store, today=lambda: TODAY)


def first_organisation(services: Any) -> int:
    (organisation_id, _), *_ = services.register.organisation_choices()
    return organisation_id


def a_member(organisation_id: int, n: int) -> Any:
    from partydesk.domain.member import Member

    return Member(
        full_name=f"Trần Văn Đo {'ABCDEFGHIK'[n % 10]}",
        birth_date=date(1985, 1 + n % 12, 1 + n % 28),
        organisation_id=organisation_id,
        residence="Số 5 ngõ 12 phố Hoàng Hoa Thám",
        phone=f"09{n % 100_000_000:08d}",
        notes="Đảng viên chuyển đến từ đảng bộ khác; hồ sơ đủ. " * 4,
    )


def save_member(services: Any, member: Any) -> int:
    """One save as the member form makes it: through the service (named, under the lock)."""
    return services.register.save_member(member)


def member_saves(path: Path, saves: int, *, fsync: bool = True) -> dict[str, Any]:
    """(a) ``saves`` member saves, each timed; one untimed save first (caches, statements).

    Without ``fsync`` (``synchronous=OFF``, for this measurement only) the disk's flushes,
    which dominate a save and vary a lot, are left out: what remains is the CPU cost.
    """
    store, services = open_services(path)
    if not fsync:
        store.conn.execute("PRAGMA synchronous = OFF")
    try:
        organisation_id = first_organisation(services)
        save_member(services, a_member(organisation_id, 0))
        times = []
        for n in range(1, saves + 1):
            member = a_member(organisation_id, n)
            started = time.perf_counter()
            save_member(services, member)
            times.append(time.perf_counter() - started)
        audit_rows = store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    finally:
        store.close()
    quantiles = statistics.quantiles(times, n=20)
    return {
        "s": statistics.median(times),
        "p50_ms": statistics.median(times) * 1000,
        "p95_ms": quantiles[18] * 1000,
        "saves": saves,
        "audit_rows": audit_rows,
    }


def bulk_insert(path: Path, rows: int) -> dict[str, Any]:
    """(b) ``rows`` new members in one transaction, as an import writes them."""
    from partydesk.domain.validation import validate_member

    store, services = open_services(path)
    try:
        organisation_id = first_organisation(services)
        members = [validate_member(a_member(organisation_id, n), TODAY) for n in range(rows)]
        size_before = path.stat().st_size
        started = time.perf_counter()
        # Named as an import's service call names it (the repository is called directly).
        with store.audit.labelled("Nhập danh sách đảng viên"), store.lock:
            store.members.insert_many(members)
        seconds = time.perf_counter() - started
        free = store.conn.execute("PRAGMA freelist_count").fetchone()[0]
        page_size = store.conn.execute("PRAGMA page_size").fetchone()[0]
    finally:
        store.close()
    return {
        "s": seconds,
        "rows": rows,
        "rows_per_s": rows / seconds,
        "grew_mb": (path.stat().st_size - size_before) / 1e6,
        "free_mb_after": free * page_size / 1e6,
    }


def open_check(path: Path, repeat: int = 5) -> dict[str, Any]:
    """(c) ``open_store`` then close, ``repeat`` times (the file is in the OS cache)."""
    from partydesk.store.store import open_store

    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        store = open_store(path, path.parent / "backups")
        times.append(time.perf_counter() - started)
        store.close()
    return {"s": statistics.median(times), "mb": path.stat().st_size / 1e6}


def bare_quick_check(path: Path, repeat: int = 5) -> dict[str, Any]:
    """(c) baseline: a read-only connection and ``PRAGMA quick_check`` alone."""
    from partydesk.store.db import read_only_uri

    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        conn.close()
        times.append(time.perf_counter() - started)
    return {"s": statistics.median(times), "mb": path.stat().st_size / 1e6}


def chain_verify(path: Path) -> dict[str, Any]:
    """(d) ``verify_chain`` over the whole log."""
    from partydesk.store.audit import verify_chain

    conn = sqlite3.connect(path)
    try:
        started = time.perf_counter()
        report = verify_chain(conn)
        seconds = time.perf_counter() - started
    finally:
        conn.close()
    assert not report.broken_seqs
    return {"s": seconds, "rows": report.checked, "rows_per_s": report.checked / seconds}


def chain_read(path: Path) -> dict[str, Any]:
    """(d) baseline: read the hashed columns of every row, no hashing."""
    from partydesk.store.audit import _HASHED

    conn = sqlite3.connect(path)
    try:
        started = time.perf_counter()
        rows = sum(1 for _ in conn.execute(f"SELECT {_HASHED}, row_hash FROM audit_log"))
        seconds = time.perf_counter() - started
    finally:
        conn.close()
    return {"s": seconds, "rows": rows, "rows_per_s": rows / seconds}


def backup_service(path: Path) -> dict[str, Any]:
    """(e) a verified backup through the backup service."""
    from partydesk.paths import DataPaths
    from partydesk.services.backups import BackupService

    store, _ = open_services(path)
    root = Path(tempfile.mkdtemp(prefix="backups-", dir=path.parent))
    try:
        service = BackupService(store, DataPaths(root), datetime.now)
        started = time.perf_counter()
        info = service.backup_now()
        seconds = time.perf_counter() - started
    finally:
        store.close()
        shutil.rmtree(root, ignore_errors=True)
    return {"s": seconds, "mb": info.size / 1e6}


def backup_raw(path: Path) -> dict[str, Any]:
    """(e) baseline: ``conn.backup(pages=-1)`` into a new file, no check."""
    store, _ = open_services(path)
    target = path.with_name(path.stem + "-raw-backup.sqlite")
    try:
        started = time.perf_counter()
        copy = sqlite3.connect(target)
        with store.lock:
            store.conn.backup(copy, pages=-1)
        copy.close()
        seconds = time.perf_counter() - started
        size = target.stat().st_size
    finally:
        store.close()
        target.unlink(missing_ok=True)
    return {"s": seconds, "mb": size / 1e6}


def backup_under_writes(path: Path) -> dict[str, Any]:
    """(e) the verified backup while a second thread saves a member every 10 ms through the
    services (the clerk keeps typing while the daily backup runs)."""
    from partydesk.paths import DataPaths
    from partydesk.services.backups import BackupService

    store, services = open_services(path)
    root = Path(tempfile.mkdtemp(prefix="backups-", dir=path.parent))
    stop = threading.Event()
    waits: list[float] = []

    organisation_id = first_organisation(services)

    def clerk() -> None:
        n = 0
        while not stop.is_set():
            n += 1
            member = a_member(organisation_id, n)
            started = time.perf_counter()
            save_member(services, member)
            waits.append(time.perf_counter() - started)
            time.sleep(SAVE_INTERVAL_S)

    writer = threading.Thread(target=clerk)
    try:
        service = BackupService(store, DataPaths(root), datetime.now)
        writer.start()
        time.sleep(0.2)
        saved_before = len(waits)
        started = time.perf_counter()
        info = service.backup_now()
        seconds = time.perf_counter() - started
        saved_during = len(waits) - saved_before
        time.sleep(0.2)
    finally:
        stop.set()
        writer.join()
        store.close()
        shutil.rmtree(root, ignore_errors=True)
    return {
        "s": seconds,
        "mb": info.size / 1e6,
        "saves_during": saved_during,
        "longest_save_ms": max(waits) * 1000,
        "median_save_ms": statistics.median(waits) * 1000,
    }


FIGURES = {
    "save_captured": ("captured", lambda p, a: member_saves(p, a.saves)),
    "save_plain": ("plain", lambda p, a: member_saves(p, a.saves)),
    "save_captured_cpu": ("captured", lambda p, a: member_saves(p, a.saves, fsync=False)),
    "save_plain_cpu": ("plain", lambda p, a: member_saves(p, a.saves, fsync=False)),
    "bulk_captured": ("captured", lambda p, a: bulk_insert(p, BULK_ROWS)),
    "bulk_plain": ("plain", lambda p, a: bulk_insert(p, BULK_ROWS)),
    "open_check": ("captured", lambda p, a: open_check(p)),
    "bare_quick_check": ("captured", lambda p, a: bare_quick_check(p)),
    "chain_verify": ("chain", lambda p, a: chain_verify(p)),
    "chain_read": ("chain", lambda p, a: chain_read(p)),
    "backup_service": ("captured", lambda p, a: backup_service(p)),
    "backup_raw": ("captured", lambda p, a: backup_raw(p)),
    "backup_under_writes": ("captured", lambda p, a: backup_under_writes(p)),
}


def run_figure(name: str, source: Path, saves: int) -> dict[str, Any]:
    """Measure one figure in this process, on a scratch copy of ``source`` (the figures
    write); imports first, so they are not timed."""
    import partydesk.services.app  # noqa: F401
    import partydesk.services.backups  # noqa: F401

    os.environ["PARTYDESK_STRICT_AUDIT"] = "1"
    work = Path(tempfile.mkdtemp(prefix=f"bench-{name}-", dir=SAMPLES))
    path = work / source.name
    try:
        shutil.copyfile(source, path)
        before_mb, _ = memory_mb()
        result = FIGURES[name][1](path, argparse.Namespace(saves=saves))
        _, peak_mb = memory_mb()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {**result, "before_mb": before_mb, "peak_mb": peak_mb}


def measure(name: str, source: Path, saves: int) -> dict[str, Any]:
    completed = subprocess.run(
        [sys.executable, __file__, "--figure", name, "--db", str(source), "--saves", str(saves)],
        capture_output=True,
        text=True,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"{name} failed:\n{completed.stderr}")
    return json.loads(completed.stdout.splitlines()[-1])


def measure_runs(files: dict[str, Path], runs: int, saves: int) -> dict[str, Any]:
    """Each figure ``runs`` times, interleaved; the median time and the highest peak."""
    samples: dict[str, list[dict[str, Any]]] = {name: [] for name in FIGURES}
    for _ in range(runs):
        for name, (which, _) in FIGURES.items():
            samples[name].append(measure(name, files[which], saves))
    merged = {}
    for name, results in samples.items():
        figure = dict(results[-1])
        for key in ("s", "p50_ms", "p95_ms", "rows_per_s", "longest_save_ms", "median_save_ms"):
            if key in figure:
                figure[key] = statistics.median(r[key] for r in results)
        figure["peak_mb"] = max(r["peak_mb"] for r in results)
        figure["runs"] = len(results)
        merged[name] = figure
    return merged


def bench_scale(scale: str, runs: int, saves: int) -> dict[str, Any]:
    files = prepared(scale)
    figures = measure_runs(files, runs, saves)
    demo_pages, demo_free, page_size = pages(demo(scale))
    backup_mb = figures["backup_service"]["mb"]
    return {
        **figures,
        "demo_mb": demo_pages * page_size / 1e6,
        "demo_free_mb": demo_free * page_size / 1e6,
        "compact_mb": files["captured"].stat().st_size / 1e6,
        "save_p50_ratio": figures["save_captured"]["p50_ms"] / figures["save_plain"]["p50_ms"],
        "save_p95_ratio": figures["save_captured"]["p95_ms"] / figures["save_plain"]["p95_ms"],
        "save_cpu_ratio": figures["save_captured_cpu"]["p50_ms"]
        / figures["save_plain_cpu"]["p50_ms"],
        "bulk_ratio": figures["bulk_captured"]["s"] / figures["bulk_plain"]["s"],
        "open_ratio": figures["open_check"]["s"] / figures["bare_quick_check"]["s"],
        "chain_ratio": figures["chain_verify"]["s"] / figures["chain_read"]["s"],
        "backup_ratio": figures["backup_service"]["s"] / figures["backup_raw"]["s"],
        "backup_budget_s": BACKUP_BUDGET_S_PER_100MB * max(backup_mb, 100) / 100,
    }


# --- report --------------------------------------------------------------------------------


def print_table(results: dict[str, dict[str, Any]]) -> None:
    def row(label: str, ours: str, base: str, ratio: float | None, goal: str, peaks: str) -> None:
        ratio_text = f"{ratio:>6.2f}×" if ratio is not None else f"{'–':>7}"
        print(f"{label:44} {ours:>16} {base:>16} {ratio_text} {goal:>9}   {peaks}")

    def peak(*figures: dict[str, Any]) -> str:
        return " / ".join(f"{f['peak_mb']:.0f}" for f in figures)

    for scale, r in results.items():
        print()
        print(
            f"{scale}: demo file {r['demo_mb']:.0f} MB of which {r['demo_free_mb']:.0f} MB free"
            f" pages; compacted {r['compact_mb']:.0f} MB"
        )
        print(
            f"{'figure':44} {'PartyDesk':>16} {'baseline':>16} {'ratio':>7} {'goal':>9}   peak MB"
        )
        sc, sp = r["save_captured"], r["save_plain"]
        row(
            f"(a) member save p50, {sc['saves']} saves",
            f"{sc['p50_ms']:.1f} ms",
            f"{sp['p50_ms']:.1f} ms",
            r["save_p50_ratio"],
            "",
            peak(sc, sp),
        )
        row(
            "    member save p95",
            f"{sc['p95_ms']:.1f} ms",
            f"{sp['p95_ms']:.1f} ms",
            r["save_p95_ratio"],
            "≤ 100 ms",
            "",
        )
        cc, cp = r["save_captured_cpu"], r["save_plain_cpu"]
        row(
            "    member save p50 without fsync (CPU alone)",
            f"{cc['p50_ms']:.1f} ms",
            f"{cp['p50_ms']:.1f} ms",
            r["save_cpu_ratio"],
            "",
            peak(cc, cp),
        )
        bc, bp = r["bulk_captured"], r["bulk_plain"]
        row(
            f"(b) bulk insert {bc['rows']:,} members",
            f"{bc['s']:.2f} s",
            f"{bp['s']:.2f} s",
            r["bulk_ratio"],
            "",
            peak(bc, bp),
        )
        print(
            f"{'':44} {bc['rows_per_s']:,.0f} vs {bp['rows_per_s']:,.0f} rows/s; free pages"
            f" left: {bc['free_mb_after']:.1f} vs {bp['free_mb_after']:.1f} MB; file grew"
            f" {bc['grew_mb']:.1f} vs {bp['grew_mb']:.1f} MB"
        )
        oc, qc = r["open_check"], r["bare_quick_check"]
        row(
            f"(c) open_store, {oc['mb']:.0f} MB",
            f"{oc['s'] * 1000:.0f} ms",
            f"{qc['s'] * 1000:.0f} ms",
            r["open_ratio"],
            "≤ 1 s",
            peak(oc, qc),
        )
        cv, cr = r["chain_verify"], r["chain_read"]
        row(
            f"(d) verify chain, {cv['rows']:,} rows",
            f"{cv['s']:.2f} s",
            f"{cr['s']:.2f} s",
            r["chain_ratio"],
            "",
            peak(cv, cr),
        )
        print(f"{'':44} {cv['rows_per_s']:,.0f} vs {cr['rows_per_s']:,.0f} rows/s")
        bs, br, bw = r["backup_service"], r["backup_raw"], r["backup_under_writes"]
        row(
            f"(e) verified backup, {bs['mb']:.0f} MB",
            f"{bs['s']:.2f} s",
            f"{br['s']:.2f} s",
            r["backup_ratio"],
            f"≤ {r['backup_budget_s']:.0f} s",
            peak(bs, br),
        )
        row(
            "    same, saving a member every 10 ms",
            f"{bw['s']:.2f} s",
            "",
            None,
            f"≤ {r['backup_budget_s']:.0f} s",
            peak(bw),
        )
        print(
            f"{'':44} {bw['saves_during']} saves during it; longest save"
            f" {bw['longest_save_ms']:.0f} ms (median {bw['median_save_ms']:.0f} ms)"
        )
    print()
    print(f"SQLite {sqlite3.sqlite_version}, Python {sys.version.split()[0]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one run of each figure")
    parser.add_argument("--scale", choices=SCALES, action="append", help="default: both")
    parser.add_argument("--figure", choices=sorted(FIGURES), help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--saves", type=int, default=60, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.figure:
        print(json.dumps(run_figure(args.figure, args.db, args.saves)))
        return 0
    runs = 1 if args.quick else 3
    saves = 30 if args.quick else 60
    results = {}
    for scale in args.scale or SCALES:
        print(f"Preparing the {scale} sample…")
        results[scale] = bench_scale(scale, runs, saves)
    print_table(results)
    OUT.mkdir(parents=True, exist_ok=True)
    report = {
        "scales": results,
        "quick": args.quick,
        "sqlite": sqlite3.sqlite_version,
        "python": sys.version.split()[0],
    }
    (OUT / "bench_safety.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
