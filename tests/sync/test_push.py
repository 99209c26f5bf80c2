"""Pushing decisions to the real issuer: exactly once in effect, conflicts kept, offline work delivered later."""

import json
import sqlite3

import pytest

from assessor_app import cli
from assessor_app.demo import demo_issuer
from assessor_app.domain.assignment import AssignmentState
from assessor_app.domain.errors import DomainError
from assessor_app.store.catalog import Catalog
from assessor_app.store.outbox import Outbox
from assessor_app.sync.client import IssuerClient
from assessor_app.sync.errors import Offline, SignInRequired
from tests.sync.conftest import close_desk, open_desk
from tests.sync.fault_proxy import DropResponse, FaultProxy
from tests.sync.scoring import editor_for, score_and_submit


def issuer_rows(issuer, sql: str, *params) -> list:
    conn = sqlite3.connect(issuer.db_url.removeprefix("sqlite:///"))
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def first_assignment(desk) -> str:
    return Catalog(desk.db).queue()[0].assignment_id


def test_submitted_sheet_reaches_the_issuer_and_the_assignment_is_synced(desk, issuer):
    desk.service().sync()
    assignment = first_assignment(desk)
    score_and_submit(desk.db, assignment)
    report = desk.service().sync()
    assert report.pushed == 1
    assert Catalog(desk.db).assignment(assignment).state is AssignmentState.SYNCED
    assert "earned" in issuer.admin("decisions")


def test_a_push_whose_response_is_lost_is_applied_exactly_once(desk, issuer):
    desk.service().sync()
    assignment = first_assignment(desk)
    editor = score_and_submit(desk.db, assignment)
    port = int(issuer.url.rsplit(":", 1)[1])
    with FaultProxy(port) as proxy:
        proxy.inject("PUT /api/v1/assignments/", DropResponse())
        client = IssuerClient(proxy.url, issuer.username)
        client.sign_in(issuer.password)
        desk.client = client
        report = desk.service().sync(pull=False)
        assert proxy.faults_applied == 1
    assert report.pushed == 1
    tables = {name for (name,) in issuer_rows(issuer, "SELECT name FROM sqlite_master WHERE type='table'")}
    sheet_table = next(t for t in ("score_sheets", "sheets", "received_sheets") if t in tables)
    event_table = next(t for t in ("score_events", "sheet_events", "events") if t in tables)
    assert issuer_rows(issuer, f"SELECT count(*) FROM {sheet_table}")[0][0] == 1
    assert issuer_rows(issuer, f"SELECT count(*) FROM {event_table}")[0][0] == len(
        desk_events := editor._store.events(editor.sheet.id))
    assert len(desk_events) == 7


def test_offline_scoring_is_queued_and_delivered_when_the_issuer_is_back(app_home, issuer_copy, tmp_path):
    with demo_issuer(tmp_path, prepared=issuer_copy) as first:
        port = int(first.url.rsplit(":", 1)[1])
        desk = open_desk(first)
        desk.service().sync()
    # The issuer is gone: scoring carries on from the cache, and the decision waits in the outbox.
    assignment = first_assignment(desk)
    score_and_submit(desk.db, assignment)
    with pytest.raises(Offline, match="cannot be reached"):
        desk.service().sync()
    assert Catalog(desk.db).assignment(assignment).state is AssignmentState.QUEUED
    assert len(Outbox(desk.db).pending()) == 1
    # Back at the same address: `assessor-app sync` delivers it.
    with demo_issuer(tmp_path, prepared=issuer_copy, port=port):
        assert cli.main(["sync", "--push-only"]) == 0
    assert Catalog(desk.db).assignment(assignment).state is AssignmentState.SYNCED
    assert Outbox(desk.db).pending() == []
    close_desk(desk)


def test_revoked_assignment_keeps_local_work(desk, issuer):
    desk.service().sync()
    assignment = first_assignment(desk)
    editor = editor_for(desk.db, assignment)
    credential = editor.credential
    first = credential.rubric.criteria[0]
    editor.edit(lambda s: s.propose_level(credential, first.id, first.levels[1].id))
    issuer.admin("revoke", assignment)
    report = desk.service().sync()
    assert report.revoked == 1
    assert Catalog(desk.db).assignment(assignment).state is AssignmentState.REVOKED
    with pytest.raises(DomainError, match="work on it is kept"):
        editor.edit(lambda s: s.propose_level(credential, first.id, first.levels[2].id))
    assert editor._store.load(assignment).levels == {first.id: first.levels[1].id}


def test_a_decision_for_a_revoked_assignment_becomes_a_conflict_and_is_exportable(desk, issuer, tmp_path, capsys):
    desk.service().sync()
    assignment = first_assignment(desk)
    score_and_submit(desk.db, assignment)
    issuer.admin("revoke", assignment)
    report = desk.service().sync(pull=False)
    assert len(report.conflicts) == 1 and report.pushed == 0
    assert Catalog(desk.db).assignment(assignment).state is AssignmentState.CONFLICT
    out = tmp_path / "conflict.json"
    assert cli.main(["export-sheet", assignment, "--out", str(out)]) == 0
    exported = json.loads(out.read_text())
    assert len(exported["sheet"]["levels"]) == 5 and len(exported["events"]) == 7
    assert exported["outbox"][0]["response"]["status"] == 409


def test_expired_access_token_is_refreshed_silently(desk):
    desk.client._access = "expired-or-forged"
    assert desk.service().sync().new_assignments == 11


def test_revoked_sign_in_asks_to_sign_in_again_without_losing_work(desk, issuer):
    import httpx

    from assessor_app.sync import secrets

    desk.service().sync()
    assignment = first_assignment(desk)
    editor = editor_for(desk.db, assignment)
    credential = editor.credential
    first = credential.rubric.criteria[0]
    editor.edit(lambda s: s.propose_level(credential, first.id, first.levels[3].id))
    stolen = secrets.load_secret(desk.client.keyring_account)
    for _ in range(2):  # a reused refresh token revokes the whole family
        httpx.post(f"{issuer.url}/api/v1/auth/refresh", json={"refresh_token": stolen})
    desk.client._access = None
    with pytest.raises(SignInRequired, match="sign in again"):
        desk.service().sync()
    assert editor._store.load(assignment).levels[first.id] == first.levels[3].id


def test_tokens_are_never_written_to_the_database_or_settings(desk):
    from assessor_app.sync import secrets

    desk.service().sync()
    refresh = secrets.load_secret(desk.client.keyring_account)
    access = desk.client._access
    assert refresh and access
    for path in desk.paths.data.rglob("*"):
        if path.is_file():
            blob = path.read_bytes()
            assert refresh.encode() not in blob and access.encode() not in blob, path


def test_plain_http_beyond_this_machine_is_refused_before_any_traffic():
    from assessor_app.sync.errors import InsecureServer
    from assessor_app.sync.transport import normalise_server_url

    with pytest.raises(InsecureServer, match="plain http"):
        normalise_server_url("http://issuer.example.org")
    assert normalise_server_url("http://127.0.0.1:8470/") == "http://127.0.0.1:8470"
    assert normalise_server_url("https://issuer.example.org/") == "https://issuer.example.org"

