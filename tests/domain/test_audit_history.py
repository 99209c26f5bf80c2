"""The auditor's reading of a score history: timeline, the sheet at a moment, diffs, verification, export."""

from __future__ import annotations

import csv
import io
import json

import pytest

from assessor_app.domain.audit_export import CSV_COLUMNS, history_csv, history_json
from assessor_app.domain.audit_history import History, parse_search
from assessor_app.domain.audit_timeline import SERVER_CLOCK, diff, sheet_as_of, timeline
from assessor_app.domain.audit_verify import verify_history
from assessor_app.domain.errors import DomainError
from assessor_app.domain.signing import SigningKey
from tests.domain.audit_builder import HistoryBuilder

DAY = "2026-11-18T"


@pytest.fixture
def builder() -> HistoryBuilder:
    """Scored offline on the morning of the 18th, synced at noon; a correction after submit; accepted."""
    b = HistoryBuilder()
    c = b.credential.rubric.criteria
    b.score_all(1, DAY + "08:00:00.000Z")  # everything "Developing"
    b.edit(f"criteria.{c[0].id}.level", c[0].levels[1].id, c[0].levels[2].id, DAY + "08:30:00.000Z")
    b.edit("overall_feedback", "", "Strong questioning.", DAY + "08:40:00.000Z")
    b.edit("status", "draft", "submitted", DAY + "08:45:00.000Z")
    b.receive(DAY + "12:00:05.120Z")
    b.decide(DAY + "12:00:05.120Z", "not_yet")
    b.review(DAY + "15:00:00.000Z", "accepted")
    return b


def verify(b: HistoryBuilder, doc: dict | None = None, **kwargs):
    history = History.parse(doc or b.document())
    entries = kwargs.pop("log_entries", dict(enumerate(b.log.entries)))
    return verify_history(history, kwargs.pop("log_key", b.log.key.public_key), b.log.proofs(), entries)


# --- reading ------------------------------------------------------------------------------------
def test_an_offline_scored_sheet_shows_its_device_times_and_the_later_receipt_time(builder):
    rows = [r for r in timeline(History.parse(builder.document())) if r.kind == "score-event"]
    assert rows[0].device_time == DAY + "08:00:00.000Z"
    assert rows[-1].device_time == DAY + "08:45:00.000Z"
    assert {r.server_time for r in rows} == {DAY + "12:00:05.120Z"}
    assert rows[0].device == "laptop-1 #1"


def test_timeline_rows_use_the_rubrics_criterion_and_level_names(builder):
    rows = timeline(History.parse(builder.document()))
    change = next(r for r in rows if r.device_time == DAY + "08:30:00.000Z")
    assert (change.label, change.old, change.new) == ("Context — level", "Developing", "Proficient")
    assert change.rubric_version == "1.0" and change.who == "ana"
    assert next(r for r in rows if r.field == "status").new == "Submitted"


def test_timeline_orders_everything_by_when_it_happened_with_decision_and_review(builder):
    rows = timeline(History.parse(builder.document()))
    assert [r.kind for r in rows[-2:]] == ["decision", "review"]
    assert rows[-2].new == "Not Yet" and rows[-1].new == "Accepted" and rows[-1].who == "admin"
    assert rows[-1].reason == "Thanks"


def test_the_sheet_as_it_stood_at_a_moment_by_the_devices_clock(builder):
    history = History.parse(builder.document())
    before = sheet_as_of(history, "asg-1", DAY + "08:10:00.000Z")
    assert before.events_applied == 5
    assert before.value("criteria.context.level") == "Developing"
    assert before.value("recommendation") == "Not Yet (by the rule)"
    assert before.value("status") == "Draft"
    after = sheet_as_of(history, "asg-1", DAY + "09:00:00.000Z")
    assert after.value("criteria.context.level") == "Proficient"
    assert after.value("status") == "Submitted"


def test_by_the_issuers_clock_nothing_had_arrived_before_the_sync(builder):
    history = History.parse(builder.document())
    assert sheet_as_of(history, "asg-1", DAY + "11:59:59.000Z", SERVER_CLOCK).events_applied == 0
    assert sheet_as_of(history, "asg-1", DAY + "12:00:05.120Z", SERVER_CLOCK).events_applied == 8


def test_diff_between_two_moments_lists_only_what_changed(builder):
    history = History.parse(builder.document())
    changes = diff(sheet_as_of(history, "asg-1", DAY + "08:10:00.000Z"),
                   sheet_as_of(history, "asg-1", DAY + "08:50:00.000Z"))
    assert [(d.label, d.before, d.after) for d in changes] == [
        ("Context — level", "Developing", "Proficient"),
        ("Overall feedback", "—", "Strong questioning."),
        ("Sheet status", "Draft", "Submitted"),
    ]


def test_search_results_parse_into_summaries():
    items = parse_search({"items": [{"submission_id": "s1", "credential_id": "c", "credential_version": "1.0",
                                     "attempt": 2, "assessors": ["ana"], "last_received_at": None,
                                     "decision": "earned"}]})
    assert items[0].assessors == ("ana",) and items[0].attempt == 2


