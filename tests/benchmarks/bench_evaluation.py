"""Benchmarks of the evaluation papers and the classification sheet (run on demand).

    .venv/bin/python tests/benchmarks/bench_evaluation.py [--quick] [--profile FIGURE]

Every figure stands beside a baseline measured in the same run, because these machines are
noisy, and each side runs in a process of its own, so that its peak memory (the process's
high-water mark) is not hidden by another measurement's:

(a) the forms of everybody in the open 2026 cycle of the district sample office (Mẫu 01 of
    each organisation and the form of each evaluated member, ≈ 2,700 papers), written by
    ``write_forms`` end to end, against a raw reportlab canvas drawing the same text (the
    same names, headings, the same dotted lines, the same embedded fonts, ``simpleSplit``
    wrapping, one ``drawString`` per line) from the same papers: time per page, goal at most
    2; the papers' data and PartyDesk's layout alone are shown too;
(b) the classification sheet of the province sample office (≈ 100,000 members, ≈ 2,000
    organisations, a row per base organisation) written by ``write_sheet`` end to end as XLSX
    and as PDF, against raw xlsxwriter writing the same cells (one bold format) and a raw
    canvas drawing the same cells (one ``drawString`` each, a page every 40 rows): goal at
    most 2; the aggregation alone (``classification_sheet``) against one GROUP BY over the
    cycle's rows;
(c) opening a cycle at the province scale (the roster of every member on the reference
    date), which the application runs in the background: time and peak memory.

Peak memory is the process's whole high-water mark (interpreter, imports and data), goal at
most 250 MB; the memory before the measured step is shown beside it.

The samples are created once as tests/benchmarks/out/evaluation-district.sqlite and
evaluation-province.sqlite (delete them after the sample office changes). A sample without an
open 2026 cycle gets one; a province cycle with no decided level is given random decided
levels, so that the sheet has something to count.
Results go to tests/benchmarks/out/bench_evaluation.json.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "out"
TODAY = date(2026, 11, 21)
YEAR = 2026
BUDGET_MB = 250
SHEET_ROWS_PER_PAGE = 40


# --- the samples ---------------------------------------------------------------------------


def open_services(path: Path) -> tuple[Any, Any]:
    from partydesk.services.app import build_services
    from partydesk.store.store import open_store

    store = open_store(path, OUT / "backups")
    return store, build_services(store, today=lambda: TODAY)


def sample(scale: str) -> Path:
    """The sample office with an open 2026 cycle (and decided levels in it, for the sheet)."""
    from partydesk.services.demo import create_demo_database

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"evaluation-{scale}.sqlite"
    if path.exists():
        return path
    started = time.perf_counter()
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    create_demo_database(partial, scale, today=TODAY)
    store, services = open_services(partial)
    try:
        cycle = services.evaluation.cycle_for_year(YEAR)
        if cycle is None:
            cycle = services.evaluation.open_cycle(services.evaluation.propose_cycle(YEAR))
            print(f"  (the {scale} sample has no {YEAR} cycle: one opened)")
        if scale == "province":
            decided = decide_randomly(store, cycle.id)
            if decided:
                print(f"  ({decided} random decided levels given in the {YEAR} cycle)")
    finally:
        store.close()
    partial.replace(path)
    print(f"  ({scale} sample created in {time.perf_counter() - started:.1f} s)")
    return path


def decide_randomly(store: Any, cycle_id: int) -> int:
    """Random decided levels (mostly HTTNV) of the members and organisations of a cycle that
    has none yet; returns the members given one."""
    from partydesk.domain.evaluation import LEVEL_ORDER

    rows = store.evaluation.member_evaluations(cycle_id)
    if any(r.decided_level is not None for r in rows):
        return 0
    rng = random.Random(YEAR)

    def level() -> Any:
        return rng.choices(LEVEL_ORDER, weights=(15, 70, 13, 2))[0]

    chosen = [replace(r, decided_level=level()) for r in rows if r.is_evaluated]
    with store.lock:
        store.evaluation.save_member_evaluations(chosen)
        for org in store.evaluation.org_evaluations(cycle_id):
            store.evaluation.save_org_evaluation(replace(org, decided_level=level()))
    return len(chosen)


def cycle_id_of(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT id FROM evaluation_cycles WHERE year = ?", [YEAR]).fetchone()[0]


def without_cycle(path: Path) -> Path:
    """A copy of the sample whose 2026 cycle is deleted, for (c) to open it again."""
    copy = OUT / f"{path.stem}-no-cycle.sqlite"
    if not copy.exists():
        partial = copy.with_suffix(".partial")
        shutil.copyfile(path, partial)
        store, services = open_services(partial)
        try:
            services.evaluation.delete_cycle(cycle_id_of(partial))
        finally:
            store.close()
        partial.replace(copy)
    return copy


# --- the baselines -------------------------------------------------------------------------


def form_papers(store: Any, services: Any, cycle_id: int) -> list[Any]:
    """Everybody's papers, in the order and with the content ``write_forms`` prints."""
    from partydesk.reports.evaluation_forms import member_form_document, org_form_document
    from partydesk.services.evaluation_papers import PaperBuilder

    cycle = services.evaluation.cycle(cycle_id)
    rules = services.evaluation.rules_of(cycle)
    builder = PaperBuilder(store, services.documents, store.settings.office(), cycle, rules)
    papers = []
    for org in store.evaluation.org_evaluations(cycle_id):
        papers.append(org_form_document(builder.org_form(org)))
        for row in store.evaluation.member_evaluations(
            cycle_id, organisation_id=org.organisation_id
        ):
            if row.is_evaluated:
                papers.append(member_form_document(builder.member_form(row)))
    return papers


