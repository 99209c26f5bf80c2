"""Next/previous in the real window: the neighbouring submissions' first video and PDF are prepared in the
background, a move shows them at once, and going back to the queue lets go of everything prepared."""

from __future__ import annotations

from PySide6.QtCore import Qt

from assessor_app.domain.submission import EvidenceKind
from assessor_app.store.database import Database
from assessor_app.store.scoring_context import load_evidence
from assessor_app.ui.evidence_pane import first_of_kind
from tests.gui.test_scoring_end_to_end import synced_window  # noqa: F401  (the demo window fixture)

ROW_ROLE = Qt.ItemDataRole.UserRole + 1


def test_the_next_submission_opens_on_media_prepared_in_the_background(qtbot, synced_window, paths):  # noqa: F811
    window = synced_window
    view = window.scoring
    first, second = (window.proxy.index(r, 0).data(ROW_ROLE).assignment_id for r in (0, 1))
    with qtbot.waitSignal(view.evidence.video.frameShown, timeout=20000):
        window.open_assignment(first)
    assert view.context is not None
    with qtbot.waitSignal(view.evidence.pdf.pageShown, timeout=20000):  # the assessor reads the student work
        view.evidence.open_item(first_of_kind(view.context.evidence, EvidenceKind.PDF).item.id)
    db = Database.open(paths.database, paths.backups)
    try:
        evidence = load_evidence(db, second)
    finally:
        db.close()
    video, pdf = first_of_kind(evidence, EvidenceKind.VIDEO), first_of_kind(evidence, EvidenceKind.PDF)
    assert video is not None and video.path is not None and pdf is not None and pdf.path is not None
    standby, documents = view.evidence.video.standby, view.evidence.pdf.prepared
    qtbot.waitUntil(lambda: standby.is_ready(video.path) and documents.is_ready(pdf.path), timeout=20000)
    prepared = standby.player_for(video.path)

    with qtbot.waitSignal(view.evidence.video.frameShown, timeout=20000):
        view.step(1)
    assert view.context is not None and view.context.assignment.id == second
    assert view.evidence.video.player is prepared  # taken over: its first frame was already decoded
    assert view.evidence.video.surface.image() is not None

    shown: list[int] = []
    view.evidence.pdf.pageShown.connect(shown.append)
    view.evidence.open_item(pdf.item.id)
    assert shown == [1] and view.evidence.pdf.canvas.has_image()  # page 1 drawn before open_item returned

    window.show_queue()
    assert standby.paths == () and documents.paths == ()


def test_what_was_watched_is_saved_when_moving_on_and_shown_when_coming_back(qtbot, synced_window):  # noqa: F811
    window = synced_window
    view = window.scoring
    first = window.proxy.index(0, 0).data(ROW_ROLE).assignment_id
    video = view.evidence.video
    with qtbot.waitSignal(video.frameShown, timeout=20000):
        window.open_assignment(first)
    video.play()
    qtbot.waitUntil(lambda: video.current_time() > 1.0, timeout=10000)
    video.pause()
    qtbot.waitUntil(lambda: not video.is_playing(), timeout=10000)
    with qtbot.waitSignal(view.loaded, timeout=20000):
        view.step(1)
    with qtbot.waitSignal(view.loaded, timeout=20000):
        view.step(-1)
    assert view.context is not None and view.context.assignment.id == first
    video_id = first_of_kind(view.context.evidence, EvidenceKind.VIDEO).item.id
    [(start, end)] = view.context.coverage.videos[video_id].watched
    assert start < 0.2 and end > 0.9
    assert view.rubric is not None and "watched" in view.rubric.header.coverage.text()
