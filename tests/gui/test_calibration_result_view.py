"""The scoring view after a calibration item's sheet was pushed to the real issuer and the result synced: each
criterion shows the panel's master level and rationale beside the assessor's own, with a summary above; a
validity item shows nothing, and the kept rubric pane drops the result when it is rebound to another sheet."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assessor_app.store.calibration_results import CalibrationResults
from assessor_app.ui.pdf.mupdf_renderer import PageRenderer
from assessor_app.ui.rubric.pane_header import SENT
from assessor_app.ui.scoring_view import ScoringView
from assessor_app.ui.tasks import TaskRunner
from tests.sync.conftest import desk, issuer, issuer_copy, prepared_template  # noqa: F401  (real issuer, desk)
from tests.sync.master_items import MasterItems
from tests.sync.scoring import desk_author, score_and_submit


@pytest.fixture
def items(prepared_template) -> MasterItems:  # noqa: F811
    return MasterItems.read(prepared_template)


@pytest.fixture
def synced(desk, items):  # noqa: F811
    """Both master-scored items scored at the same levels, pushed, and the results pulled."""
    desk.service().sync()
    for assignment in (items.calibration, items.validity):
        score_and_submit(desk.db, assignment, rank=2)
    report = desk.service().sync()
    assert report.pushed == 2 and not report.problems
    return desk


@pytest.fixture
def view(qtbot, synced, items) -> Iterator[ScoringView]:
    order = [items.calibration, items.validity]

    def neighbours(assignment_id: str, direction: int) -> str | None:
        index = order.index(assignment_id) + direction
        return order[index] if 0 <= index < len(order) else None

    tasks, renderer = TaskRunner(), PageRenderer()
    widget = ScoringView(tasks, synced.settings, renderer, neighbours)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    yield widget
    widget.close_current()
    tasks.wait_idle()
    renderer.shutdown()


def open_in(qtbot, view: ScoringView, desk, assignment_id: str) -> None:  # noqa: F811
    with qtbot.waitSignal(view.loaded, timeout=20000):
        view.open(desk.db, desk_author(settings=desk.settings), assignment_id)


def assert_shows_the_result(view: ScoringView, synced, assignment_id: str) -> None:
    result = CalibrationResults(synced.db).load(assignment_id)
    pane = view.rubric
    assert result is not None and pane is not None and pane.read_only
    summary = pane.calibration_summary
    assert not summary.isHidden()
    assert summary.title.text() == f"Calibration result: {result.summary(pane.credential)}"
    assert "criteria match the master scores" in summary.title.text()
    for card in pane.cards:
        cid = card.criterion.id
        assert card.master is not None, cid
        master_label = card.criterion.level(result.master_levels[cid]).label
        assert f"Master score: {master_label}" in card.master.heading.text()
        mine = card.criterion.level(card.level_id).label  # the assessor's own level, as the card shows it
        assert ("matches yours" in card.master.heading.text()) == (card.level_id == result.master_levels[cid])
        if card.level_id != result.master_levels[cid]:
            assert f"yours: {mine}" in card.master.heading.text()
        assert card.master.rationale.text() == result.rationale[cid]
        marked = [o.level.id for o in card.options if "master score" in o.accessibleName()]
        assert marked == [result.master_levels[cid]]


def assert_shows_nothing(view: ScoringView) -> None:
    pane = view.rubric
    assert pane is not None and pane.read_only  # submitted, like the calibration item
    assert pane.calibration_summary.isHidden()
    assert all(card.master is None for card in pane.cards)
    assert not any("master score" in o.accessibleName() for card in pane.cards for o in card.options)


def test_a_synced_calibration_item_shows_master_levels_and_rationale(qtbot, view, synced, items):
    open_in(qtbot, view, synced, items.calibration)
    assert_shows_the_result(view, synced, items.calibration)
    assert view.rubric.header.status.text() == SENT  # pushed and synced: not "waiting to be sent"


def test_a_validity_item_shows_no_master_scores(qtbot, view, synced, items):
    open_in(qtbot, view, synced, items.validity)
    assert_shows_nothing(view)


def test_rebinding_the_pane_to_another_sheet_hides_the_result_and_back_shows_it(qtbot, view, synced, items):
    open_in(qtbot, view, synced, items.calibration)
    pane = view.rubric
    with qtbot.waitSignal(view.loaded, timeout=20000):
        view.step(1)
    assert view.rubric is pane and view.context.assignment.id == items.validity  # the same pane, rebound
    assert_shows_nothing(view)
    with qtbot.waitSignal(view.loaded, timeout=20000):
        view.step(-1)
    assert view.rubric is pane
    assert_shows_the_result(view, synced, items.calibration)
