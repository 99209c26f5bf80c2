from assessor_app.domain.coverage import PdfCoverage, VideoCoverage
from assessor_app.domain.wire import credential_to_achievement
from assessor_app.store.catalog import Catalog
from assessor_app.store.coverage_store import CoverageStore
from assessor_app.store.scoring_context import load_scoring_context
from assessor_app.store.sheets import Author

SHA = "ab" * 32


def manifest(credential):
    return {"id": "sub-1", "credential_id": credential.id, "credential_version": credential.version,
            "candidate_ref": "T-1", "attempt": 2, "submitted_at": "2026-11-01T09:00:00.000Z",
            "responses": [{"question_id": "q1", "text": "We began with a hinge question."}],
            "evidence": [{"id": "ev-v", "kind": "video", "title": "Lesson video", "media_type": "video/mp4",
                          "size": 10, "sha256": SHA}],
            "prior_attempts": [{"attempt": 1, "credential_version": credential.version,
                                "levels": {"video": "video-1"}, "feedback": {"video": "Show follow-up."},
                                "overall_feedback": "Close.", "outcome": "not_yet"}]}


def test_context_gathers_sheet_rubric_evidence_and_previous_attempt(db, assignment, credential):
    catalog = Catalog(db)
    catalog.save_credential(credential_to_achievement(credential))
    catalog.save_submission(manifest(credential))
    context = load_scoring_context(db, assignment.id, Author("ana", "dev"))
    assert context.credential == credential
    assert context.previous.feedback["video"] == "Show follow-up."
    [entry] = context.evidence
    assert entry.path is None and "sync while online" in entry.problem
    assert context.editor.sheet.assignment_id == assignment.id
    assert context.coverage.summary() == "No evidence opened yet"


def test_coverage_is_kept_and_summarised(db, assignment):
    store = CoverageStore(db)
    store.save_video(assignment.id, "ev-v", VideoCoverage(100.0, [(0, 20), (10, 34)]))
    store.save_pdf(assignment.id, "ev-p", PdfCoverage(8, {1: 12.0, 2: 3.5, 3: 0.2}))
    coverage = store.load(assignment.id, {"ev-v": "Lesson video", "ev-p": "Student work"})
    assert coverage.summary() == "Lesson video 34% watched · Student work 2/8 pages"
    assert coverage.warnings() == []
    payload = coverage.to_payload()
    assert payload["videos"]["ev-v"]["watched"] == [(0, 34)]
    store.save_video(assignment.id, "ev-v", VideoCoverage(100.0, [(0, 10)]))
    assert store.load(assignment.id, {"ev-v": "Lesson video"}).warnings() == ["Lesson video was only 10% watched."]
