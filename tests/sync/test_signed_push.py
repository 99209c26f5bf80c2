"""Signed score events on the wire, against the real issuer: the device key in the keyring only, signatures and
device chain links in every push (docs/AUDIT.md), interleaved sheets in either order, old events signed late."""

import base64
import sqlite3

import pytest

from assessor_app.domain.assignment import AssignmentState
from assessor_app.domain.signing import Verifier, unb64url
from assessor_app.store.catalog import Catalog
from assessor_app.store.outbox import Outbox
from assessor_app.store.settings import DEVICE_ID, DEVICE_PUBLIC_KEY, SERVER_URL, USERNAME
from assessor_app.sync import secrets
from assessor_app.sync.client import IssuerClient
from assessor_app.sync.device_keys import keyring_account, stored_key
from assessor_app.sync.errors import Offline
from tests.sync.conftest import Desk, close_desk, open_desk
from tests.sync.fault_proxy import DropResponse, FaultProxy
from tests.sync.scoring import editor_for, score_and_submit


def issuer_rows(issuer, sql: str, *params) -> list:
    conn = sqlite3.connect(issuer.db_url.removeprefix("sqlite:///"))
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def queue(desk) -> list[str]:
    return [row.assignment_id for row in Catalog(desk.db).queue()]


def sent_bodies(desk) -> list[dict]:
    """The bodies as completed for sending (kept in the outbox rows), in push order."""
    rows = [row for aid in queue(desk) for row in Outbox(desk.db).all_for(aid) if row["sent_at"]]
    return [row["payload"] for row in sorted(rows, key=lambda row: row["id"])]


def score_interleaved(desk, first: str, second: str):
    """Score two sheets turn about, as an assessor flipping between two submissions, and submit both."""
    editors = [editor_for(desk.db, aid, settings=desk.settings) for aid in (first, second)]
    credential = editors[0].credential
    for criterion in credential.rubric.criteria:
        for editor in editors:
            editor.edit(lambda s, c=criterion: s.propose_level(credential, c.id, c.levels[2].id))
    return editors


def all_signed_by(key: str, body: dict) -> bool:
    verifier = Verifier(key)
    return all(verifier.verifies_event(item["hash"], item["signature"]) for item in body["events"] + body["chain"])


def test_the_device_key_is_in_the_keyring_and_nowhere_in_the_database_or_settings(desk):
    device_id = desk.settings.get(DEVICE_ID)
    secret = secrets.load_secret(keyring_account(device_id))
    assert secret and stored_key(device_id).public_key == desk.settings.get(DEVICE_PUBLIC_KEY)
    desk.service().sync()
    score_and_submit(desk.db, queue(desk)[0], settings=desk.settings)
    desk.service().sync()
    raw = unb64url(secret)
    forms = [secret.encode(), raw, base64.b64encode(raw), base64.b64encode(raw).rstrip(b"="), raw.hex().encode()]
    for path in desk.paths.data.rglob("*"):
        if path.is_file():
            blob = path.read_bytes()
            assert not any(form in blob for form in forms), path


def test_a_push_carries_signatures_and_chain_links_and_the_issuer_takes_it(desk, issuer):
    desk.service().sync()
    draft, submitted = queue(desk)[:2]
    editor_for(desk.db, draft, settings=desk.settings).edit(
        lambda s: s.propose_overall_feedback("Started; more to watch."))  # device seq 1, on a sheet kept local
    score_and_submit(desk.db, submitted, settings=desk.settings)
    report = desk.service().sync(pull=False)
    assert report.pushed == 1 and not report.problems
    [body] = sent_bodies(desk)
    assert all_signed_by(desk.settings.get(DEVICE_PUBLIC_KEY), body)
    assert [link["device_seq"] for link in body["chain"]] == [1]
    assert [e["device_seq"] for e in body["events"]] == list(range(2, 9))
    device_id = desk.settings.get(DEVICE_ID)
    assert desk.client.device_status(device_id)["contiguous_seq"] == 8
    assert issuer_rows(issuer, "SELECT count(*) FROM device_links WHERE device_id = ?", device_id)[0][0] == 8


