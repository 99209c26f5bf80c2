"""Tables of the local cache. Alembic migrations in ``migrations/`` must produce exactly these (tested).

Score events are append-only: SQLite triggers created by the first migration refuse UPDATE and DELETE.
JSON columns hold documents as the issuer sent them (credential, manifest) or as we will send them (outbox).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, MetaData, String, Text, UniqueConstraint, false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class CredentialRow(Base):
    __tablename__ = "credentials"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    version: Mapped[str] = mapped_column(String, primary_key=True)
    name: Mapped[str] = mapped_column(String)
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    fetched_at: Mapped[str] = mapped_column(String)


class SubmissionRow(Base):
    __tablename__ = "submissions"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    credential_id: Mapped[str] = mapped_column(String)
    credential_version: Mapped[str] = mapped_column(String)
    manifest: Mapped[dict[str, Any]] = mapped_column(JSON)
    fetched_at: Mapped[str] = mapped_column(String)


class EvidenceFileRow(Base):
    """One evidence item's local copy. ``state``: missing | partial | ready | failed."""

    __tablename__ = "evidence_files"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    submission_id: Mapped[str] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String)
    state: Mapped[str] = mapped_column(String, default="missing")
    local_path: Mapped[str | None] = mapped_column(String, nullable=True)
    bytes_done: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)


class AssignmentRow(Base):
    __tablename__ = "assignments"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    submission_id: Mapped[str] = mapped_column(String, index=True)
    credential_id: Mapped[str] = mapped_column(String)
    credential_version: Mapped[str] = mapped_column(String)
    assessor: Mapped[str] = mapped_column(String, index=True)
    kind: Mapped[str] = mapped_column(String, default="live")
    state: Mapped[str] = mapped_column(String, default="new", index=True)
    due_at: Mapped[str | None] = mapped_column(String, nullable=True)
    review_decision: Mapped[str | None] = mapped_column(String, nullable=True)
    review_note: Mapped[str | None] = mapped_column(Text, nullable=True)
    server_updated_at: Mapped[str | None] = mapped_column(String, nullable=True)
    updated_at: Mapped[str] = mapped_column(String)
    # The issuer's feed says a calibration result can be read (docs/LEAD.md); the kind itself stays unknown.
    calibration_result: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class CalibrationResultRow(Base):
    """A calibration item's master levels and rationale, as the issuer answered after the sheet was received."""

    __tablename__ = "calibration_results"
    assignment_id: Mapped[str] = mapped_column(ForeignKey("assignments.id"), primary_key=True)
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    fetched_at: Mapped[str] = mapped_column(String)


class ScoreSheetRow(Base):
    __tablename__ = "score_sheets"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    assignment_id: Mapped[str] = mapped_column(ForeignKey("assignments.id"), unique=True)
    credential_id: Mapped[str] = mapped_column(String)
    credential_version: Mapped[str] = mapped_column(String)
    created_at: Mapped[str] = mapped_column(String)


class ScoreEventRow(Base):
    """One append-only change to a score sheet, hash-chained per device and signed by the device key."""

    __tablename__ = "score_events"
    __table_args__ = (
        UniqueConstraint("device_id", "device_seq", name="uq_score_events_device_seq"),
        UniqueConstraint("sheet_id", "sheet_seq", name="uq_score_events_sheet_seq"),
    )
    id: Mapped[str] = mapped_column(String, primary_key=True)
    sheet_seq: Mapped[int] = mapped_column(Integer)
    sheet_id: Mapped[str] = mapped_column(ForeignKey("score_sheets.id"))
    assignment_id: Mapped[str] = mapped_column(String)
    actor: Mapped[str] = mapped_column(String)
    device_id: Mapped[str] = mapped_column(String)
    device_seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[str] = mapped_column(String)
    field: Mapped[str] = mapped_column(String)
    old: Mapped[Any] = mapped_column(JSON, nullable=True)
    new: Mapped[Any] = mapped_column(JSON, nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str | None] = mapped_column(String, nullable=True)  # null: recorded before the key was loaded


class DeviceChainRow(Base):
    """Where this device's event chain stands: the last sequence number and hash it wrote."""

    __tablename__ = "device_chain"
    device_id: Mapped[str] = mapped_column(String, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64))


class OutboxRow(Base):
    """A decision waiting to reach the issuer. The idempotency key is created once, with the row."""

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    idempotency_key: Mapped[str] = mapped_column(String, unique=True)
    assignment_id: Mapped[str] = mapped_column(ForeignKey("assignments.id"), index=True)
    kind: Mapped[str] = mapped_column(String)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[str] = mapped_column(String)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    next_attempt_at: Mapped[str | None] = mapped_column(String, nullable=True)
    sent_at: Mapped[str | None] = mapped_column(String, nullable=True)
    response: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


class SyncCursorRow(Base):
    """Opaque delta-feed cursors from the issuer, by feed name."""

    __tablename__ = "sync_cursor"
    name: Mapped[str] = mapped_column(String, primary_key=True)
    cursor: Mapped[str] = mapped_column(String)
    updated_at: Mapped[str] = mapped_column(String)


class CommentRow(Base):
    """A reusable feedback snippet of the assessor's comment bank, per credential (optionally per criterion)."""

    __tablename__ = "comment_bank"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    credential_id: Mapped[str] = mapped_column(String, index=True)
    criterion_id: Mapped[str | None] = mapped_column(String, nullable=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String)


class CoverageRow(Base):
    """How much of one evidence item the assessor saw for one assignment (seconds per page / watched ranges)."""

    __tablename__ = "evidence_coverage"
    assignment_id: Mapped[str] = mapped_column(ForeignKey("assignments.id"), primary_key=True)
    evidence_id: Mapped[str] = mapped_column(String, primary_key=True)
    kind: Mapped[str] = mapped_column(String)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[str] = mapped_column(String)
