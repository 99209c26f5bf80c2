import pytest

from assessor_app.domain.anchors import EvidenceAnchor, PdfLocation, TimeRange
from assessor_app.domain.audit_chain import GENESIS_HASH, first_break
from assessor_app.domain.errors import DomainError, SheetLocked, UnknownLevel
from assessor_app.domain.rubric import Recommendation
from assessor_app.domain.score_events import Change, ScoreEvent
from assessor_app.domain.score_sheet import ScoreSheet


class Recorder:
    """Stamps changes the way the store does: one device chain."""

    def __init__(self, credential):
        self.sheet = ScoreSheet("sheet-1", "asg-1", credential.id, credential.version)
        self.events: list[ScoreEvent] = []

    def commit(self, change):
        prev = self.events[-1].hash if self.events else GENESIS_HASH
        event = ScoreEvent.stamp(change, sheet_id="sheet-1", assignment_id="asg-1", actor="ana",
                                 device_id="dev", device_seq=len(self.events) + 1, prev_hash=prev)
        self.events.append(event)
        self.sheet = self.sheet.apply(event)
        return event


def score_all(rec, credential, rank):
    for c in credential.rubric.criteria:
        rec.commit(rec.sheet.propose_level(credential, c.id, c.levels[rank].id))


def test_sheet_is_rebuilt_exactly_from_its_events(credential):
    rec = Recorder(credential)
    score_all(rec, credential, 2)
    rec.commit(rec.sheet.propose_feedback(credential, "video", "Strong wait time after questions."))
    rec.commit(rec.sheet.propose_overall_feedback("Clear evidence of the method."))
    anchor = EvidenceAnchor("anc-1", "ev-video", TimeRange(12.0, 31.5), "video", "probing question")
    rec.commit(rec.sheet.propose_anchor(anchor))
    rec.commit(rec.sheet.propose_level(credential, "work", "work-3"))
    rebuilt = ScoreSheet.replay("sheet-1", "asg-1", credential.id, credential.version, rec.events)
    assert rebuilt == rec.sheet
    assert rebuilt.levels["work"] == "work-3"
    assert rebuilt.anchors["anc-1"].selector == TimeRange(12.0, 31.5)
    assert rebuilt.event_count == len(rec.events) == 9


def test_rebuilding_from_a_prefix_gives_the_sheet_as_it_stood_then(credential):
    rec = Recorder(credential)
    score_all(rec, credential, 1)
    score_all(rec, credential, 3)
    halfway = ScoreSheet.replay("sheet-1", "asg-1", credential.id, credential.version, rec.events[:5])
    assert set(halfway.levels.values()) == {c.levels[1].id for c in credential.rubric.criteria}


def test_every_event_records_old_and_new_values(credential):
    rec = Recorder(credential)
    rec.commit(rec.sheet.propose_level(credential, "context", "context-1"))
    event = rec.commit(rec.sheet.propose_level(credential, "context", "context-3"))
    assert (event.field, event.old, event.new) == ("criteria.context.level", "context-1", "context-3")


def test_a_level_from_another_criterion_is_refused(credential):
    sheet = ScoreSheet("s", "a", credential.id, credential.version)
    with pytest.raises(UnknownLevel):
        sheet.propose_level(credential, "context", "video-2")


def test_sheet_is_bound_to_the_rubric_version_it_was_made_under(credential):
    from tests.builders import sample_credential

    sheet = ScoreSheet("s", "a", credential.id, "0.9")
    with pytest.raises(DomainError, match=r"version 0\.9"):
        sheet.propose_level(sample_credential(version="1.0"), "context", "context-2")


def test_override_contradicting_the_rule_needs_a_reason(credential):
    rec = Recorder(credential)
    score_all(rec, credential, 3)
    assert rec.sheet.recommendation(credential) is Recommendation.EARNED
    with pytest.raises(DomainError, match="give a reason"):
        rec.sheet.propose_override(credential, Recommendation.NOT_YET, reason="  ")
    reason = "Video is not the candidate's class"
    rec.commit(rec.sheet.propose_override(credential, Recommendation.NOT_YET, reason=reason))
    assert rec.sheet.recommendation(credential) is Recommendation.NOT_YET
    assert rec.sheet.derived_recommendation(credential) is Recommendation.EARNED
    assert rec.sheet.override_reason == "Video is not the candidate's class"


def test_override_that_agrees_with_the_rule_needs_no_reason(credential):
    rec = Recorder(credential)
    score_all(rec, credential, 3)
    rec.commit(rec.sheet.propose_override(credential, Recommendation.EARNED, reason=None))
    assert rec.sheet.submission_problems(credential) == []


def test_submit_is_blocked_with_a_list_of_what_is_missing(credential):
    rec = Recorder(credential)
    rec.commit(rec.sheet.propose_level(credential, "context", "context-0"))
    problems = rec.sheet.submission_problems(credential)
    assert len(problems) == 5
    assert "“Context” is below the bar and needs feedback" in problems[0]
    with pytest.raises(DomainError, match="Not ready to submit"):
        rec.sheet.propose_submit(credential)


def test_submitted_sheet_changes_only_with_a_reason(credential):
    rec = Recorder(credential)
    score_all(rec, credential, 2)
    rec.commit(rec.sheet.propose_submit(credential))
    with pytest.raises(SheetLocked):
        rec.sheet.propose_level(credential, "context", "context-3")
    rec.commit(rec.sheet.propose_level(credential, "context", "context-3",
                                       reason="ADJUDICATION: resolved with the second read"))
    assert rec.sheet.levels["context"] == "context-3"


def test_a_change_after_submit_with_a_free_text_reason_is_refused(credential):
    rec = Recorder(credential)
    score_all(rec, credential, 2)
    rec.commit(rec.sheet.propose_submit(credential))
    with pytest.raises(SheetLocked, match="does not start with a reason code"):
        rec.sheet.propose_overall_feedback("Better wording.", reason="fixed the wording")
    rec.commit(rec.sheet.propose_overall_feedback("Better wording.", reason="data-entry-correction: wording"))
    assert rec.sheet.overall_feedback == "Better wording."


def test_replaying_a_post_submit_event_without_a_reason_code_is_refused(credential):
    rec = Recorder(credential)
    score_all(rec, credential, 2)
    rec.commit(rec.sheet.propose_submit(credential))
    free_text = ScoreEvent.stamp(Change("criteria.context.level", "context-2", "context-3", "I changed my mind"),
                                 sheet_id="sheet-1", assignment_id="asg-1", actor="ana", device_id="dev",
                                 device_seq=len(rec.events) + 1, prev_hash=rec.events[-1].hash)
    with pytest.raises(SheetLocked, match="reason code"):
        ScoreSheet.replay("sheet-1", "asg-1", credential.id, credential.version, [*rec.events, free_text])


def test_event_chain_detects_a_rewritten_event(credential):
    rec = Recorder(credential)
    score_all(rec, credential, 2)
    bodies = [e.to_dict() for e in rec.events]
    assert first_break(bodies) is None and all(e.verifies() for e in rec.events)
    bodies[2]["new"] = "questions-3"
    assert first_break(bodies) == 2


def test_event_survives_a_round_trip_through_its_dict(credential):
    rec = Recorder(credential)
    anchor = EvidenceAnchor("a1", "ev-pdf", PdfLocation(3, "because the angles", "said ", " add"), "work", "")
    event = rec.commit(rec.sheet.propose_anchor(anchor))
    assert ScoreEvent.from_dict(event.to_dict()) == event
    assert EvidenceAnchor.from_dict(anchor.to_dict()) == anchor
