"""The plain-language result of Verify (and of loading and exporting): what was verified, or exactly which
entry fails and why. Selectable text, an accessible name carrying the whole message, never a traceback."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from assessor_app.domain.audit_verify import Verification
from assessor_app.ui.rubric.style import set_style_flag

MAX_LISTED = 8


class VerifyBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("tone", "info")
        self.mark = QLabel()
        self.mark.setAccessibleName("Verification state")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                           | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        self._text = ""
        self.setVisible(False)

    @property
    def tone(self) -> str:
        return str(self.property("tone"))

    def plain_text(self) -> str:
        return self._text

    def show_message(self, text: str, tone: str = "info", items: list[str] | None = None) -> None:
        html = escape(text)
        if items:
            shown = items[:MAX_LISTED]
            html += "<ul style='margin:2px 0 0 -20px'>" + "".join(f"<li>{escape(i)}</li>" for i in shown) + "</ul>"
            if len(items) > len(shown):
                html += f"<p style='margin:0'>… and {len(items) - len(shown)} more (see the marked timeline rows).</p>"
        self._text = " ".join([text, *(items or [])])
        self.label.setText(html)
        self.label.setAccessibleName(self._text)
        self.setAccessibleName(self._text)
        self.mark.setText({"good": "✔", "error": "✖"}.get(tone, ""))
        self.mark.setVisible(tone in ("good", "error"))
        set_style_flag(self, "tone", tone)
        self.setVisible(True)

    def show_verification(self, result: Verification) -> None:
        if result.ok:
            self.show_message(result.summary(), "good")
            return
        entries = result.by_entry()
        count = "1 entry fails" if len(entries) == 1 else f"{len(entries)} entries fail"
        self.show_message(f"Submission {result.submission_id} does NOT verify: {count}.", "error", entries)
