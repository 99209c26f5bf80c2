"""A PDF prepared while the pane is hidden (the video is in front) fits the size the pane is shown at."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStackedWidget

from assessor_app.ui.pdf.pdf_pane import PdfPane


def test_a_window_resized_while_the_pdf_pane_is_hidden_still_opens_the_prepared_page_at_once(
        qtbot, renderer, make_pdf, load_and_wait):
    stack = QStackedWidget()
    qtbot.addWidget(stack)
    pane = PdfPane(renderer)
    stack.addWidget(QLabel("The video is shown here"))
    stack.addWidget(pane)
    stack.resize(700, 700)
    stack.show()
    qtbot.waitExposed(stack)
    following = make_pdf(pages=3, name="following.pdf")
    pane.prepared.prepare([following])
    qtbot.waitUntil(lambda: pane.prepared.is_ready(following), timeout=10000)

    stack.resize(1000, 700)  # the window grows while the PDF pane is behind the video
    qtbot.waitUntil(lambda: pane.prepared.is_ready(following), timeout=10000)
    stack.setCurrentWidget(pane)
    shown: list[int] = []
    pane.pageShown.connect(shown.append)
    pane.load(following, "Next student's work")
    assert shown == [1] and pane.canvas.has_image()  # the prepared page fitted the new width: drawn at once
    prepared = pane.canvas.grab().toImage()

    pane.unload()  # closed: its cached pages go too, so the next load is drawn by MuPDF afresh
    load_and_wait(pane, following)
    assert pane.canvas.grab().toImage() == prepared  # pixel for pixel the page MuPDF draws at this size
