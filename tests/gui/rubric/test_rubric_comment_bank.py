from PySide6.QtCore import QSortFilterProxyModel, Qt

from assessor_app.store.comment_bank import Comment
from assessor_app.ui.rubric.comment_model import CommentModel

CTRL = Qt.KeyboardModifier.ControlModifier


def test_ctrl_b_offers_the_criterion_snippets_first_and_enter_inserts_the_filtered_one(
        qtbot, make_pane, press, bank, credential):
    bank.add(credential.id, "Cite a specific moment from the video.")
    bank.add(credential.id, "Name the follow-up question you heard.", criterion_id="video")
    bank.add(credential.id, "Show a student sample.", criterion_id="work")
    pane = make_pane()
    editor = pane.card("video").editor
    editor.setFocus()
    qtbot.keyClicks(editor, "Next time:")
    press(Qt.Key.Key_B, CTRL)
    popup = pane.assist.comment_popup
    qtbot.waitUntil(popup.isVisible)
    shown = [popup.proxy.index(r, 0).data() for r in range(popup.proxy.rowCount())]
    assert shown == ["Name the follow-up question you heard.", "Cite a specific moment from the video."]
    qtbot.keyClicks(popup.filter, "MOMENT")
    assert popup.proxy.rowCount() == 1
    qtbot.keyClick(popup.filter, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert editor.toPlainText() == "Next time: Cite a specific moment from the video."
    with qtbot.waitSignal(pane.saved, timeout=500):
        pane.flush()


def test_arrow_keys_pick_a_snippet_while_typing_stays_in_the_filter(qtbot, make_pane, press, bank, credential):
    bank.add(credential.id, "First snippet")
    bank.add(credential.id, "Second snippet")
    pane = make_pane()
    pane.overall.editor.setFocus()
    press(Qt.Key.Key_B, CTRL)
    popup = pane.assist.comment_popup
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup.filter, Qt.Key.Key_Down)
    qtbot.keyClick(popup.filter, Qt.Key.Key_Enter)
    assert pane.overall.editor.toPlainText() == "Second snippet"


def test_selected_feedback_can_be_added_to_the_comment_bank(qtbot, make_pane, press, bank, credential):
    pane = make_pane()
    editor = pane.card("questions").editor
    editor.setFocus()
    qtbot.keyClicks(editor, "Ask students to justify answers.")
    editor.selectAll()
    press(Qt.Key.Key_B, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: pane.banner.isVisible())
    assert "Added to your comment bank" in pane.banner.plain_text()
    assert [(c.text, c.criterion_id) for c in bank.comments(credential.id)] == [
        ("Ask students to justify answers.", "questions")]


def test_an_empty_comment_bank_explains_how_to_fill_it(qtbot, make_pane, press):
    pane = make_pane()
    pane.cards[0].editor.setFocus()
    press(Qt.Key.Key_B, CTRL)
    popup = pane.assist.comment_popup
    qtbot.waitUntil(popup.isVisible)
    assert popup.empty.isVisible() and "Ctrl+Shift+B" in popup.empty.text()
    qtbot.keyClick(popup.filter, Qt.Key.Key_Escape)
    assert not popup.isVisible()


def test_the_comment_model_and_its_filter_pass_the_model_tester(qtmodeltester):
    model = CommentModel()
    model.set_rows([Comment("1", "cred", "video", "Name the follow-up question " * 8),
                    Comment("2", "cred", None, "Cite a moment")], {"video": "Video evidence"})
    qtmodeltester.check(model, force_py=True)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterFixedString("cite")
    qtmodeltester.check(proxy, force_py=True)
    assert model.index(0, 0).data().endswith("…") and len(model.index(0, 0).data()) <= 140
