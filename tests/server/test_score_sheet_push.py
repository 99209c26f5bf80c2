"""PUT /assignments/{id}/score-sheet: checks, idempotency, conflicts; over SQLite and PostgreSQL."""

from __future__ import annotations

import time
import uuid

from assessor_app.domain.rubric import Recommendation
from issuer_server import idempotency
from issuer_server.models import IdempotencyKey, ReceivedSheet, ScoreEventRow
from issuer_server.schemas import ScoreSheetPush
from tests.server.world import World

PROBLEM = "application/problem+json"


def assert_problem(response, status: int, slug: str | None = None) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    doc = response.json()
    assert {"type", "title", "status", "detail"} <= doc.keys()
    assert doc["status"] == status and doc["detail"]
    if slug:
        assert doc["type"].endswith(":" + slug), doc
    return doc


def test_a_valid_sheet_is_received_with_its_events(world: World) -> None:
    assignment = world.assign()
    body = world.sheet(assignment)
    response = world.push(assignment, body)
    assert response.status_code == 201, response.text
    receipt = response.json()
    assert receipt == {"assignment_id": assignment, "sheet_id": body["sheet_id"],
                       "received_at": receipt["received_at"], "recommendation": "earned",
                       "derived_recommendation": "earned", "status": "received"}
    assert receipt["received_at"].endswith("Z")
    assert world.count(ReceivedSheet, assignment_id=assignment) == 1
    assert world.count(ScoreEventRow, assignment_id=assignment) == len(body["events"])


def test_an_idempotent_replay_returns_the_identical_response_and_creates_nothing(world: World) -> None:
    assignment = world.assign()
    body = world.sheet(assignment)
    key = str(uuid.uuid4())
    first = world.push(assignment, body, key=key)
    assert first.status_code == 201
    sheets, events = world.count(ReceivedSheet), world.count(ScoreEventRow)
    again = world.push(assignment, body, key=key)
    assert again.status_code == 201
    assert again.content == first.content
    assert (world.count(ReceivedSheet), world.count(ScoreEventRow)) == (sheets, events)


def test_the_same_key_with_another_body_is_refused(world: World) -> None:
    assignment = world.assign()
    key = str(uuid.uuid4())
    assert world.push(assignment, world.sheet(assignment), key=key).status_code == 201
    assert_problem(world.push(assignment, world.sheet(assignment, rank=2), key=key), 422, "idempotency-key-reused")


def test_a_duplicate_arriving_while_the_first_is_in_flight_gets_409(world: World) -> None:
    assignment = world.assign()
    body = world.sheet(assignment)
    key = str(uuid.uuid4())
    user_id = world.user_id("alice")
    fingerprint = idempotency.fingerprint(assignment, ScoreSheetPush.model_validate(body).model_dump(mode="json"))
    with world.db.write() as session:  # the first request has claimed the key and is still working
        session.add(IdempotencyKey(principal_id=user_id, key=key, fingerprint=fingerprint, state="in_flight",
                                   started_epoch=time.time(), created_at="2026-11-23T00:00:00.000Z"))
    assert_problem(world.push(assignment, body, key=key), 409, "request-in-flight")
    assert world.count(ReceivedSheet, assignment_id=assignment) == 0


def test_a_push_without_idempotency_key_is_a_400_problem(world: World) -> None:
    assignment = world.assign()
    response = world.client().put(f"/assignments/{assignment}/score-sheet", json=world.sheet(assignment))
    assert_problem(response, 400, "idempotency-key-missing")


def test_a_revoked_assignment_refuses_the_sheet_with_409(world: World) -> None:
    assignment = world.assign()
    world.revoke(assignment)
    doc = assert_problem(world.push(assignment, world.sheet(assignment)), 409, "assignment-revoked")
    assert "withdrew" in doc["detail"]
    assert world.count(ReceivedSheet, assignment_id=assignment) == 0


def test_a_reassigned_assignment_refuses_the_sheet_with_409(world: World) -> None:
    assignment = world.assign()
    world.reassign(assignment, "bob")
    doc = assert_problem(world.push(assignment, world.sheet(assignment)), 409, "assignment-reassigned")
    assert "reassigned" in doc["detail"]


def test_a_second_different_sheet_for_a_received_assignment_is_a_409(world: World) -> None:
    assignment = world.assign()
    assert world.push(assignment, world.sheet(assignment)).status_code == 201
    assert_problem(world.push(assignment, world.sheet(assignment, rank=2)), 409, "sheet-already-received")


