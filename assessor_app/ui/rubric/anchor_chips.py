"""The citations recorded for one criterion (or the overall feedback), as chips that jump the evidence there.

A chip is a button: click, Enter or Space activates it; Delete (or its context menu) removes the citation.
The anchors themselves live in the score sheet; this widget only shows them and reports intentions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from assessor_app.domain.anchors import EvidenceAnchor
from assessor_app.ui.rubric.flow_layout import FlowLayout

TitleOf = Callable[[str], str]


class AnchorChip(QPushButton):
    removeRequested = Signal(object)  # EvidenceAnchor

    def __init__(self, anchor: EvidenceAnchor, citation: str, parent: QWidget | None = None) -> None:
        super().__init__(citation, parent)
        self.anchor = anchor
        self.read_only = False
        self.setAutoDefault(True)  # Enter activates, not only Space
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFlat(True)
        self.setAccessibleName(f"Citation {citation}")
        self.setToolTip("Show this moment in the evidence (Enter). Delete removes the citation.")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not self.read_only:
            self.removeRequested.emit(self.anchor)
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        menu.addAction("Show in evidence", self.click)
        remove = menu.addAction("Remove citation", lambda: self.removeRequested.emit(self.anchor))
        remove.setEnabled(not self.read_only)
        menu.exec(event.globalPos())
        menu.deleteLater()


class AnchorChips(QWidget):
    activated = Signal(object)  # EvidenceAnchor
    removeRequested = Signal(object)  # EvidenceAnchor

    def __init__(self, title_of: TitleOf, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title_of = title_of
        self._layout = FlowLayout(self)
        self._shown: tuple[EvidenceAnchor, ...] = ()
        self._read_only = False
        self.setVisible(False)

    @property
    def chips(self) -> list[AnchorChip]:
        return [item.widget() for item in (self._layout.itemAt(i) for i in range(self._layout.count()))
                if item is not None and isinstance(item.widget(), AnchorChip)]

    def show_anchors(self, anchors: Sequence[EvidenceAnchor]) -> None:
        if tuple(anchors) == self._shown:
            return
        self._shown = tuple(anchors)
        for chip in self.chips:
            self._layout.removeWidget(chip)
            chip.deleteLater()
        for anchor in anchors:
            chip = AnchorChip(anchor, anchor.citation(self._title_of(anchor.evidence_id)), self)
            chip.read_only = self._read_only
            chip.clicked.connect(lambda _checked=False, a=anchor: self.activated.emit(a))
            chip.removeRequested.connect(self.removeRequested)
            self._layout.addWidget(chip)
        self.setVisible(bool(anchors))
        self.updateGeometry()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for chip in self.chips:
            chip.read_only = read_only