def canvas_papers(papers: list[Any], out: io.BytesIO) -> int:
    """Draw the papers' text on a raw canvas, each paper from a new page; returns pages."""
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen.canvas import Canvas

    from partydesk.reports import hd36
    from partydesk.reports.briefing_layout import (
        Header,
        Line,
        LineKind,
        Signatures,
        Title,
        Together,
        WritingLines,
    )
    from partydesk.reports.briefing_pdf import WRITING_LINE_HEIGHT
    from partydesk.reports.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC, register_fonts

    register_fonts()
    canvas = Canvas(out, pagesize=hd36.page_size())
    width = hd36.text_width()
    left = hd36.MARGIN_LEFT
    page_top = hd36.page_size()[1]
    top = page_top - hd36.MARGIN_TOP
    state = {"y": top, "page": 1, "first": 1}
    bold_kinds = (LineKind.SECTION, LineKind.ITEM, LineKind.BLOCK, LineKind.FORM_CODE)

    def new_page() -> None:
        canvas.showPage()
        state["page"] += 1
        state["y"] = top
        number = state["page"] - state["first"] + 1
        if number >= 2:
            canvas.setFont(SERIF, hd36.PAGE_NUMBER_SIZE)
            baseline = page_top - hd36.PAGE_NUMBER_FROM_TOP - hd36.PAGE_NUMBER_SIZE
            canvas.drawCentredString(left + width / 2, baseline, str(number))

    def text(value: str, font: str = SERIF, size: float = 14, leading: float = 17) -> None:
        for line in simpleSplit(value, font, size, width):
            if state["y"] - leading < hd36.MARGIN_BOTTOM:
                new_page()
            canvas.setFont(font, size)
            canvas.drawString(left, state["y"] - size, line)
            state["y"] -= leading
        state["y"] -= 4

    def dotted(count: int) -> None:
        canvas.setDash(0.8, 2.2)
        for _ in range(count):
            if state["y"] - WRITING_LINE_HEIGHT < hd36.MARGIN_BOTTOM:
                new_page()
            state["y"] -= WRITING_LINE_HEIGHT
            canvas.line(left, state["y"], left + width, state["y"])
        canvas.setDash()

    def draw(part: Any) -> None:
        if isinstance(part, Header):
            header = part.header
            upper = (header.upper_body.upper(), header.issuer.upper(), "*", header.number_text)
            for line in upper:
                text(line or "", SERIF_BOLD, 14, 17)
            for line in (hd36.PARTY_TITLE, hd36.SEPARATOR, header.place_date_text):
                text(line, SERIF_ITALIC, 14, 17)
        elif isinstance(part, Title):
            text(part.kind_name.upper(), SERIF_BOLD, 15, 19)
            text(part.abstract, SERIF_BOLD)
            text(part.subtitle, SERIF_ITALIC)
        elif isinstance(part, Line):
            text(part.text, SERIF_BOLD if part.kind in bold_kinds else SERIF)
        elif isinstance(part, WritingLines):
            dotted(part.count)
        elif isinstance(part, Signatures):
            for block in (part.left, part.right):
                if block is not None:
                    text(block.authority or "", SERIF_BOLD)
                    text(block.title, SERIF_BOLD)
                    text(part.note, SERIF_ITALIC, 14, 60)
                    text(block.name, SERIF_BOLD)
        elif isinstance(part, Together):
            for inner in part.parts:
                draw(inner)
        else:
            raise TypeError(f"the baseline does not draw {type(part).__name__}")

    for index, paper in enumerate(papers):
        if index:
            state["first"] = state["page"] + 1
            new_page()
        for part in paper.parts:
            draw(part)
    canvas.save()
    return state["page"]


