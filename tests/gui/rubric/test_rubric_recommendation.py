from PySide6.QtCore import Qt

from assessor_app.domain.rubric import DecisionRule, Recommendation
from assessor_app.ui.rubric.recommendation_text import derived_explanation
from tests.builders import sample_credential


def all_at(credential, rank: int, **exceptions: int) -> dict[str, str]:
    return {c.id: c.levels[exceptions.get(c.id, rank)].id for c in credential.rubric.criteria}


def test_the_explanation_names_what_decides_the_recommendation(credential):
    assert derived_explanation(credential, {}) == "Score every criterion to see the recommendation (0 of 5 scored)"
    assert derived_explanation(credential, all_at(credential, 2)) == "Earned — every criterion meets the bar"
    assert derived_explanation(credential, all_at(credential, 3, video=1)) == "Not Yet — Video is below Proficient"
    assert derived_explanation(credential, all_at(credential, 3, video=1, work=0)) == \
        "Not Yet — Video and Work are below the bar"
    four_of_five = sample_credential(DecisionRule(min_meeting=4, floor_rank=1))
    assert derived_explanation(four_of_five, all_at(four_of_five, 2, video=1)) == \
        "Earned — 4 of 5 criteria meet the bar"
    assert derived_explanation(four_of_five, all_at(four_of_five, 2, video=1, work=1)) == \
        "Not Yet — 3 of 5 criteria meet the bar (4 needed)"
    assert derived_explanation(four_of_five, all_at(four_of_five, 2, video=0)) == \
        "Not Yet — Video is below the lowest level the rule allows"


def test_the_recommendation_follows_the_levels_as_they_are_chosen(qtbot, make_pane, press):
    pane = make_pane()
    shown = pane.recommendation.derived
    assert shown.text().startswith("Score every criterion")
    pane.cards[0].setFocus()
    for _ in pane.cards:
        press(Qt.Key.Key_3)
        press(Qt.Key.Key_Down)
    assert shown.text() == "Earned — every criterion meets the bar"
    pane.card("video").setFocus()
    press(Qt.Key.Key_2)
    assert shown.text() == "Not Yet — Video is below Proficient"
    qtbot.waitUntil(lambda: pane.is_saved)
    assert shown.text() == "Not Yet — Video is below Proficient"


def score_all(editor, credential, rank: int) -> None:
    for c in credential.rubric.criteria:
        editor.edit(lambda s, c=c: s.propose_level(credential, c.id, c.levels[rank].id))


def test_an_override_that_contradicts_the_rule_needs_a_reason(qtbot, make_pane, editor, credential, reload):
    score_all(editor, credential, 3)
    pane = make_pane()
    dialog = pane.open_override_dialog()
    assert dialog.not_yet.isChecked()  # an override offers the other outcome
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "contradicts the rubric's rule; give a reason" in dialog.error.text()
    assert reload().override is None
    dialog.reason.setPlainText("The video shows scripted questions only.")
    with qtbot.waitSignal(pane.saved):
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    sheet = reload()
    assert sheet.override is Recommendation.NOT_YET
    assert sheet.override_reason == "The video shows scripted questions only."
    assert pane.recommendation.derived.text() == "Not Yet (your override)"
    assert "Reason: The video shows scripted questions only." in pane.recommendation.override_line.text()
    assert pane.recommendation.clear_button.isVisible()


def test_an_override_that_agrees_with_the_rule_needs_no_reason_and_can_be_cleared(
        qtbot, make_pane, editor, credential, reload):
    score_all(editor, credential, 3)
    pane = make_pane()
    dialog = pane.open_override_dialog()
    dialog.earned.setChecked(True)
    with qtbot.waitSignal(pane.saved):
        dialog.try_accept()
    assert reload().override is Recommendation.EARNED
    assert "The rule agrees." in pane.recommendation.override_line.text()
    with qtbot.waitSignal(pane.saved):
        qtbot.mouseClick(pane.recommendation.clear_button, Qt.MouseButton.LeftButton)
    assert reload().override is None
    assert pane.recommendation.derived.text() == "Earned — every criterion meets the bar"
    assert not pane.recommendation.clear_button.isVisible()
