"""The admin CLI's commands, each one transaction; they return the text to print."""

from __future__ import annotations

import argparse

from sqlalchemy import select

from assessor_app.domain.clock import parse_instant, utc_now
from issuer_server import assignments_admin, migrate
from issuer_server.audit.log import seal_at_start
from issuer_server.config import Settings
from issuer_server.db import Database
from issuer_server.errors import IssuerError
from issuer_server.evidence_store import EvidenceStore
from issuer_server.models import Assignment, ReceivedSheet, User
from issuer_server.program_loader import load_program
from issuer_server.security import hash_password


def _database(settings: Settings) -> Database:
    migrate.upgrade(settings.db_url)
    seal_at_start(settings.db_url, settings.log_key)  # entries the migration backfilled get their checkpoint
    return Database(settings.db_url, pool_size=1, log_key_path=settings.log_key)


def add_user(settings: Settings, username: str, roles: list[str], password: str, display_name: str | None) -> str:
    db = _database(settings)
    try:
        with db.write() as session:
            if session.scalars(select(User.id).where(User.username == username)).first() is not None:
                raise IssuerError(f"User {username!r} already exists.")
            session.add(User(username=username, display_name=display_name or username,
                             password_hash=hash_password(password), roles=",".join(dict.fromkeys(roles)),
                             created_at=utc_now()))
    finally:
        db.dispose()
    return f"added user {username} ({', '.join(dict.fromkeys(roles))})"


def _decisions(db: Database) -> str:
    with db.read() as session:
        rows = session.execute(
            select(Assignment, User.username, ReceivedSheet)
            .join(User, User.id == Assignment.assessor_id)
            .outerjoin(ReceivedSheet, ReceivedSheet.assignment_id == Assignment.id)
            .order_by(Assignment.submission_id, Assignment.created_at, ReceivedSheet.round)).all()
    header = ("assignment", "submission", "assessor", "kind", "status", "received", "recommendation", "derived",
              "review")
    table = [header]
    for a, username, sheet in rows:
        table.append((a.id, a.submission_id, username, a.kind, a.status_reason or a.status,
                      sheet.received_at if sheet else "-", sheet.recommendation if sheet else "-",
                      (sheet.derived_recommendation or "-") if sheet else "-",
                      (sheet.review_decision or "pending") if sheet else "-"))
    widths = [max(len(str(r[i])) for r in table) for i in range(len(header))]
    return "\n".join("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in table)


def dispatch(settings: Settings, args: argparse.Namespace) -> str:
    db = _database(settings)
    try:
        command = args.command
        if command == "init-db":
            settings.evidence_dir.mkdir(parents=True, exist_ok=True)
            return f"database ready at {db.engine.url.render_as_string(hide_password=True)}"
        if command == "decisions":
            return _decisions(db)
        with db.write() as session:
            if command == "load-program":
                report = load_program(session, EvidenceStore(settings.evidence_dir), args.folder)
                return f"loaded {args.folder}: {report.summary()}"
            if command == "assign":
                if args.due:
                    try:
                        parse_instant(args.due)
                    except ValueError:
                        raise IssuerError(f"--due {args.due!r} is not an RFC 3339 time.") from None
                row = assignments_admin.assign(session, args.submission, args.assessor, args.kind, due_at=args.due)
                return f"assigned {row.submission_id} to {args.assessor} as {row.id} ({row.kind})"
            if command == "assign-all":
                names = [n.strip() for n in args.assessors.split(",") if n.strip()]
                rows = assignments_admin.assign_all(session, names, args.second_read_share, args.seed)
                seconds = sum(1 for r in rows if r.kind == "second_read")
                return f"created {len(rows)} assignments ({seconds} second reads)"
            if command == "revoke":
                row = assignments_admin.revoke(session, args.assignment)
                return f"revoked {row.id}"
            if command == "reassign":
                new = assignments_admin.reassign(session, args.assignment, args.to_user)
                return f"reassigned {args.assignment} to {args.to_user} as {new.id}"
        raise IssuerError(f"Unknown command {command!r}.")  # pragma: no cover - argparse rejects it first
    finally:
        db.dispose()
