"""Benchmark of the overview ("Tổng quan") on the province sample (run on demand).

    .venv/bin/python tests/benchmarks/bench_overview.py [--quick]

Issue 8's goal: the dashboard renders within 300 ms after the window is shown, without
blocking the window. Measured, each in a fresh process, median of several runs:

(a) raw: the SQL statements the overview runs (captured from one real computation with
    sqlite3's trace callback, parameters inlined) replayed on a plain sqlite3 connection —
    the floor any implementation of these indicators pays;
(b) dashboard: the main window opened on the province sample (it starts on the overview),
    from ``show()`` until every figure and chart is on screen, in the offscreen platform;
    the ratio (b)/(a) is PartyDesk's overhead over its own queries;
(c) responsiveness: while (b) computes, a 5 ms timer on the GUI thread records the longest gap
    between its ticks — the longest the window could not react.

The sample is created once as tests/benchmarks/out/overview-province.sqlite (delete it after
the sample office changes). Results go to tests/benchmarks/out/bench_overview.json.
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
TODAY = date(2026, 11, 21)
BUDGET_MS = 300
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}

CAPTURE = """
import json, sys
from datetime import date
from pathlib import Path
from partydesk.services.app import build_services
from partydesk.store.store import open_store
store = open_store(Path(sys.argv[1]), Path(sys.argv[2]))
statements = []
reader = store.reader().conn
reader.set_trace_callback(statements.append)
services = build_services(store, today=lambda: date(2026, 11, 21))
services.statistics.compute(services.statistics.period_for_year(2026))
reader.set_trace_callback(None)
print(json.dumps([s for s in statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]))
import os; os._exit(0)
"""

RAW = """
import json, sqlite3, sys, time
statements = json.load(open(sys.argv[2], encoding="utf-8"))
conn = sqlite3.connect(sys.argv[1])
conn.execute("SELECT count(*) FROM members").fetchone()  # open the file, as the app has
started = time.perf_counter()
for sql in statements:
    conn.execute(sql).fetchall()
print((time.perf_counter() - started) * 1000)
"""

DASHBOARD = """
import sys, time
from datetime import date
from pathlib import Path
from PySide6.QtCore import QSettings, QTimer
from partydesk.services.app import build_services
from partydesk.store.store import open_store
from partydesk.ui.app import create_application
from partydesk.ui.main_window import MainWindow
app = create_application(["partydesk", "-platform", "offscreen"])
store = open_store(Path(sys.argv[1]), Path(sys.argv[2]))
settings = QSettings(sys.argv[2] + "/ui-overview.ini", QSettings.Format.IniFormat)
services = build_services(store, today=lambda: date(2026, 11, 21))
window = MainWindow(services, settings)
window.resize(1400, 850)
gaps = []
last = [time.perf_counter()]
def tick():
    now = time.perf_counter()
    gaps.append(now - last[0])
    last[0] = now
timer = QTimer()
timer.timeout.connect(tick)
timer.start(5)
window.show()
shown = time.perf_counter()
last[0] = shown
overview = window.overview
while overview.statistics is None:
    app.processEvents()
    time.sleep(0.001)
for view in overview.charts:
    view.repaint()
window.repaint()
app.processEvents()
rendered = time.perf_counter()
assert overview.value_labels, "no figure shown"
print((rendered - shown) * 1000, max(gaps) * 1000 if gaps else 0.0)
import os; os._exit(0)
"""


def sample() -> Path:
    from partydesk.services.demo import create_demo_database

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "overview-province.sqlite"
    if not path.exists():
        started = time.perf_counter()
        create_demo_database(path, "province", today=TODAY)
        print(f"  (province sample created in {time.perf_counter() - started:.1f} s)")
    return path


def run(code: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code, *args], env=ENV, capture_output=True, text=True, check=True
    )
    return result.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    province = sample()
    backups = OUT / "backups"
    backups.mkdir(exist_ok=True)
    statements = OUT / "overview-statements.json"
    statements.write_text(run(CAPTURE, str(province), str(backups)), encoding="utf-8")
    count = len(json.loads(statements.read_text(encoding="utf-8")))
    run(RAW, str(province), str(statements))  # warm the page cache for both sides
    raw = [float(run(RAW, str(province), str(statements))) for _ in range(runs)]
    shown = [
        [float(x) for x in run(DASHBOARD, str(province), str(backups)).split()] for _ in range(runs)
    ]
    rendered = [s[0] for s in shown]
    gaps = [s[1] for s in shown]
    results = {
        "sample": province.name,
        "statements": count,
        "raw_queries_ms": round(statistics.median(raw), 1),
        "dashboard_rendered_ms": round(statistics.median(rendered), 1),
        "ratio": round(statistics.median(rendered) / statistics.median(raw), 2),
        "budget_ms": BUDGET_MS,
        "longest_gui_gap_ms": round(statistics.median(gaps), 1),
        "runs": runs,
    }
    (OUT / "bench_overview.json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    print(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
