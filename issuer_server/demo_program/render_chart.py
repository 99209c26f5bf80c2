"""A "photo" of an anchor chart: chart paper on a wall, marker text and sticky notes, drawn with PyMuPDF
shapes on a scratch page and rasterised to PNG (or JPEG when the chart is marked ``as_photo``)."""

from __future__ import annotations

from pathlib import Path

import pymupdf

from issuer_server.demo_program.model import AnchorChart

_WIDTH, _HEIGHT = 400.0, 300.0
_SCALE = 2.0  # 800 x 600 pixels
_WALL = (0.86, 0.83, 0.76)
_PAPER = (0.99, 0.98, 0.95)
_SHADOW = (0.62, 0.6, 0.55)
_STICKY = (1.0, 0.92, 0.45)
_BULLETS = ((0.85, 0.2, 0.2), (0.15, 0.55, 0.25), (0.2, 0.35, 0.8), (0.85, 0.5, 0.1), (0.5, 0.2, 0.6))


def _paper(page: pymupdf.Page) -> pymupdf.Rect:
    page.draw_rect(page.rect, color=None, fill=_WALL)
    panels = page.new_shape()  # faint wall panels so the photo is not perfectly flat
    for x in range(0, int(_WIDTH), 25):
        panels.draw_line((x, 0), (x, _HEIGHT))
    panels.finish(color=(0.82, 0.79, 0.72), width=0.6)
    panels.commit()
    paper = pymupdf.Rect(34, 14, 366, 288)
    page.draw_rect(
        pymupdf.Rect(paper.x0 + 4, paper.y0 + 4, paper.x1 + 4, paper.y1 + 4), color=None, fill=_SHADOW
    )
    page.draw_rect(paper, color=(0.8, 0.8, 0.78), fill=_PAPER, width=0.5)
    for x in (paper.x0 + 30, paper.x1 - 30):  # tape
        page.draw_rect(
            pymupdf.Rect(x - 14, paper.y0 - 6, x + 14, paper.y0 + 6),
            color=None,
            fill=(0.93, 0.93, 0.85),
            fill_opacity=0.85,
        )
    return paper


def _sticky(page: pymupdf.Page, centre: pymupdf.Point, text: str, angle: float) -> None:
    rect = pymupdf.Rect(centre.x - 34, centre.y - 24, centre.x + 34, centre.y + 24)
    turn = (centre, pymupdf.Matrix(angle))
    shape = page.new_shape()
    shape.draw_rect(rect)
    shape.finish(color=None, fill=_STICKY, morph=turn)
    inner = pymupdf.Rect(rect.x0 + 5, rect.y0 + 6, rect.x1 - 5, rect.y1 - 4)
    shape.insert_textbox(
        inner,
        text,
        fontsize=9,
        fontname="hebo",
        color=(0.2, 0.2, 0.2),
        align=pymupdf.TEXT_ALIGN_CENTER,
        morph=turn,
    )
    shape.commit()


def _draw(page: pymupdf.Page, chart: AnchorChart) -> None:
    paper = _paper(page)
    title_box = pymupdf.Rect(paper.x0 + 14, paper.y0 + 12, paper.x1 - 14, paper.y0 + 48)
    page.insert_textbox(
        title_box, chart.title, fontsize=17, fontname="hebo", color=chart.ink, align=pymupdf.TEXT_ALIGN_CENTER
    )
    page.draw_line((paper.x0 + 40, paper.y0 + 44), (paper.x1 - 40, paper.y0 + 44), color=chart.ink, width=2)
    y = paper.y0 + 70
    for i, line in enumerate(chart.lines):
        bullet = _BULLETS[i % len(_BULLETS)]
        page.draw_circle((paper.x0 + 24, y - 4), 4, color=None, fill=bullet)
        page.insert_text((paper.x0 + 34, y), line, fontsize=12.5, fontname="hebo", color=chart.ink)
        y += 28
    for i, note in enumerate(chart.sticky_notes):
        centre = pymupdf.Point(paper.x1 - 44 - i * 78, paper.y1 - 34)
        _sticky(page, centre, note, angle=(-6.0, 5.0, -3.0)[i % 3])


def render_chart(path: Path, chart: AnchorChart) -> None:
    """Write the chart image to ``path`` (PNG, or JPEG for photos); bytes depend only on ``chart``."""
    doc = pymupdf.open()
    page = doc.new_page(width=_WIDTH, height=_HEIGHT)
    _draw(page, chart)
    pixmap = page.get_pixmap(matrix=pymupdf.Matrix(_SCALE, _SCALE), alpha=False)
    if chart.as_photo:
        path.write_bytes(pixmap.tobytes("jpeg", jpg_quality=82))
    else:
        path.write_bytes(pixmap.tobytes("png"))
    doc.close()
