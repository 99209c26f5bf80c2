import pytest

from assessor_app.domain.assignment import AssignmentState
from assessor_app.domain.audit_chain import first_break
from assessor_app.domain.errors import DomainError
from assessor_app.store.catalog import Catalog
from assessor_app.store.outbox import Outbox
from assessor_app.store.sheets import Author, SheetStore


def score_everything(sheets, sheet, credential, rank=2):
    for c in credential.rubric.criteria:
        sheet = sheets.record(sheet, sheet.propose_level(credential, c.id, c.levels[rank].id)).sheet
    return sheet


def test_first_edit_moves_a_new_assignment_in_progress(db, sheets, assignment, credential):
    sheet = sheets.open(assignment.id)
    recorded = sheets.record(sheet, sheet.propose_level(credential, "context", "context-1"))
    assert recorded.changes.assignments == {assignment.id}
    assert Catalog(db).assignment(assignment.id).state is AssignmentState.IN_PROGRESS


def test_every_edit_is_on_disk_when_record_returns(db, paths, sheets, assignment, credential):
    sheet = score_everything(sheets, sheets.open(assignment.id), credential)
    from assessor_app.store.database import Database

    other = Database.open(paths.database, paths.backups)  # a second process would see the same
    reloaded = SheetStore(other, Author("ana", "device-1")).load(assignment.id)
    assert reloaded == sheet
    other.close()


def test_device_chain_links_events_across_sheets(db, sheets, assignment, credential):
    sheet = score_everything(sheets, sheets.open(assignment.id), credential)
    events = sheets.events(sheet.id)
    assert [e.device_seq for e in events] == [1, 2, 3, 4, 5]
    assert first_break([e.to_dict() for e in events]) is None


def test_submit_freezes_the_sheet_and_queues_it_in_one_step(db, sheets, assignment, credential):
    sheet = score_everything(sheets, sheets.open(assignment.id), credential, rank=3)
    recorded = sheets.submit(sheet, credential)
    assert recorded.sheet.submitted and recorded.changes.outbox
    assert Catalog(db).assignment(assignment.id).state is AssignmentState.QUEUED
    [entry] = Outbox(db).pending()
    assert entry.payload["recommendation"] == "earned"
    assert len(entry.payload["events"]) == 6 and entry.payload["events"][-1]["field"] == "status"
    assert len(entry.idempotency_key) == 36


def test_incomplete_sheet_cannot_be_submitted_and_nothing_is_queued(db, sheets, assignment, credential):
    sheet = sheets.open(assignment.id)
    with pytest.raises(DomainError, match="has no level yet"):
        sheets.submit(sheet, credential)
    assert Outbox(db).pending() == []


def test_revoked_assignment_keeps_local_work_but_refuses_new_scores(db, sheets, assignment, credential):
    sheet = sheets.open(assignment.id)
    sheet = sheets.record(sheet, sheet.propose_level(credential, "context", "context-2")).sheet
    Catalog(db).move(assignment.id, AssignmentState.REVOKED)
    with pytest.raises(DomainError, match="work on it is kept"):
        sheets.record(sheet, sheet.propose_level(credential, "video", "video-2"))
    assert sheets.load(assignment.id).levels == {"context": "context-2"}


def test_delivery_moves_the_assignment_to_synced_and_keeps_the_row(db, sheets, assignment, credential):
    sheets.submit(score_everything(sheets, sheets.open(assignment.id), credential), credential)
    outbox = Outbox(db)
    [entry] = outbox.pending()
    outbox.record_failure(entry.id, "connection reset", None)
    outbox.record_delivery(entry.id, {"status": "received"})
    assert outbox.pending() == []
    assert Catalog(db).assignment(assignment.id).state is AssignmentState.SYNCED
