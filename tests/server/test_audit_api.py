"""The issuer's audit log as an auditor reads it (docs/AUDIT.md, "Audit API"): what gets logged, signed checkpoints,
proofs that verify with the domain's RFC 6962 code, submission search and history, and who may read it; over
SQLite and PostgreSQL."""

from __future__ import annotations

import stat

import pytest

from assessor_app.domain.audit_chain import canonical_json
from assessor_app.domain.merkle import leaf_hash, verify_consistency, verify_inclusion
from assessor_app.domain.signing import SigningKey, Verifier, checkpoint_message
from issuer_server.cli import main as cli_main
from issuer_server.devkit.sheets import SigningDevice
from issuer_server.devkit.tiny_program import CREDENTIAL_ID, PASSWORD
from issuer_server.models import User
from issuer_server.security import hash_password
from tests.server.test_score_sheet_push import assert_problem
from tests.server.world import World

ROUTES = ["/audit/log-key", "/audit/checkpoint", "/audit/entries?start=0",
          "/audit/proofs/inclusion?index=0&tree_size=1", "/audit/proofs/consistency?first=1&second=1",
          "/audit/submissions", "/audit/submissions/sub-0001/history"]


@pytest.fixture(scope="module")
def auditor(world: World) -> str:
    with world.db.write() as session:
        session.add(User(username="audrey", display_name="Audrey", password_hash=hash_password(PASSWORD),
                         roles="auditor", created_at="2026-11-30T10:00:00.000Z"))
    return "audrey"


def read(world: World, auditor: str, path: str, **params: object) -> dict:
    response = world.client(auditor).get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def signed_checkpoint(world: World, auditor: str) -> dict:
    point = read(world, auditor, "/audit/checkpoint")
    key = read(world, auditor, "/audit/log-key")
    assert key["algorithm"] == "Ed25519"
    message = checkpoint_message(point["tree_size"], point["root_hash"], point["timestamp"])
    assert Verifier(key["public_key"]).verifies(message, point["signature"])
    return point


def entries(world: World, auditor: str, start: int, end: int) -> list[dict]:
    return read(world, auditor, "/audit/entries", start=start, end=end)["entries"]


def pushed(world: World) -> tuple[str, dict]:
    assignment = world.assign()
    body = world.sheet(assignment)
    assert world.push(assignment, body).status_code == 201
    return assignment, body


def test_the_log_key_is_a_private_file_next_to_the_evidence_folder(world: World, auditor: str) -> None:
    path = world.evidence_dir.parent / "issuer-log-key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert read(world, auditor, "/audit/log-key")["public_key"] == SigningKey.from_secret(path.read_text()).public_key


def test_the_programs_rubric_versions_are_logged(world: World, auditor: str) -> None:
    logged = [e["entry"] for e in entries(world, auditor, 0, 1000) if e["entry"]["kind"] == "rubric-version"]
    assert sorted(e["version"] for e in logged if e["credential_id"] == CREDENTIAL_ID) == ["1", "2"]
    assert all(set(e) == {"kind", "credential_id", "version", "document_sha256", "created_at"} for e in logged)


def test_a_push_appends_its_events_then_its_decision_under_one_signed_checkpoint(world: World, auditor: str) -> None:
    world.device()  # registered (and logged) before the push
    before = signed_checkpoint(world, auditor)["tree_size"]
    assignment, body = pushed(world)
    after = signed_checkpoint(world, auditor)
    new = entries(world, auditor, before, after["tree_size"])
    assert [e["entry"]["kind"] for e in new] == ["score-event"] * len(body["events"]) + ["decision"]
    assert [e["entry"]["id"] for e in new[:-1]] == [e["id"] for e in body["events"]]
    event = new[0]["entry"]
    assert {k: v for k, v in event.items() if k not in ("kind", "received_at")} == body["events"][0]
    decision = new[-1]["entry"]
    assert decision["assignment_id"] == assignment and decision["round"] == 0 and decision["assessor"] == "alice"
    assert decision["recommendation"] == body["recommendation"]
    for item in new:
        assert item["leaf_hash"] == leaf_hash(canonical_json(item["entry"])).hex()


def test_a_review_and_a_device_registration_are_logged(world: World, auditor: str) -> None:
    assignment, _ = pushed(world)
    before = signed_checkpoint(world, auditor)["tree_size"]
    response = world.client("admin").post(f"/review/assignments/{assignment}",
                                          json={"decision": "return", "note": "Say more about wait time."})
    assert response.status_code == 200, response.text
    review = entries(world, auditor, before, before + 1)[0]["entry"]
    assert review == {"kind": "review", "assignment_id": assignment, "round": 0, "decision": "returned",
                      "note": "Say more about wait time.", "reviewed_by": "admin",
                      "reviewed_at": response.json()["review"]["at"]}
    device = SigningDevice()
    assert world.register(device, "bob").status_code == 201
    logged = entries(world, auditor, before + 1, before + 2)[0]["entry"]
    assert logged == {"kind": "device-key", "device_id": device.device_id, "public_key": device.key.public_key,
                      "username": "bob", "registered_at": logged["registered_at"]}
    assert world.register(device, "bob").status_code == 200  # registering again logs nothing new
    assert signed_checkpoint(world, auditor)["tree_size"] == before + 2


