"""Annotated student work as a real, searchable PDF: a cover page, then one ruled page per sample.

Student answers are set in a "handwriting" italic in blue ink; the teacher's annotations sit in a red
margin column. Every page carries the heading "Student work sample" and a "Page i of n" footer.
"""

from __future__ import annotations

from pathlib import Path

import pymupdf

from issuer_server.demo_program.model import StudentWork, WorkSample

PAGE = pymupdf.paper_rect("letter")
MARGIN = 54.0
HEADING = "Student work sample"
_BLACK = (0.0, 0.0, 0.0)
_GREY = (0.4, 0.4, 0.4)
_BLUE_INK = (0.08, 0.16, 0.55)
_RED_PEN = (0.78, 0.1, 0.1)
_RULE = (0.75, 0.84, 0.95)
_NOTES_X = PAGE.width - MARGIN - 150.0
_FIXED_DATE = "D:20261101090000Z"


def _write(
    page: pymupdf.Page,
    x0: float,
    y: float,
    x1: float,
    text: str,
    *,
    size: float = 11,
    font: str = "helv",
    color: tuple[float, float, float] = _BLACK,
) -> float:
    """Set ``text`` in the box from (x0, y) to (x1, bottom margin); return the y just below it."""
    box = pymupdf.Rect(x0, y, x1, PAGE.height - MARGIN - 30)
    spare = page.insert_textbox(box, text, fontsize=size, fontname=font, color=color)
    if spare < 0:
        raise ValueError(f"Text does not fit on the page: {text[:40]!r}...")
    return box.y1 - spare + size * 0.6


def _frame(page: pymupdf.Page, number: int, total: int, candidate_ref: str, grade_subject: str) -> float:
    page.insert_text((MARGIN, MARGIN), HEADING, fontsize=18, fontname="hebo")
    page.insert_text((MARGIN, MARGIN + 18), f"{candidate_ref}  |  {grade_subject}", fontsize=9, color=_GREY)
    page.draw_line((MARGIN, MARGIN + 26), (PAGE.width - MARGIN, MARGIN + 26), color=_GREY, width=0.6)
    footer = f"Page {number} of {total}"
    width = pymupdf.get_text_length(footer, fontname="helv", fontsize=9)
    page.insert_text(((PAGE.width - width) / 2, PAGE.height - MARGIN / 2), footer, fontsize=9, color=_GREY)
    return MARGIN + 48


def _cover(page: pymupdf.Page, y: float, work: StudentWork) -> None:
    y = _write(page, MARGIN, y, PAGE.width - MARGIN, work.task_title, size=14, font="hebo")
    y = _write(page, MARGIN, y + 6, PAGE.width - MARGIN, "Task questions", size=11, font="hebo")
    for i, question in enumerate(work.questions, start=1):
        y = _write(page, MARGIN + 12, y, PAGE.width - MARGIN, f"{i}. {question}")
    y = _write(
        page,
        MARGIN,
        y + 10,
        PAGE.width - MARGIN,
        "Teacher's note on these samples",
        font="hebo",
        color=_RED_PEN,
    )
    y = _write(page, MARGIN, y, PAGE.width - MARGIN, work.selection_note, color=_RED_PEN)
    names = ", ".join(s.student for s in work.samples)
    _write(page, MARGIN, y + 10, PAGE.width - MARGIN, f"Samples in this file: {names}.", size=10, color=_GREY)


def _ruled_lines(page: pymupdf.Page, top: float) -> None:
    shape = page.new_shape()  # one shape for all rules: a shape per line is ~20x slower
    y = top
    while y < PAGE.height - MARGIN - 30:
        shape.draw_line((MARGIN, y), (_NOTES_X - 12, y))
        y += 18
    shape.finish(color=_RULE, width=0.5)
    shape.draw_line((_NOTES_X - 6, top - 10), (_NOTES_X - 6, PAGE.height - MARGIN - 30))
    shape.finish(color=_RED_PEN, width=0.8)
    shape.commit()


def _sample(page: pymupdf.Page, y: float, work: StudentWork, sample: WorkSample) -> None:
    page.insert_text((MARGIN, y), sample.student, fontsize=13, fontname="hebo")
    y += 16
    _ruled_lines(page, y + 14)
    for i, (question, answer) in enumerate(zip(work.questions, sample.answers, strict=True), start=1):
        y = _write(page, MARGIN, y, _NOTES_X - 14, f"{i}. {question}", size=9.5, font="hebo", color=_GREY)
        y = _write(page, MARGIN + 10, y, _NOTES_X - 14, answer, size=13, font="tiit", color=_BLUE_INK) + 8
    notes_y = MARGIN + 64
    if sample.annotations:
        notes_y = _write(
            page,
            _NOTES_X,
            notes_y,
            PAGE.width - MARGIN + 20,
            "Teacher:",
            size=10,
            font="hebo",
            color=_RED_PEN,
        )
    for note in sample.annotations:
        top = notes_y
        notes_y = _write(page, _NOTES_X, notes_y, PAGE.width - MARGIN + 20, note, size=10, color=_RED_PEN)
        page.draw_circle((_NOTES_X - 6, top + 5), 3.0, color=_RED_PEN, fill=_RED_PEN)
        notes_y += 6


def render_student_work(path: Path, work: StudentWork, *, candidate_ref: str, grade_subject: str) -> int:
    """Write the PDF to ``path``; return its page count. Output bytes depend only on the arguments."""
    doc = pymupdf.open()
    total = work.page_count
    page = doc.new_page(width=PAGE.width, height=PAGE.height)
    _cover(page, _frame(page, 1, total, candidate_ref, grade_subject), work)
    for number, sample in enumerate(work.samples, start=2):
        page = doc.new_page(width=PAGE.width, height=PAGE.height)
        _sample(page, _frame(page, number, total, candidate_ref, grade_subject), work, sample)
    doc.set_metadata(
        {
            "title": f"{HEADING}: {work.task_title}",
            "author": candidate_ref,
            "subject": grade_subject,
            "creator": "assessor's desk demo program",
            "producer": "PyMuPDF",
            "creationDate": _FIXED_DATE,
            "modDate": _FIXED_DATE,
        }
    )
    doc.save(path, garbage=3, deflate=True, no_new_id=True)
    doc.close()
    return total
