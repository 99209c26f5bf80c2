"""The page renderer: one owner thread for every MuPDF call, readable errors, a cache, a clean stop."""

from __future__ import annotations

import threading
from pathlib import Path

import pymupdf
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage

from assessor_app.ui.pdf.mupdf_renderer import PageRenderer
from assessor_app.ui.pdf.page_geometry import POINTS_TO_PIXELS, page_transform
from assessor_app.ui.pdf.render_results import DocumentInfo, RenderedPage, RenderFailure

from .conftest import CORRUPT_PDF


def _answer(qtbot, renderer: PageRenderer, send, *, request_id_of=lambda r: r):
    """Send a request and wait for whichever result (or failure) carries its id."""
    answers: list[object] = []
    box: dict[str, int] = {}
    signals = [renderer.opened, renderer.rendered, renderer.searched, renderer.textSelected, renderer.failed]

    def collect(result) -> None:
        if result.request_id == box.get("id"):
            answers.append(result)

    for signal in signals:
        signal.connect(collect)
    try:
        box["id"] = request_id_of(send())
        qtbot.waitUntil(lambda: bool(answers), timeout=10000)
    finally:
        for signal in signals:
            signal.disconnect(collect)
    assert len(answers) == 1
    return answers[0]


def open_doc(qtbot, renderer: PageRenderer, path: Path) -> DocumentInfo | RenderFailure:
    return _answer(qtbot, renderer, lambda: renderer.open(path), request_id_of=lambda ids: ids[0])


