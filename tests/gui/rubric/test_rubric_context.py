from PySide6.QtCore import Qt

from assessor_app.domain.assignment import AssignmentState
from assessor_app.store.catalog import Catalog
from assessor_app.ui.rubric.pane_header import NOT_SAVED


def test_a_resubmission_shows_the_previous_attempt_on_every_card_and_in_the_header(make_pane, previous_attempt):
    pane = make_pane(previous=previous_attempt)
    assert pane.header.attempt.text() == "Attempt 2 — previous outcome: Not Yet"
    video = pane.card("video")
    assert video.previous.toggle.text() == "Attempt 1: Beginning"
    assert video.previous.feedback.text() == "The clip does not show students answering."
    assert [o.level.label for o in video.options if "previous attempt" in o.accessibleName()] == ["Beginning"]
    assert pane.card("work").previous.toggle.text() == "Attempt 1: not scored"
    assert "Resubmit with a clip" in pane.overall.previous.feedback.text()


def test_the_previous_feedback_collapses_and_expands(qtbot, make_pane, previous_attempt):
    pane = make_pane(previous=previous_attempt)
    view = pane.card("video").previous
    assert view.feedback.isVisible()
    qtbot.mouseClick(view.toggle, Qt.MouseButton.LeftButton)
    assert not view.feedback.isVisible() and not view.expanded
    view.toggle.setFocus()
    qtbot.keyClick(view.toggle, Qt.Key.Key_Space)
    assert view.feedback.isVisible()


def test_a_first_attempt_has_no_previous_attempt_views(make_pane):
    pane = make_pane()
    assert all(card.previous is None for card in pane.cards)
    assert pane.header.attempt.text().startswith("Rule: Every criterion at or above")


def test_a_revoked_assignment_refuses_edits_with_a_banner_and_the_level_reverts(
        qtbot, make_pane, press, db, assignment, reload):
    Catalog(db).move(assignment.id, AssignmentState.REVOKED)
    pane = make_pane()
    pane.cards[0].setFocus()
    with qtbot.waitSignal(pane.saveFailed) as refused:
        press(Qt.Key.Key_3)
    qtbot.waitUntil(lambda: pane.edits_in_flight == 0)
    assert "The issuer withdrew this assignment" in refused.args[0]
    assert pane.banner.isVisible() and pane.banner.tone == "error"
    assert "withdrew" in pane.banner.plain_text() and "Traceback" not in pane.banner.plain_text()
    assert pane.cards[0].level_id is None
    assert pane.recommendation.derived.text().startswith("Score every criterion")
    assert pane.header.status.text() == NOT_SAVED
    assert reload().levels == {}


def test_refused_feedback_text_stays_on_screen_marked_not_saved(qtbot, make_pane, db, assignment, reload):
    Catalog(db).move(assignment.id, AssignmentState.REVOKED)
    pane = make_pane()
    editor = pane.cards[1].editor
    editor.setFocus()
    qtbot.keyClicks(editor, "Words worth keeping")
    with qtbot.waitSignal(pane.saveFailed):
        pane.flush()
    qtbot.waitUntil(lambda: pane.edits_in_flight == 0)
    assert editor.toPlainText() == "Words worth keeping" and editor.has_unsaved_text
    assert pane.header.status.text() == NOT_SAVED and not pane.is_saved
    assert reload().feedback == {}


def test_the_coverage_summary_line_shows_and_warns(make_pane):
    pane = make_pane()
    assert not pane.header.coverage.isVisible()
    pane.set_coverage_summary("Video 34% watched · PDF 6/8 pages", warn=True)
    assert pane.header.coverage.isVisible()
    assert pane.header.coverage.text().endswith("Video 34% watched · PDF 6/8 pages")
    assert pane.header.coverage.property("warn") is True
    pane.set_coverage_summary("Video 100% watched · PDF 8/8 pages", warn=False)
    assert pane.header.coverage.property("warn") is False
