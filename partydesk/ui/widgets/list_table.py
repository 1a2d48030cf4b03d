"""The read-only tables of the pages: one row (or cell) chosen at a time, compact rows.

Enter or a double click activates the current row; Tab leaves the table rather than walking
its cells, as in the register lists.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

ROW_HEIGHT = 24


def list_table(
    model: QAbstractItemModel,
    widths: Sequence[int] = (),
    *,
    stretch: int | None = None,
    select_rows: bool = True,
) -> QTableView:
    """A read-only view of ``model``, the columns ``widths`` pixels wide (0: left as it is).

    Column ``stretch`` takes the width the others leave; by default the last one does.
    """
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(
        QAbstractItemView.SelectionBehavior.SelectRows
        if select_rows
        else QAbstractItemView.SelectionBehavior.SelectItems
    )
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(stretch is None)
    for column, width in enumerate(widths):
        if width:
            table.setColumnWidth(column, width)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table