def test_every_mupdf_call_runs_on_one_owner_thread_that_is_not_the_gui_thread(qtbot, renderer, make_pdf,
                                                                             monkeypatch):
    path = make_pdf(pages=3)  # made here, on the GUI thread, before the spies go in
    seen: list[tuple[str, int]] = []

    def spy(name, original):
        def wrapper(*args, **kwargs):
            seen.append((name, threading.get_ident()))
            return original(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(pymupdf, "open", spy("open", pymupdf.open))
    for name in ("get_pixmap", "search_for", "get_text"):
        monkeypatch.setattr(pymupdf.Page, name, spy(name, getattr(pymupdf.Page, name)))

    info = open_doc(qtbot, renderer, path)
    assert isinstance(info, DocumentInfo) and info.page_count == 3
    for page in range(3):
        page_result = _answer(qtbot, renderer, lambda p=page: renderer.render(info.doc_id, p, 1.5, 0))
        assert isinstance(page_result, RenderedPage)
    _answer(qtbot, renderer, lambda: renderer.search(info.doc_id, "reasoning"))
    _answer(qtbot, renderer, lambda: renderer.select_text(info.doc_id, 0, QRectF(60, 80, 400, 30)))

    assert {name for name, _ in seen} == {"open", "get_pixmap", "search_for", "get_text"}
    threads = {ident for _, ident in seen}
    assert len(threads) == 1, "MuPDF was called from more than one thread"
    assert threads != {threading.get_ident()}, "MuPDF was called on the GUI thread"
    assert threads == {renderer.owner_thread_ident()}


def test_a_rendered_page_is_an_rgb32_image_at_the_requested_scale_and_rotation(qtbot, renderer, make_pdf):
    info = open_doc(qtbot, renderer, make_pdf(pages=1))
    upright = _answer(qtbot, renderer, lambda: renderer.render(info.doc_id, 0, 2.0, 0))
    turned = _answer(qtbot, renderer, lambda: renderer.render(info.doc_id, 0, 2.0, 90))
    assert upright.image.format() == QImage.Format.Format_RGB32
    assert (upright.image.width(), upright.image.height()) == (1190, 1684)  # A4 at 2 px/pt
    assert (turned.image.width(), turned.image.height()) == (1684, 1190)


def test_a_page_asked_for_twice_comes_from_the_cache(qtbot, renderer, make_pdf):
    info = open_doc(qtbot, renderer, make_pdf(pages=1))
    first = _answer(qtbot, renderer, lambda: renderer.render(info.doc_id, 0, 1.0, 0))
    again = _answer(qtbot, renderer, lambda: renderer.render(info.doc_id, 0, 1.0, 0))
    assert again.image.cacheKey() == first.image.cacheKey()


def test_search_finds_the_text_with_rects_on_the_right_pages(qtbot, renderer, make_pdf):
    info = open_doc(qtbot, renderer, make_pdf(pages=3, extra={2: "Exit ticket: misconception"}))
    result = _answer(qtbot, renderer, lambda: renderer.search(info.doc_id, "misconception"))
    assert [page for page, _ in result.hits] == [1]
    rect = result.hits[0][1]
    assert 72 < rect.left() < 400 and 140 < rect.top() < 170


def test_the_words_under_a_selection_become_a_quote_with_context(qtbot, renderer, make_pdf):
    info = open_doc(qtbot, renderer, make_pdf(pages=1))
    # "Page 1 of the lesson plan. Students explain ..." sits on the baseline y=100 from x=72
    words = _answer(qtbot, renderer, lambda: renderer.select_text(info.doc_id, 0, QRectF(225, 92, 150, 4)))
    assert words.quote.startswith("plan.") or "Students" in words.quote
    assert words.prefix.endswith(("lesson", "the"))
    assert words.rects


@pytest.mark.parametrize("kind", ["corrupt", "encrypted", "empty", "missing"])
def test_a_pdf_that_cannot_be_opened_comes_back_as_a_readable_message(qtbot, renderer, tmp_path, make_pdf, kind):
    if kind == "corrupt":
        path = CORRUPT_PDF
    elif kind == "encrypted":
        doc = pymupdf.open(make_pdf(pages=1))
        path = tmp_path / "locked.pdf"
        doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="owner")
        doc.close()
    elif kind == "empty":
        path = tmp_path / "empty.pdf"
        path.write_bytes(b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
                         b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n")
    else:
        path = tmp_path / "not-synced.pdf"
    failure = open_doc(qtbot, renderer, path)
    assert isinstance(failure, RenderFailure) and failure.fatal
    assert failure.message.startswith(("This PDF cannot be opened", "This PDF has no pages"))
    assert "Traceback" not in failure.message and "Error" not in failure.message
    expected = {"corrupt": "damaged", "encrypted": "password", "empty": "no pages", "missing": "missing"}[kind]
    assert expected in failure.message


def test_shutdown_stops_the_owner_thread_and_closes_documents(qtbot, make_pdf):
    renderer = PageRenderer()
    info = open_doc(qtbot, renderer, make_pdf(pages=2))
    renderer.render(info.doc_id, 0, 1.0, 0)  # still pending or in flight: shutdown must not wait on it forever
    assert renderer.shutdown(5000)
    assert not renderer.is_running()
    assert renderer.shutdown()  # twice is harmless


@pytest.mark.parametrize("view_rotation", [0, 90, 270])
def test_search_rects_land_on_the_glyphs_of_a_rotated_page_in_a_rotated_view(qtbot, renderer, tmp_path, view_rotation):
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 200), "The rubric criterion WIDGETWORD appears here.", fontsize=16)
    page.set_rotation(90)  # the page itself says "show me turned"
    path = tmp_path / "rotated.pdf"
    doc.save(path)
    doc.close()
    info = open_doc(qtbot, renderer, path)
    assert info.page_sizes[0].width() > info.page_sizes[0].height()  # display points include /Rotate
    [(_, hit)] = _answer(qtbot, renderer, lambda: renderer.search(info.doc_id, "WIDGETWORD")).hits
    zoom = 1.5
    page_image = _answer(qtbot, renderer, lambda: renderer.render(
        info.doc_id, 0, zoom * POINTS_TO_PIXELS, view_rotation)).image
    box = page_transform(info.page_sizes[0], zoom, view_rotation).mapRect(hit).toRect()
    assert page_image.rect().contains(box)
    inside = [QColor(page_image.pixel(x, y)).lightness() for x in range(box.left(), box.right())
              for y in range(box.top(), box.bottom())]
    assert min(inside) < 80, "no glyph ink under the hit rect"
    outside = box.translated(0, box.height() * 3) if view_rotation == 0 else box.translated(box.width() * 3, 0)
    assert all(QColor(page_image.pixel(x, y)).lightness() > 240
               for x in range(outside.left(), outside.right(), 2) for y in range(outside.top(), outside.bottom(), 2)
               if page_image.rect().contains(x, y))
