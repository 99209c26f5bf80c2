from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from assessor_app.ui.rubric.pane_header import SAVED, SAVING

CTRL = Qt.KeyboardModifier.ControlModifier


def test_typed_feedback_is_saved_when_typing_pauses(qtbot, make_pane, reload):
    pane = make_pane()
    editor = pane.cards[2].editor
    editor.setFocus()
    qtbot.keyClicks(editor, "You asked why twice.")
    assert pane.header.status.text() == SAVING
    with qtbot.waitSignal(pane.saved, timeout=3000):
        pass  # no focus change, no flush: only the pause commits
    assert reload().feedback["video"] == "You asked why twice."
    assert pane.header.status.text() == SAVED


def test_flush_commits_pending_text_without_waiting_for_the_pause(qtbot, make_pane, reload):
    pane = make_pane()
    pane.cards[0].editor.setFocus()
    qtbot.keyClicks(pane.cards[0].editor, "Context is clear")
    qtbot.keyClicks(pane.overall.editor, "Strong questioning overall")
    assert pane.has_pending
    with qtbot.waitSignal(pane.saved, timeout=500):
        pane.flush()
    sheet = reload()
    assert sheet.feedback["context"] == "Context is clear"
    assert sheet.overall_feedback == "Strong questioning overall"


def test_leaving_a_feedback_editor_commits_it(qtbot, make_pane, reload):
    pane = make_pane()
    pane.cards[1].editor.setFocus()
    qtbot.keyClicks(pane.cards[1].editor, "Good wait time")
    with qtbot.waitSignal(pane.saved, timeout=500):
        pane.cards[3].setFocus()
    assert reload().feedback["questions"] == "Good wait time"


def test_hiding_the_pane_saves_what_was_typed(qtbot, make_pane, reload):
    pane = make_pane()
    pane.overall.editor.setFocus()
    qtbot.keyClicks(pane.overall.editor, "Last words before closing")
    with qtbot.waitSignal(pane.saved, timeout=500):
        pane.window().close()
    assert reload().overall_feedback == "Last words before closing"


def test_ctrl_z_and_ctrl_shift_z_undo_and_redo_levels_and_text_through_the_sheet(qtbot, make_pane, press, reload):
    pane = make_pane()
    card = pane.cards[0]
    card.setFocus()
    press(Qt.Key.Key_2)
    press(Qt.Key.Key_4)
    card.editor.setFocus()
    qtbot.keyClicks(card.editor, "Clear context")
    press(Qt.Key.Key_Z, CTRL)  # in the editor: flushes the text, then undoes it
    qtbot.waitUntil(lambda: pane.is_saved and card.editor.toPlainText() == "")
    assert reload().feedback.get("context", "") == ""
    card.setFocus()
    press(Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: pane.is_saved and card.level_id == "context-1")
    assert reload().levels["context"] == "context-1"
    press(Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: pane.is_saved and card.level_id == "context-3")
    press(Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: pane.is_saved and card.editor.toPlainText() == "Clear context")
    assert dict(reload().feedback) == {"context": "Clear context"}
    assert QApplication.focusWidget() is card


def test_durable_work_is_shown_when_the_pane_opens(qtbot, make_pane, editor, credential):
    editor.edit(lambda s: s.propose_level(credential, "work", "work-3"))
    editor.edit(lambda s: s.propose_feedback(credential, "work", "Samples show growth"))
    pane = make_pane()
    assert pane.card("work").level_id == "work-3"
    assert pane.card("work").editor.toPlainText() == "Samples show growth"
    assert pane.header.status.text() == SAVED


def test_flush_with_nothing_pending_reports_saved_at_once(qtbot, make_pane):
    pane = make_pane()
    with qtbot.waitSignal(pane.saved, timeout=100):
        pane.flush()
    assert pane.edits_in_flight == 0
