"""Calibration results over the real issuer (docs/LEAD.md): once the sheet of a calibration item has been pushed,
the next pull keeps the feed's flag and caches the master levels and rationale for the scoring view; a validity
item (master-scored too) and live work never get one."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessor_app.store.calibration_results import CalibrationResults
from assessor_app.store.catalog import Catalog
from assessor_app.store.outbox import Outbox
from assessor_app.store.scoring_context import load_scoring_context
from assessor_app.sync.client import IssuerClient
from assessor_app.sync.errors import Offline
from tests.sync.fault_proxy import FaultProxy, FlipBit, Reset
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



def test_a_calibration_result_lost_on_the_wire_is_fetched_by_the_next_sync_and_the_push_stands(desk, issuer, items):
    desk.service().sync()
    score_and_submit(desk.db, items.calibration, rank=2)
    port = int(issuer.url.rsplit(":", 1)[1])
    with FaultProxy(port) as proxy:
        proxy.inject("/calibration-result", Reset(40))  # the connection dies inside the answer's headers
        desk.client.close()
        desk.client = IssuerClient(proxy.url, issuer.username)
        desk.client.sign_in(issuer.password)
        with pytest.raises(Offline, match="You can keep scoring"):
            desk.service().sync()
        assert proxy.faults_applied == 1
    results = CalibrationResults(desk.db)
    assert Outbox(desk.db).pending() == []  # the sheet was delivered before the result was asked for
    assert results.wanted() == [items.calibration] and results.load(items.calibration) is None

    desk.client.close()
    desk.client = IssuerClient(issuer.url, issuer.username)
    desk.client.sign_in(issuer.password)
    report = desk.service().sync()
    assert report.pushed == 0 and not report.problems  # delivered once, not again
    assert results.wanted() == [] and results.load(items.calibration) is not None


def test_an_answer_that_is_not_a_calibration_result_is_reported_and_asked_again(desk, issuer, items):
    desk.service().sync()
    score_and_submit(desk.db, items.calibration, rank=2)
    desk.service().sync(pull=False)
    port = int(issuer.url.rsplit(":", 1)[1])
    with FaultProxy(port) as proxy:
        # Flip a bit of the JSON body's first byte ("{" becomes "z"): a reply the app cannot read.
        proxy.inject("/calibration-result", FlipBit(_body_offset(issuer, items.calibration)))
        desk.client.close()
        desk.client = IssuerClient(proxy.url, issuer.username)
        desk.client.sign_in(issuer.password)
        report = desk.service().sync()
        assert proxy.faults_applied == 1
    assert len(report.problems) == 1 and "the next sync tries again" in report.problems[0]
    assert "Traceback" not in report.problems[0]
    results = CalibrationResults(desk.db)
    assert results.wanted() == [items.calibration]
    desk.client.close()
    desk.client = IssuerClient(issuer.url, issuer.username)
    desk.client.sign_in(issuer.password)
    report = desk.service().sync()
    assert not report.problems and results.load(items.calibration) is not None


def _body_offset(issuer, assignment_id: str) -> int:
    """Where the answer's body starts on the wire (the length of its head), asked of the issuer itself."""
    client = IssuerClient(issuer.url, issuer.username)
    try:
        client.sign_in(issuer.password)
        response = client.request("GET", f"/assignments/{assignment_id}/calibration-result")
    finally:
        client.close()
    status_line = f"HTTP/1.1 {response.status_code} {response.reason_phrase}\r\n".encode()
    return len(status_line) + sum(len(k) + 2 + len(v) + 2 for k, v in response.headers.raw) + 2
