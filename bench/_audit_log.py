"""Build an issuer database whose audit log holds a given number of score events, with the issuer's own code minus
HTTP: signed events from registered devices (``devkit.sheets.build_push``), each sheet stored as
``sheet_store.store`` stores it (sorted body, canonical ``old``/``new``, chain positions with their signatures),
its events and decision appended as one append with its own signed checkpoint, and about half the sheets
reviewed (one more append each), as the running server does. Source rows are inserted in bulk and the appends of
a few hundred sheets go through ``audit.log.append_many`` in one transaction, only to make building quick.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from assessor_app.domain.audit_chain import GENESIS_HASH
from assessor_app.domain.clock import utc_now
from assessor_app.domain.rubric import Credential
from assessor_app.domain.score_events import Change, ScoreEvent
from assessor_app.domain.signing import SigningKey
from issuer_server import migrate
from issuer_server.audit import entries, record
from issuer_server.audit.entries import Entry, sorted_json
from issuer_server.audit.log import append_many
from issuer_server.db import Database
from issuer_server.devkit.sheets import build_push
from issuer_server.devkit.tiny_program import CREDENTIAL_ID, credential, write_tiny_program
from issuer_server.evidence_store import EvidenceStore
from issuer_server.models import Assignment, Device, DeviceLink, ReceivedSheet, ScoreEventRow, Submission, User
from issuer_server.program_loader import load_program
from issuer_server.schemas import ScoreSheetPush

SHEETS_PER_TRANSACTION = 500
ASSESSORS = 10


@dataclass
class BenchDevice:
    """Just enough of a device for ``build_push``: its id, key and the end of its chain."""

    device_id: str
    key: SigningKey
    seq: int = 0
    last_hash: str = GENESIS_HASH

    def stamp(self, change: Change, *, sheet_id: str, assignment_id: str, actor: str) -> ScoreEvent:
        self.seq += 1
        event = ScoreEvent.stamp(change, sheet_id=sheet_id, assignment_id=assignment_id, actor=actor,
                                 device_id=self.device_id, device_seq=self.seq, prev_hash=self.last_hash)
        self.last_hash = event.hash
        return event.signed(self.key.sign_event(event.hash))

    def links_for(self, _events: Any) -> list[dict[str, Any]]:
        return []  # every sheet is pushed in device order: no links needed


@dataclass
class Batch:
    """One transaction's worth of source rows and appends."""

    assignments: list[dict[str, Any]]
    sheets: list[dict[str, Any]]
    events: list[dict[str, Any]]
    links: list[dict[str, Any]]
    appends: list[list[Entry]]


def _setup(db: Database, root: Path) -> tuple[list[str], dict[str, int], dict[str, BenchDevice]]:
    program = write_tiny_program(root / "program", submissions=50,
                                 assessors=[f"assessor{n:02d}" for n in range(ASSESSORS)])
    with db.write() as session:
        load_program(session, EvidenceStore(root / "evidence"), program.folder)
    with db.write() as session:
        users = {u.username: u.id for u in session.scalars(select(User)) if "assessor" in u.role_list}
        devices = {}
        for name, user_id in sorted(users.items()):
            device = BenchDevice(str(uuid.uuid4()), SigningKey.generate())
            row = Device(device_id=device.device_id, public_key=device.key.public_key, user_id=user_id,
                         registered_at=utc_now())
            session.add(row)
            session.flush()
            record.device_registered(session, row, name)
            devices[name] = device
        submissions = list(session.scalars(select(Submission.id)))
    return submissions, users, devices


