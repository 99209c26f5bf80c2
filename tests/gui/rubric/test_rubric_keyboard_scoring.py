from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from assessor_app.ui.rubric.criterion_card import CriterionCard

DIGITS = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4]


def test_every_criterion_can_be_scored_by_keyboard_alone_and_the_levels_are_durable(
        qtbot, make_pane, press, reload, credential):
    pane = make_pane()
    pane.cards[0].setFocus()
    chosen = [3, 4, 2, 3, 1]
    for position, digit in enumerate(chosen):
        assert QApplication.focusWidget() is pane.cards[position]
        press(DIGITS[digit - 1])
        press(Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: pane.is_saved)
    expected = {c.id: c.levels[d - 1].id for c, d in zip(credential.rubric.criteria, chosen, strict=True)}
    assert dict(reload().levels) == expected
    assert [card.level_id for card in pane.cards] == list(expected.values())


def test_up_down_and_ctrl_arrows_move_between_cards_and_backspace_clears(qtbot, make_pane, press, reload):
    pane = make_pane()
    pane.cards[2].setFocus()
    press(Qt.Key.Key_Up)
    assert QApplication.focusWidget() is pane.cards[1]
    press(Qt.Key.Key_Return)  # Enter goes to the card's feedback editor
    assert QApplication.focusWidget() is pane.cards[1].editor
    press(Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is pane.cards[2]
    press(Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is pane.cards[1]
    press(Qt.Key.Key_4)
    qtbot.waitUntil(lambda: pane.is_saved)
    assert "questions" in reload().levels
    press(Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: pane.is_saved and pane.cards[1].level_id is None)
    assert "questions" not in reload().levels


def test_a_digit_beyond_the_scale_chooses_nothing(qtbot, make_pane, press):
    pane = make_pane()
    pane.cards[0].setFocus()
    press(Qt.Key.Key_7)
    assert pane.cards[0].level_id is None and pane.edits_in_flight == 0


def test_clicking_a_level_chooses_it_and_focuses_its_card(qtbot, make_pane, reload):
    pane = make_pane()
    card: CriterionCard = pane.cards[3]
    qtbot.mouseClick(card.options[2], Qt.MouseButton.LeftButton)
    assert card.options[2].chosen and not card.options[1].chosen
    assert QApplication.focusWidget() is card
    qtbot.waitUntil(lambda: pane.is_saved)
    assert reload().levels["work"] == "work-2"


def test_the_required_level_is_marked_as_meeting_the_bar(make_pane):
    pane = make_pane()
    marked = [o.level.label for o in pane.cards[0].options if "meets the bar" in o.accessibleName()]
    assert marked == ["Proficient"]


def test_below_the_bar_the_card_asks_for_feedback(qtbot, make_pane, press):
    pane = make_pane()
    card = pane.cards[0]
    card.setFocus()
    press(Qt.Key.Key_1)
    assert card.hint.isVisible() and "required" in card.hint.text()
    card.editor.setPlainText("Name one question you asked.")
    assert "required" not in card.hint.text()
    card.setFocus()
    press(Qt.Key.Key_3)
    assert not card.hint.isVisible()
    qtbot.waitUntil(lambda: pane.is_saved)


def test_tab_walks_through_every_control_of_a_card_into_the_next(qtbot, make_pane, press):
    pane = make_pane()
    card = pane.cards[0]
    card.setFocus()
    visited = []
    for _ in range(4):
        press(Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    assert visited == [card.editor, card.tools.cite, card.tools.bank, pane.cards[1]]


def test_every_focusable_control_has_an_accessible_name(make_pane, previous_attempt):
    pane = make_pane(previous=previous_attempt)
    focusable = [w for w in pane.findChildren(QWidget)
                 if w.isVisibleTo(pane) and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert len(focusable) > 20
    unnamed = [w for w in focusable if not w.accessibleName()]
    assert unnamed == []


def test_moving_into_a_card_taller_than_the_view_shows_its_top(qtbot, make_pane, press):
    pane = make_pane()
    pane.resize(560, 420)
    qtbot.waitUntil(lambda: pane.scroll.viewport().height() < pane.cards[2].height())
    pane.cards[1].setFocus()
    press(Qt.Key.Key_Down)
    card = pane.cards[2]
    top = card.mapTo(pane.scroll.widget(), card.rect().topLeft()).y()
    assert pane.scroll.verticalScrollBar().value() <= top