def test_a_malformed_history_is_refused_with_a_readable_message():
    with pytest.raises(DomainError, match="history document is malformed"):
        History.parse({"submission": {}, "checkpoint": {}})


# --- verifying ----------------------------------------------------------------------------------
def test_an_intact_history_verifies_and_says_what_was_checked(builder):
    result = verify(builder)
    assert result.ok, result.failures
    assert (result.events, result.decisions, result.reviews) == (8, 1, 1)
    assert "8 score events, 1 decision and 1 review" in result.summary()
    assert "checkpoint of 10 entries" in result.summary()


def test_a_changed_value_is_named_by_its_log_index_and_event_id(builder):
    doc = builder.document()
    doc["events"][2]["new"] = "context-3"  # what the issuer's table now says
    result = verify(builder, doc)
    assert not result.ok
    first = result.failures[0]
    assert (first.log_index, first.subject) == (2, doc["events"][2]["id"])
    assert "does not match its hash" in first.describe()
    assert first.describe().startswith("Log entry #2 (score event ")
    assert "does NOT verify" in result.summary() and "Log entry #2" in result.summary()


def test_a_rewritten_and_rehashed_event_fails_its_signature_and_inclusion(builder):
    from assessor_app.domain.audit_chain import chain_hash

    doc = builder.document()
    event = doc["events"][3]
    event["new"] = "questions-3"
    event["hash"] = chain_hash(event, event["prev_hash"])  # the forger recomputes the hash
    problems = {f.problem.split(":")[0] for f in verify(builder, doc).failures if f.log_index == 3}
    assert "its signature does not verify with device laptop-1's registered key." in problems
    assert any(p.startswith("it is not included in the signed checkpoint") for p in problems)


def test_a_broken_device_chain_is_named(builder):
    doc = builder.document()
    doc["events"][4]["prev_hash"] = "f" * 64
    failures = verify(builder, doc).failures
    assert any(f.log_index == 4 and "link to device laptop-1's event #4 is broken" in f.problem for f in failures)


def test_chain_links_of_other_sheets_let_the_chain_be_checked():
    b = HistoryBuilder()
    b.edit("overall_feedback", "", "First thoughts.", DAY + "08:00:00.000Z")
    b.other_sheet_event(DAY + "08:05:00.000Z")  # the device scored another sheet in between
    b.edit("overall_feedback", "First thoughts.", "Second thoughts.", DAY + "08:10:00.000Z")
    b.receive(DAY + "09:00:00.000Z")
    assert verify(b).ok
    doc = b.document()
    doc["links"] = []
    failures = verify(b, doc).failures
    assert [f.problem for f in failures] == ["its predecessor in device laptop-1's chain (#2) is missing from the "
                                             "history, so the chain cannot be checked."]


def test_an_unsigned_event_is_reported(builder):
    doc = builder.document()
    doc["events"][0]["signature"] = None
    failures = verify(builder, doc).failures
    assert any(f.log_index == 0 and f.problem == "it is not signed." for f in failures)


def test_a_log_entry_that_differs_from_the_history_is_named(builder):
    entries = {i: dict(e) for i, e in enumerate(builder.log.entries)}
    entries[5]["new"] = "tampered"
    failures = verify(builder, log_entries=entries).failures
    assert [(f.log_index, f.problem) for f in failures] == [
        (5, "the log's entry differs from the history shown, in new.")]


def test_a_checkpoint_not_signed_by_the_log_key_is_refused(builder):
    result = verify(builder, log_key=SigningKey.generate().public_key)
    assert not result.ok
    assert result.failures[0].kind == "checkpoint"
    assert result.summary().endswith("is not signed by the issuer's log key, so no entry's inclusion can be trusted.")


def test_an_altered_decision_fails_inclusion(builder):
    doc = builder.document()
    doc["decisions"][0]["recommendation"] = "earned"
    failures = verify(builder, doc, log_entries=None).failures
    assert [(f.log_index, f.kind) for f in failures] == [(8, "decision")]
    assert failures[0].describe().startswith("Log entry #8 (decision of assignment asg-1, round 1)")


# --- exporting ----------------------------------------------------------------------------------
def test_csv_export_has_the_documented_columns_and_one_row_per_timeline_row(builder):
    history = History.parse(builder.document())
    rows = list(csv.DictReader(io.StringIO(history_csv([history]))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == len(timeline(history)) == 10
    assert rows[0]["device_time"] == DAY + "08:00:00.000Z" and rows[0]["received_at"] == DAY + "12:00:05.120Z"
    assert rows[0]["new"] == "Developing" and rows[0]["field"] == "criteria.context.level"


def test_json_export_keeps_the_issuers_documents_so_they_can_be_checked_again(builder):
    document = json.loads(history_json([History.parse(builder.document())], "2026-11-20T00:00:00.000Z"))
    assert document["format"] == "assessors-desk audit history v1"
    again = History.parse(document["submissions"][0])
    assert verify_history(again, builder.log.key.public_key, builder.log.proofs()).ok