def sheet_cells(sheet: Any) -> list[tuple[list[str], list[tuple[bool, tuple[Any, ...]]]]]:
    """The sheet's tables as (headings, [(bold, values)]), the same cells PartyDesk writes."""
    from partydesk.reports.classification_columns import comparison_table, member_table, org_table

    tables = [member_table(sheet), org_table(sheet)]
    comparison = comparison_table(sheet)
    if comparison is not None:
        tables.append(comparison)
    return [
        (
            [c.heading for c in table.columns],
            [(line.style.bold, line.values) for line in table.lines],
        )
        for table in tables
    ]


def xlsxwriter_cells(cells: list[Any], out: io.BytesIO) -> int:
    """Write the cells with xlsxwriter, one sheet per table; returns the cells written."""
    import xlsxwriter

    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False})
    bold = book.add_format({"bold": True})
    written = 0
    for number, (headings, lines) in enumerate(cells, start=1):
        sheet = book.add_worksheet(f"Bảng {number}")
        for col, heading in enumerate(headings):
            sheet.write_string(0, col, heading, bold)
        for row, (_bold, values) in enumerate(lines, start=1):
            for col, value in enumerate(values):
                if isinstance(value, str):
                    sheet.write_string(row, col, value)
                elif value is not None:
                    sheet.write_number(row, col, value)
            written += len(values)
    book.close()
    return written


def canvas_cells(cells: list[Any], out: io.BytesIO) -> int:
    """Draw the cells on landscape pages, one ``drawString`` per cell; returns pages."""
    from reportlab.pdfgen.canvas import Canvas

    from partydesk.reports import hd36
    from partydesk.reports.fonts import SERIF, SERIF_BOLD, register_fonts

    register_fonts()
    size = hd36.page_size(landscape=True)
    canvas = Canvas(out, pagesize=size)
    top = size[1] - hd36.MARGIN_TOP
    pages = 0
    for headings, lines in cells:
        step = hd36.text_width(landscape=True) / len(headings)
        xs = [hd36.MARGIN_LEFT + i * step for i in range(len(headings))]
        for start in range(0, len(lines), SHEET_ROWS_PER_PAGE):
            if pages:
                canvas.showPage()
            pages += 1
            canvas.setFont(SERIF_BOLD, 8)
            for x, heading in zip(xs, headings, strict=True):
                canvas.drawString(x, top, heading[:12])
            y = top - 12
            for bold, values in lines[start : start + SHEET_ROWS_PER_PAGE]:
                canvas.setFont(SERIF_BOLD if bold else SERIF, 9)
                for x, value in zip(xs, values, strict=False):
                    canvas.drawString(x, y, "" if value is None else str(value))
                y -= 10.5
    canvas.save()
    return pages


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


