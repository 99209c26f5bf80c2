"""``issuer-server audit verify`` itself: its shortcuts equal the canonical JSON by the book, and awkward text and
evidence anchors pushed through a real server verify without a false alarm; over SQLite and PostgreSQL. (The
command's exit status and the parallel scan are in ``test_audit_tamper.py``, on its SQLite database.)"""

from __future__ import annotations

import json
import random
import uuid
from pathlib import Path

from assessor_app.domain.anchors import EvidenceAnchor, PdfLocation, TimeRange
from assessor_app.domain.audit_chain import canonical_json
from assessor_app.domain.score_sheet import ScoreSheet
from issuer_server.audit import entries
from issuer_server.audit import verify_streams as vs
from issuer_server.audit.verify import verify
from tests.server.world import World

AWKWARD = ['plain', 'quote " inside', "back\\slash", "new\nline\ttab\r\x00\x1f\x7f", "é ünïcødé", "emoji 🎓",
           "\u2028 line separator", "", "'single'", "</script>"]


def key_of(world: World) -> Path:
    return world.evidence_dir.parent / "issuer-log-key"


def test_the_fast_sheet_texts_are_canonical_json() -> None:
    rng = random.Random(5)
    for _ in range(300):
        pick = lambda: rng.choice(AWKWARD)  # noqa: E731
        row = (pick(), rng.randrange(5), pick(), 1, pick(), pick(), rng.choice([None, pick()]),
               rng.choice([None, pick()]), "{}", rng.choice([None, pick()]), rng.choice([None, pick()]),
               rng.choice([None, pick()]), rng.choice([None, pick()]))
        assessor = pick()
        decision, review = vs.sheet_texts(row, assessor)
        assert decision == entries.decision(
            assignment_id=row[0], round_=row[1], sheet_id=row[2], assessor=assessor, received_at=row[4],
            recommendation=row[5], derived_recommendation=row[6], override_reason=row[7],
            body_sha256=entries.sha256_json({})).text()
        if any(v is not None for v in row[9:]):
            assert review == entries.review(assignment_id=row[0], round_=row[1], decision=row[9], note=row[10],
                                            reviewed_by=row[11], reviewed_at=row[12]).text()
        else:
            assert review is None


def anchored_push(world: World, assignment: str, submission: str) -> dict:
    """A sheet with evidence anchors (object values, with awkward text) and awkward feedback."""
    credential, device = world.credential, world.device()
    sheet = ScoreSheet(str(uuid.uuid4()), assignment, credential.id, credential.version)
    events = []
    changes = [sheet.propose_level(credential, c.id, c.levels[1].id) for c in credential.rubric.criteria]
    changes.append(sheet.propose_overall_feedback(AWKWARD[3] + AWKWARD[5]))
    for n, text in enumerate(AWKWARD[1:5]):
        location = PdfLocation(1, quote=text, prefix="«", suffix=AWKWARD[6])
        changes.append(sheet.propose_anchor(EvidenceAnchor(f"anchor-{n}", f"{submission}-pdf", location,
                                                           credential.rubric.criteria[0].id, AWKWARD[4])))
    changes.append(sheet.propose_anchor(EvidenceAnchor("anchor-t", f"{submission}-video", TimeRange(1.5, 9.25))))
    for change in changes:
        event = device.stamp(change, sheet_id=sheet.id, assignment_id=assignment, actor="alice")
        sheet = sheet.apply(event)
        events.append(event)
    event = device.stamp(sheet.propose_submit(credential), sheet_id=sheet.id, assignment_id=assignment,
                         actor="alice")
    sheet = sheet.apply(event)
    events.append(event)
    recommendation = sheet.recommendation(credential)
    return {"sheet_id": sheet.id, "credential_id": credential.id, "credential_version": credential.version,
            "levels": dict(sheet.levels), "feedback": dict(sheet.feedback), "overall_feedback": sheet.overall_feedback,
            "anchors": [a.to_dict() for a in sheet.anchors.values()],
            "recommendation": recommendation.value if recommendation else "not_yet", "override_reason": None,
            "events": [e.to_dict() for e in events], "coverage": {"evidence_viewed": []},
            "chain": device.links_for(events)}


