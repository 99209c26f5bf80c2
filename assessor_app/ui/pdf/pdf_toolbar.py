"""The PDF pane's controls: pages, zoom, fit, rotation, find. Buttons only; the pane decides what they do.

Every control takes keyboard focus (Tab), has an accessible name and a tooltip naming its shortcut.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractSpinBox, QHBoxLayout, QLabel, QSizePolicy, QSpinBox, QToolButton, QWidget


def tool_button(text: str, name: str, tooltip: str, *, checkable: bool = False) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setAccessibleName(name)
    button.setToolTip(tooltip)
    button.setCheckable(checkable)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return button


def add_shortcuts(owner: QWidget,
                  table: Sequence[tuple[str | QKeySequence.StandardKey, Callable[[], object]]]) -> None:
    """Keys that work while the focus is anywhere inside ``owner`` (and only there: two panes side by side
    each keep their own PgDn)."""
    for key, action in table:
        shortcut = QShortcut(QKeySequence(key), owner)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(action)


class PdfToolbar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("PDF controls")
        self.title = QLabel()
        self.title.setAccessibleName("Document title")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        # A long title is cut at the pane's edge: sized to its text it would widen the pane and the whole window.
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.previous = tool_button("◀", "Previous page", "Previous page (Page Up)")
        self.page_box = QSpinBox()
        self.page_box.setAccessibleName("Page number")
        self.page_box.setToolTip("Type a page number and press Enter (Home: first page, End: last page)")
        self.page_box.setKeyboardTracking(False)  # jump on Enter, not on every digit typed
        self.page_box.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        self.page_box.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_box.setMinimumWidth(72)
        self.next = tool_button("▶", "Next page", "Next page (Page Down)")
        self.zoom_out = tool_button("−", "Zoom out", "Zoom out (Ctrl+-)")
        self.zoom_label = QLabel("100%")
        self.zoom_label.setAccessibleName("Zoom level")
        self.zoom_label.setMinimumWidth(44)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_in = tool_button("+", "Zoom in", "Zoom in (Ctrl+=)")
        self.fit_width = tool_button("Fit width", "Fit width", "Fit the page width to the pane (W)", checkable=True)
        self.fit_page = tool_button("Fit page", "Fit page", "Show the whole page (P)", checkable=True)
        self.rotate = tool_button("⟳ Rotate", "Rotate view", "Rotate the view 90° clockwise (R)")
        self.find = tool_button("Find…", "Find in document", "Find text in the document (Ctrl+F)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.title, 1)
        for widget in (self.previous, self.page_box, self.next):
            layout.addWidget(widget)
        layout.addSpacing(12)
        for widget in (self.zoom_out, self.zoom_label, self.zoom_in, self.fit_width, self.fit_page):
            layout.addWidget(widget)
        layout.addSpacing(12)
        layout.addWidget(self.rotate)
        layout.addWidget(self.find)

    def show_position(self, page: int, count: int) -> None:
        """``page`` 1-based; renders as "3 / 8"."""
        self.page_box.blockSignals(True)
        self.page_box.setRange(1, max(1, count))
        self.page_box.setSuffix(f" / {count}")
        self.page_box.setValue(page)
        self.page_box.blockSignals(False)
        self.previous.setEnabled(page > 1)
        self.next.setEnabled(page < count)

    def show_zoom(self, zoom: float, fit: str) -> None:
        self.zoom_label.setText(f"{round(zoom * 100)}%")
        self.fit_width.setChecked(fit == "width")
        self.fit_page.setChecked(fit == "page")

    def set_document_controls_enabled(self, enabled: bool) -> None:
        for widget in (self.previous, self.next, self.page_box, self.zoom_in, self.zoom_out, self.fit_width,
                       self.fit_page, self.rotate, self.find):
            widget.setEnabled(enabled)
        if not enabled:
            self.page_box.setSuffix("")

    def page_text(self) -> str:
        return self.page_box.text()