@pytest.mark.parametrize("first_pushed", [0, 1], ids=["first-scored-first", "second-scored-first"])
def test_two_sheets_scored_interleaved_push_in_either_order(desk, first_pushed):
    desk.service().sync()
    pair = queue(desk)[:2]
    editors = score_interleaved(desk, *pair)
    order = [editors[first_pushed], editors[1 - first_pushed]]
    for editor in order:  # submit and push one, then the other, each in its own sync
        editor.submit({})
        report = desk.service().sync(pull=False)
        assert report.pushed == 1 and not report.problems, report.problems
    assert {Catalog(desk.db).assignment(aid).state for aid in pair} == {AssignmentState.SYNCED}
    first, second = sent_bodies(desk)
    own = {e["device_seq"] for e in first["events"]}
    assert first["chain"] and not own & {link["device_seq"] for link in first["chain"]}
    assert {link["device_seq"] for link in first["chain"]} | own == set(range(1, max(own) + 1))
    assert second["chain"] == []  # the issuer already holds every earlier position, as events or links


def test_a_sheet_scored_before_the_device_had_a_key_pushes_signed(app_home, issuer):
    """A desk signed in by the version before device keys: its settings and refresh token, no device key."""
    from assessor_app.store.database import Database
    from assessor_app.store.paths import AppPaths
    from assessor_app.store.settings import Settings

    paths = AppPaths.resolve().ensure()
    settings = Settings(paths.settings)
    client = IssuerClient(issuer.url, issuer.username)
    client.sign_in(issuer.password)
    settings.set(SERVER_URL, client.server_url)
    settings.set(USERNAME, client.username)
    old_device = settings.device_id()
    desk = Desk(paths, Database.open(paths.database, paths.backups), settings, client)
    try:
        desk.service().sync()
        editor = score_and_submit(desk.db, queue(desk)[0], settings=settings, signed=False)
        assert stored_key(old_device) is None
        assert all(e.signature is None for e in editor._store.events(editor.sheet.id))
        report = desk.service().sync(pull=False)
        assert report.pushed == 1 and not report.problems, report.problems
        assert settings.get(DEVICE_ID) == old_device  # a first key keeps the device's id and chain
        [body] = sent_bodies(desk)
        assert all_signed_by(stored_key(old_device).public_key, body)
        assert all(e.signature is None for e in editor._store.events(editor.sheet.id))  # rows never rewritten
    finally:
        close_desk(desk)


def test_a_lost_device_key_starts_a_new_device_id_and_the_new_chain_pushes(desk):
    desk.service().sync()
    first, second = queue(desk)[:2]
    score_and_submit(desk.db, first, settings=desk.settings)
    assert desk.service().sync(pull=False).pushed == 1
    old_device = desk.settings.get(DEVICE_ID)
    secrets.forget_secret(keyring_account(old_device))
    score_and_submit(desk.db, second, settings=desk.settings)
    report = desk.service().sync(pull=False)
    assert report.pushed == 1 and not report.problems, report.problems
    new_device = desk.settings.get(DEVICE_ID)
    assert new_device != old_device
    assert sent_bodies(desk)[-1]["events"][0]["device_seq"] == 1  # a new chain starts at 1
    assert desk.client.device_status(old_device)["contiguous_seq"] == 7  # the old chain stays on the issuer
    assert desk.client.device_status(new_device)["contiguous_seq"] == 7


def test_a_push_whose_answer_was_lost_is_resent_identically_in_a_later_sync(desk, issuer):
    """The links depend on what the issuer held when the body was completed; once the push landed the issuer holds
    more, so a recomputed body would not match the one it took under that Idempotency-Key."""
    desk.service().sync()
    draft, submitted = queue(desk)[:2]
    editor_for(desk.db, draft, settings=desk.settings).edit(lambda s: s.propose_overall_feedback("Started."))
    score_and_submit(desk.db, submitted, settings=desk.settings)
    port = int(issuer.url.rsplit(":", 1)[1])
    with FaultProxy(port) as proxy:
        for _ in range(4):  # every attempt of this sync loses its answer; the first one was applied
            proxy.inject("PUT /api/v1/assignments/", DropResponse())
        client = IssuerClient(proxy.url, issuer.username)
        client.sign_in(issuer.password)
        with pytest.raises(Offline):
            Desk(desk.paths, desk.db, desk.settings, client).service().sync(pull=False)
        client.close()
    [pending] = Outbox(desk.db).pending()
    assert [link["device_seq"] for link in pending.payload["chain"]] == [1]
    assert desk.client.device_status(desk.settings.get(DEVICE_ID))["contiguous_seq"] == 8
    report = desk.service().sync(pull=False)
    assert report.pushed == 1 and not report.problems, report.problems
    assert issuer_rows(issuer, "SELECT count(*) FROM received_sheets")[0][0] == 1


