"""Many papers of the evaluation (forms, ballots, records, decisions) printed as one HD 36 PDF.

Each paper starts on a new page and numbers its own pages from its second page, as if printed
alone, so the stack can be split and handed out. Papers are laid out one at a time while the
PDF is built (never all flowables at once: 3,000 forms would hold a few hundred thousand
paragraphs in memory), which is also where progress is reported and a cancel request is
honoured. reportlab writes the file only at the very end, so a cancelled run writes nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from os import PathLike
from typing import Any, BinaryIO

from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import BaseDocTemplate, Flowable, PageBreak
from reportlab.platypus.doctemplate import ActionFlowable

from partydesk.reports import hd36
from partydesk.reports.briefing_layout import PrintedDocument
from partydesk.reports.briefing_pdf import document_flowables
from partydesk.reports.fonts import SERIF

Progress = Callable[[int, int, str], None]


class RenderCancelled(Exception):
    """The user stopped the rendering; no PDF was written."""


class _PageNumbers:
    """Numbers each paper's pages from its own first page (HD 36: shown from page 2)."""

    def __init__(self) -> None:
        self.first_page = 1

    def draw(self, canvas: Any, doc: BaseDocTemplate) -> None:
        # Drawn when the page ends: by then the paper that starts on it has set first_page.
        number = doc.page - self.first_page + 1
        if number < 2:
            return
        size = hd36.PAGE_NUMBER_SIZE
        baseline = doc.pagesize[1] - hd36.PAGE_NUMBER_FROM_TOP - pdfmetrics.getAscent(SERIF, size)
        canvas.saveState()
        canvas.setFont(SERIF, size)
        canvas.drawCentredString(doc.leftMargin + doc.width / 2, baseline, str(number))
        canvas.restoreState()


class _PaperStarts(ActionFlowable):
    """Marks the page the next paper starts on."""

    def __init__(self, numbers: _PageNumbers) -> None:
        super().__init__()
        self.numbers = numbers

    def apply(self, doc: BaseDocTemplate) -> None:
        self.numbers.first_page = doc.page


class _PaperSlot(Flowable):
    """Stands for a paper until the layout reaches it; then its flowables replace it."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index


def _no_page_number(canvas: Any, doc: BaseDocTemplate) -> None:
    return None


def render_papers(
    papers: Sequence[PrintedDocument],
    out: BinaryIO | str | PathLike[str],
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    *,
    title: str | None = None,
) -> int:
    """Write every paper, each from a new page, as one PDF to ``out``; returns the page count.

    ``progress(done, total, message)`` is called before each paper and at the end; ``cancel``
    is checked before each paper and raises ``RenderCancelled``. The file's properties are the
    first paper's, its title ``title`` when given.
    """
    if not papers:
        raise ValueError("render_papers needs at least one paper")
    first = papers[0]
    doc = hd36.document_template(
        out, title=title or first.title, author=first.author, subject=first.subject
    )
    numbers = _PageNumbers()
    template = doc.pageTemplates[-1]
    template.onPage = _no_page_number
    template.onPageEnd = numbers.draw
    total = len(papers)

    def lay_out_next(flowables: list[Flowable]) -> None:
        slot = flowables[0]
        if not isinstance(slot, _PaperSlot):
            return
        if cancel is not None and cancel.is_set():
            raise RenderCancelled()
        if progress is not None:
            progress(slot.index, total, f"Đang in giấy tờ {slot.index + 1}/{total}")
        lead: list[Flowable] = [PageBreak()] if slot.index else []
        flowables[0:1] = [*lead, _PaperStarts(numbers), *document_flowables(papers[slot.index])]

    # reportlab offers every flowable to this hook just before laying it out.
    doc.filterFlowables = lay_out_next  # type: ignore[method-assign]
    doc.build([_PaperSlot(index) for index in range(total)])
    if progress is not None:
        progress(total, total, f"Đã in {total} giấy tờ, {doc.page} trang")
    return doc.page
