"""Every released schema, frozen with unsynced work inside, upgrades to the current one without losing it.

Add a frozen copy here whenever a migration ships (see tests/store/frozen/)."""

import shutil
from pathlib import Path

import pytest

from assessor_app.domain.assignment import AssignmentState
from assessor_app.domain.audit_chain import first_break
from assessor_app.store.catalog import Catalog
from assessor_app.store.database import Database, head_revision
from assessor_app.store.outbox import Outbox
from assessor_app.store.sheets import Author, SheetStore

FROZEN = sorted((Path(__file__).parent / "frozen").glob("cache-*.sqlite3"))


@pytest.mark.parametrize("frozen", FROZEN, ids=[p.stem for p in FROZEN])
def test_frozen_cache_upgrades_with_its_unsynced_work(frozen, paths):
    shutil.copy(frozen, paths.database)
    db = Database.open(paths.database, paths.backups)
    try:
        assert db.schema_revision() == head_revision()
        assert db.backup is not None and db.backup.exists()
        store = SheetStore(db, Author("ana", "old-laptop"))
        assert store.load("asg-draft").levels == {"context": "context-2"}
        queued = store.load("asg-queued")
        assert queued.submitted and queued.levels == {"context": "context-3"}
        assert Catalog(db).assignment("asg-queued").state is AssignmentState.QUEUED
        [entry] = Outbox(db).pending()
        assert entry.idempotency_key == "11111111-2222-3333-4444-555555555555"
        events = store.events("sheet-draft") + store.events("sheet-queued")
        assert first_break([e.to_dict() for e in sorted(events, key=lambda e: e.device_seq)]) is None
    finally:
        db.close()


def test_there_is_a_frozen_cache_to_upgrade():
    assert FROZEN, "keep a frozen cache from each released schema in tests/store/frozen/"