def test_every_entry_is_included_in_the_latest_checkpoint_and_it_extends_older_ones(world: World,
                                                                                     auditor: str) -> None:
    first = signed_checkpoint(world, auditor)
    pushed(world)
    latest = signed_checkpoint(world, auditor)
    root = bytes.fromhex(latest["root_hash"])
    for item in entries(world, auditor, 0, latest["tree_size"]):
        proof = read(world, auditor, "/audit/proofs/inclusion", index=item["index"], tree_size=latest["tree_size"])
        path = [bytes.fromhex(p) for p in proof["path"]]
        assert verify_inclusion(item["index"], latest["tree_size"], bytes.fromhex(item["leaf_hash"]), path, root)
    proof = read(world, auditor, "/audit/proofs/consistency", first=first["tree_size"], second=latest["tree_size"])
    assert verify_consistency(first["tree_size"], latest["tree_size"], bytes.fromhex(first["root_hash"]), root,
                              [bytes.fromhex(p) for p in proof["path"]])


def test_a_proof_beyond_the_log_is_refused_with_a_clear_problem(world: World, auditor: str) -> None:
    size = signed_checkpoint(world, auditor)["tree_size"]
    for path, params in (("/audit/proofs/inclusion", {"index": size, "tree_size": size}),
                         ("/audit/proofs/inclusion", {"index": 0, "tree_size": size + 1}),
                         ("/audit/proofs/consistency", {"first": 2, "second": size + 5})):
        doc = assert_problem(world.client(auditor).get(path, params=params), 422, "proof-out-of-range")
        assert str(size) in doc["detail"]


def test_the_entries_page_holds_at_most_a_thousand(world: World, auditor: str) -> None:
    page = entries(world, auditor, 0, 5000)
    assert 0 < len(page) <= 1000
    assert [e["index"] for e in page] == list(range(len(page)))


def test_a_submissions_history_rebuilds_into_entries_the_checkpoint_includes(world: World, auditor: str) -> None:
    assignment, body = pushed(world)
    submission = next(a["submission_id"] for a in world.client().get("/assignments", params={"limit": 500})
                      .json()["items"] if a["id"] == assignment)
    history = read(world, auditor, f"/audit/submissions/{submission}/history")
    point = history["checkpoint"]
    assert [e["id"] for e in history["events"]] == [e["id"] for e in body["events"]]
    assert history["submission"]["id"] == submission
    assert history["assignments"] == [{"id": assignment, "assessor": "alice", "kind": "live", "status": "assigned",
                                       "credential_version": "1", "rounds": 1}]
    assert set(history["devices"]) == {body["events"][0]["device_id"]}
    assert set(history["credentials"]) == {"1"}
    root = bytes.fromhex(point["root_hash"])
    items = [("score-event", e) for e in history["events"]] + [("decision", d) for d in history["decisions"]]
    for kind, item in items:
        entry = {"kind": kind, **{k: v for k, v in item.items() if k != "log_index"}}
        proof = read(world, auditor, "/audit/proofs/inclusion", index=item["log_index"], tree_size=point["tree_size"])
        assert verify_inclusion(item["log_index"], point["tree_size"], leaf_hash(canonical_json(entry)),
                                [bytes.fromhex(p) for p in proof["path"]], root)
    assert len(history["decisions"]) == 1 and len(history["decisions"][0]["body_sha256"]) == 64


def test_a_history_names_the_chain_links_of_events_from_other_sheets(world: World, auditor: str) -> None:
    device = world.device()
    pushed(world)
    second, body = pushed(world)
    submission = next(a["submission_id"] for a in world.client().get("/assignments", params={"limit": 500})
                      .json()["items"] if a["id"] == second)
    history = read(world, auditor, f"/audit/submissions/{submission}/history")
    first_seq = body["events"][0]["device_seq"]
    assert history["links"] == [{"device_id": device.device_id, "device_seq": first_seq - 1,
                                 **{k: device.positions[first_seq - 1][k] for k in ("prev_hash", "hash", "signature")}}]


def test_search_finds_submissions_by_assessor_and_recommendation(world: World, auditor: str) -> None:
    bob_assignment = world.assign("bob")
    body = world.sheet(bob_assignment, rank=0, actor="bob")
    assert world.push(bob_assignment, body, user="bob").status_code == 201
    found = read(world, auditor, "/audit/submissions", assessor="bob", decision="not_yet")["items"]
    assert len(found) >= 1 and all("bob" in item["assessors"] for item in found)
    assert all(item["decision"] == "not_yet" for item in found)
    assert read(world, auditor, "/audit/submissions", assessor="nobody")["items"] == []
    assert read(world, auditor, "/audit/submissions", since="2999-01-01T00:00:00Z")["items"] == []
    assert_problem(world.client(auditor).get("/audit/submissions", params={"since": "yesterday"}), 422,
                   "invalid-time")


@pytest.mark.parametrize("path", ROUTES)
def test_an_assessor_may_not_read_the_audit_log(world: World, path: str) -> None:
    doc = assert_problem(world.client("alice").get(path), 403, "forbidden")
    assert "auditor" in doc["detail"]


@pytest.mark.parametrize("path", ROUTES)
def test_an_admin_may_read_the_audit_log_and_a_stranger_may_not(world: World, path: str) -> None:
    assert world.client("admin").get(path).status_code in (200, 404)
    assert world.anonymous().get(path).status_code == 401


def test_audit_verify_passes_on_the_live_log(world: World, auditor: str, capsys: pytest.CaptureFixture[str]) -> None:
    pushed(world)
    code = cli_main(["--db", world.db_url, "--evidence-dir", str(world.evidence_dir), "audit", "verify",
                     "--signatures"])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "audit log verified" in out.out and "event hashes and signatures re-verified" in out.out
