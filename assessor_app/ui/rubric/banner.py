"""A message strip at the top of the pane: refusals from the store, submission problems, small notices.

Never a traceback and never a blocking dialog for something the assessor can read and dismiss.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from assessor_app.ui.rubric.style import set_style_flag

INFO_MS = 6000


class Banner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("tone", "info")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dismiss = QPushButton("Dismiss")
        self.dismiss.setAccessibleName("Dismiss message")
        self.dismiss.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self.setVisible(False)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(INFO_MS)
        self._timer.timeout.connect(self.hide)

    @property
    def tone(self) -> str:
        return str(self.property("tone"))

    def show_message(self, text: str, items: list[str] | None = None, tone: str = "error") -> None:
        html = _escape(text)
        if items:
            html += "<ul style='margin:2px 0 0 -20px'>" + "".join(f"<li>{_escape(i)}</li>" for i in items) + "</ul>"
        self.label.setText(html)
        self.setAccessibleName(" ".join([text, *(items or [])]))
        set_style_flag(self, "tone", tone)
        self.setVisible(True)
        if tone == "info":  # a notice fades by itself; problems and refusals stay until dismissed
            self._timer.start()
        else:
            self._timer.stop()

    def plain_text(self) -> str:
        return self.accessibleName()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
