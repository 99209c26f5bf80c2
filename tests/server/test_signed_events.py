"""Device keys and signed score events at the issuer (docs/AUDIT.md): registration, signatures, the device
chain's positions and links, and reason codes after submit; over SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import httpx

from assessor_app.domain.score_events import Change
from assessor_app.domain.signing import SigningKey, b64url
from issuer_server.devkit.sheets import SigningDevice
from issuer_server.models import Device, DeviceLink, ScoreEventRow
from tests.server.test_score_sheet_push import assert_problem
from tests.server.world import API, World


def registered(world: World, user: str = "alice") -> SigningDevice:
    device = SigningDevice()
    assert world.register(device, user).status_code == 201
    return device


def held(world: World, device: SigningDevice) -> int:
    response = world.client().get(f"/devices/{device.device_id}")
    assert response.status_code == 200, response.text
    return int(response.json()["contiguous_seq"])


# --- registration --------------------------------------------------------------------------------------------

def test_a_device_registers_with_201_and_the_same_key_again_answers_200(world: World) -> None:
    device = SigningDevice()
    first = world.register(device)
    assert first.status_code == 201, first.text
    assert first.json() == {"device_id": device.device_id, "public_key": device.key.public_key,
                            "registered_at": first.json()["registered_at"], "contiguous_seq": 0}
    again = world.register(device)
    assert again.status_code == 200, again.text
    assert again.json() == first.json()
    assert world.count(Device, device_id=device.device_id) == 1


def test_another_key_for_a_registered_device_id_is_refused(world: World) -> None:
    device = registered(world)
    thief = SigningDevice(device.device_id)
    doc = assert_problem(world.register(thief, "bob"), 409, "device-key-mismatch")
    assert "new device id" in doc["detail"]
    assert world.client().get(f"/devices/{device.device_id}").json()["public_key"] == device.key.public_key


def test_a_public_key_that_is_not_32_bytes_of_base64url_is_refused(world: World) -> None:
    for key in (b64url(b"x" * 31), b64url(b"x" * 33), "not base64!", "é" * 43,
                b64url(b"x" * 32) + "=", b64url(b"x" * 32).replace("e", "+")):
        response = world.client().post("/devices", json={"device_id": "dev-bad-key", "public_key": key})
        assert response.status_code == 422, (key, response.text)
    assert world.count(Device, device_id="dev-bad-key") == 0


def test_registering_a_device_needs_the_assessor_or_lead_role(world: World) -> None:
    response = world.client("admin").post("/devices", json=SigningDevice().registration())
    assert_problem(response, 403, "forbidden")
    assert_problem(world.anonymous().post("/devices", json=SigningDevice().registration()), 401)


def test_an_unknown_device_is_a_404(world: World) -> None:
    assert_problem(world.client().get("/devices/no-such-device"), 404, "not-found")


# --- signatures -----------------------------------------------------------------------------------------------

def test_a_push_from_a_device_without_registered_key_is_refused(world: World) -> None:
    assignment = world.assign()
    doc = assert_problem(world.push(assignment, world.sheet(assignment, device=SigningDevice())), 422,
                         "unknown-device")
    assert "sign in again" in doc["detail"]


def test_an_unsigned_event_is_refused(world: World) -> None:
    assignment = world.assign()
    body = world.sheet(assignment)
    body["events"][2]["signature"] = None
    doc = assert_problem(world.push(assignment, body), 422, "unsigned-event")
    assert body["events"][2]["id"] in doc["detail"]


def test_an_event_signed_by_another_key_is_refused(world: World) -> None:
    assignment = world.assign()
    body = world.sheet(assignment)
    event = body["events"][1]
    event["signature"] = SigningKey.generate().sign_event(event["hash"])
    doc = assert_problem(world.push(assignment, body), 422, "bad-signature")
    assert event["id"] in doc["detail"]
    body["events"][1]["signature"] = "bm90IGEgc2lnbmF0dXJl"
    assert_problem(world.push(assignment, body), 422, "bad-signature")
    assert world.count(ScoreEventRow, assignment_id=assignment) == 0


def test_a_link_must_be_signed_by_its_device_key(world: World) -> None:
    device = registered(world)
    world.sheet(world.assign(), device=device)  # never pushed: its positions travel as links
    assignment = world.assign()
    body = world.sheet(assignment, device=device)
    body["chain"][0]["signature"] = None
    assert_problem(world.push(assignment, body), 422, "unsigned-event")
    body["chain"][0]["signature"] = SigningKey.generate().sign_event(body["chain"][0]["hash"])
    doc = assert_problem(world.push(assignment, body), 422, "bad-signature")
    assert "chain link" in doc["detail"]


# --- positions and chain --------------------------------------------------------------------------------------

def test_events_and_their_links_are_recorded_with_the_sheet(world: World) -> None:
    device = registered(world)
    assignment = world.assign()
    body = world.sheet(assignment, device=device)
    assert world.push(assignment, body).status_code == 201
    assert held(world, device) == len(body["events"])
    assert world.count(DeviceLink, device_id=device.device_id) == len(body["events"])
    with world.db.read() as session:
        links = session.query(DeviceLink).filter_by(device_id=device.device_id).order_by(DeviceLink.device_seq).all()
    assert [(k.device_seq, k.event_id, k.hash, k.signature) for k in links] == [
        (e["device_seq"], e["id"], e["hash"], e["signature"]) for e in body["events"]]


def test_an_event_taking_a_position_held_by_another_event_is_replayed(world: World) -> None:
    device = registered(world)
    first = world.assign()
    assert world.push(first, world.sheet(first, device=device)).status_code == 201
    second = world.assign()
    body = world.sheet(second, device=device.rewound(2))  # its events take positions 3, 4, ... again
    doc = assert_problem(world.push(second, body), 422, "event-replayed")
    assert "#3)" in doc["detail"]
    assert world.count(ScoreEventRow, assignment_id=second) == 0


def test_an_accepted_event_sent_again_under_another_sheet_is_refused(world: World) -> None:
    first = world.assign()
    accepted = world.sheet(first)
    assert world.push(first, accepted).status_code == 201
    second = world.assign()
    body = world.sheet(second)
    body["events"].insert(0, accepted["events"][0])
    doc = assert_problem(world.push(second, body), 422, "foreign-event")
    assert accepted["events"][0]["id"] in doc["detail"]


def test_a_gap_in_the_device_chain_is_refused_naming_the_missing_positions(world: World) -> None:
    device = registered(world)
    unsent = world.sheet(world.assign(), device=device)
    assignment = world.assign()
    body = world.sheet(assignment, device=device)
    count = len(unsent["events"])
    body["chain"] = [k for k in body["chain"] if k["device_seq"] not in (3, 4)]
    doc = assert_problem(world.push(assignment, body), 422, "out-of-order-event")
    assert doc["missing"] == [[3, 4]] and "3-4" in doc["detail"], doc
    body["chain"] = []
    doc = assert_problem(world.push(assignment, body), 422, "out-of-order-event")
    assert doc["missing"] == [[1, count]] and f"1-{count}" in doc["detail"], doc
    assert held(world, device) == 0


def test_an_event_whose_prev_hash_is_not_its_predecessor_breaks_the_chain(world: World) -> None:
    device = registered(world)
    assignment = world.assign()
    body = world.sheet(assignment, device=device)
    last = body["events"][-1]
    change = Change(last["field"], last["old"], last["new"], last["reason"])
    forged = device.rewound(last["device_seq"] - 1).stamp(change, sheet_id=last["sheet_id"], assignment_id=assignment,
                                                          actor="alice", prev_hash="f" * 64)
    body["events"][-1] = forged.to_dict()
    doc = assert_problem(world.push(assignment, body), 422, "broken-chain")
    assert forged.id in doc["detail"]


def test_links_fill_a_gap_and_the_linked_events_arrive_later_with_their_sheet(world: World) -> None:
    device = registered(world)
    draft_assignment, later = world.assign(), world.assign()
    draft = world.sheet(draft_assignment, device=device)
    body = world.sheet(later, device=device)
    assert [k["device_seq"] for k in body["chain"]] == [e["device_seq"] for e in draft["events"]]
    assert world.push(later, body).status_code == 201
    assert held(world, device) == len(draft["events"]) + len(body["events"])
    assert world.count(DeviceLink, device_id=device.device_id, event_id=None) == len(draft["events"])
    assert world.push(draft_assignment, draft).status_code == 201
    assert world.count(DeviceLink, device_id=device.device_id, event_id=None) == 0


def test_linked_positions_refuse_content_that_does_not_hash_to_the_link(world: World) -> None:
    device = registered(world)
    world.sheet(world.assign(), device=device)  # a draft: its positions reach the issuer only as links
    assignment = world.assign()
    assert world.push(assignment, world.sheet(assignment, device=device)).status_code == 201
    other = world.assign()
    doc = assert_problem(world.push(other, world.sheet(other, device=device.rewound(0))), 422, "event-replayed")
    assert "#1)" in doc["detail"]


def test_links_the_issuer_already_holds_are_harmless_when_they_match(world: World) -> None:
    device = registered(world)
    first = world.assign()
    assert world.push(first, world.sheet(first, device=device)).status_code == 201
    second = world.assign()
    body = world.sheet(second, device=device)
    body["chain"] = [dict(device.positions[s]) for s in (1, 2)]
    assert world.push(second, body).status_code == 201
    third = world.assign()
    body = world.sheet(third, device=device)
    wrong = dict(device.positions[1], hash="e" * 64)
    wrong["signature"] = device.key.sign_event(wrong["hash"])
    body["chain"] = [wrong]
    assert_problem(world.push(third, body), 422, "event-replayed")


def test_two_pushes_for_the_same_position_at_once_take_it_only_once(world: World) -> None:
    token = world.sign_in("alice")["access_token"]
    for _round in range(3):
        device = registered(world)
        a, b = world.assign(), world.assign()
        bodies = {a: world.sheet(a, device=device), b: world.sheet(b, device=device.rewound(0))}
        gate = threading.Barrier(2)

        def push(assignment: str, bodies: dict = bodies, gate: threading.Barrier = gate) -> httpx.Response:
            with httpx.Client(base_url=world.base_url + API, timeout=30,
                              headers={"Authorization": f"Bearer {token}", "Idempotency-Key": assignment}) as c:
                gate.wait()
                return c.put(f"/assignments/{assignment}/score-sheet", json=bodies[assignment])

        with ThreadPoolExecutor(2) as pool:
            answers = list(pool.map(push, [a, b]))
        assert sorted(r.status_code for r in answers) == [201, 422], [r.text for r in answers]
        refused = next(r for r in answers if r.status_code == 422)
        assert refused.json()["type"].endswith(":event-replayed"), refused.text
        winner = a if answers[0].status_code == 201 else b
        assert world.count(DeviceLink, device_id=device.device_id) == len(bodies[winner]["events"])


# --- who, and why after submit --------------------------------------------------------------------------------

def test_events_recorded_by_another_assessor_are_refused(world: World) -> None:
    assignment = world.assign("bob")
    body = world.sheet(assignment, actor="alice", device=world.device("bob"))
    doc = assert_problem(world.push(assignment, body, user="bob"), 422, "actor-mismatch")
    assert "'alice'" in doc["detail"] and "'bob'" in doc["detail"]
    assert world.push(assignment, world.sheet(assignment, actor="bob"), user="bob").status_code == 201


def test_a_change_after_submit_without_a_reason_code_is_refused(world: World) -> None:
    assignment = world.assign()
    for reason in (None, "I changed my mind"):
        change = Change("overall_feedback", "Thank you.", "Thank you, and well done.", reason)
        body = world.sheet(assignment, after_submit=[change])
        doc = assert_problem(world.push(assignment, body), 422, "change-after-submit-needs-reason")
        assert body["events"][-1]["id"] in doc["detail"] and "adjudication" in doc["detail"]


def test_a_change_after_submit_with_a_reason_code_is_received(world: World) -> None:
    assignment = world.assign()
    change = Change("overall_feedback", "Thank you.", "Thank you, and well done.", "data-entry-correction: typo")
    body = world.sheet(assignment, after_submit=[change])
    assert body["overall_feedback"] == "Thank you, and well done."
    response = world.push(assignment, body)
    assert response.status_code == 201, response.text