def timed(fn: Any, *args: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - started, result


def forms_partydesk(store: Any, services: Any, cycle_id: int, work: Path) -> dict[str, Any]:
    """(a) ``write_forms`` for everybody, end to end, into a file."""
    target = work / "forms.pdf"
    seconds, pages = timed(services.evaluation_documents.write_forms, cycle_id, target)
    return {"s": seconds, "pages": pages, "bytes": target.stat().st_size}


def forms_layout(store: Any, services: Any, cycle_id: int, work: Path) -> dict[str, Any]:
    """(a) the same, split: the papers' data, then PartyDesk's layout of them."""
    from partydesk.reports.evaluation_pdf import render_papers

    data_s, papers = timed(form_papers, store, services, cycle_id)
    seconds, pages = timed(render_papers, papers, io.BytesIO())
    return {"data_s": data_s, "s": seconds, "papers": len(papers), "pages": pages}


def forms_canvas(store: Any, services: Any, cycle_id: int, work: Path) -> dict[str, Any]:
    """(a) the baseline: the same papers' text on a raw canvas."""
    data_s, papers = timed(form_papers, store, services, cycle_id)
    out = io.BytesIO()
    seconds, pages = timed(canvas_papers, papers, out)
    return {"data_s": data_s, "s": seconds, "pages": pages, "bytes": len(out.getvalue())}


def sheet_data(store: Any, services: Any, cycle_id: int, work: Path) -> dict[str, Any]:
    """(b) the aggregation alone: the sheet object, with the previous year's beside it."""
    seconds, sheet = timed(services.evaluation_documents.classification_sheet, cycle_id)
    rows = sum(len(section.rows) for section in sheet.sections)
    return {"s": seconds, "organisation_rows": rows}


def sheet_group_by(store: Any, services: Any, cycle_id: int, work: Path) -> dict[str, Any]:
    """(b) the aggregation's baseline: one GROUP BY over the cycle's rows, this year and the
    previous one, as the sheet compares the two."""
    sql = (
        "SELECT organisation_id, exclusion, probationary, decided_level, count(*)"
        " FROM member_evaluations WHERE cycle_id = ? GROUP BY 1, 2, 3, 4"
    )
    previous = store.conn.execute(
        "SELECT id FROM evaluation_cycles WHERE year = ?", [YEAR - 1]
    ).fetchone()
    started = time.perf_counter()
    rows = store.conn.execute(sql, [cycle_id]).fetchall()
    if previous:
        rows += store.conn.execute(sql, [previous[0]]).fetchall()
    return {"s": time.perf_counter() - started, "groups": len(rows)}


def sheet_xlsx(store: Any, services: Any, cycle_id: int, work: Path) -> dict[str, Any]:
    """(b) ``write_sheet`` to .xlsx, end to end (aggregation, openpyxl, atomic file)."""
    target = work / "sheet.xlsx"
    seconds, _ = timed(services.evaluation_documents.write_sheet, cycle_id, target)
    return {"s": seconds, "bytes": target.stat().st_size}


def sheet_pdf(store: Any, services: Any, cycle_id: int, work: Path) -> dict[str, Any]:
    """(b) ``write_sheet`` to .pdf, end to end (aggregation, layout, atomic file)."""
    target = work / "sheet.pdf"
    seconds, pages = timed(services.evaluation_documents.write_sheet, cycle_id, target)
    return {"s": seconds, "pages": pages, "bytes": target.stat().st_size}


def _cells(services: Any, cycle_id: int) -> tuple[list[Any], int]:
    cells = sheet_cells(services.evaluation_documents.classification_sheet(cycle_id))
    return cells, sum(len(lines) * len(headings) for headings, lines in cells)


def sheet_xlsxwriter(store: Any, services: Any, cycle_id: int, work: Path) -> dict[str, Any]:
    """(b) the XLSX baseline: the same cells (computed beforehand, not timed) by xlsxwriter."""
    cells, count = _cells(services, cycle_id)
    out = io.BytesIO()
    seconds, _ = timed(xlsxwriter_cells, cells, out)
    return {"s": seconds, "cells": count, "bytes": len(out.getvalue())}


def sheet_canvas(store: Any, services: Any, cycle_id: int, work: Path) -> dict[str, Any]:
    """(b) the PDF baseline: the same cells (computed beforehand, not timed) on a canvas."""
    cells, count = _cells(services, cycle_id)
    out = io.BytesIO()
    seconds, pages = timed(canvas_cells, cells, out)
    return {"s": seconds, "cells": count, "pages": pages, "bytes": len(out.getvalue())}


def open_cycle(store: Any, services: Any, cycle_id: int, work: Path) -> dict[str, Any]:
    """(c) open the year's cycle on a copy of the sample without it (roster of the register)."""
    evaluation = services.evaluation
    seconds, cycle = timed(evaluation.open_cycle, evaluation.propose_cycle(YEAR))
    rows = store.conn.execute(
        "SELECT count(*) FROM member_evaluations WHERE cycle_id = ?", [cycle.id]
    ).fetchone()[0]
    return {"s": seconds, "member_rows": rows}


FIGURES = {
    fn.__name__: fn
    for fn in (
        forms_partydesk,
        forms_layout,
        forms_canvas,
        sheet_data,
        sheet_group_by,
        sheet_xlsx,
        sheet_pdf,
        sheet_xlsxwriter,
        sheet_canvas,
        open_cycle,
    )
}


def run_figure(name: str, path: Path, cycle_id: int) -> dict[str, Any]:
    """Measure one figure in this process: imports and fonts first, so they are not timed."""
    import openpyxl  # noqa: F401  (imported lazily by write_sheet: not part of the figure)
    import xlsxwriter  # noqa: F401

    import partydesk.reports.classification_pdf  # noqa: F401
    import partydesk.reports.classification_xlsx  # noqa: F401
    from partydesk.reports.fonts import register_fonts

    register_fonts()
    store, services = open_services(path)
    work = Path(tempfile.mkdtemp(prefix=f"bench-{name}-", dir=OUT))
    try:
        before_mb, _ = memory_mb()
        result = FIGURES[name](store, services, cycle_id, work)
        _, peak_mb = memory_mb()
    finally:
        store.close()
        shutil.rmtree(work, ignore_errors=True)
    return {**result, "before_mb": before_mb, "peak_mb": peak_mb}


def profile_figure(name: str, path: Path, cycle_id: int, top: int = 30) -> None:
    """Run one figure under cProfile and print its costliest functions (own time, then
    cumulative), to see where PartyDesk's side spends its time."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    result = run_figure(name, path, cycle_id)
    profiler.disable()
    print(json.dumps(result))
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


def profile(name: str) -> None:
    if name.startswith("forms"):
        path = sample("district")
        profile_figure(name, path, cycle_id_of(path))
    elif name == "open_cycle":
        copy = OUT / "evaluation-open-cycle.sqlite"
        shutil.copyfile(without_cycle(sample("province")), copy)
        try:
            profile_figure(name, copy, 0)
        finally:
            copy.unlink(missing_ok=True)
    else:
        path = sample("province")
        profile_figure(name, path, cycle_id_of(path))


def measure(name: str, path: Path, cycle_id: int) -> dict[str, Any]:
    completed = subprocess.run(
        [sys.executable, __file__, "--figure", name, "--db", str(path), "--cycle", str(cycle_id)],
        capture_output=True,
        text=True,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"{name} failed:\n{completed.stderr}")
    return json.loads(completed.stdout.splitlines()[-1])


def measure_runs(names: list[str], path: Path, cycle_id: int, runs: int) -> dict[str, Any]:
    """Each figure ``runs`` times, interleaved; the median time and the highest peak."""
    samples: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
    for _ in range(runs):
        for name in names:
            samples[name].append(measure(name, path, cycle_id))
    merged = {}
    for name, results in samples.items():
        figure = dict(results[-1])
        figure["s"] = statistics.median(r["s"] for r in results)
        if "data_s" in figure:
            figure["data_s"] = statistics.median(r["data_s"] for r in results)
        figure["peak_mb"] = max(r["peak_mb"] for r in results)
        figure["runs"] = len(results)
        merged[name] = figure
    return merged


# --- the three benchmarks -------------------------------------------------------------------


def bench_forms(runs: int) -> dict[str, Any]:
    path = sample("district")
    cycle_id = cycle_id_of(path)
    figures = measure_runs(
        ["forms_partydesk", "forms_layout", "forms_canvas"], path, cycle_id, runs
    )
    ours, layout, canvas = (figures[n] for n in ("forms_partydesk", "forms_layout", "forms_canvas"))
    canvas_per_page = canvas["s"] / canvas["pages"]
    return {
        **figures,
        "papers": layout["papers"],
        "time_per_page_ratio": (ours["s"] / ours["pages"]) / canvas_per_page,
        "layout_time_per_page_ratio": (layout["s"] / layout["pages"]) / canvas_per_page,
        "with_data_time_per_page_ratio": (ours["s"] / ours["pages"])
        / ((canvas["s"] + canvas["data_s"]) / canvas["pages"]),
    }


def bench_sheet(runs: int) -> dict[str, Any]:
    path = sample("province")
    cycle_id = cycle_id_of(path)
    names = [
        "sheet_data",
        "sheet_group_by",
        "sheet_xlsx",
        "sheet_xlsxwriter",
        "sheet_pdf",
        "sheet_canvas",
    ]
    figures = measure_runs(names, path, cycle_id, runs)
    return {
        **figures,
        "members": member_rows(path, cycle_id),
        "data_ratio": figures["sheet_data"]["s"] / figures["sheet_group_by"]["s"],
        "xlsx_ratio": figures["sheet_xlsx"]["s"] / figures["sheet_xlsxwriter"]["s"],
        "pdf_ratio": figures["sheet_pdf"]["s"] / figures["sheet_canvas"]["s"],
    }


def member_rows(path: Path, cycle_id: int) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT count(*) FROM member_evaluations WHERE cycle_id = ?", [cycle_id]
        ).fetchone()[0]


def bench_open_cycle(runs: int) -> dict[str, Any]:
    source = without_cycle(sample("province"))
    results = []
    for _ in range(runs):
        copy = OUT / "evaluation-open-cycle.sqlite"
        shutil.copyfile(source, copy)
        try:
            results.append(measure("open_cycle", copy, 0))
        finally:
            copy.unlink(missing_ok=True)
    figure = dict(results[-1])
    figure["s"] = statistics.median(r["s"] for r in results)
    figure["peak_mb"] = max(r["peak_mb"] for r in results)
    figure["runs"] = len(results)
    return figure


# --- report --------------------------------------------------------------------------------


def print_table(forms: dict[str, Any], sheet: dict[str, Any], cycle: dict[str, Any]) -> None:
    def row(label: str, ours: dict, base: dict | None, ratio: float | None, goal: str) -> None:
        base_text = f"{base['s']:>9.2f} s" if base else f"{'–':>11}"
        ratio_text = f"{ratio:>6.2f}×" if ratio is not None else f"{'–':>7}"
        peaks = f"{ours['peak_mb']:>5.0f}" + (f" / {base['peak_mb']:.0f}" if base else "")
        over = "  OVER BUDGET" if ours["peak_mb"] > BUDGET_MB else ""
        print(
            f"{label:44} {ours['s']:>9.2f} s {base_text} {ratio_text} {goal:>8}   {peaks:<11}"
            f" ({ours['before_mb']:.0f} before){over}"
        )

    print()
    print(f"{'figure':44} {'PartyDesk':>11} {'baseline':>11} {'ratio':>7} {'goal':>8}   peak MB")
    ours, layout, canvas = (forms[n] for n in ("forms_partydesk", "forms_layout", "forms_canvas"))
    row(
        f"(a) forms, district: {forms['papers']} papers, {ours['pages']} p.",
        ours,
        canvas,
        forms["time_per_page_ratio"],
        "≤ 2×",
    )
    row("    layout alone (papers built beforehand)", layout, canvas, None, "")
    print(
        f"{'':44} per page: layout {forms['layout_time_per_page_ratio']:.2f}×, end to end over"
        f" canvas + data {forms['with_data_time_per_page_ratio']:.2f}×;"
        f" canvas {canvas['pages']} p., papers' data {canvas['data_s']:.2f} s"
    )
    row(
        f"(b) sheet data, province: {sheet['members']} members",
        sheet["sheet_data"],
        sheet["sheet_group_by"],
        sheet["data_ratio"],
        "",
    )
    row(
        "    sheet XLSX end to end",
        sheet["sheet_xlsx"],
        sheet["sheet_xlsxwriter"],
        sheet["xlsx_ratio"],
        "≤ 2×",
    )
    row(
        f"    sheet PDF end to end, {sheet['sheet_pdf']['pages']} p.",
        sheet["sheet_pdf"],
        sheet["sheet_canvas"],
        sheet["pdf_ratio"],
        "≤ 2×",
    )
    row(f"(c) open cycle, province: {cycle['member_rows']} rows", cycle, None, None, "")
    print(f"peak memory goal: ≤ {BUDGET_MB} MB (the whole process: PartyDesk / baseline)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one run of each figure")
    parser.add_argument(
        "--profile", choices=sorted(FIGURES), help="profile one figure (on the cached sample)"
    )
    parser.add_argument("--figure", choices=sorted(FIGURES), help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--cycle", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.figure:
        print(json.dumps(run_figure(args.figure, args.db, args.cycle)))
        return 0
    if args.profile:
        profile(args.profile)
        return 0
    runs = 1 if args.quick else 3
    print("Preparing samples…")
    sample("district"), sample("province")
    forms = bench_forms(runs)
    sheet = bench_sheet(runs)
    cycle = bench_open_cycle(1 if args.quick else 2)
    print_table(forms, sheet, cycle)
    report = {"forms": forms, "sheet": sheet, "open_cycle": cycle, "quick": args.quick}
    (OUT / "bench_evaluation.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
