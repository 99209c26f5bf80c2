"""Child for the kill-after-edit test: the real rubric pane on a real store, edited by keyboard, then killed.

    python -m tests.gui.kill_child CRITERION DIGIT FEEDBACK|- saved|pressed

It opens the store under ``ASSESSOR_APP_HOME`` (the cache the parent reopens afterwards), makes sure the
assignment exists, builds ``RubricPane`` for its sheet, focuses the criterion's card and presses DIGIT there.

- ``saved``: then Enter (to the card's feedback editor), Ctrl+A, and types FEEDBACK over whatever was there;
  the pause in typing commits it, as it commits an assessor's typing. Once ``saved`` is emitted with nothing
  left pending, it prints ``SAVED <criterion> <level id>`` and keeps running: the parent kills it right after
  reading that line.
- ``pressed``: prints ``PRESSED <criterion> <level id>`` as soon as the key press returns, while the edit
  is on its way to the store's writer thread, and keeps running (FEEDBACK is ignored).

Everything is driven by the event loop; the process never exits on its own (only SIGKILL ends it), so what
the parent finds on disk is what was durable at the moment of the kill.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from assessor_app.domain.assignment import Assignment, AssignmentKind
from assessor_app.store.catalog import Catalog
from assessor_app.store.comment_bank import CommentBank
from assessor_app.store.database import Database
from assessor_app.store.paths import AppPaths
from assessor_app.store.sheet_editor import SheetEditor
from assessor_app.store.sheets import Author, SheetStore
from assessor_app.ui.rubric import RubricPane
from assessor_app.ui.tasks import TaskRunner
from tests.builders import sample_credential

ASSIGNMENT_ID = "asg-kill"
AUTHOR = Author("ana", "device-1")


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` key by key; QTest only knows ASCII keys, so other characters come as text-only key events
    (what an input method or a compose key delivers)."""
    for char in text:
        if char.isascii():
            QTest.keyClick(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def main(criterion_id: str, digit: str, feedback: str, mode: str) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication(sys.argv[:1])
    credential = sample_credential()
    paths = AppPaths.resolve().ensure()
    db = Database.open(paths.database, paths.backups)
    Catalog(db).save_assignment(Assignment(ASSIGNMENT_ID, "sub-kill", credential.id, credential.version, "ana",
                                           AssignmentKind.LIVE))
    sheets = SheetStore(db, AUTHOR)
    editor = SheetEditor(sheets, sheets.open(ASSIGNMENT_ID), credential)
    tasks = TaskRunner()
    pane = RubricPane(tasks, editor, CommentBank(db), confirm=lambda _text: True)
    pane.resize(560, 760)
    pane.show()
    card = pane.card(criterion_id)
    level_id = credential.rubric.criterion(criterion_id).levels[int(digit) - 1].id

    def report_when_durable() -> None:
        if pane.is_saved and card.level_id == level_id and editor.sheet.feedback.get(criterion_id) == feedback:
            say(f"SAVED {criterion_id} {level_id}")

    def edit() -> None:
        card.setFocus(Qt.FocusReason.OtherFocusReason)
        QTest.keyClick(card, getattr(Qt.Key, f"Key_{digit}"))
        if mode == "pressed":
            say(f"PRESSED {criterion_id} {level_id}")
            return
        pane.saved.connect(report_when_durable)
        QTest.keyClick(card, Qt.Key.Key_Return)  # Enter: to the feedback editor
        QTest.keyClick(card.editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # rewrite, not append
        type_text(card.editor, feedback)

    QTimer.singleShot(0, edit)
    app.exec()


if __name__ == "__main__":
    criterion_arg, digit_arg, feedback_arg, mode_arg = sys.argv[1:5]
    main(criterion_arg, digit_arg, "" if feedback_arg == "-" else feedback_arg, mode_arg)