def build(db_url: str, key_path: Path, root: Path, events: int, *, seed: int = 1,
          progress: Any = print) -> dict[str, int]:
    """Fill a fresh database until its log holds at least ``events`` score events; returns counts."""
    migrate.upgrade(db_url)
    db = Database(db_url, log_key_path=key_path)
    rng = random.Random(seed)
    cred = credential("1")
    submissions, users, devices = _setup(db, root)
    names = sorted(users)
    made = {"events": 0, "sheets": 0, "reviews": 0}
    try:
        while made["events"] < events:
            batch = Batch([], [], [], [], [])
            while made["events"] < events and len(batch.sheets) < SHEETS_PER_TRANSACTION:
                name = rng.choice(names)
                _one_sheet(batch, rng, cred, rng.choice(submissions), name, users[name], devices[name], made)
            with db.write() as session:
                for table, rows in ((Assignment, batch.assignments), (ReceivedSheet, batch.sheets),
                                    (ScoreEventRow, batch.events), (DeviceLink, batch.links)):
                    session.execute(insert(table), rows)
                append_many(session, batch.appends)
            progress(f"  {made['events']:,} events, {made['sheets']:,} sheets, {made['reviews']:,} reviews")
    finally:
        db.dispose()
    return made


def _one_sheet(batch: Batch, rng: random.Random, cred: Credential, submission_id: str, name: str, user_id: int,
               device: BenchDevice, made: dict[str, int]) -> None:
    now = utc_now()
    assignment_id = str(uuid.uuid4())
    batch.assignments.append({
        "id": assignment_id, "submission_id": submission_id, "credential_id": CREDENTIAL_ID,
        "credential_version": "1", "assessor_id": user_id, "kind": "live", "status": "assigned",
        "status_reason": None, "replaced_by": None, "due_at": None, "created_at": now, "updated_at": now,
        "change_seq": 0, "sheet_round": 0, "review_decision": None, "review_note": None, "reviewed_at": None})
    levels = {c.id: rng.choice(c.levels).id for c in cred.rubric.criteria}
    push = build_push(cred, assignment_id, levels, device=device, actor=name,  # type: ignore[arg-type]
                      overall_feedback=f"Thank you; seen on {now}.")
    body = sorted_json(ScoreSheetPush.model_validate(push).model_dump(mode="json"))
    derived = cred.rubric.decide(push["levels"])
    reviewed = rng.random() < 0.5
    sheet = {"assignment_id": assignment_id, "round": 0, "sheet_id": push["sheet_id"], "assessor_id": user_id,
             "received_at": now, "recommendation": push["recommendation"],
             "derived_recommendation": derived.value if derived else None, "override_reason": None, "body": body,
             "review_decision": "accepted" if reviewed else None,
             "review_note": "Well evidenced." if reviewed else None,
             "reviewed_at": utc_now() if reviewed else None, "reviewed_by": "admin" if reviewed else None}
    batch.sheets.append(sheet)
    rows = [{**{k: e[k] for k in ("id", "sheet_id", "assignment_id", "actor", "device_id", "device_seq", "at",
                                  "field", "reason", "prev_hash", "hash")},
             "old": sorted_json(e["old"]), "new": sorted_json(e["new"]), "received_at": now} for e in push["events"]]
    batch.events += rows
    batch.links += [{"device_id": e["device_id"], "device_seq": e["device_seq"], "prev_hash": e["prev_hash"],
                     "hash": e["hash"], "signature": e["signature"], "event_id": e["id"]} for e in push["events"]]
    logged = [entries.score_event(row, e["signature"]) for row, e in zip(rows, push["events"], strict=True)]
    logged.append(entries.decision(
        assignment_id=assignment_id, round_=0, sheet_id=push["sheet_id"], assessor=name, received_at=now,
        recommendation=push["recommendation"], derived_recommendation=sheet["derived_recommendation"],
        override_reason=None, body_sha256=entries.sha256_json(body)))
    batch.appends.append(logged)
    if reviewed:
        batch.appends.append([entries.review(assignment_id=assignment_id, round_=0, decision="accepted",
                                             note=sheet["review_note"], reviewed_by="admin",
                                             reviewed_at=sheet["reviewed_at"])])
        made["reviews"] += 1
    made["sheets"] += 1
    made["events"] += len(rows)
