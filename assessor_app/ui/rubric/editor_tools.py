"""The small row of tools under a feedback editor: cite the evidence on screen, open the comment bank.

Buttons for what Ctrl+E and Ctrl+B do, so the actions are discoverable and reachable with a mouse or a
screen reader; each row knows which editor it serves, so a click never lands in the wrong box.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget


class EditorTools(QWidget):
    citeRequested = Signal()
    bankRequested = Signal()

    def __init__(self, subject: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cite = QToolButton()
        self.cite.setText("Cite evidence")
        self.cite.setToolTip("Insert a citation of the evidence position on screen (Ctrl+E)")
        self.cite.setAccessibleName(f"Cite the evidence on screen in the feedback on {subject}")
        self.bank = QToolButton()
        self.bank.setText("Comment bank")
        self.bank.setToolTip("Insert a snippet from your comment bank (Ctrl+B); "
                             "Ctrl+Shift+B adds the selected text to it")
        self.bank.setAccessibleName(f"Insert a comment bank snippet in the feedback on {subject}")
        for button in (self.cite, self.bank):
            button.setAutoRaise(True)
            button.setProperty("role", "muted")
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.cite.clicked.connect(self.citeRequested)
        self.bank.clicked.connect(self.bankRequested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.cite)
        layout.addWidget(self.bank)
        layout.addStretch(1)
