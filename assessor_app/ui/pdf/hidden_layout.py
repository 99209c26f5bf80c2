"""Giving a hidden page view the size it will be shown at.

Qt lays out only what is on screen: while the PDF pane is behind another evidence pane (its parent is a
``QStackedWidget``), or its page view behind a message in its own stack, they keep the size they last had. The
first pages prepared ahead are rendered for the size the page view will have when shown, so a window or splitter
resize meanwhile must reach the hidden widgets too, else the prepared render no longer fits and is not used.
"""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget, QWidget


def lay_out_hidden(pane: QWidget, stack: QStackedWidget, page: QWidget) -> None:
    """Size ``pane`` (when hidden in a stacked parent) and ``page`` (the page of ``stack`` holding the page view,
    when hidden) as their stacks will when they are shown; what is on screen is left to Qt."""
    parent = pane.parentWidget()
    if not pane.isVisible() and isinstance(parent, QStackedWidget):
        pane.setGeometry(parent.contentsRect())  # a stack gives every page its whole contents rect
        if (layout := pane.layout()) is not None:
            layout.setGeometry(pane.contentsRect())
    if not page.isVisible():
        page.setGeometry(stack.contentsRect())
        if (layout := page.layout()) is not None:
            layout.setGeometry(page.contentsRect())
