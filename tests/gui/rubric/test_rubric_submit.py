from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from assessor_app.store.outbox import Outbox
from assessor_app.ui.rubric.pane_header import SUBMITTED

CTRL = Qt.KeyboardModifier.ControlModifier


def test_submit_is_blocked_with_the_problem_list_and_the_first_offending_card_gets_focus(
        qtbot, make_pane, press, editor, credential, db):
    editor.edit(lambda s: s.propose_level(credential, "context", "context-3"))
    editor.edit(lambda s: s.propose_level(credential, "questions", "questions-1"))
    asked: list[str] = []
    pane = make_pane(confirm=lambda text: asked.append(text) or True)
    pane.card("context").setFocus()
    press(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(pane.banner.isVisible)
    assert pane.banner.plain_text().startswith("Not ready to submit yet:")
    assert "“Questions” is below the bar and needs feedback for the teacher." in pane.banner.plain_text()
    assert "“Video” has no level yet." in pane.banner.plain_text()
    assert QApplication.focusWidget() is pane.card("questions")
    assert asked == [] and Outbox(db).pending() == [] and not pane.read_only


def test_submitting_freezes_the_pane_queues_the_sheet_and_says_it_waits_to_be_sent(
        qtbot, make_pane, editor, credential, db, reload):
    for c in credential.rubric.criteria:
        editor.edit(lambda s, c=c: s.propose_level(credential, c.id, c.levels[2].id))
    asked: list[str] = []
    pane = make_pane(confirm=lambda text: asked.append(text) or True,
                     coverage_provider=lambda: {"ev-video": {"watched": 0.34}})
    pane.set_coverage_summary("Video 34% watched · PDF 6/8 pages", warn=True)
    read_only_when_told: list[bool] = []
    pane.submitted.connect(lambda: read_only_when_told.append(pane.read_only))
    pane.overall.editor.setFocus()
    qtbot.keyClicks(pane.overall.editor, "Well done")  # typed just before submitting: still included
    with qtbot.waitSignal(pane.submitted, timeout=3000):
        qtbot.mouseClick(pane.recommendation.submit_button, Qt.MouseButton.LeftButton)
    assert read_only_when_told == [True]
    assert asked[0].startswith("Submit your recommendation of Earned?")
    assert "Video 34% watched · PDF 6/8 pages" in asked[0]
    (entry,) = Outbox(db).pending()
    assert entry.assignment_id == editor.sheet.assignment_id
    sheet = reload()
    assert sheet.submitted and sheet.overall_feedback == "Well done"
    assert pane.read_only and pane.header.status.text() == SUBMITTED
    assert pane.cards[0].editor.isReadOnly() and not pane.recommendation.submit_button.isVisible()
    pane.cards[0].setFocus()
    qtbot.keyClick(pane.cards[0], Qt.Key.Key_1)
    assert pane.cards[0].level_id == credential.rubric.criteria[0].levels[2].id and pane.edits_in_flight == 0


def test_declining_the_confirmation_submits_nothing(qtbot, make_pane, editor, credential, db):
    for c in credential.rubric.criteria:
        editor.edit(lambda s, c=c: s.propose_level(credential, c.id, c.levels[3].id))
    asked: list[str] = []
    pane = make_pane(confirm=lambda text: asked.append(text) is not None)
    pane.request_submit()
    assert asked and "The sheet becomes read-only" in asked[0] and "not seen all" not in asked[0]
    assert Outbox(db).pending() == [] and not pane.read_only and not editor.sheet.submitted


def test_a_sheet_already_submitted_opens_read_only(qtbot, make_pane, editor, credential):
    for c in credential.rubric.criteria:
        editor.edit(lambda s, c=c: s.propose_level(credential, c.id, c.levels[3].id))
    editor.submit()
    pane = make_pane()
    assert pane.read_only and pane.header.status.text() == SUBMITTED
    assert not pane.cards[0].tools.isVisible()
