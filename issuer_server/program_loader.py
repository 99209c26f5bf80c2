"""Load a program folder (``program.json`` + evidence files; see PROGRAM_FORMAT.md) into the issuer.

Everything is validated with the domain's own readers before anything is written, and loading is
idempotent: a credential version, submission, user or assignment that is already there unchanged is
skipped; one that is there with different content is an error (publish a new version instead).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assessor_app.domain.clock import utc_now
from assessor_app.domain.errors import DomainError
from assessor_app.domain.submission import EvidenceKind
from assessor_app.domain.wire import (
    credential_from_achievement,
    credential_to_achievement,
    submission_from_manifest,
    submission_to_manifest,
)
from issuer_server import assignments_admin, lead_program
from issuer_server.audit import record as audit_record
from issuer_server.errors import IssuerError
from issuer_server.evidence_store import EvidenceStore, file_sha256
from issuer_server.manifests import manifest_of
from issuer_server.models import Assignment, CredentialVersion, Evidence, Submission, User
from issuer_server.security import hash_password

ASSIGNMENT_NAMESPACE = uuid.UUID("6f1c2a52-2b8e-4c1e-9a57-3f0d2c7c9e10")
ROLES = ("assessor", "lead", "auditor", "admin")
REPORTED = ("credentials", "submissions", "users", "assignments", "master_scores", "policies")


@dataclass
class LoadReport:
    added: dict[str, int] = field(default_factory=lambda: dict.fromkeys(REPORTED, 0))
    unchanged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(REPORTED, 0))

    def summary(self) -> str:
        parts = [f"{k}: {self.added[k]} added, {self.unchanged[k]} unchanged" for k in self.added]
        return "; ".join(parts)


def read_program(folder: Path) -> dict[str, Any]:
    path = folder / "program.json"
    if not path.is_file():
        raise IssuerError(f"{folder} has no program.json; see issuer_server/PROGRAM_FORMAT.md.")
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IssuerError(f"{path} is not valid JSON ({exc}).") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("credentials"), list) \
            or not isinstance(doc.get("submissions"), list):
        raise IssuerError(f"{path} needs a JSON object with 'credentials' and 'submissions' lists.")
    return doc


def _evidence_file(folder: Path, relative: Any, submission_id: str) -> Path:
    if not isinstance(relative, str) or not relative:
        raise IssuerError(f"Submission {submission_id!r}: every evidence item needs a 'file' path.")
    path = (folder / relative).resolve()
    if not path.is_relative_to(folder.resolve()):
        raise IssuerError(f"Submission {submission_id!r}: evidence file {relative!r} lies outside the program folder.")
    if not path.is_file():
        raise IssuerError(f"Submission {submission_id!r}: evidence file {relative!r} does not exist.")
    return path


def _load_credentials(session: Session, docs: list[Any], report: LoadReport) -> set[tuple[str, str]]:
    keys: set[tuple[str, str]] = set()
    added: list[CredentialVersion] = []
    for doc in docs:
        if not isinstance(doc, dict):
            raise IssuerError("Every entry of 'credentials' must be an Achievement object.")
        credential = credential_from_achievement(doc)
        normal = credential_to_achievement(credential)
        keys.add(credential.key)
        row = session.scalars(select(CredentialVersion).where(
            CredentialVersion.credential_id == credential.id, CredentialVersion.version == credential.version)).first()
        if row is None:
            added.append(CredentialVersion(credential_id=credential.id, version=credential.version, document=normal,
                                           created_at=utc_now()))
            session.add(added[-1])
            report.added["credentials"] += 1
        elif row.document != normal:
            raise IssuerError(f"Credential {credential.id!r} version {credential.version!r} is already loaded with "
                              "different content; publish the change as a new version.")
        else:
            report.unchanged["credentials"] += 1
    session.flush()
    audit_record.rubric_versions(session, added)  # each new version is an audit log entry
    return keys


def _load_submission(session: Session, store: EvidenceStore, folder: Path, doc: Any, report: LoadReport) -> None:
    if not isinstance(doc, dict) or "id" not in doc:
        raise IssuerError("Every entry of 'submissions' must be an object with an 'id'.")
    sid = str(doc["id"])
    items = []
    for raw in doc.get("evidence") or []:
        if not isinstance(raw, dict):
            raise IssuerError(f"Submission {sid!r}: every evidence item must be an object.")
        path = _evidence_file(folder, raw.get("file"), sid)
        sha, size = file_sha256(path)
        media_type = str(raw.get("media_type", ""))
        kind = raw.get("kind") or EvidenceKind.from_media_type(media_type).value
        items.append({**raw, "kind": kind, "size": size, "sha256": sha, "_path": path})
    manifest_doc = {**doc, "evidence": [{k: v for k, v in i.items() if k != "_path"} for i in items]}
    try:
        manifest = submission_to_manifest(submission_from_manifest(manifest_doc))
    except (DomainError, ValueError) as exc:
        raise IssuerError(f"Submission {sid!r}: {exc}") from exc
    if session.scalars(select(CredentialVersion.row_id).where(
            CredentialVersion.credential_id == manifest["credential_id"],
            CredentialVersion.version == manifest["credential_version"])).first() is None:
        raise IssuerError(f"Submission {sid!r} names credential {manifest['credential_id']!r} version "
                          f"{manifest['credential_version']!r}, which is not loaded.")
    existing = session.get(Submission, sid)
    if existing is not None:
        if manifest_of(session, existing) != manifest:
            raise IssuerError(f"Submission {sid!r} is already loaded with different content; "
                              "a resubmission is a new submission with a new id.")
        report.unchanged["submissions"] += 1
        return
    for entry in manifest["evidence"]:
        other = session.get(Evidence, entry["id"])
        if other is not None:
            raise IssuerError(f"Evidence id {entry['id']!r} is already used by submission {other.submission_id!r}.")
    session.add(Submission(id=sid, credential_id=manifest["credential_id"],
                           credential_version=manifest["credential_version"], candidate_ref=manifest["candidate_ref"],
                           attempt=manifest["attempt"], submitted_at=manifest["submitted_at"],
                           responses=manifest["responses"], prior_attempts=manifest["prior_attempts"]))
    session.flush()
    for position, (entry, item) in enumerate(zip(manifest["evidence"], items, strict=True)):
        sha, size = store.add(item["_path"])
        if sha != entry["sha256"] or size != entry["size"]:
            raise IssuerError(f"Evidence file {item['file']!r} changed while it was being loaded; load again.")
        session.add(Evidence(id=entry["id"], submission_id=sid, position=position, kind=entry["kind"],
                             title=entry["title"], media_type=entry["media_type"], size=size, sha256=sha,
                             question_id=entry["question_id"]))
    session.flush()
    report.added["submissions"] += 1


def _load_users(session: Session, docs: list[Any], report: LoadReport) -> None:
    for doc in docs:
        if not isinstance(doc, dict) or not doc.get("username") or not doc.get("password"):
            raise IssuerError("Every entry of 'users' needs a 'username' and a 'password'.")
        roles = list(doc.get("roles") or ["assessor"])
        unknown = [r for r in roles if r not in ROLES]
        if unknown:
            raise IssuerError(f"User {doc['username']!r}: unknown role(s) {', '.join(map(str, unknown))}.")
        if session.scalars(select(User.id).where(User.username == doc["username"])).first() is not None:
            report.unchanged["users"] += 1
            continue
        session.add(User(username=str(doc["username"]), display_name=str(doc.get("display_name") or doc["username"]),
                         password_hash=hash_password(str(doc["password"])), roles=",".join(roles),
                         created_at=utc_now()))
        session.flush()
        report.added["users"] += 1


def _load_assignments(session: Session, docs: list[Any], report: LoadReport) -> None:
    for doc in docs:
        if not isinstance(doc, dict) or not doc.get("submission_id") or not doc.get("assessor"):
            raise IssuerError("Every entry of 'assignments' needs a 'submission_id' and an 'assessor'.")
        kind = str(doc.get("kind") or "live")
        assignment_id = str(doc.get("id") or uuid.uuid5(
            ASSIGNMENT_NAMESPACE, f"{doc['submission_id']}/{doc['assessor']}/{kind}"))
        if session.get(Assignment, assignment_id) is not None:
            report.unchanged["assignments"] += 1
            continue
        assignments_admin.assign(session, str(doc["submission_id"]), str(doc["assessor"]), kind,
                                 due_at=doc.get("due_at"), assignment_id=assignment_id)
        report.added["assignments"] += 1


def _list(doc: dict[str, Any], name: str) -> list[Any]:
    value = doc.get(name) or []
    if not isinstance(value, list):
        raise IssuerError(f"'{name}' in program.json must be a list.")
    return value


def load_program(session: Session, store: EvidenceStore, folder: Path) -> LoadReport:
    """Load (or re-load) a program in the caller's transaction."""
    doc = read_program(folder)
    report = LoadReport()
    try:
        _load_credentials(session, doc["credentials"], report)
        for submission in doc["submissions"]:
            _load_submission(session, store, folder, submission, report)
        _load_users(session, doc.get("users") or [], report)
        # Lead scoring (docs/LEAD.md): before assignments, so qualification rules apply to them.
        lead_program.load_master_scores(session, _list(doc, "master_scores"), report)
        lead_program.load_policies(session, _list(doc, "policies"), report)
        _load_assignments(session, doc.get("assignments") or [], report)
    except DomainError as exc:
        raise IssuerError(str(exc)) from exc
    return report
