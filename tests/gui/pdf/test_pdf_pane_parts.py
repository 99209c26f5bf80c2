"""The pane's parts on their own: thumbnail model, hit stepping, quotes, coverage, and a clean shutdown."""

from __future__ import annotations

import threading

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QImage

from assessor_app.ui.pdf.coverage import PageCoverage
from assessor_app.ui.pdf.mupdf_renderer import PageRenderer
from assessor_app.ui.pdf.page_geometry import page_transform
from assessor_app.ui.pdf.pdf_pane import PdfPane
from assessor_app.ui.pdf.quotes import quote_from_words
from assessor_app.ui.pdf.search_hits import HitCursor
from assessor_app.ui.pdf.thumbnails import PAGE_ROLE, ThumbnailModel

A4 = QSizeF(595, 842)


def test_thumbnail_model_passes_the_model_tester_and_asks_for_each_picture_once(qtmodeltester):
    model = ThumbnailModel()
    wanted: list[int] = []
    model.thumbnailWanted.connect(wanted.append)
    model.set_pages([A4, A4, QSizeF(842, 595)])
    qtmodeltester.check(model, force_py=True)
    for _ in range(2):  # a view paints every row more than once
        for row in range(3):
            assert isinstance(model.index(row).data(Qt.ItemDataRole.DecorationRole), QImage)
    assert sorted(wanted) == [0, 1, 2]
    picture = QImage(96, 136, QImage.Format.Format_RGB32)
    model.set_thumbnail(1, picture)
    qtmodeltester.check(model, force_py=True)
    index = model.index(1)
    assert index.data(Qt.ItemDataRole.DecorationRole) == picture
    assert index.data(Qt.ItemDataRole.DisplayRole) == "2" and index.data(PAGE_ROLE) == 2
    assert model.thumb_size(2).width() > model.thumb_size(2).height()  # a landscape page


def test_hits_start_on_the_current_page_and_wrap_both_ways():
    rect = QRectF(0, 0, 1, 1)
    hits = HitCursor("x", ((0, rect), (2, rect), (2, rect), (5, rect)))
    assert hits.start_at(1) == 1 and hits.page_of_current() == 2
    assert hits.step(True) == 2 and hits.on_page(2) == ([rect, rect], 1)
    assert hits.step(True) == 3 and hits.step(True) == 0
    assert hits.step(False) == 3
    assert hits.start_at(1, forward=False) == 0
    assert HitCursor("y", ()).start_at(0) is None


def test_a_quote_keeps_a_little_context_cut_at_word_boundaries():
    words = ["the", "teacher", "asked", "students", "to", "explain", "why",
             "one", "half", "is", "larger", "than", "one", "third"]
    quote = quote_from_words(words, [5, 6], context_chars=16)
    assert quote.exact == "explain why"
    assert quote.prefix == "students to"
    assert quote.suffix == "one half is"
    assert quote_from_words(words, []).exact == ""


def test_coverage_counts_only_the_shown_page_while_visible():
    now = [0.0]
    coverage = PageCoverage(lambda: now[0])
    coverage.show_page(1)
    now[0] = 10  # not visible yet
    coverage.set_visible(True)
    now[0] = 13
    coverage.show_page(2)
    now[0] = 20
    assert coverage.seconds() == {1: 3.0, 2: 7.0}
    coverage.set_visible(False)
    now[0] = 99
    assert coverage.seconds() == {1: 3.0, 2: 7.0}


def test_the_overlay_transform_matches_mupdf_rotation_and_starts_at_the_origin():
    # The top-left corner of an upright page ends at the top-right after a clockwise quarter turn.
    turned = page_transform(A4, 1.0, 90)
    corner = turned.map(QRectF(0, 0, 1, 1).topLeft())
    box = turned.mapRect(QRectF(0, 0, A4.width(), A4.height()))
    assert box.topLeft().x() == 0 and box.topLeft().y() == 0
    assert abs(corner.x() - box.width()) < 1e-6 and corner.y() == 0


def test_closing_the_app_stops_the_owner_thread_and_leaves_nothing_running(qtbot, make_pdf, load_and_wait):
    before = {t.ident for t in threading.enumerate()}
    renderer = PageRenderer()
    pane = PdfPane(renderer)
    qtbot.addWidget(pane)
    pane.show()
    load_and_wait(pane, make_pdf(pages=3))
    pane.go_to_page(2)  # leaves a render (and a prefetch) in flight
    pane.unload()
    assert renderer.shutdown(5000)
    assert not renderer.is_running()
    assert {t.ident for t in threading.enumerate()} <= before
