"""The PDF pane as an assessor uses it: turn pages, zoom, rotate, find, select a quote, cite, and be counted."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from assessor_app.ui.pdf.page_geometry import FitMode
from assessor_app.ui.pdf.pdf_pane import PdfPane

from .conftest import CORRUPT_PDF


def label(pane: PdfPane) -> str:
    return pane.toolbar.page_text()


def press(qtbot, pane: PdfPane, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed with the focus on the page, the way an assessor reads."""
    pane.canvas.setFocus()
    qtbot.keyClick(pane.canvas, key, modifier)


def test_loading_shows_page_one_with_a_page_label_and_the_title(qtbot, pane, make_pdf, load_and_wait):
    load_and_wait(pane, make_pdf(pages=8), "Student work: exit tickets")
    assert label(pane) == "1 / 8"
    assert pane.current_page() == 1 and pane.page_count() == 8
    assert pane.toolbar.title.text() == "Student work: exit tickets"
    assert pane.canvas.has_image()


def test_page_keys_move_through_the_document_and_update_the_label(qtbot, pane, make_pdf, load_and_wait):
    load_and_wait(pane, make_pdf(pages=8))
    for key, expected in ((Qt.Key.Key_PageDown, 2), (Qt.Key.Key_End, 8), (Qt.Key.Key_PageUp, 7),
                          (Qt.Key.Key_Home, 1)):
        with qtbot.waitSignal(pane.pageShown, timeout=5000) as shown:
            press(qtbot, pane, key)
        assert shown.args == [expected]
        assert label(pane) == f"{expected} / 8"


def test_go_to_page_is_one_based_and_clamped(qtbot, pane, make_pdf, load_and_wait):
    load_and_wait(pane, make_pdf(pages=4))
    with qtbot.waitSignal(pane.pageShown, timeout=5000, check_params_cb=lambda p: p == 4):
        pane.go_to_page(99)
    assert pane.current_page() == 4 and label(pane) == "4 / 4"


def test_typing_a_page_number_jumps_there(qtbot, pane, make_pdf, load_and_wait):
    load_and_wait(pane, make_pdf(pages=8))
    box = pane.toolbar.page_box
    box.setFocus()
    box.selectAll()
    with qtbot.waitSignal(pane.pageShown, timeout=5000, check_params_cb=lambda p: p == 5):
        qtbot.keyClicks(box, "5")
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert label(pane) == "5 / 8"


