"""Lead scoring on the issuer (docs/LEAD.md): double-scored pairs that disagree go to adjudication, a lead's
resolution keeps both reads, only leads read other assessors' scores, calibration items reveal the master scores
after submit and validity items never do, and live work waits for qualification. Over SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from assessor_app.domain.wire import credential_to_achievement
from issuer_server import assignments_admin
from issuer_server.cli import main as cli_main
from issuer_server.devkit.sheets import all_at, build_push
from issuer_server.devkit.tiny_program import CREDENTIAL_ID, PASSWORD, credential
from issuer_server.errors import IssuerError
from issuer_server.models import AuditEntry, ReceivedSheet
from tests.server.world import World

LEAD = "lena"
NEWCOMER = "carol"
MASTERED = 10  # the module's last submissions have master scores; fresh_submission() takes the first ones
LEAD_ROUTES = ["/lead/credentials", f"/lead/credentials/{CREDENTIAL_ID}/reads", "/lead/adjudications",
               "/lead/adjudications/any-id", f"/lead/qualifications?credential_id={CREDENTIAL_ID}"]


def master_levels() -> dict[str, str]:
    return all_at(credential("1"), 1)


@pytest.fixture(scope="module")
def mastered(world: World, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[str]]:
    """Load master scores, a policy and a lead through ``load-program``; qualify alice and bob on two calibration
    items each. Yields the master-scored submissions still free for the tests."""
    folder = tmp_path_factory.mktemp("lead-program")
    subs = world.program.submission_ids[-MASTERED:]
    creds = [credential_to_achievement(credential("1")), credential_to_achievement(credential("2"))]
    program = {
        "credentials": creds, "submissions": [],
        "users": [{"username": LEAD, "password": PASSWORD, "roles": ["lead"]},
                  {"username": NEWCOMER, "password": PASSWORD, "roles": ["assessor"]}],
        "master_scores": [{"submission_id": sid, "levels": master_levels(), "set": "autumn-2026",
                           "rationale": {c: f"The panel saw {c} met in the video." for c in master_levels()}}
                          for sid in subs],
        "policies": [{"credential_id": CREDENTIAL_ID, "second_read_share": 0.5, "max_steps": 1, "on_decision": True,
                      "qualification": {"min_exact": 0.8, "min_items": 2, "required": True}}],
    }
    (folder / "program.json").write_text(json.dumps(program), encoding="utf-8")
    assert cli_main(["--db", world.db_url, "--evidence-dir", str(world.evidence_dir), "load-program",
                     str(folder)]) == 0
    free = list(subs)
    for assessor in ("alice", "bob"):
        for _ in range(2):
            assignment = world.assign(assessor, submission_id=free.pop(), kind="calibration")
            assert world.push(assignment, world.sheet(assignment, 1, actor=assessor), user=assessor).status_code == 201
    yield free


@pytest.fixture
def lead(world: World, mastered: list[str]) -> Any:
    return world.client(LEAD)


def pair(world: World, first_rank: int, second_rank: int) -> tuple[str, str, str]:
    """A live read by alice and a blind second read by bob of one fresh submission, both pushed."""
    submission = world.fresh_submission()
    live = world.assign("alice", submission_id=submission)
    second = world.assign("bob", submission_id=submission, kind="second_read")
    assert world.push(live, world.sheet(live, first_rank)).status_code == 201
    assert world.push(second, world.sheet(second, second_rank, actor="bob"), user="bob").status_code == 201
    return submission, live, second


def open_adjudication(lead: Any, submission: str) -> dict[str, Any] | None:
    items = lead.get("/lead/adjudications", params={"status": "open"}).json()["items"]
    return next((i for i in items if i["submission_id"] == submission), None)


def entries_of(world: World, kind: str) -> list[dict[str, Any]]:
    with world.db.read() as session:
        return [json.loads(text) for text in session.scalars(select(AuditEntry.entry).where(AuditEntry.kind == kind))]


def test_a_double_scored_pair_that_disagrees_lands_in_adjudication(world: World, lead: Any) -> None:
    submission, live, second = pair(world, 1, 0)  # Meets everywhere (Earned) vs Emerging everywhere (Not Yet)
    item = open_adjudication(lead, submission)
    assert item is not None and item["status"] == "open" and item["credential_id"] == CREDENTIAL_ID
    assert [r["criterion_id"] for r in item["reasons"]] == [None]  # one level apart: only the decisions differ
    assert "Earned" in item["reasons"][0]["explanation"]
    opened = [e for e in entries_of(world, "adjudication-opened") if e["adjudication_id"] == item["id"]]
    assert opened and opened[0]["first_assignment_id"] == live and opened[0]["second_assignment_id"] == second


def test_criteria_too_far_apart_are_named_as_reasons(world: World, lead: Any) -> None:
    submission, _, _ = pair(world, 2, 0)  # Exceeds vs Emerging: two levels apart on every criterion
    reasons = open_adjudication(lead, submission)["reasons"]  # type: ignore[index]
    assert [r["criterion_id"] for r in reasons] == [None, "v1-c1", "v1-c2", "v1-c3"]
    assert all(r["steps"] == 2 for r in reasons[1:])


def test_a_pair_that_agrees_is_not_adjudicated(world: World, lead: Any) -> None:
    submission, _, _ = pair(world, 1, 1)
    assert open_adjudication(lead, submission) is None
    assert all(i["submission_id"] != submission for i in lead.get("/lead/adjudications").json()["items"])


def test_the_leads_resolution_keeps_both_reads(world: World, lead: Any, capsys: pytest.CaptureFixture[str]) -> None:
    submission, live, second = pair(world, 1, 0)
    item = open_adjudication(lead, submission)
    assert item is not None
    before = lead.get(f"/lead/adjudications/{item['id']}").json()
    assert [r["assignment_id"] for r in before["reads"]] == [live, second]
    assert [r["assessor"] for r in before["reads"]] == ["alice", "bob"]
    assert before["submission"]["id"] == submission
    resolved = all_at(credential("1"), 1)
    answer = lead.put(f"/lead/adjudications/{item['id']}",
                      json={"levels": resolved, "reason": "The video shows every practice at the bar."})
    assert answer.status_code == 200, answer.text
    assert answer.json()["status"] == "resolved"
    assert answer.json()["resolution"]["decision"] == "earned" and answer.json()["resolution"]["resolved_by"] == LEAD
    after = lead.get(f"/lead/adjudications/{item['id']}").json()
    assert after["reads"] == before["reads"]  # both original reads, never overwritten
    assert after["resolution"]["levels"] == resolved
    with world.db.read() as session:
        kept = {s.assignment_id: s.body["levels"] for s in session.scalars(
            select(ReceivedSheet).where(ReceivedSheet.assignment_id.in_([live, second])))}
    assert kept == {live: all_at(credential("1"), 1), second: all_at(credential("1"), 0)}
    again = lead.put(f"/lead/adjudications/{item['id']}", json={"levels": resolved, "reason": "Twice."})
    assert again.status_code == 409 and "already resolved" in again.json()["detail"]
    logged = [e for e in entries_of(world, "adjudication") if e["adjudication_id"] == item["id"]]
    assert logged == [{"kind": "adjudication", "adjudication_id": item["id"], "submission_id": submission,
                       "levels": resolved, "decision": "earned",
                       "reason": "The video shows every practice at the bar.", "resolved_by": LEAD,
                       "resolved_at": after["resolution"]["resolved_at"]}]
    assert open_adjudication(lead, submission) is None
    code = cli_main(["--db", world.db_url, "--evidence-dir", str(world.evidence_dir), "audit", "verify"])
    assert code == 0, capsys.readouterr().err


def test_a_resolution_needs_every_criterion_and_a_reason(world: World, lead: Any) -> None:
    submission, _, _ = pair(world, 0, 1)
    item = open_adjudication(lead, submission)
    assert item is not None
    partial = dict(list(all_at(credential("1"), 1).items())[:2])
    answer = lead.put(f"/lead/adjudications/{item['id']}", json={"levels": partial, "reason": "Partly."})
    assert answer.status_code == 422 and "Choose a level" in answer.json()["detail"]
    blank = lead.put(f"/lead/adjudications/{item['id']}", json={"levels": all_at(credential("1"), 1), "reason": " "})
    assert blank.status_code == 422
    assert lead.put("/lead/adjudications/no-such-id", json={"levels": partial, "reason": "x"}).status_code == 404


@pytest.mark.parametrize("route", LEAD_ROUTES)
def test_an_assessor_is_refused_every_lead_route(world: World, mastered: list[str], route: str) -> None:
    answer = world.client("alice").get(route)
    assert answer.status_code == 403 and "'lead' role" in answer.json()["detail"]
    assert world.anonymous().get(route).status_code == 401


def test_an_assessor_is_refused_other_assessors_scores(world: World, mastered: list[str]) -> None:
    _, live, second = pair(world, 1, 0)
    alice = world.client("alice")
    assert alice.get(f"/assignments/{second}").status_code == 404
    assert alice.get(f"/assignments/{second}/calibration-result").status_code == 404
    assert alice.put(f"/lead/adjudications/{live}", json={"levels": {}, "reason": "x"}).status_code == 403
    assert world.client("admin").get("/lead/adjudications").status_code == 403


def test_a_lead_reads_every_assessors_reads_beside_the_master_scores(world: World, lead: Any) -> None:
    _, live, second = pair(world, 1, 0)
    document = lead.get(f"/lead/credentials/{CREDENTIAL_ID}/reads").json()
    reads = {r["assignment_id"]: r for r in document["reads"]}
    assert reads[live]["assessor"] == "alice" and reads[live]["kind"] == "live"
    assert reads[second]["kind"] == "second_read" and reads[second]["decision"] == "not_yet"
    calibrations = [r for r in document["reads"] if r["kind"] == "calibration"]
    assert calibrations and all(r["master_levels"] == master_levels() for r in calibrations)
    policy = next(i for i in lead.get("/lead/credentials").json()["items"] if i["credential_id"] == CREDENTIAL_ID)
    assert policy["version"] == "2" and policy["policy"]["qualification"] == {"min_exact": 0.8, "min_items": 2,
                                                                              "required": True}


def sheet_with(world: World, assignment: str, levels: dict[str, str], actor: str = "alice") -> dict[str, Any]:
    return build_push(world.credential, assignment, levels, actor=actor, device=world.device(actor))


def feed_item(world: World, user: str, assignment_id: str) -> dict[str, Any]:
    cursor, found = None, None
    while True:
        page = world.client(user).get("/assignments", params={"limit": 500, **({"cursor": cursor} if cursor else {})})
        found = next((i for i in page.json()["items"] if i["id"] == assignment_id), found)
        cursor = page.json()["next_cursor"]
        if not page.json()["has_more"]:
            assert found is not None
            return found


def test_a_calibration_item_reveals_the_master_scores_after_submit(world: World, mastered: list[str]) -> None:
    assignment = world.assign("alice", submission_id=mastered.pop(), kind="calibration")
    alice = world.client("alice")
    assert alice.get(f"/assignments/{assignment}/calibration-result").status_code == 404
    assert feed_item(world, "alice", assignment)["calibration_result"] is False
    mine = {**master_levels(), "v1-c3": "v1-c3-exceeds"}
    assert world.push(assignment, sheet_with(world, assignment, mine)).status_code == 201
    answer = alice.get(f"/assignments/{assignment}/calibration-result")
    assert answer.status_code == 200, answer.text
    result = answer.json()
    assert result["master_levels"] == master_levels() and result["your_levels"] == mine
    assert result["rationale"]["v1-c1"] == "The panel saw v1-c1 met in the video."
    assert result["exact"] == pytest.approx(2 / 3)
    assert result["matches"] == {"v1-c1": True, "v1-c2": True, "v1-c3": False}
    assert "2 of 3" in result["explanation"] and "Follow-up on answers" in result["explanation"]
    assert feed_item(world, "alice", assignment)["calibration_result"] is True
    assert world.client("bob").get(f"/assignments/{assignment}/calibration-result").status_code == 404


def test_a_validity_item_never_reveals_the_master_scores(world: World, mastered: list[str]) -> None:
    validity = world.assign("alice", submission_id=mastered.pop(), kind="validity")
    live = world.assign("alice")
    for assignment in (validity, live):
        assert world.push(assignment, world.sheet(assignment, 1)).status_code == 201
    answers = [world.client("alice").get(f"/assignments/{a}/calibration-result") for a in (validity, live)]
    assert [a.status_code for a in answers] == [404, 404]
    assert answers[0].json() == answers[1].json()  # exactly what live work answers
    assert feed_item(world, "alice", validity)["calibration_result"] is False
    assert set(feed_item(world, "alice", validity)) == set(feed_item(world, "alice", live))


def planned_for(world: World, assessor: str) -> list[assignments_admin.Planned]:
    with world.db.read() as session:
        return assignments_admin.plan_all(session, [assessor], None, seed=1)


def test_live_work_waits_until_the_assessor_qualifies(world: World, lead: Any, mastered: list[str]) -> None:
    submission = world.fresh_submission()
    with pytest.raises(IssuerError, match=r"not yet qualified.*0 of the 2 calibration"):
        world.assign(NEWCOMER, submission_id=submission)
    with pytest.raises(IssuerError, match="not yet qualified"):
        world.assign(NEWCOMER, submission_id=submission, kind="second_read")
    assert planned_for(world, NEWCOMER) == []  # assign-all leaves an unqualified assessor out
    first = world.assign(NEWCOMER, submission_id=mastered.pop(), kind="calibration")
    assert world.push(first, sheet_with(world, first, master_levels(), NEWCOMER), user=NEWCOMER).status_code == 201
    with pytest.raises(IssuerError, match="1 of the 2 calibration"):
        world.assign(NEWCOMER, submission_id=submission)
    standing = lead.get("/lead/qualifications", params={"credential_id": CREDENTIAL_ID, "version": "1"}).json()
    carol = next(i for i in standing["items"] if i["assessor"] == NEWCOMER)
    assert carol["passed"] is False and carol["items"] == 1
    second = world.assign(NEWCOMER, submission_id=mastered.pop(), kind="calibration")
    assert world.push(second, sheet_with(world, second, master_levels(), NEWCOMER), user=NEWCOMER).status_code == 201
    assert world.assign(NEWCOMER, submission_id=submission)  # qualified: 100% exact over 2 items
    assert planned_for(world, NEWCOMER)
    standing = lead.get("/lead/qualifications", params={"credential_id": CREDENTIAL_ID, "version": "1"}).json()
    carol = next(i for i in standing["items"] if i["assessor"] == NEWCOMER)
    assert carol["passed"] is True and carol["exact"] == 1.0 and "Qualified" in carol["explanation"]


def test_second_reads_follow_the_credentials_policy(world: World, mastered: list[str]) -> None:
    with world.db.read() as session:
        by_policy = assignments_admin.plan_all(session, ["alice", "bob"], None, seed=5)
        overridden = assignments_admin.plan_all(session, ["alice", "bob"], 0.0, seed=5)
    assert any(p.kind == "second_read" for p in by_policy)  # the policy's share is 0.5
    assert not any(p.kind == "second_read" for p in overridden)


def test_changed_master_scores_are_refused_on_reload(world: World, mastered: list[str], tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    sid = world.program.submission_ids[-1]
    program = {"credentials": [], "submissions": [],
               "master_scores": [{"submission_id": sid, "levels": all_at(credential("1"), 0),
                                  "rationale": {c: "Changed." for c in master_levels()}}]}
    (tmp_path / "program.json").write_text(json.dumps(program), encoding="utf-8")
    code = cli_main(["--db", world.db_url, "--evidence-dir", str(world.evidence_dir), "load-program", str(tmp_path)])
    assert code != 0 and "never changed" in capsys.readouterr().err


def test_a_lead_reads_the_evidence_of_a_submission_to_adjudicate_and_no_other(world: World, lead: Any) -> None:
    submission, _, _ = pair(world, 1, 0)
    assert open_adjudication(lead, submission) is not None
    manifest = lead.get(f"/submissions/{submission}")
    assert manifest.status_code == 200
    evidence_id = manifest.json()["evidence"][0]["id"]
    assert lead.get(f"/evidence/{evidence_id}").status_code == 200
    untouched = world.fresh_submission()
    assert lead.get(f"/submissions/{untouched}").status_code == 404
