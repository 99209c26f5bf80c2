"""Signed score events in the cache: migration 0004 keeps old events as they were, new ones are signed when the
device key is loaded, and old unsigned ones sign at push time without any row being rewritten."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from assessor_app.domain.audit_chain import first_break
from assessor_app.domain.signing import SigningKey, Verifier
from assessor_app.domain.wire import completed_push_body, link_spans
from assessor_app.store.database import Database
from assessor_app.store.device_events import device_events
from assessor_app.store.sheets import Author, SheetStore

FROZEN = sorted(p for p in (Path(__file__).parent / "frozen").glob("cache-*.sqlite3") if p.stem < "cache-0004")


@pytest.fixture(params=FROZEN, ids=[p.stem for p in FROZEN])
def upgraded(request, paths):
    """A frozen cache from before signatures (its events unsigned), upgraded to the current schema."""
    shutil.copy(request.param, paths.database)
    database = Database.open(paths.database, paths.backups)
    yield database
    database.close()


def test_upgrading_keeps_old_events_unsigned_and_their_chain_intact(upgraded):
    store = SheetStore(upgraded, Author("ana", "old-laptop"))
    events = store.events("sheet-draft") + store.events("sheet-queued")
    assert [e.signature for e in events] == [None, None, None]
    assert first_break([e.to_dict() for e in sorted(events, key=lambda e: e.device_seq)]) is None


@pytest.mark.parametrize("statement", ["UPDATE score_events SET signature = 'x'", "DELETE FROM score_events"])
def test_score_events_stay_append_only_after_the_upgrade(upgraded, statement):
    raw = sqlite3.connect(upgraded.path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            raw.execute(statement)
    finally:
        raw.close()


def test_an_edit_recorded_with_the_device_key_is_signed(db, assignment, credential):
    key = SigningKey.generate()
    store = SheetStore(db, Author("ana", "device-1", key))
    sheet = store.open(assignment.id)
    event = store.record(sheet, sheet.propose_level(credential, "context", "context-2")).event
    [stored] = store.events(sheet.id)
    assert stored == event and Verifier(key.public_key).verifies_event(stored.hash, stored.signature)


def test_an_edit_recorded_before_the_key_is_loaded_is_kept_unsigned(db, assignment, credential, sheets):
    sheet = sheets.open(assignment.id)
    sheets.record(sheet, sheet.propose_level(credential, "context", "context-2"))
    assert [e.signature for e in sheets.events(sheet.id)] == [None]


def test_the_queued_body_carries_the_signatures_recorded_with_the_events(db, assignment, credential):
    from assessor_app.store.outbox import Outbox

    key = SigningKey.generate()
    store = SheetStore(db, Author("ana", "device-1", key))
    sheet = store.open(assignment.id)
    for c in credential.rubric.criteria:
        sheet = store.record(sheet, sheet.propose_level(credential, c.id, c.levels[2].id)).sheet
    store.submit(sheet, credential)
    [entry] = Outbox(db).pending()
    verifier = Verifier(key.public_key)
    assert all(verifier.verifies_event(e["hash"], e["signature"]) for e in entry.payload["events"])


def test_events_from_before_the_upgrade_push_signed_and_linked_once_the_device_has_a_key(upgraded, credential):
    key = SigningKey.generate()  # the old laptop's key, made at its first sign-in after the upgrade
    store = SheetStore(upgraded, Author("ana", "old-laptop", key))
    draft = store.load("asg-draft")
    store.record(draft, draft.propose_level(credential, "context", "context-3"))  # continues the old chain, signed
    chain = device_events(upgraded, "old-laptop", 0, 10)
    assert [(e.device_seq, e.signature is not None) for e in chain] == [(1, False), (2, False), (3, False), (4, True)]
    assert first_break([e.to_dict() for e in chain]) is None

    queued = [e.to_dict() for e in store.events("sheet-queued")]  # seqs 2 and 3; seq 1 is the draft's
    [span] = link_spans(queued, lambda _device: 0)
    links = [e for e in device_events(upgraded, "old-laptop", span.after, span.up_to) if span.needs(e.device_seq)]
    body = completed_push_body({"events": queued}, links, lambda _device, h: key.sign_event(h))
    verifier = Verifier(key.public_key)
    assert all(verifier.verifies_event(e["hash"], e["signature"]) for e in body["events"])
    assert [(link["device_seq"], verifier.verifies_event(link["hash"], link["signature"]))
            for link in body["chain"]] == [(1, True)]
    assert [e.signature for e in store.events("sheet-queued")] == [None, None]  # no row was rewritten
