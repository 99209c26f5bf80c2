"""The adjudication screen against the real issuer: a discrepant pair is resolved per criterion with a reason, and
both original reads remain exactly as they were received."""

from __future__ import annotations

import hashlib

import pytest

from assessor_app.domain.submission import EvidenceKind
from assessor_app.ui.lead.adjudication import AdjudicationView


@pytest.fixture
def view(qtbot, tasks, lead, renderer):
    widget = AdjudicationView(tasks, lambda: lead, renderer)
    widget.resize(1280, 720)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    widget.close_evidence()


def open_first(qtbot, view):
    with qtbot.waitSignal(view.listed, timeout=30_000) as listed:
        view.load_queue()
    assert listed.args[0], "the seeded reads should open at least one adjudication"
    with qtbot.waitSignal(view.opened, timeout=60_000) as opened:
        view.open(listed.args[0][0].id)
    return opened.args[0]


def test_a_discrepant_pair_is_resolved_and_both_reads_remain(qtbot, view, lead):
    detail = open_first(qtbot, view)
    assert view.choices and view.resolve_button.isEnabled()
    for criterion in view.credential.rubric.criteria:
        view.choose(criterion.id, detail.second.levels.get(criterion.id) or criterion.levels[0].id)
    view.reason.setPlainText("adjudication: the video shows the second read's levels")
    with qtbot.waitSignal(view.resolved, timeout=30_000) as resolved:
        view.resolve_button.click()
    item = resolved.args[0]
    assert item.status == "resolved" and item.resolution["reason"].startswith("adjudication:")
    after = lead.adjudication(detail.item.id)
    assert after.first == detail.first and after.second == detail.second  # both reads kept as received
    assert after.item.resolution["levels"] == {c: detail.second.levels[c] for c in detail.second.levels}


def test_a_resolution_needs_a_reason_and_every_level(qtbot, view):
    open_first(qtbot, view)
    view.reason.setPlainText("")
    with qtbot.waitSignal(view.failed, timeout=5_000) as failed:
        view.resolve_button.click()
    assert "Choose a resolved level" in failed.args[0] or "Give a reason" in failed.args[0]


def test_the_evidence_pane_shows_the_submissions_evidence(qtbot, view):
    detail = open_first(qtbot, view)
    assert view.evidence.model.rowCount() == len(detail.manifest.get("evidence", [])) + 1  # + written responses


def test_the_lead_can_open_the_evidence_files_and_they_are_the_issuers_bytes(qtbot, view):
    open_first(qtbot, view)
    listed = [row.entry for row in view.evidence.model.rows if row.entry is not None]
    entries = {e.item.kind: e for e in listed}
    assert {EvidenceKind.PDF, EvidenceKind.VIDEO} <= set(entries)
    for entry in listed:
        assert entry.path is not None and entry.problem is None
        assert hashlib.sha256(entry.path.read_bytes()).hexdigest() == entry.item.sha256
    with qtbot.waitSignal(view.evidence.pdf.pageShown, timeout=30_000) as page:
        view.evidence.open_item(entries[EvidenceKind.PDF].item.id)
    assert page.args == [1] and view.evidence.pdf.canvas.has_image()
    with qtbot.waitSignal(view.evidence.video.frameShown, timeout=30_000):
        view.evidence.open_item(entries[EvidenceKind.VIDEO].item.id)
    assert view.evidence.video.surface.image() is not None
    folder = entries[EvidenceKind.PDF].path.parent
    view.close_evidence()
    assert not folder.exists()  # the lead's temporary copies go when the lead moves on
