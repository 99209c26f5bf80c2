"""An assessor reaches only their own assignments, those submissions and that evidence; anything else
is a 404 indistinguishable from an id that does not exist. Over SQLite and PostgreSQL."""

from __future__ import annotations

import uuid

import httpx
import pytest

from tests.server.world import World


@pytest.fixture(scope="module")
def alices(world: World) -> dict[str, str]:
    submission = world.fresh_submission()
    return {"assignment": world.assign("alice", submission_id=submission), "submission": submission,
            "evidence": f"{submission}-pdf"}


def same_answer(mine: httpx.Response, missing: httpx.Response) -> None:
    assert mine.status_code == missing.status_code == 404
    assert mine.json() == missing.json()
    assert mine.headers["content-type"] == missing.headers["content-type"]
    assert mine.headers.get("content-length") == missing.headers.get("content-length")


@pytest.mark.parametrize("kind", ["assignment", "submission", "evidence"])
def test_another_assessors_resource_looks_like_a_missing_one(world: World, alices: dict[str, str],
                                                              kind: str) -> None:
    path = {"assignment": "/assignments/{}", "submission": "/submissions/{}", "evidence": "/evidence/{}"}[kind]
    bob = world.client("bob")
    same_answer(bob.get(path.format(alices[kind])), bob.get(path.format("no-such-" + kind)))
    assert world.client("alice").get(path.format(alices[kind])).status_code == 200


def test_head_on_another_assessors_evidence_looks_missing(world: World, alices: dict[str, str]) -> None:
    bob = world.client("bob")
    mine, missing = bob.head(f"/evidence/{alices['evidence']}"), bob.head("/evidence/nothing")
    assert mine.status_code == missing.status_code == 404
    assert mine.headers.get("content-length") == missing.headers.get("content-length")


def test_pushing_a_sheet_for_another_assessors_assignment_looks_missing(world: World,
                                                                        alices: dict[str, str]) -> None:
    body = world.sheet(alices["assignment"])
    mine = world.push(alices["assignment"], body, user="bob")
    missing = world.push("no-such-assignment", body, user="bob")
    same_answer(mine, missing)


def test_another_assessors_assignment_never_shows_in_the_feed(world: World, alices: dict[str, str]) -> None:
    items = world.client("bob").get("/assignments", params={"limit": 500}).json()["items"]
    assert alices["assignment"] not in {i["id"] for i in items}


def test_a_revoked_assignment_no_longer_opens_its_submission(world: World) -> None:
    submission = world.fresh_submission()
    assignment = world.assign(submission_id=submission)
    world.revoke(assignment)
    alice = world.client("alice")
    assert alice.get(f"/assignments/{assignment}").json()["status"] == "revoked"
    same_answer(alice.get(f"/submissions/{submission}"), alice.get(f"/submissions/{uuid.uuid4()}"))
    same_answer(alice.get(f"/evidence/{submission}-video"), alice.get(f"/evidence/{uuid.uuid4()}"))


def test_the_manifest_is_pseudonymous(world: World, alices: dict[str, str]) -> None:
    manifest = world.client("alice").get(f"/submissions/{alices['submission']}").json()
    assert manifest["candidate_ref"].startswith("cand-")
    assert {e["id"] for e in manifest["evidence"]} == {f"{alices['submission']}-video", alices["evidence"]}
    assert all(len(e["sha256"]) == 64 and e["size"] > 0 for e in manifest["evidence"])


def test_credentials_are_served_by_version_and_latest(world: World) -> None:
    alice = world.client("alice")
    cred_id = world.credential.id
    v1 = alice.get(f"/credentials/{cred_id}/versions/1").json()
    latest = alice.get(f"/credentials/{cred_id}").json()
    assert v1["version"] == "1" and v1["achievementType"] == "MicroCredential"
    assert latest["version"] == "2"
    assert [lv["id"] for lv in v1["resultDescription"][0]["rubricCriterionLevel"]] == [
        "v1-c1-emerging", "v1-c1-meets", "v1-c1-exceeds"]
    assert alice.get(f"/credentials/{cred_id}/versions/9").status_code == 404


def test_unknown_routes_and_methods_are_problem_documents(world: World) -> None:
    alice = world.client("alice")
    for response, status in ((alice.get("/no/such/route"), 404), (alice.delete("/me"), 405)):
        assert response.status_code == status
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["status"] == status


def test_a_batch_of_manifests_lists_others_and_unknown_ids_alike_as_missing(world: World,
                                                                            alices: dict[str, str]) -> None:
    ids = f"{alices['submission']},no-such-submission"
    mine = world.client("alice").get("/submissions", params={"ids": ids})
    assert mine.status_code == 200
    assert [m["id"] for m in mine.json()["items"]] == [alices["submission"]]
    assert mine.json()["missing"] == ["no-such-submission"]
    theirs = world.client("bob").get("/submissions", params={"ids": ids}).json()
    assert theirs == {"items": [], "missing": [alices["submission"], "no-such-submission"]}


def test_a_batch_of_more_than_a_hundred_ids_is_refused_with_a_problem(world: World) -> None:
    response = world.client("alice").get("/submissions", params={"ids": ",".join(f"s{i}" for i in range(101))})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