def test_an_unknown_level_is_named_in_a_422(world: World) -> None:
    assignment = world.assign()
    body = world.sheet(assignment)
    body["levels"]["v1-c1"] = "v1-c1-brilliant"
    doc = assert_problem(world.push(assignment, body), 422, "unknown-level")
    assert "v1-c1-brilliant" in doc["detail"] and "v1-c1" in doc["detail"]


def test_a_level_of_another_rubric_version_is_refused(world: World) -> None:
    assignment = world.assign()
    body = world.sheet(assignment)
    body["levels"]["v2-c1"] = "v2-c1-meets"
    doc = assert_problem(world.push(assignment, body), 422, "unknown-criterion")
    assert "v2-c1" in doc["detail"]


def test_a_sheet_under_the_wrong_credential_version_is_refused(world: World) -> None:
    assignment = world.assign()
    body = world.sheet(assignment)
    body["credential_version"] = "2"
    doc = assert_problem(world.push(assignment, body), 422, "wrong-credential-version")
    assert "version 1" in doc["detail"]


def test_a_recommendation_contradicting_the_rule_needs_a_reason(world: World) -> None:
    assignment = world.assign()
    body = world.sheet(assignment, rank=0, override=Recommendation.EARNED, validate_override=False, submit=False)
    assert body["recommendation"] == "earned" and body["override_reason"] is None
    assert_problem(world.push(assignment, body), 422, "recommendation-contradicts-rule")


def test_an_override_with_a_reason_is_received_with_the_derived_recommendation(world: World) -> None:
    assignment = world.assign()
    body = world.sheet(assignment, rank=0, override=Recommendation.EARNED,
                       override_reason="Evidence outside the video shows the skill.")
    response = world.push(assignment, body)
    assert response.status_code == 201, response.text
    assert response.json()["recommendation"] == "earned"
    assert response.json()["derived_recommendation"] == "not_yet"


def test_an_incomplete_sheet_is_refused(world: World) -> None:
    assignment = world.assign()
    body = world.sheet(assignment)
    del body["levels"]["v1-c3"]
    doc = assert_problem(world.push(assignment, body), 422, "incomplete-sheet")
    assert "Follow-up on answers" in doc["detail"]


def test_a_below_bar_level_without_feedback_is_refused(world: World) -> None:
    assignment = world.assign()
    body = world.sheet(assignment, rank=0, feedback={"v1-c1": "", "v1-c2": "x", "v1-c3": "y"}, submit=False)
    doc = assert_problem(world.push(assignment, body), 422, "incomplete-sheet")
    assert "needs feedback" in doc["detail"]


def test_a_tampered_event_fails_its_hash(world: World) -> None:
    assignment = world.assign()
    body = world.sheet(assignment)
    body["events"][-2]["new"] = "A different overall feedback."
    body["overall_feedback"] = "A different overall feedback."
    assert_problem(world.push(assignment, body), 422, "event-hash-mismatch")


def test_levels_the_events_do_not_produce_are_refused(world: World) -> None:
    assignment = world.assign()
    body = world.sheet(assignment)
    body["levels"]["v1-c1"] = "v1-c1-exceeds"
    doc = assert_problem(world.push(assignment, body), 422, "events-disagree-with-sheet")
    assert "levels" in doc["detail"]


def test_malformed_json_is_a_400_problem(world: World) -> None:
    assignment = world.assign()
    response = world.client().put(f"/assignments/{assignment}/score-sheet", content=b'{"sheet_id": ',
                                  headers={"Idempotency-Key": "k", "Content-Type": "application/json"})
    assert_problem(response, 400, "malformed-json")


def test_a_body_of_the_wrong_shape_is_a_422_problem(world: World) -> None:
    assignment = world.assign()
    response = world.push(assignment, {"sheet_id": 5, "levels": []})
    doc = assert_problem(response, 422, "invalid-request")
    assert "levels" in doc["detail"]


def test_an_oversized_body_is_a_413_problem(world: World) -> None:
    assignment = world.assign()
    body = world.sheet(assignment)
    body["coverage"] = {"padding": "x" * (2 * 1024 * 1024 + 10)}
    assert_problem(world.push(assignment, body), 413, "body-too-large")


def test_a_returned_assignment_accepts_a_new_sheet(world: World) -> None:
    assignment = world.assign()
    assert world.push(assignment, world.sheet(assignment)).status_code == 201
    review = world.client("admin").post(f"/review/assignments/{assignment}",
                                        json={"decision": "return", "note": "Cite the video."})
    assert review.status_code == 200, review.text
    assert world.push(assignment, world.sheet(assignment, rank=2)).status_code == 201
    assert world.count(ReceivedSheet, assignment_id=assignment) == 2
