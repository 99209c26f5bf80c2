"""Calibration results over the real issuer (docs/LEAD.md): once the sheet of a calibration item has been pushed,
the next pull keeps the feed's flag and caches the master levels and rationale for the scoring view; a validity
item (master-scored too) and live work never get one."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessor_app.store.calibration_results import CalibrationResults
from assessor_app.store.catalog import Catalog
from assessor_app.store.scoring_context import load_scoring_context
from tests.sync.master_items import MasterItems
from tests.sync.scoring import desk_author, score_and_submit


@pytest.fixture
def items(prepared_template: Path) -> MasterItems:
    return MasterItems.read(prepared_template)


def flagged(desk) -> set[str]:
    with desk.db.read() as conn:
        return {row[0] for row in conn.exec_driver_sql("SELECT id FROM assignments WHERE calibration_result")}


def test_a_calibration_items_result_arrives_after_its_sheet_is_pushed(desk, items):
    desk.service().sync()
    results = CalibrationResults(desk.db)
    assert flagged(desk) == set() and results.load(items.calibration) is None  # nothing before submitting

    score_and_submit(desk.db, items.calibration, rank=2)
    report = desk.service().sync()  # push first, then the pull sees the flag and fetches the result
    assert report.pushed == 1 and not report.problems

    assert flagged(desk) == {items.calibration} and results.wanted() == []
    result = results.load(items.calibration)
    assert result is not None
    credential = Catalog(desk.db).credential(*_version(desk, items.calibration))
    mine = {c.id: c.levels[2].id for c in credential.rubric.criteria}
    assert dict(result.master_levels) == items.masters[items.calibration]
    assert dict(result.your_levels) == mine
    assert set(result.rationale) == set(mine) and all(text.strip() for text in result.rationale.values())
    agreed = sum(mine[c] == level for c, level in items.masters[items.calibration].items())
    assert result.summary(credential) == f"{agreed} of {len(mine)} criteria match the master scores."
    context = load_scoring_context(desk.db, items.calibration, desk_author(settings=desk.settings))
    assert context.calibration == result  # what the scoring view is given


def test_a_validity_items_result_never_arrives(desk, items):
    desk.service().sync()
    for assignment in (items.validity, items.live):
        score_and_submit(desk.db, assignment, rank=2)
    report = desk.service().sync()
    assert report.pushed == 2 and not report.problems
    desk.service().sync()  # and not on a later sync either
    results = CalibrationResults(desk.db)
    assert flagged(desk) == set() and results.wanted() == []
    assert results.load(items.validity) is None and results.load(items.live) is None
    context = load_scoring_context(desk.db, items.validity, desk_author(settings=desk.settings))
    assert context.calibration is None


def _version(desk, assignment_id: str) -> tuple[str, str]:
    assignment = Catalog(desk.db).assignment(assignment_id)
    return assignment.credential_id, assignment.credential_version