def test_zoom_keys_change_the_zoom_label_and_the_page_size(qtbot, pane, make_pdf, load_and_wait):
    load_and_wait(pane, make_pdf(pages=2))
    pane.set_zoom(1.0)
    qtbot.waitUntil(lambda: pane.toolbar.zoom_label.text() == "100%")
    width_at_100 = pane.canvas.width()
    with qtbot.waitSignal(pane.pageShown, timeout=5000):
        press(qtbot, pane, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert pane.toolbar.zoom_label.text() == "110%"
    assert pane.canvas.width() > width_at_100
    with qtbot.waitSignal(pane.pageShown, timeout=5000):
        press(qtbot, pane, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
        press(qtbot, pane, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert pane.toolbar.zoom_label.text() == "90%"


def test_fit_width_fills_the_view_and_fit_page_shows_the_whole_page(qtbot, pane, make_pdf, load_and_wait):
    load_and_wait(pane, make_pdf(pages=2))
    pane.set_fit(FitMode.WIDTH)
    viewport = pane.scroll.viewport()
    assert abs(pane.canvas.page_rect().width() - (viewport.width() - 24)) < 24
    assert pane.toolbar.fit_width.isChecked()
    pane.set_fit(FitMode.PAGE)
    page = pane.canvas.page_rect()
    assert page.height() <= viewport.height() and page.width() <= viewport.width()
    assert pane.toolbar.fit_page.isChecked() and not pane.toolbar.fit_width.isChecked()


def test_r_rotates_the_view_a_quarter_turn(qtbot, pane, make_pdf, load_and_wait):
    load_and_wait(pane, make_pdf(pages=1))
    pane.set_zoom(1.0)
    upright = pane.canvas.page_rect()
    with qtbot.waitSignal(pane.pageShown, timeout=5000):
        press(qtbot, pane, Qt.Key.Key_R)
    assert pane.rotation() == 90
    turned = pane.canvas.page_rect()
    assert (round(turned.width()), round(turned.height())) == (round(upright.height()), round(upright.width()))
    image = pane.canvas._image
    assert image is not None and image.width() > image.height()


def search(qtbot, pane: PdfPane, text: str) -> None:
    with qtbot.waitSignal(pane.pageShown, timeout=5000, raising=False):
        press(qtbot, pane, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        assert pane.search_bar.isVisible() and pane.search_bar.field.hasFocus()
        qtbot.keyClicks(pane.search_bar.field, text)
        qtbot.keyClick(pane.search_bar.field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: pane.hit_count() is not None, timeout=5000)


def test_search_highlights_the_hit_over_the_rendered_page(qtbot, pane, make_pdf, load_and_wait):
    load_and_wait(pane, make_pdf(pages=4, extra={3: "A misconception about fractions"}))
    before = pane.canvas.grab().toImage()
    search(qtbot, pane, "misconception")
    assert pane.current_page() == 3
    qtbot.waitUntil(lambda: pane.canvas.has_image())
    assert pane.search_bar.status.text() == "1 of 1"
    [hit] = pane.canvas.hit_rects_in_widget()
    assert hit.width() > 20 and hit.height() > 5
    centre = hit.center().toPoint()
    drawn = pane.canvas.grab().toImage()
    # The same spot without the overlay, from the page-3 render the pane just drew (hits cleared).
    pane.canvas.set_hits([], None)
    plain = pane.canvas.grab().toImage()
    highlighted, unhighlighted = QColor(drawn.pixel(centre)), QColor(plain.pixel(centre))
    assert highlighted != unhighlighted
    assert highlighted.blue() < unhighlighted.blue(), "the overlay is a warm (yellow/orange) tint"
    assert before.size() == drawn.size()


def test_enter_and_shift_enter_step_through_hits_and_wrap(qtbot, pane, make_pdf, load_and_wait):
    load_and_wait(pane, make_pdf(pages=4))
    search(qtbot, pane, "Students")  # one hit on each page
    assert pane.search_bar.status.text() == "1 of 4"
    with qtbot.waitSignal(pane.pageShown, timeout=5000, check_params_cb=lambda p: p == 2):
        qtbot.keyClick(pane.search_bar.field, Qt.Key.Key_Return)
    assert pane.search_bar.status.text() == "2 of 4"
    with qtbot.waitSignal(pane.pageShown, timeout=5000, check_params_cb=lambda p: p == 1):
        qtbot.keyClick(pane.search_bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    with qtbot.waitSignal(pane.pageShown, timeout=5000, check_params_cb=lambda p: p == 4):
        qtbot.keyClick(pane.search_bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert pane.search_bar.status.text() == "4 of 4"


def test_a_search_without_hits_says_no_matches(qtbot, pane, make_pdf, load_and_wait):
    load_and_wait(pane, make_pdf(pages=2))
    search(qtbot, pane, "photosynthesis")
    assert pane.hit_count() == 0
    assert pane.search_bar.status.text() == "No matches"
    assert pane.canvas.hit_rects_in_widget() == []


def test_a_mouse_selection_becomes_the_quote_of_the_citation(qtbot, pane, make_pdf, load_and_wait):
    load_and_wait(pane, make_pdf(pages=3))
    with qtbot.waitSignal(pane.pageShown, timeout=5000, check_params_cb=lambda p: p == 2):
        pane.go_to_page(2)
    assert pane.citation().page == 2 and pane.citation().quote == ""
    search(qtbot, pane, "explain their")
    hit = pane.canvas.hit_rects_in_widget()[0]
    start, end = QPoint(int(hit.left()) + 2, int(hit.center().y())), QPoint(int(hit.right()) - 2, int(hit.center().y()))
    with qtbot.waitSignal(pane.selectionChanged, timeout=5000) as selected:
        qtbot.mousePress(pane.canvas, Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(pane.canvas, end)
        qtbot.mouseRelease(pane.canvas, Qt.MouseButton.LeftButton, pos=end)
    assert selected.args == ["explain their"]
    citation = pane.citation()
    assert citation.page == 2 and citation.quote == "explain their"
    assert citation.prefix.endswith("Students") and citation.suffix.startswith("reasoning")


def test_a_damaged_pdf_explains_itself_and_the_next_good_file_still_opens(qtbot, pane, make_pdf, load_and_wait):
    with qtbot.waitSignal(pane.failed, timeout=5000) as failed:
        pane.load(CORRUPT_PDF, "Broken upload")
    assert "appears damaged" in failed.args[0] and "re-upload" in failed.args[0]
    assert pane.stack.currentWidget() is pane.message and pane.message.text() == failed.args[0]
    assert pane.page_count() is None
    load_and_wait(pane, make_pdf(pages=2))
    assert label(pane) == "1 / 2"


def test_pages_seen_counts_time_on_screen_only_while_visible(qtbot, pane, clock, make_pdf, load_and_wait):
    load_and_wait(pane, make_pdf(pages=3))
    clock.advance(12)
    with qtbot.waitSignal(pane.coverageChanged, timeout=5000):
        pane.go_to_page(2)
    qtbot.waitUntil(lambda: 2 in pane.pages_seen())
    clock.advance(5)
    with qtbot.waitSignal(pane.coverageChanged):
        pane.hide()
    clock.advance(100)  # hidden: not reading
    assert pane.pages_seen() == {1: 12.0, 2: 5.0}
    with qtbot.waitSignal(pane.coverageChanged):
        pane.show()
    clock.advance(1)
    assert pane.pages_seen() == {1: 12.0, 2: 6.0}


def test_clicking_a_thumbnail_jumps_to_its_page(qtbot, pane, make_pdf, load_and_wait):
    load_and_wait(pane, make_pdf(pages=4))
    view = pane.thumbnail_view
    qtbot.waitUntil(lambda: len(pane._thumb_requests) == 0 and view.visualRect(pane.thumbnails.index(2)).isValid())
    rect = view.visualRect(pane.thumbnails.index(2))
    with qtbot.waitSignal(pane.pageShown, timeout=5000, check_params_cb=lambda p: p == 3):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert label(pane) == "3 / 4"
    assert view.currentIndex().row() == 2


def test_every_control_can_be_reached_with_the_keyboard_and_is_named(qtbot, pane, make_pdf, load_and_wait):
    load_and_wait(pane, make_pdf(pages=2))
    t = pane.toolbar
    for widget in (t.previous, t.page_box, t.next, t.zoom_out, t.zoom_in, t.fit_width, t.fit_page, t.rotate, t.find,
                   pane.canvas, pane.thumbnail_view, pane.search_bar.field, pane.search_bar.next,
                   pane.search_bar.previous, pane.search_bar.close_button):
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus, widget
        assert widget.accessibleName(), widget
