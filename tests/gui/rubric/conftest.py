"""A real store for the rubric pane: a migrated SQLite cache, an assignment, its sheet and a comment bank.

``make_pane`` shows the pane in an active window (shortcuts need one) and, before pytest-qt closes it,
hides it (which flushes) and waits until every edit's result is back, so no callback outlives its test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from assessor_app.domain.assignment import Assignment
from assessor_app.domain.rubric import Recommendation
from assessor_app.domain.score_sheet import ScoreSheet
from assessor_app.domain.submission import PriorAttempt
from assessor_app.store.comment_bank import CommentBank
from assessor_app.store.database import Database
from assessor_app.store.paths import AppPaths
from assessor_app.store.sheet_editor import SheetEditor
from assessor_app.store.sheets import Author, SheetStore
from assessor_app.ui.rubric import RubricPane
from assessor_app.ui.tasks import TaskRunner


@pytest.fixture
def editor(sheets: SheetStore, assignment: Assignment, credential) -> SheetEditor:
    return SheetEditor(sheets, sheets.open(assignment.id), credential)


@pytest.fixture
def bank(db: Database) -> CommentBank:
    return CommentBank(db)


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    assert runner.wait_idle()


@pytest.fixture
def make_pane(qtbot, tasks: TaskRunner, editor: SheetEditor, bank: CommentBank) -> Callable[..., RubricPane]:
    def settle(pane: RubricPane) -> None:
        pane.hide()  # flushes, as a closing window does
        qtbot.waitUntil(lambda: pane.edits_in_flight == 0)

    def make(**kwargs) -> RubricPane:
        kwargs.setdefault("confirm", lambda _text: True)
        pane = RubricPane(tasks, editor, bank, **kwargs)
        qtbot.addWidget(pane, before_close_func=settle)
        pane.resize(560, 760)
        pane.show()
        qtbot.waitExposed(pane)
        pane.activateWindow()
        qtbot.waitUntil(pane.isActiveWindow)
        return pane

    return make


@pytest.fixture
def press(qtbot) -> Callable[..., None]:
    """Press a key where the keyboard focus is, as a person would."""

    def press_key(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        target = QApplication.focusWidget()
        assert isinstance(target, QWidget), "nothing has keyboard focus"
        qtbot.keyClick(target, key, modifier)

    return press_key


@pytest.fixture
def reload(paths: AppPaths, assignment: Assignment) -> Callable[[], ScoreSheet | None]:
    """The sheet as a fresh connection reads it from disk."""

    def load() -> ScoreSheet | None:
        fresh = Database.open(paths.database, paths.backups)
        try:
            return SheetStore(fresh, Author("ana", "device-1")).load(assignment.id)
        finally:
            fresh.close()

    return load


@pytest.fixture
def previous_attempt() -> PriorAttempt:
    return PriorAttempt(
        attempt=1, credential_version="1.0",
        levels={"context": "context-2", "questions": "questions-1", "video": "video-0"},
        feedback={"video": "The clip does not show students answering."},
        overall_feedback="Resubmit with a clip of whole-class questioning.",
        outcome=Recommendation.NOT_YET)
