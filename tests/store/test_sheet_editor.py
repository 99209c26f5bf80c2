import itertools
from concurrent.futures import ThreadPoolExecutor

from assessor_app.domain.anchors import EvidenceAnchor, TimeRange
from assessor_app.store.comment_bank import CommentBank
from assessor_app.store.sheet_editor import SheetEditor


def editor_for(sheets, assignment, credential):
    return SheetEditor(sheets, sheets.open(assignment.id), credential)


def test_rapid_edits_from_many_threads_each_see_the_previous_one(sheets, assignment, credential):
    editor = editor_for(sheets, assignment, credential)
    texts = [f"draft {i}" for i in range(40)]
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda t: editor.edit(lambda s, t=t: s.propose_overall_feedback(t)), texts))
    events = sheets.events(editor.sheet.id)
    assert len(events) == 40
    assert all(a.new == b.old for a, b in itertools.pairwise(events))  # each saw its predecessor
    assert sheets.load(assignment.id) == editor.sheet


def test_undo_and_redo_are_new_events(sheets, assignment, credential):
    editor = editor_for(sheets, assignment, credential)
    editor.edit(lambda s: s.propose_level(credential, "video", "video-1"))
    editor.edit(lambda s: s.propose_level(credential, "video", "video-3"))
    editor.undo()
    assert editor.sheet.levels["video"] == "video-1"
    editor.undo()
    assert "video" not in editor.sheet.levels
    editor.redo()
    assert editor.sheet.levels["video"] == "video-1"
    assert [e.new for e in sheets.events(editor.sheet.id)] == ["video-1", "video-3", "video-1", None, "video-1"]


def test_a_change_that_changes_nothing_records_nothing(sheets, assignment, credential):
    editor = editor_for(sheets, assignment, credential)
    editor.edit(lambda s: s.propose_feedback(credential, "video", "Good"))
    assert editor.edit(lambda s: s.propose_feedback(credential, "video", "Good")) is None
    assert len(sheets.events(editor.sheet.id)) == 1


def test_undoing_an_anchor_removes_it(sheets, assignment, credential):
    editor = editor_for(sheets, assignment, credential)
    anchor = EvidenceAnchor("a1", "ev", TimeRange(1, 4), "video")
    editor.edit(lambda s: s.propose_anchor(anchor))
    editor.undo()
    assert editor.sheet.anchors == {}


def test_nothing_can_be_undone_after_submit(sheets, assignment, credential):
    editor = editor_for(sheets, assignment, credential)
    for c in credential.rubric.criteria:
        editor.edit(lambda s, c=c: s.propose_level(credential, c.id, c.levels[3].id))
    editor.submit()
    assert not editor.can_undo and editor.undo() is None


def test_comment_bank_lists_the_criterion_snippets_first(db, credential):
    bank = CommentBank(db)
    bank.add(credential.id, "Cite a specific moment from the video.")
    bank.add(credential.id, "Name the follow-up question you heard.", criterion_id="video")
    bank.add("other-credential", "Not this one")
    assert [c.text for c in bank.comments(credential.id, "video")] == [
        "Name the follow-up question you heard.", "Cite a specific moment from the video."]
