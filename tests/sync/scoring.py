"""Scoring a cached assignment the way the app does, for sync tests."""

from __future__ import annotations

from assessor_app.store.catalog import Catalog
from assessor_app.store.database import Database
from assessor_app.store.sheet_editor import SheetEditor
from assessor_app.store.sheets import Author, SheetStore


def editor_for(db: Database, assignment_id: str, actor: str = "demo") -> SheetEditor:
    catalog = Catalog(db)
    assignment = catalog.assignment(assignment_id)
    credential = catalog.credential(assignment.credential_id, assignment.credential_version)
    store = SheetStore(db, Author(actor, "test-laptop"))
    return SheetEditor(store, store.open(assignment_id), credential)


def score_and_submit(db: Database, assignment_id: str, rank: int = 2) -> SheetEditor:
    editor = editor_for(db, assignment_id)
    credential = editor.credential
    for criterion in credential.rubric.criteria:
        editor.edit(lambda s, c=criterion: s.propose_level(credential, c.id, c.levels[rank].id))
    editor.edit(lambda s: s.propose_overall_feedback("Clear, specific evidence of the method."))
    editor.submit({"video": {"watched_fraction": 0.9}})
    return editor
