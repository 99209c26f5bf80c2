"""PDFs prepared ahead of time (the next submission's) open at once, page 1 straight from the page cache."""

from __future__ import annotations

from assessor_app.ui.pdf.render_results import RenderedPage

from .conftest import CORRUPT_PDF


def view_renders(renderer, qtbot, pane, path, title="Next student's work") -> list[RenderedPage]:
    """Load ``path`` and return the renderer's answers up to page 1 being drawn (the view's render first)."""
    results: list[RenderedPage] = []
    renderer.rendered.connect(results.append)
    try:
        with qtbot.waitSignal(pane.pageShown, timeout=10000) as shown:
            pane.load(path, title)
    finally:
        renderer.rendered.disconnect(results.append)
    assert shown.args == [1]
    return results


def test_a_prepared_pdf_draws_the_same_page_one_at_once(qtbot, pane, make_pdf, load_and_wait):
    following = make_pdf(pages=3, name="following.pdf")
    load_and_wait(pane, following)  # as MuPDF renders it when nothing was prepared
    fresh = pane.canvas.grab().toImage()
    load_and_wait(pane, make_pdf(pages=2, name="current.pdf"))
    pane.prepared.prepare([following])
    qtbot.waitUntil(lambda: pane.prepared.is_ready(following), timeout=10000)
    shown: list[int] = []
    pane.pageShown.connect(shown.append)
    pane.load(following, "Next student's work")
    assert shown == [1] and pane.canvas.has_image()  # drawn before load() returned: no wait for the owner thread
    assert pane.prepared.paths == ()  # taken over, not opened a second time
    assert pane.page_count() == 3 and pane.toolbar.title.text() == "Next student's work"
    assert pane.canvas.grab().toImage() == fresh  # pixel for pixel the page MuPDF draws


def test_a_pdf_the_pane_lets_go_of_stays_ready_for_the_way_back(qtbot, renderer, pane, make_pdf, load_and_wait):
    first, other = make_pdf(pages=2, name="first.pdf"), make_pdf(pages=2, name="other.pdf")
    load_and_wait(pane, first)
    pane.unload(keep=True)
    assert pane.prepared.paths == (first,)
    qtbot.waitUntil(lambda: pane.prepared.is_ready(first), timeout=10000)
    [again, *_] = view_renders(renderer, qtbot, pane, other)  # another file: opened and rendered as usual
    assert not again.from_cache
    shown: list[int] = []
    pane.pageShown.connect(shown.append)
    pane.load(first, "Back again")
    assert shown == [1]


def test_an_unprepared_pdf_is_rendered_by_mupdf(qtbot, renderer, pane, make_pdf, load_and_wait):
    load_and_wait(pane, make_pdf(pages=2, name="current.pdf"))
    [first, *_] = view_renders(renderer, qtbot, pane, make_pdf(pages=3, name="other.pdf"))
    assert not first.from_cache


def test_loading_a_pdf_still_being_prepared_waits_for_its_opening(qtbot, renderer, pane, make_pdf):
    following = make_pdf(pages=3, name="following.pdf")
    pane.prepared.prepare([following])
    view_renders(renderer, qtbot, pane, following)  # at once: the open in flight is taken over
    assert pane.page_count() == 3


def test_preparing_a_damaged_pdf_leaves_the_report_to_the_load(qtbot, pane, make_pdf):
    pane.prepared.prepare([CORRUPT_PDF])
    qtbot.waitUntil(lambda: pane.prepared.paths == (), timeout=10000)  # not kept
    with qtbot.waitSignal(pane.failed, timeout=5000) as failed:
        pane.load(CORRUPT_PDF, "Broken upload")
    assert "appears damaged" in failed.args[0]


def test_documents_no_longer_wanted_are_closed(qtbot, pane, make_pdf):
    first, second = make_pdf(pages=1, name="a.pdf"), make_pdf(pages=1, name="b.pdf")
    pane.prepared.prepare([first, second])
    qtbot.waitUntil(lambda: pane.prepared.is_ready(first) and pane.prepared.is_ready(second), timeout=10000)
    pane.prepared.prepare([second])
    assert pane.prepared.paths == (second,)
    pane.prepared.clear()
    assert pane.prepared.paths == ()
