"""Moving to the next assignment shows its sheet in the same pane (same credential version): what is on screen and
every edit from then on belong to the new sheet, and nothing typed for the previous one is lost or misplaced."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from assessor_app.domain.assignment import Assignment, AssignmentKind
from assessor_app.store.catalog import Catalog
from assessor_app.store.database import Database
from assessor_app.store.paths import AppPaths
from assessor_app.store.sheet_editor import SheetEditor
from assessor_app.store.sheets import Author, SheetStore
from tests.builders import sample_credential


@pytest.fixture
def second(db, sheets: SheetStore, credential) -> SheetEditor:
    """Another assignment of the same credential version, with a level and feedback already recorded."""
    Catalog(db).save_assignment(Assignment("asg-2", "sub-2", credential.id, credential.version, "ana",
                                           AssignmentKind.LIVE))
    earlier = SheetEditor(sheets, sheets.open("asg-2"), credential)
    earlier.edit(lambda s: s.propose_level(credential, "questions", "questions-0"))
    earlier.edit(lambda s: s.propose_feedback(credential, "questions", "Ask a hinge question before moving on."))
    earlier.edit(lambda s: s.propose_overall_feedback("A clear lesson; the questioning needs depth."))
    return SheetEditor(sheets, sheets.open("asg-2"), credential)  # as opening the assignment again loads it


@pytest.fixture
def read_sheet(paths: AppPaths):
    def read(assignment_id: str):
        fresh = Database.open(paths.database, paths.backups)
        try:
            return SheetStore(fresh, Author("ana", "device-1")).load(assignment_id)
        finally:
            fresh.close()
    return read


def test_the_kept_pane_shows_the_next_sheets_levels_feedback_and_recommendation(make_pane, second):
    pane = make_pane()
    cards = list(pane.cards)
    assert pane.can_show(second)
    pane.show_other_sheet(second, None, {"ev-1": "Lesson video"})
    assert pane.cards == cards  # the same cards, not built again
    questions = pane.card("questions")
    assert questions.level_id == "questions-0" and questions.level_badge.text() == "Beginning"
    assert questions.editor.toPlainText() == "Ask a hinge question before moving on."
    assert pane.overall.editor.toPlainText() == "A clear lesson; the questioning needs depth."
    assert all(card.level_id is None for card in pane.cards if card is not questions)
    assert pane.recommendation.derived.text().startswith("Score every criterion")
    assert pane.is_saved


def test_edits_after_moving_on_go_to_the_next_sheet_only(qtbot, make_pane, press, second, read_sheet):
    pane = make_pane()
    pane.show_other_sheet(second, None)
    pane.card("context").setFocus()
    press(Qt.Key.Key_3)
    qtbot.waitUntil(lambda: pane.is_saved, timeout=5000)
    assert read_sheet("asg-2").levels["context"] == "context-2"
    assert read_sheet("asg-1").levels == {}


def test_text_typed_before_moving_on_lands_on_the_sheet_it_was_typed_for(qtbot, tasks, make_pane, second,
                                                                         read_sheet):
    pane = make_pane()
    editor = pane.card("work").editor
    editor.setFocus()
    qtbot.keyClicks(editor, "Exit tickets show most students got it")
    pane.flush()  # as the scoring view does before moving on; the edit is still on its way to the store
    pane.show_other_sheet(second, None)
    assert editor.toPlainText() == ""  # the next sheet has no feedback on this criterion
    assert tasks.wait_idle()
    qtbot.waitUntil(lambda: pane.is_saved, timeout=5000)
    assert read_sheet("asg-1").feedback["work"] == "Exit tickets show most students got it"
    assert "work" not in read_sheet("asg-2").feedback
    assert editor.toPlainText() == ""  # the first sheet's late answer did not come back on screen


def test_undo_after_moving_on_undoes_only_the_next_sheets_edits(qtbot, make_pane, press, second, read_sheet):
    pane = make_pane()
    pane.card("context").setFocus()
    press(Qt.Key.Key_2)
    qtbot.waitUntil(lambda: pane.is_saved, timeout=5000)
    pane.show_other_sheet(second, None)
    pane.card("video").setFocus()
    press(Qt.Key.Key_4)
    qtbot.waitUntil(lambda: pane.is_saved, timeout=5000)
    press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: pane.is_saved and pane.card("video").level_id is None, timeout=5000)
    press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # nothing more to undo on this sheet
    qtbot.waitUntil(lambda: pane.is_saved, timeout=5000)
    assert read_sheet("asg-1").levels == {"context": "context-1"}
    assert read_sheet("asg-2").levels == {"questions": "questions-0"}
    assert read_sheet("asg-2").overall_feedback == "A clear lesson; the questioning needs depth."


def test_the_previous_attempt_follows_the_sheet_shown(make_pane, second, previous_attempt):
    pane = make_pane()
    pane.show_other_sheet(second, previous_attempt)
    assert pane.header.attempt.text() == "Attempt 2 — previous outcome: Not Yet"
    assert pane.card("video").previous.toggle.text() == "Attempt 1: Beginning"
    assert [o.level.label for o in pane.card("video").options if "previous attempt" in o.accessibleName()] == [
        "Beginning"]
    assert "Resubmit with a clip" in pane.overall.previous.feedback.text()
    pane.show_other_sheet(second, None)
    assert all(card.previous is None for card in pane.cards) and pane.overall.previous is None
    assert not any("previous attempt" in o.accessibleName() for card in pane.cards for o in card.options)
    assert pane.header.attempt.text().startswith("Rule: Every criterion at or above")


def test_a_submitted_sheet_is_read_only_and_the_next_one_is_editable_again(
        qtbot, make_pane, press, editor, credential, second, read_sheet):
    for criterion in credential.rubric.criteria:
        editor.edit(lambda s, c=criterion.id: s.propose_level(credential, c, f"{c}-2"))
    editor.submit(None)
    pane = make_pane()
    assert pane.read_only
    pane.show_other_sheet(second, None)
    assert not pane.read_only and pane.recommendation.submit_button.isVisible()
    assert not pane.card("context").editor.isReadOnly()
    pane.card("context").setFocus()
    press(Qt.Key.Key_1)
    qtbot.waitUntil(lambda: pane.is_saved, timeout=5000)
    assert read_sheet("asg-2").levels["context"] == "context-0"
    pane.show_other_sheet(editor, None)
    assert pane.read_only and pane.card("context").level_id == "context-2"


def test_another_credential_version_needs_a_pane_of_its_own(make_pane, db, sheets):
    newer = sample_credential(version="2.0")
    Catalog(db).save_assignment(Assignment("asg-3", "sub-3", newer.id, newer.version, "ana", AssignmentKind.LIVE))
    pane = make_pane()
    assert not pane.can_show(SheetEditor(sheets, sheets.open("asg-3"), newer))
