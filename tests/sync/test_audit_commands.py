"""`assessor-app audit verify | export` and the audit client, against the real reference issuer on loopback.

History is made the way assessors make it (``assessor_app.demo_history``: two desks score, submit and push; the
issuer's administrator accepts one decision); tampering goes straight at the issuer's database.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from assessor_app import cli
from assessor_app.demo import DemoIssuer, demo_issuer
from assessor_app.demo_history import seed_scored_history
from assessor_app.domain.audit_timeline import timeline
from assessor_app.store.catalog import Catalog
from assessor_app.store.paths import AppPaths
from assessor_app.store.settings import Settings
from assessor_app.sync.account import sign_in
from assessor_app.sync.audit_client import AuditClient, SearchFilter
from assessor_app.sync.errors import Offline, Refused
from issuer_server.demo_program import DEMO_ADMIN, DEMO_ASSESSOR, DEMO_AUDITOR, SECOND_ASSESSOR
from tests.sync.conftest import close_desk, open_desk
from tests.sync.scoring import score_and_submit


def issuer_db(issuer: DemoIssuer) -> Path:
    return Path(issuer.db_url.removeprefix("sqlite:///"))


def seed(issuer: DemoIssuer, tmp_path: Path) -> list[str]:
    return seed_scored_history(issuer.url, tmp_path / "seed", DEMO_ASSESSOR, SECOND_ASSESSOR, DEMO_ADMIN)


def log_in_as_auditor(issuer: DemoIssuer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(DEMO_AUDITOR[1] + "\n"))
    assert cli.main(["login", "--server", issuer.url, "--user", DEMO_AUDITOR[0], "--password-stdin"]) == 0
    capsys.readouterr()


def auditor_client(issuer: DemoIssuer) -> AuditClient:
    return AuditClient(sign_in(Settings(AppPaths.resolve().ensure().settings), issuer.url, *DEMO_AUDITOR))


def tamper_first_level(issuer: DemoIssuer, submission_id: str) -> str:
    """Change the level of one stored score event of the submission, as a database editor could; returns its id."""
    with sqlite3.connect(issuer_db(issuer)) as conn:
        event_id, new = conn.execute(
            "SELECT e.id, e.new FROM score_events e JOIN assignments a ON a.id = e.assignment_id "
            "WHERE a.submission_id = ? AND e.field LIKE 'criteria.%.level' ORDER BY e.device_seq LIMIT 1",
            (submission_id,)).fetchone()
        level = json.loads(new)
        tampered = level[:-1] + ("1" if level[-1] != "1" else "2")
        conn.execute("UPDATE score_events SET new = ? WHERE id = ?", (json.dumps(tampered), event_id))
    return str(event_id)


@pytest.fixture
def seeded(issuer: DemoIssuer, tmp_path: Path, monkeypatch, capsys) -> list[str]:
    submissions = seed(issuer, tmp_path)
    log_in_as_auditor(issuer, monkeypatch, capsys)
    return submissions


def test_verify_without_a_submission_checks_every_submission_the_auditor_finds(seeded, capsys):
    assert cli.main(["audit", "verify"]) == 0
    out = capsys.readouterr().out
    for submission_id in seeded:
        assert f"ok      Submission {submission_id} verifies:" in out
    assert "Every event's hash, device signature and place in its device's chain checked" in out
    assert "submission(s) verified against the issuer's signed audit log" in out


def test_verify_names_the_tampered_entry_and_exits_1(seeded, issuer, capsys):
    event_id = tamper_first_level(issuer, seeded[0])
    assert cli.main(["audit", "verify", "--submission", seeded[0]]) == 1
    captured = capsys.readouterr()
    assert f"FAILED  Submission {seeded[0]} does NOT verify" in captured.out
    assert f"(score event {event_id}): its content does not match its hash" in captured.out
    assert "Log entry #" in captured.out
    assert "1 of 1 submission(s) did not verify." in captured.err


def test_export_writes_csv_rows_in_the_rubrics_words_and_json_that_verifies_again(seeded, tmp_path, capsys):
    out_csv, out_json = tmp_path / "history.csv", tmp_path / "history.json"
    assert cli.main(["audit", "export", "--submission", seeded[0], "--format", "csv", "--output", str(out_csv)]) == 0
    assert cli.main(["audit", "export", "--format", "json", "--output", str(out_json)]) == 0
    assert "Wrote the history of" in capsys.readouterr().out
    assert out_csv.stat().st_mode & 0o777 == 0o600
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8")))
    assert {r["submission_id"] for r in rows} == {seeded[0]}
    assert {r["kind"] for r in rows} >= {"score-event", "decision"}
    assert {r["who"] for r in rows} >= {DEMO_ASSESSOR[0], SECOND_ASSESSOR[0]}  # first and second read
    changed = [r for r in rows if r["field"].endswith(".level") and r["old"] not in ("", "—")]
    assert changed and changed[0]["new"] == "Developing" and changed[0]["old"] == "Proficient"
    document = json.loads(out_json.read_text(encoding="utf-8"))
    assert document["format"] == "assessors-desk audit history v1"
    assert {s["submission"]["id"] for s in document["submissions"]} >= set(seeded)


def test_search_filters_by_assessor_and_decision(seeded, issuer):
    audit = auditor_client(issuer)
    try:
        by_second = [s.submission_id for s in audit.search(SearchFilter(assessor=SECOND_ASSESSOR[0]))]
        assert seeded[0] in by_second and seeded[1] not in by_second  # assigned to them, or not
        assert seeded[1] in [s.submission_id for s in audit.search(SearchFilter(decision="earned"))]
        assert seeded[1] not in [s.submission_id for s in audit.search(SearchFilter(decision="not_yet"))]
    finally:
        audit.close()


def test_an_assessor_may_not_read_the_audit_log(desk):
    audit = AuditClient(desk.client)
    with pytest.raises(Refused, match="needs the auditor role"):
        audit.search()


def test_an_offline_scored_sheet_synced_later_shows_its_device_times_and_receipt_time(issuer_copy, tmp_path):
    with demo_issuer(tmp_path, prepared=issuer_copy) as first:
        port = int(first.url.rsplit(":", 1)[1])
        desk = open_desk(first)
        desk.service().sync()
    assignment = sorted(r.assignment_id for r in Catalog(desk.db).queue())[0]
    score_and_submit(desk.db, assignment, settings=desk.settings)  # offline: the issuer is gone
    with pytest.raises(Offline):
        desk.service().sync(pull=False)
    with demo_issuer(tmp_path, prepared=issuer_copy, port=port) as back:
        desk.service().sync(pull=False)
        close_desk(desk)
        audit = auditor_client(back)
        try:
            found = audit.search(SearchFilter(assessor=DEMO_ASSESSOR[0]))
            history = audit.history(found[0].submission_id)
            assert audit.verify(history).ok
        finally:
            audit.close()
    rows = [r for r in timeline(history) if r.kind == "score-event"]
    assert rows and all(r.device_time and r.server_time for r in rows)
    assert all(r.device_time < r.server_time for r in rows)  # made offline, received later
    decision = next(r for r in timeline(history) if r.kind == "decision")
    assert decision.server_time == rows[-1].server_time
