"""Benchmarks of the register (run on demand, not in CI's test pass).

    .venv/bin/python tests/benchmarks/bench_register.py [--quick]

Every figure is reported beside a baseline measured in the same run, because these machines
are noisy: start-up against a bare Qt window, member search against the raw FTS query, list
opening against its own 100 ms budget, and peak memory against 250 MB. The sample databases
are created once under tests/benchmarks/out/.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
PYTHON = sys.executable
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}

BARE_QT = """
import time; t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(["bare", "-platform", "offscreen"])
w = QMainWindow(); w.setCentralWidget(QLabel("Xin chào")); w.resize(1280, 780); w.show()
app.processEvents()
print(time.perf_counter() - t0)
"""

PARTYDESK_WINDOW = """
import time; t0 = time.perf_counter()
import sys, resource
from pathlib import Path
from PySide6.QtCore import QSettings
from partydesk.ui.app import create_application
from partydesk.ui.main_window import MainWindow
from partydesk.services.app import build_services
from partydesk.store.store import open_store
app = create_application(["partydesk", "-platform", "offscreen"])
store = open_store(Path(sys.argv[1]), Path(sys.argv[2]))
settings = QSettings(sys.argv[2] + "/ui.ini", QSettings.Format.IniFormat)
window = MainWindow(build_services(store), settings)
window.show()
app.processEvents()
shown = time.perf_counter() - t0
for page in (window.enterprises, window.organisations, window.members):
    while page.model.canFetchMore() and page.model.rowCount() < 2000:
        page.model.fetchMore()
app.processEvents()
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(shown, peak_mb)
"""


def sample(scale: str) -> Path:
    from partydesk.services.demo import create_demo_database

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"sample-{scale}.sqlite"
    if not path.exists():
        started = time.perf_counter()
        create_demo_database(path, scale, today=date(2026, 11, 21))
        print(f"  (sample {scale} created in {time.perf_counter() - started:.1f} s)")
    return path


def run_python(code: str, *args: str) -> list[float]:
    result = subprocess.run(
        [PYTHON, "-c", code, *args], env=ENV, capture_output=True, text=True, check=True
    )
    return [float(x) for x in result.stdout.split()]


def median_of(runs: int, code: str, *args: str) -> list[float]:
    samples = [run_python(code, *args) for _ in range(runs)]
    return [statistics.median(column) for column in zip(*samples, strict=True)]


def bench_startup(district: Path, runs: int) -> dict[str, float]:
    backups = OUT / "backups"
    backups.mkdir(exist_ok=True)
    run_python(BARE_QT)  # warm the page cache for both
    bare = median_of(runs, BARE_QT)[0]
    shown, peak = median_of(runs, PARTYDESK_WINDOW, str(district), str(backups))
    return {
        "bare_qt_s": bare,
        "partydesk_s": shown,
        "ratio": shown / bare,
        "district_peak_mb": peak,
    }


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def search_terms(store, count: int) -> list[str]:
    """Realistic typed searches: unaccented given names, family+given, card-number prefixes."""
    from partydesk.domain.text import fold

    rows = store.conn.execute(
        "SELECT full_name, card_number FROM members ORDER BY id LIMIT ? OFFSET 17",
        [count],
    ).fetchall()
    terms = []
    for i, (name, card) in enumerate(rows):
        words = fold(name).split()
        if i % 3 == 0:
            terms.append(words[-1])
        elif i % 3 == 1:
            terms.append(f"{words[0]} {words[-1]}")
        else:
            terms.append(card[:4] if card else words[-1])
    return terms


def bench_search(province: Path, queries: int) -> dict[str, float]:
    from partydesk.domain.rows import ListQuery
    from partydesk.domain.text import fts_prefix_query
    from partydesk.services.app import build_services
    from partydesk.store.store import open_store

    store = open_store(province, OUT / "backups")
    services = build_services(store)
    terms = search_terms(store, queries)
    ours, raw = [], []
    for term in terms:
        started = time.perf_counter()
        query = ListQuery(search=term)
        services.register.count_members(query)
        services.register.member_rows(query, 0, 200)
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        match = fts_prefix_query(term)
        store.conn.execute(
            "SELECT count(*) FROM members_fts WHERE members_fts MATCH ?", [match]
        ).fetchone()
        store.conn.execute(
            "SELECT m.id, m.full_name FROM members m WHERE m.id IN (SELECT rowid"
            " FROM members_fts WHERE members_fts MATCH ?) ORDER BY m.name_sort LIMIT 200",
            [match],
        ).fetchall()
        raw.append(time.perf_counter() - started)
    store.close()
    p95_ours, p95_raw = percentile(ours, 95) * 1000, percentile(raw, 95) * 1000
    return {
        "queries": len(terms),
        "p95_ms": p95_ours,
        "raw_p95_ms": p95_raw,
        "ratio": p95_ours / p95_raw,
    }


def bench_lists(province: Path, runs: int) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from partydesk.services.app import build_services
    from partydesk.store.store import open_store
    from partydesk.ui.pages.enterprises import EnterprisesPage
    from partydesk.ui.pages.members import MembersPage
    from partydesk.ui.pages.organisations import OrganisationsPage

    app = QApplication.instance() or QApplication(["bench", "-platform", "offscreen"])
    store = open_store(province, OUT / "backups")
    services = build_services(store)
    figures = {}
    for name, page_class in (
        ("enterprises", EnterprisesPage),
        ("organisations", OrganisationsPage),
        ("members", MembersPage),
    ):
        page = page_class(services)
        page.resize(1200, 700)
        page.show()
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            page.model.reload()
            app.processEvents()
            times.append(time.perf_counter() - started)
        figures[f"{name}_open_ms"] = statistics.median(times) * 1000
        page.close()
    store.close()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    print("Preparing samples…")
    district, province = sample("district"), sample("province")
    results = {
        "startup": bench_startup(district, runs),
        "search": bench_search(province, 60 if args.quick else 300),
        "lists": bench_lists(province, runs),
    }
    _, province_peak = median_of(1, PARTYDESK_WINDOW, str(province), str(OUT / "backups"))
    results["memory"] = {"province_window_peak_mb": province_peak, "budget_mb": 250}
    print(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
