"""Tab order that follows what the clerk sees, top to bottom, even after rows are added.

Qt's default Tab chain is the order in which widgets were created; a row or agenda item added
while typing would be reached only after the last field of the form. ``apply_visual_tab_order``
walks the layouts in order and chains every focusable widget in that order.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QComboBox,
    QLayout,
    QScrollArea,
    QWidget,
)
from shiboken6 import isValid


def _accepts_tab(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def _walk_widget(widget: QWidget, out: list[QWidget]) -> None:
    # A stale PySide wrapper can stand for a freed layout item at a reused address.
    if not isinstance(widget, QWidget) or not isValid(widget):
        return
    proxy = widget.focusProxy()
    if proxy is not None:
        # A composite field (DateField) is one stop, reached through its proxy.
        if _accepts_tab(proxy):
            out.append(proxy)
        return
    if _accepts_tab(widget):
        out.append(widget)
        if isinstance(widget, QComboBox | QAbstractScrollArea) and not isinstance(
            widget, QScrollArea
        ):
            return  # a text box or combo is one stop; its inner parts are not
    if isinstance(widget, QScrollArea) and widget.widget() is not None:
        _walk_widget(widget.widget(), out)
        return
    layout = widget.layout()
    if layout is not None:
        _walk_layout(layout, out)


def _walk_layout(layout: QLayout, out: list[QWidget]) -> None:
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        if item.widget() is not None:
            _walk_widget(item.widget(), out)
        elif item.layout() is not None:
            _walk_layout(item.layout(), out)


def focus_chain(root: QWidget) -> list[QWidget]:
    """The widgets Tab should visit under ``root``, in the order their layouts show them."""
    out: list[QWidget] = []
    layout = root.layout()
    if layout is not None:
        _walk_layout(layout, out)
    return out


def apply_visual_tab_order(root: QWidget) -> list[QWidget]:
    chain = focus_chain(root)
    for first, second in zip(chain, chain[1:], strict=False):
        QWidget.setTabOrder(first, second)
    return chain
