"""Benchmark: page render time through the ``PageRenderer`` against PyMuPDF's raw ``get_pixmap`` in the same run.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/pdf_render.py [--pages 30] [--rounds 5] [--dpi 150]

Target: p50 and p95 of the renderer no more than 1.3x the raw figures. The renderer side is measured the way
the pane sees it: from ``render()`` on the GUI thread to the ``QImage`` arriving back on the GUI thread, on a
real event loop, cold cache (a freshly opened document each round, no prefetch). The raw side is
``doc[i].get_pixmap(dpi=...)`` on the calling thread, also on a freshly opened document. The document has text
and a distinct embedded JPEG on every page (so no page profits from another's decoded image). Sides alternate
by round so both see the same machine conditions.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pymupdf
from PySide6.QtCore import QBuffer, QByteArray, QEventLoop, QIODevice, QTimer
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication

from assessor_app.ui.pdf.mupdf_renderer import PageRenderer
from assessor_app.ui.pdf.render_results import DocumentInfo, RenderedPage, RenderFailure

PARAGRAPH = ("The teacher paused after posing the question and gave students thirty seconds to think before "
             "sharing with a partner. Several students revised their first answers after hearing a peer explain "
             "why one half is larger than one third. ")


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def photo_jpeg(seed: int, width: int = 1200, height: int = 900) -> bytes:
    """A photo-like JPEG (gradient plus noise blocks), different for each page."""
    rng = random.Random(seed)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    painter = QPainter(image)
    for _ in range(400):
        painter.fillRect(rng.randrange(width), rng.randrange(height), rng.randrange(8, 120), rng.randrange(8, 120),
                         QColor(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", 85)
    return bytes(data.data())


def make_pdf(path: Path, pages: int) -> None:
    doc = pymupdf.open()
    for number in range(1, pages + 1):
        page = doc.new_page(width=612, height=792)  # US Letter
        page.insert_textbox(pymupdf.Rect(54, 54, 558, 380), f"Page {number}. " + PARAGRAPH * 4, fontsize=10)
        page.insert_image(pymupdf.Rect(54, 400, 558, 738), stream=photo_jpeg(number))
    doc.save(path)
    doc.close()


def raw_round(path: Path, dpi: int) -> list[float]:
    doc = pymupdf.open(path)
    times = []
    for index in range(doc.page_count):
        start = time.perf_counter()
        pix = doc[index].get_pixmap(dpi=dpi)
        times.append(time.perf_counter() - start)
        del pix
    doc.close()
    return times


def renderer_round(renderer: PageRenderer, path: Path, dpi: int) -> list[float]:
    loop = QEventLoop()
    box: dict[str, object] = {}

    def answered(result: object) -> None:
        if getattr(result, "request_id", None) == box.get("id"):
            box["result"] = result
            loop.quit()

    for signal in (renderer.opened, renderer.rendered, renderer.failed):
        signal.connect(answered)
    try:
        box["id"], doc_id = renderer.open(path)
        loop.exec()
        info = box["result"]
        if isinstance(info, RenderFailure) or not isinstance(info, DocumentInfo):
            raise SystemExit(f"could not open the bench PDF: {info}")
        times = []
        for index in range(info.page_count):
            start = time.perf_counter()
            box["id"] = renderer.render(doc_id, index, dpi / 72, 0)
            loop.exec()
            times.append(time.perf_counter() - start)
            result = box["result"]
            assert isinstance(result, RenderedPage) and not result.image.isNull(), result
        renderer.close(doc_id)
        return times
    finally:
        for signal in (renderer.opened, renderer.rendered, renderer.failed):
            signal.disconnect(answered)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--dpi", type=int, default=150)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    renderer = PageRenderer()
    watchdog = QTimer(singleShot=True, interval=600_000)
    watchdog.timeout.connect(lambda: sys.exit("benchmark hung"))
    watchdog.start()
    raw: list[float] = []
    ours: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.pdf"
        make_pdf(path, args.pages)
        raw_round(path, args.dpi)  # warm-up: fonts, code paths (results discarded)
        renderer_round(renderer, path, args.dpi)
        for _ in range(args.rounds):
            raw += raw_round(path, args.dpi)
            ours += renderer_round(renderer, path, args.dpi)
    watchdog.stop()
    renderer.shutdown()

    def figures(samples: list[float]) -> dict[str, float]:
        return {"p50_ms": round(percentile(samples, 0.5) * 1000, 2),
                "p95_ms": round(percentile(samples, 0.95) * 1000, 2),
                "mean_ms": round(statistics.fmean(samples) * 1000, 2)}

    report = {"pages": args.pages, "rounds": args.rounds, "dpi": args.dpi, "renders_per_side": len(raw),
              "raw_get_pixmap": figures(raw), "page_renderer": figures(ours)}
    report["ratio_p50"] = round(report["page_renderer"]["p50_ms"] / report["raw_get_pixmap"]["p50_ms"], 2)
    report["ratio_p95"] = round(report["page_renderer"]["p95_ms"] / report["raw_get_pixmap"]["p95_ms"], 2)
    report["target"] = "ratio <= 1.3"
    report["met"] = report["ratio_p50"] <= 1.3 and report["ratio_p95"] <= 1.3
    print(json.dumps(report, indent=2))
    del app


if __name__ == "__main__":
    main()
