"""Fixtures for the PDF pane: small PDFs made with PyMuPDF, a renderer stopped after each test, a steppable clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pymupdf
import pytest

from assessor_app.ui.pdf.mupdf_renderer import PageRenderer
from assessor_app.ui.pdf.pdf_pane import PdfPane

ROOT = Path(__file__).resolve().parents[3]
CORRUPT_PDF = ROOT / "resources" / "demo" / "broken" / "corrupt.pdf"


def page_text(number: int) -> str:
    return f"Page {number} of the lesson plan. Students explain their reasoning to a partner."


@pytest.fixture
def make_pdf(tmp_path: Path) -> Callable[..., Path]:
    """``make_pdf(pages=4, extra={page: text})`` writes an A4 PDF with one known line per page."""

    def make(pages: int = 4, extra: dict[int, str] | None = None, name: str = "evidence.pdf") -> Path:
        doc = pymupdf.open()
        for number in range(1, pages + 1):
            page = doc.new_page()
            page.insert_text((72, 100), page_text(number), fontsize=14)
            if extra and number in extra:
                page.insert_text((72, 160), extra[number], fontsize=14)
        path = tmp_path / name
        doc.save(path)
        doc.close()
        return path

    return make


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def renderer() -> Iterator[PageRenderer]:
    renderer = PageRenderer()
    yield renderer
    assert renderer.shutdown(), "the MuPDF owner thread did not stop"
    assert not renderer.is_running()


@pytest.fixture
def pane(qtbot, renderer: PageRenderer, clock: FakeClock) -> PdfPane:
    pane = PdfPane(renderer, clock=clock)
    qtbot.addWidget(pane)
    pane.resize(900, 700)
    pane.show()
    qtbot.waitExposed(pane)
    return pane


@pytest.fixture
def load_and_wait(qtbot) -> Callable[..., None]:
    """Load a PDF into a pane and wait until page 1 is drawn."""

    def load(pane: PdfPane, path: Path, title: str = "Lesson plan") -> None:
        with qtbot.waitSignal(pane.pageShown, timeout=10000) as shown:
            pane.load(path, title)
        assert shown.args == [1]

    return load
