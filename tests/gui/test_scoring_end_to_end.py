"""An assessor's whole path in the real window: demo issuer, sync, open, score by keyboard, cite, follow the
citation back to the video, submit, and the decision reaches the outbox and then the issuer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from assessor_app.demo import DemoSession
from assessor_app.domain.anchors import TimeRange
from assessor_app.domain.assignment import AssignmentState
from assessor_app.store.catalog import Catalog
from assessor_app.store.database import Database
from assessor_app.store.outbox import Outbox
from assessor_app.store.settings import Settings
from assessor_app.ui.main_window import MainWindow
from assessor_app.ui.tasks import TaskRunner

DIGITS = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4]


@pytest.fixture
def synced_window(qtbot, paths, tmp_path, monkeypatch):
    monkeypatch.setattr("assessor_app.ui.rubric.pane.ask_to_submit", lambda _parent, _text: True)
    session = DemoSession(tmp_path / "issuer")
    tasks = TaskRunner()
    window = MainWindow(paths, tasks, Settings(paths.settings), " — demo", session.start)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    with qtbot.waitSignal(window.sync.finished, timeout=60000):
        window.open_cache()
    qtbot.waitUntil(lambda: window.model.rowCount() == 11, timeout=10000)
    yield window
    window.close()
    tasks.wait_idle()
    session.stop()


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    target = QApplication.focusWidget()
    assert isinstance(target, QWidget), "nothing has keyboard focus"
    qtbot.keyClick(target, key, modifier)


def test_score_cite_follow_and_submit_by_keyboard(qtbot, synced_window, paths):
    window = synced_window
    window.table.setFocus()
    window.table.setCurrentIndex(window.proxy.index(0, 0))
    with qtbot.waitSignal(window.scoring.loaded, timeout=20000):
        press(qtbot, Qt.Key.Key_Return)  # Enter opens the assignment
    view = window.scoring
    rubric = view.rubric
    assert rubric is not None
    with qtbot.waitSignal(view.evidence.video.frameShown, timeout=20000):
        pass  # the lesson video opens first and shows its first frame

    # Score every criterion at "Proficient" by keyboard only.
    rubric.cards[0].setFocus()
    for _card in rubric.cards:
        press(qtbot, DIGITS[2])
        press(qtbot, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: rubric.is_saved, timeout=10000)

    # Feedback with a citation of the current video moment.
    view.evidence.video.seek(6.0)
    qtbot.waitUntil(lambda: abs(view.evidence.video.current_time() - 6.0) < 0.6, timeout=10000)
    editor = rubric.cards[2].editor
    editor.setFocus()
    qtbot.keyClicks(editor, "Wait time after the hinge question ")
    press(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: rubric.is_saved and len(view.context.editor.sheet.anchors) == 1, timeout=10000)
    [anchor] = view.context.editor.sheet.anchors.values()
    assert isinstance(anchor.selector, TimeRange) and anchor.selector.end == pytest.approx(6.0, abs=0.6)
    assert "[" in editor.toPlainText()

    # Follow the citation back: the video jumps to its start.
    view.evidence.video.seek(1.0)
    qtbot.waitUntil(lambda: view.evidence.video.current_time() < 2.0, timeout=10000)
    rubric.anchorActivated.emit(anchor)
    qtbot.waitUntil(lambda: abs(view.evidence.video.current_time() - anchor.selector.start) < 0.6, timeout=10000)

    # Submit (Ctrl+Enter): the sheet is frozen and waits in the outbox, then goes to the issuer.
    assignment_id = view.context.assignment.id
    with qtbot.waitSignal(rubric.submitted, timeout=10000):
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert rubric.read_only
    db = Database.open(paths.database, paths.backups)
    try:
        sent = Outbox(db).all_for(assignment_id)
        assert len(sent) == 1 and sent[0]["payload"]["recommendation"] == "earned"
        assert "videos" in sent[0]["payload"]["coverage"]
        qtbot.waitUntil(lambda: Catalog(db).assignment(assignment_id).state is AssignmentState.SYNCED, timeout=30000)
    finally:
        db.close()


def test_next_and_previous_move_through_the_queue_without_going_back(qtbot, synced_window):
    window = synced_window
    first = window.proxy.index(0, 0).data(Qt.ItemDataRole.UserRole + 1).assignment_id
    second = window.proxy.index(1, 0).data(Qt.ItemDataRole.UserRole + 1).assignment_id
    with qtbot.waitSignal(window.scoring.loaded, timeout=20000) as opened:
        window.open_assignment(first)
    assert opened.args == [first]
    with qtbot.waitSignal(window.scoring.loaded, timeout=20000) as moved:
        window.scoring.step(1)
    assert moved.args == [second]
    with qtbot.waitSignal(window.scoring.loaded, timeout=20000) as back:
        window.scoring.step(-1)
    assert back.args == [first]