def test_a_push_refused_for_a_gap_in_its_links_is_relinked_at_the_next_sync(desk):
    desk.service().sync()
    draft, submitted = queue(desk)[:2]
    editor_for(desk.db, draft, settings=desk.settings).edit(lambda s: s.propose_overall_feedback("Started."))
    score_and_submit(desk.db, submitted, settings=desk.settings)
    [entry] = Outbox(desk.db).pending()
    Outbox(desk.db).complete_payload(entry.id, {**entry.payload, "chain": []})  # as if the issuer had held seq 1
    report = desk.service().sync(pull=False)
    [problem] = report.problems
    assert report.pushed == 0 and "has not received" in problem and problem.endswith("The decision stays queued.")
    report = desk.service().sync(pull=False)
    assert report.pushed == 1 and not report.problems, report.problems
    assert [link["device_seq"] for link in sent_bodies(desk)[0]["chain"]] == [1]


def test_a_second_desk_session_registers_the_same_key_again_harmlessly(app_home, issuer):
    desk = open_desk(issuer)
    device_id, public_key = desk.settings.get(DEVICE_ID), desk.settings.get(DEVICE_PUBLIC_KEY)
    close_desk(desk)
    again = open_desk(issuer)  # signing in again re-registers: 200, same key, same id
    try:
        assert (again.settings.get(DEVICE_ID), again.settings.get(DEVICE_PUBLIC_KEY)) == (device_id, public_key)
        assert again.client.device_status(device_id)["public_key"] == public_key
    finally:
        close_desk(again)


def test_unsigned_events_of_a_device_whose_key_was_lost_are_kept_and_reported(desk):
    desk.service().sync()
    assignment = queue(desk)[0]
    score_and_submit(desk.db, assignment, settings=desk.settings, signed=False)  # before the key was loaded
    secrets.forget_secret(keyring_account(desk.settings.get(DEVICE_ID)))
    report = desk.service().sync(pull=False)
    assert report.pushed == 0
    [problem] = report.problems
    assert "cannot be signed" in problem and f"assessor-app export-sheet {assignment}" in problem
    [pending] = Outbox(desk.db).pending()
    assert "chain" not in pending.payload and "cannot be signed" in pending.last_error
    assert Catalog(desk.db).assignment(assignment).state is AssignmentState.QUEUED


def test_login_from_the_command_line_registers_the_device_key(capsys, monkeypatch, issuer):
    import io

    from assessor_app import cli
    from assessor_app.store.paths import AppPaths
    from assessor_app.store.settings import Settings

    monkeypatch.setattr("sys.stdin", io.StringIO(issuer.password + "\n"))
    assert cli.main(["login", "--server", issuer.url, "--user", issuer.username, "--password-stdin"]) == 0
    settings = Settings(AppPaths.resolve().settings)
    device_id = settings.get(DEVICE_ID)
    assert stored_key(device_id).public_key == settings.get(DEVICE_PUBLIC_KEY)
    client = IssuerClient(issuer.url, issuer.username)
    try:
        assert client.device_status(device_id)["public_key"] == settings.get(DEVICE_PUBLIC_KEY)
    finally:
        client.close()


@pytest.mark.parametrize(("slug", "says"), [
    ("unknown-device", "Sign in again"),
    ("bad-signature", "export-sheet asg-9"),
    ("out-of-order-event", "stays queued"),
])
def test_chain_refusals_tell_the_assessor_what_to_do(slug, says):
    from assessor_app.sync.errors import Refused
    from assessor_app.sync.service import refusal_message

    refusal = Refused(422, "The issuer's own words.", {"type": f"urn:assessors-desk:problem:{slug}"})
    assert says in refusal_message(refusal, "asg-9")
