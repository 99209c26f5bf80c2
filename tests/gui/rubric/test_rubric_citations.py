import uuid

from PySide6.QtCore import Qt

from assessor_app.domain.anchors import EvidenceAnchor, PdfLocation, TimeRange

CTRL = Qt.KeyboardModifier.ControlModifier
TITLES = {"ev-video": "Lesson video", "ev-plan": "Lesson plan"}


def video_at(start: float, end: float):
    def anchor_source(criterion_id: str | None) -> EvidenceAnchor | None:
        return EvidenceAnchor(str(uuid.uuid4()), "ev-video", TimeRange(start, end), criterion_id)

    return anchor_source


def test_ctrl_e_cites_the_evidence_position_at_the_cursor_and_records_the_anchor(qtbot, make_pane, press, reload):
    pane = make_pane(anchor_source=video_at(65, 92), titles=TITLES)
    editor = pane.card("video").editor
    editor.setFocus()
    qtbot.keyClicks(editor, "You probed well")
    press(Qt.Key.Key_E, CTRL)
    assert editor.toPlainText() == "You probed well [Lesson video 01:05–01:32]"
    qtbot.waitUntil(lambda: pane.is_saved and len(pane.card("video").chips.chips) == 1)
    sheet = reload()
    (anchor,) = sheet.anchors.values()
    assert anchor.criterion_id == "video" and anchor.selector == TimeRange(65, 92)
    assert sheet.feedback["video"] == "You probed well [Lesson video 01:05–01:32]"
    assert pane.card("video").chips.chips[0].text() == "[Lesson video 01:05–01:32]"


def test_a_citation_chip_jumps_to_its_anchor_by_click_or_enter(qtbot, make_pane, editor, credential):
    anchor = EvidenceAnchor("a-1", "ev-plan", PdfLocation(3, "exit ticket"), "work")
    editor.edit(lambda s: s.propose_anchor(anchor))
    pane = make_pane(titles=TITLES)
    (chip,) = pane.card("work").chips.chips
    assert chip.text() == "[Lesson plan p. 3: “exit ticket”]"
    with qtbot.waitSignal(pane.anchorActivated) as clicked:
        qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    assert clicked.args == [anchor]
    chip.setFocus()
    with qtbot.waitSignal(pane.anchorActivated) as entered:
        qtbot.keyClick(chip, Qt.Key.Key_Return)
    assert entered.args == [anchor]


def test_delete_on_a_chip_removes_the_citation(qtbot, make_pane, editor, reload):
    editor.edit(lambda s: s.propose_anchor(EvidenceAnchor("a-1", "ev-video", TimeRange(1, 2), "video")))
    pane = make_pane(titles=TITLES)
    (chip,) = pane.card("video").chips.chips
    chip.setFocus()
    qtbot.keyClick(chip, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: pane.is_saved and not pane.card("video").chips.isVisibleTo(pane))
    assert reload().anchors == {}


def test_the_cite_button_cites_into_the_overall_feedback_without_a_criterion(qtbot, make_pane, reload):
    pane = make_pane(anchor_source=video_at(5, 9), titles=TITLES)
    qtbot.mouseClick(pane.overall.tools.cite, Qt.MouseButton.LeftButton)
    assert pane.overall.editor.toPlainText() == "[Lesson video 00:05–00:09]"
    qtbot.waitUntil(lambda: pane.is_saved and len(pane.overall.chips.chips) == 1)
    (anchor,) = reload().anchors.values()
    assert anchor.criterion_id is None


def test_citing_with_no_evidence_open_says_what_to_do(qtbot, make_pane, press):
    pane = make_pane(anchor_source=lambda _criterion: None)
    pane.cards[0].setFocus()  # a focused card cites into its own feedback editor
    press(Qt.Key.Key_E, CTRL)
    assert pane.banner.isVisible() and pane.banner.tone == "info"
    assert "Open a piece of evidence" in pane.banner.plain_text()
    assert pane.cards[0].editor.toPlainText() == "" and pane.edits_in_flight == 0