def test_awkward_text_and_anchors_verify_without_a_false_alarm(world: World) -> None:
    submission = world.fresh_submission()
    assignment = world.assign(submission_id=submission)
    response = world.push(assignment, anchored_push(world, assignment, submission))
    assert response.status_code == 201, response.text
    other = world.assign()
    feedback = {c.id: text for c, text in zip(world.credential.rubric.criteria, AWKWARD[1:], strict=False)}
    response = world.push(other, world.sheet(other, rank=0, feedback=feedback, overall_feedback=AWKWARD[2]))
    assert response.status_code == 201, response.text
    report = verify(world.db_url, key_of(world), signatures=True)
    assert report.ok, report.findings


JSON_VALUES = ["null", '"v1-c1-meets"', '"plain text"', "3", "true", '{"a":1,"b":"x"}', '["x","y"]', '"é"',
               '"quote \\" inside"', '"back\\\\slash"']


def canonical_event(row: tuple, signature: str | None) -> tuple[str, str]:
    values = dict(zip(entries.EVENT_COLUMNS, row, strict=True))
    values["old"], values["new"] = json.loads(values["old"]), json.loads(values["new"])
    body = {k: v for k, v in values.items() if k not in ("received_at",)}
    return entries.score_event(values, signature).text(), canonical_json(
        {k: v for k, v in body.items() if k != "hash"}).decode()


def test_the_plain_event_text_equals_the_canonical_entry_only_with_the_canonical_body() -> None:
    """Where the shortcut's entry equals the canonical one, its chain-hash body is canonical too (the verifier
    hashes it); where it does not, the verifier takes the slow path. Ordinary events take the shortcut."""
    rng = random.Random(9)
    shortcuts = 0
    for _ in range(3000):
        pick = lambda: rng.choice(AWKWARD[:1] * 8 + AWKWARD)  # noqa: E731
        row = (str(uuid.uuid4()), pick(), pick(), pick(), pick(), rng.randrange(1, 10**6), pick(), pick(),
               rng.choice(JSON_VALUES), rng.choice(JSON_VALUES), rng.choice([None, pick()]), "0" * 64, "f" * 64, pick())
        signature = rng.choice([None, "c2lnbmF0dXJl", pick()])
        entry, body = canonical_event(row, signature)
        if vs.plain_event_entry(row, signature) == entry:
            assert vs.plain_event_body(row) == body, row
            shortcuts += 1
    assert shortcuts > 100


def test_values_that_shift_members_cannot_pass_as_plain() -> None:
    """Stored text that reproduces another row's entry only by moving a member from one column into another, or by
    writing an escape as plain characters, is not taken as plain (it then fails the exact comparison)."""
    original = ("e1", "s1", "a1", "ann", "d1", 7, "2026-11-30T10:00:00.000Z", "overall_feedback", '{"x":1,"old":2}',
                '"new text"', None, "0" * 64, "f" * 64, "2026-11-30T10:00:01.000Z")
    entry, _ = canonical_event(original, "sig")
    moved = (*original[:8], "2}", '"new text","old":{"x":1', *original[10:])
    escaped = ("e1", "s1", "a1", 'ann\\"s', *original[4:])
    quoted_original = ("e1", "s1", "a1", 'ann"s', *original[4:])
    for forged, genuine in ((moved, original), (escaped, quoted_original)):
        assert vs.plain_event_entry(forged, "sig") != canonical_event(genuine, "sig")[0]
    assert vs.plain_event_entry(original, "sig") is None  # an object with quotes is never plain
    assert entry.startswith('{"actor":"ann"')
