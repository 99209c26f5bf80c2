"""The push body's signatures and device chain links (docs/AUDIT.md, "Pushing events"), as pure functions."""

from assessor_app.domain.audit_chain import GENESIS_HASH
from assessor_app.domain.score_events import Change, ScoreEvent
from assessor_app.domain.signing import SigningKey, Verifier
from assessor_app.domain.wire import chain_link, completed_push_body, link_spans


def device_chain(count: int, device_id: str = "dev", sheets=("A", "B")) -> list[ScoreEvent]:
    """``count`` events of one device, alternating between sheets (interleaved scoring)."""
    events: list[ScoreEvent] = []
    for n in range(1, count + 1):
        sheet = sheets[(n - 1) % len(sheets)]
        events.append(ScoreEvent.stamp(Change("overall_feedback", "", f"text {n}"), sheet_id=sheet,
                                       assignment_id=f"asg-{sheet}", actor="ana", device_id=device_id,
                                       device_seq=n, prev_hash=events[-1].hash if events else GENESIS_HASH))
    return events


def test_links_cover_the_gap_between_what_the_issuer_holds_and_the_pushed_events():
    chain = device_chain(6)
    sheet_b = [e.to_dict() for e in chain if e.sheet_id == "B"]  # seqs 2, 4, 6
    [span] = link_spans(sheet_b, lambda _device: 0)
    assert [e.device_seq for e in chain if span.needs(e.device_seq)] == [1, 3, 5]
    [span] = link_spans(sheet_b, lambda _device: 3)
    assert [e.device_seq for e in chain if span.needs(e.device_seq)] == [5]


def test_no_links_are_needed_when_the_issuer_already_holds_the_chain_up_to_the_push():
    chain = device_chain(6)
    sheet_a = [e.to_dict() for e in chain if e.sheet_id == "A"]  # seqs 1, 3, 5
    assert link_spans(sheet_a, lambda _device: 6) == []


def test_each_device_of_a_push_gets_its_own_span():
    old, new = device_chain(2, "old", ("A",)), device_chain(3, "new", ("A", "B"))
    asked: list[str] = []
    spans = link_spans([e.to_dict() for e in old + new if e.sheet_id == "A"],
                       lambda device: asked.append(device) or 0)
    assert sorted(asked) == ["new", "old"]
    assert {(s.device_id, s.after, s.up_to) for s in spans} == {("new", 0, 3), ("old", 0, 2)}


def test_completing_a_body_signs_unsigned_events_and_links_and_keeps_existing_signatures():
    key = SigningKey.generate()
    chain = device_chain(4)
    signed_early = chain[0].signed(key.sign_event(chain[0].hash))
    body = {"sheet_id": "A", "events": [signed_early.to_dict(), chain[2].to_dict()]}
    signed: list[str] = []

    def sign(device_id: str, event_hash: str) -> str:
        signed.append(event_hash)
        return key.sign_event(event_hash)

    done = completed_push_body(body, [chain[1]], sign)
    assert signed == [chain[2].hash, chain[1].hash]  # what was signed at record time is not signed again
    verifier = Verifier(key.public_key)
    assert all(verifier.verifies_event(e["hash"], e["signature"]) for e in done["events"])
    assert done["chain"] == [chain_link(chain[1].signed(key.sign_event(chain[1].hash)))]
    assert set(done["chain"][0]) == {"device_id", "device_seq", "prev_hash", "hash", "signature"}
    assert "chain" not in body and body["events"][1]["signature"] is None  # the queued body is not mutated


def test_an_event_signed_late_signs_exactly_as_it_would_have_at_record_time():
    key = SigningKey.generate()
    [event] = device_chain(1)
    early = event.signed(key.sign_event(event.hash)).to_dict()
    late = completed_push_body({"events": [event.to_dict()]}, [], lambda _d, h: key.sign_event(h))["events"][0]
    assert late == early
