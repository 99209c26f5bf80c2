"""The assignments delta feed and the issuer's review reaching it; over SQLite and PostgreSQL."""

from __future__ import annotations

from tests.server.world import World


def feed(world: World, user: str, cursor: str | None = None, limit: int = 500) -> dict:
    params = {"limit": limit, **({"cursor": cursor} if cursor else {})}
    response = world.client(user).get("/assignments", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def drain(world: World, user: str, cursor: str | None = None) -> tuple[list[dict], str]:
    items: list[dict] = []
    while True:
        page = feed(world, user, cursor, limit=3)
        items += page["items"]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return items, cursor


def test_a_new_assignment_appears_without_its_kind(world: World) -> None:
    assignment = world.assign(kind="validity")
    item = next(i for i in feed(world, "alice")["items"] if i["id"] == assignment)
    assert set(item) == {"id", "submission_id", "credential_id", "credential_version", "status", "due_at",
                         "updated_at", "review", "calibration_result"}
    assert item["status"] == "assigned" and item["review"] is None and item["credential_version"] == "1"
    assert item["calibration_result"] is False


def test_the_delta_feed_returns_only_changes_after_the_cursor(world: World) -> None:
    before = world.assign()
    _, cursor = drain(world, "alice")
    assert drain(world, "alice", cursor)[0] == []
    after = world.assign()
    world.revoke(before)
    items, _ = drain(world, "alice", cursor)
    assert [(i["id"], i["status"]) for i in items] == [(after, "assigned"), (before, "revoked")]


def test_paging_walks_every_item_once(world: World) -> None:
    created = {world.assign() for _ in range(4)}
    items, _ = drain(world, "alice")
    ids = [i["id"] for i in items]
    assert len(ids) == len(set(ids))
    assert created <= set(ids)


def test_a_reassignment_is_revoked_for_the_old_assessor_and_new_for_the_other(world: World) -> None:
    _, alice_cursor = drain(world, "alice")
    _, bob_cursor = drain(world, "bob")
    assignment = world.assign()
    new_id = world.reassign(assignment, "bob")
    alice_items, _ = drain(world, "alice", alice_cursor)
    assert [(i["id"], i["status"]) for i in alice_items] == [(assignment, "revoked")]
    bob_items, _ = drain(world, "bob", bob_cursor)
    assert [(i["id"], i["status"]) for i in bob_items] == [(new_id, "assigned")]


def test_a_review_reaches_the_assessors_feed(world: World) -> None:
    assignment = world.assign()
    assert world.push(assignment, world.sheet(assignment)).status_code == 201
    _, cursor = drain(world, "alice")
    pending = world.client("admin").get("/review/pending").json()["items"]
    assert any(p["assignment_id"] == assignment and p["assessor"] == "alice" for p in pending)
    review = world.client("admin").post(f"/review/assignments/{assignment}",
                                        json={"decision": "accept", "note": "Well evidenced."})
    assert review.status_code == 200, review.text
    items, _ = drain(world, "alice", cursor)
    assert len(items) == 1 and items[0]["id"] == assignment
    assert items[0]["review"]["decision"] == "accepted"
    assert items[0]["review"]["note"] == "Well evidenced."
    assert items[0]["review"]["at"].endswith("Z")
    again = world.client("admin").post(f"/review/assignments/{assignment}", json={"decision": "return"})
    assert again.status_code == 409


def test_reviewing_an_assignment_without_a_sheet_is_a_409(world: World) -> None:
    assignment = world.assign()
    response = world.client("admin").post(f"/review/assignments/{assignment}", json={"decision": "accept"})
    assert response.status_code == 409
    assert response.headers["content-type"].startswith("application/problem+json")


def test_a_cursor_the_server_did_not_issue_is_a_400_problem(world: World) -> None:
    response = world.client().get("/assignments", params={"cursor": "not-a-cursor!"})
    assert response.status_code == 400
    assert response.json()["type"].endswith(":bad-cursor")
