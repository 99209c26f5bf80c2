"""Scoring a cached assignment the way the app does, for sync tests."""

from __future__ import annotations

from assessor_app.store.catalog import Catalog
from assessor_app.store.database import Database
from assessor_app.store.paths import AppPaths
from assessor_app.store.settings import Settings
from assessor_app.store.sheet_editor import SheetEditor
from assessor_app.store.sheets import Author, SheetStore
from assessor_app.sync.device_keys import key_for_scoring


def desk_author(actor: str = "demo", *, settings: Settings | None = None, signed: bool = True) -> Author:
    """This desk's device, as the app uses it; ``signed=False``: scoring before the device key was loaded."""
    settings = settings or Settings(AppPaths.resolve().settings)
    device = key_for_scoring(settings) if signed else None
    if device is None:
        return Author(actor, settings.device_id())
    return Author(actor, device.device_id, device.key)


def editor_for(db: Database, assignment_id: str, actor: str = "demo", *, settings: Settings | None = None,
               signed: bool = True) -> SheetEditor:
    catalog = Catalog(db)
    assignment = catalog.assignment(assignment_id)
    credential = catalog.credential(assignment.credential_id, assignment.credential_version)
    store = SheetStore(db, desk_author(actor, settings=settings, signed=signed))
    return SheetEditor(store, store.open(assignment_id), credential)


def score_and_submit(db: Database, assignment_id: str, rank: int = 2, *, settings: Settings | None = None,
                     signed: bool = True) -> SheetEditor:
    editor = editor_for(db, assignment_id, settings=settings, signed=signed)
    credential = editor.credential
    for criterion in credential.rubric.criteria:
        editor.edit(lambda s, c=criterion: s.propose_level(credential, c.id, c.levels[rank].id))
    editor.edit(lambda s: s.propose_overall_feedback("Clear, specific evidence of the method."))
    editor.submit({"video": {"watched_fraction": 0.9}})
    return editor
