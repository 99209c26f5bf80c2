"""Tables of the issuer. Times the API shows are RFC 3339 UTC strings (they sort as text); token
expiries are epoch seconds. The migration in ``migrations/versions`` creates exactly these tables."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

TIME = String(24)
UUID_LEN = 64


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(128), unique=True)
    display_name: Mapped[str] = mapped_column(String(256))
    password_hash: Mapped[str] = mapped_column(String(256))
    roles: Mapped[str] = mapped_column(String(128))  # comma separated
    created_at: Mapped[str] = mapped_column(TIME)

    @property
    def role_list(self) -> list[str]:
        return [r for r in self.roles.split(",") if r]


class TokenFamily(Base):
    """All refresh and access tokens descended from one sign-in; reuse of a rotated token kills it."""

    __tablename__ = "token_families"
    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[str] = mapped_column(TIME)
    revoked_at: Mapped[str | None] = mapped_column(TIME)
    revoked_reason: Mapped[str | None] = mapped_column(String(256))


class RefreshToken(Base):
    __tablename__ = "refresh_tokens"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    family_id: Mapped[str] = mapped_column(ForeignKey("token_families.id"), index=True)
    expires_at: Mapped[int] = mapped_column(BigInteger)
    used_at: Mapped[str | None] = mapped_column(TIME)
    created_at: Mapped[str] = mapped_column(TIME)


class AccessToken(Base):
    __tablename__ = "access_tokens"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    family_id: Mapped[str] = mapped_column(ForeignKey("token_families.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    expires_at: Mapped[int] = mapped_column(BigInteger)


class CredentialVersion(Base):
    """One version of a credential as its OB 3.0 Achievement document; a new version is a new row."""

    __tablename__ = "credential_versions"
    __table_args__ = (UniqueConstraint("credential_id", "version"),)
    row_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    credential_id: Mapped[str] = mapped_column(String(256))
    version: Mapped[str] = mapped_column(String(64))
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[str] = mapped_column(TIME)


class Submission(Base):
    __tablename__ = "submissions"
    id: Mapped[str] = mapped_column(String(256), primary_key=True)
    credential_id: Mapped[str] = mapped_column(String(256))
    credential_version: Mapped[str] = mapped_column(String(64))
    candidate_ref: Mapped[str] = mapped_column(String(256))
    attempt: Mapped[int] = mapped_column(Integer)
    submitted_at: Mapped[str] = mapped_column(TIME)
    responses: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    prior_attempts: Mapped[list[dict[str, Any]]] = mapped_column(JSON)


class Evidence(Base):
    __tablename__ = "evidence"
    id: Mapped[str] = mapped_column(String(256), primary_key=True)
    submission_id: Mapped[str] = mapped_column(ForeignKey("submissions.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(512))
    media_type: Mapped[str] = mapped_column(String(128))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    question_id: Mapped[str | None] = mapped_column(String(256))


class Assignment(Base):
    """``change_seq`` orders the delta feed; it is bumped whenever the assessor's view of the row changes."""

    __tablename__ = "assignments"
    __table_args__ = (Index("ix_assignments_feed", "assessor_id", "change_seq"),)
    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    submission_id: Mapped[str] = mapped_column(ForeignKey("submissions.id"), index=True)
    credential_id: Mapped[str] = mapped_column(String(256))
    credential_version: Mapped[str] = mapped_column(String(64))
    assessor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))  # assigned | revoked
    status_reason: Mapped[str | None] = mapped_column(String(32))  # revoked | reassigned
    replaced_by: Mapped[str | None] = mapped_column(String(UUID_LEN))
    due_at: Mapped[str | None] = mapped_column(TIME)
    created_at: Mapped[str] = mapped_column(TIME)
    updated_at: Mapped[str] = mapped_column(TIME)
    change_seq: Mapped[int] = mapped_column(BigInteger)
    sheet_round: Mapped[int] = mapped_column(Integer, default=0)
    review_decision: Mapped[str | None] = mapped_column(String(16))  # accepted | returned
    review_note: Mapped[str | None] = mapped_column(Text)
    reviewed_at: Mapped[str | None] = mapped_column(TIME)


class FeedClock(Base):
    """A single row whose counter stamps feed changes; its row lock makes commits land in stamp order."""

    __tablename__ = "feed_clock"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)


class ReceivedSheet(Base):
    """One accepted push of a score sheet; ``round`` grows when a review returns the assignment."""

    __tablename__ = "received_sheets"
    __table_args__ = (UniqueConstraint("assignment_id", "round"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    assignment_id: Mapped[str] = mapped_column(ForeignKey("assignments.id"), index=True)
    round: Mapped[int] = mapped_column(Integer)
    sheet_id: Mapped[str] = mapped_column(String(UUID_LEN))
    assessor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    received_at: Mapped[str] = mapped_column(TIME)
    recommendation: Mapped[str] = mapped_column(String(16))
    derived_recommendation: Mapped[str | None] = mapped_column(String(16))
    override_reason: Mapped[str | None] = mapped_column(Text)
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    review_decision: Mapped[str | None] = mapped_column(String(16))
    review_note: Mapped[str | None] = mapped_column(Text)
    reviewed_at: Mapped[str | None] = mapped_column(TIME)
    reviewed_by: Mapped[str | None] = mapped_column(String(128))


class ScoreEventRow(Base):
    """Append-only: rows are inserted, never updated or deleted."""

    __tablename__ = "score_events"
    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    sheet_id: Mapped[str] = mapped_column(String(UUID_LEN), index=True)
    assignment_id: Mapped[str] = mapped_column(ForeignKey("assignments.id"), index=True)
    actor: Mapped[str] = mapped_column(String(128))
    device_id: Mapped[str] = mapped_column(String(128))
    device_seq: Mapped[int] = mapped_column(BigInteger)
    at: Mapped[str] = mapped_column(String(40))
    field: Mapped[str] = mapped_column(String(512))
    old: Mapped[Any] = mapped_column(JSON)
    new: Mapped[Any] = mapped_column(JSON)
    reason: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[str] = mapped_column(TIME)


class IdempotencyKey(Base):
    """IETF Idempotency-Key record: key + principal + request fingerprint -> the stored response."""

    __tablename__ = "idempotency_keys"
    principal_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(16))  # in_flight | done
    status_code: Mapped[int | None] = mapped_column(Integer)
    response: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    started_epoch: Mapped[float] = mapped_column(Float)
    created_at: Mapped[str] = mapped_column(TIME)


class Device(Base):
    """A device's Ed25519 public key, registered at its first sign-in. A device id keeps its key for good:
    a device that lost its key starts a new id, so every chain stays checkable against one key."""

    __tablename__ = "devices"
    device_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64))  # unpadded base64url of the 32 raw bytes
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    registered_at: Mapped[str] = mapped_column(TIME)


class DeviceLink(Base):
    """One position of a device's hash chain, as far as the issuer knows it: hash, predecessor and signature
    (``event_id`` once the event's content has arrived). Positions 1..N are always all present."""

    __tablename__ = "device_links"
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.device_id"), primary_key=True)
    device_seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str] = mapped_column(String(128))
    event_id: Mapped[str | None] = mapped_column(String(UUID_LEN))


LOG_INDEX = BigInteger().with_variant(Integer, "sqlite")  # INTEGER PRIMARY KEY is SQLite's rowid: ordered scans


class AuditEntry(Base):
    """One entry of the issuer's append-only audit log (see docs/AUDIT.md): the canonical JSON ``entry`` and its
    RFC 6962 leaf hash. ``ref`` names the source row (an event id, ``assignment/round``, ...)."""

    __tablename__ = "audit_log"
    __table_args__ = (UniqueConstraint("kind", "ref"),)
    index: Mapped[int] = mapped_column("index", LOG_INDEX, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(32))
    ref: Mapped[str] = mapped_column(String(512))
    entry: Mapped[str] = mapped_column(Text)
    leaf_hash: Mapped[str] = mapped_column(String(64))
    appended_at: Mapped[str] = mapped_column(TIME)


class MerkleNode(Base):
    """The root of the perfect subtree over leaves ``index * 2**level`` .. ``(index + 1) * 2**level - 1``, for
    ``level`` >= 1 (the leaves themselves are ``audit_log.leaf_hash``)."""

    __tablename__ = "merkle_nodes"
    __table_args__ = ({"sqlite_with_rowid": False},)
    level: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    index: Mapped[int] = mapped_column("index", BigInteger, primary_key=True, autoincrement=False)
    hash: Mapped[str] = mapped_column(String(64))


class Checkpoint(Base):
    """A signed tree head, written in the transaction of every append (see ``audit.log``)."""

    __tablename__ = "checkpoints"
    tree_size: Mapped[int] = mapped_column(LOG_INDEX, primary_key=True, autoincrement=False)
    root_hash: Mapped[str] = mapped_column(String(64))
    timestamp: Mapped[str] = mapped_column(TIME)
    signature: Mapped[str] = mapped_column(String(128))


class AuditLogHead(Base):
    """The log's single head row: appends lock it (``FOR UPDATE`` on PostgreSQL), so they take turns."""

    __tablename__ = "audit_log_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    tree_size: Mapped[int] = mapped_column(BigInteger)
    last_timestamp: Mapped[str | None] = mapped_column(TIME)
    public_key: Mapped[str | None] = mapped_column(String(64))  # the log key the checkpoints are signed with
    frontier: Mapped[str] = mapped_column(Text)  # hex of the perfect subtrees covering the log, largest first


# --- Lead scoring (docs/LEAD.md): master scores, per-credential policies, adjudications ----------------------


class MasterScore(Base):
    """The levels a panel agreed for a submission, with a rationale per criterion: the reference that calibration
    items reveal after submit and validity items never do. ``decision`` is what the rubric derives from them."""

    __tablename__ = "master_scores"
    submission_id: Mapped[str] = mapped_column(ForeignKey("submissions.id"), primary_key=True)
    credential_id: Mapped[str] = mapped_column(String(256))
    credential_version: Mapped[str] = mapped_column(String(64))
    levels: Mapped[dict[str, str]] = mapped_column(JSON)
    rationale: Mapped[dict[str, str]] = mapped_column(JSON)
    decision: Mapped[str] = mapped_column(String(16))
    set_name: Mapped[str] = mapped_column(String(128))
    created_by: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[str] = mapped_column(TIME)


class CredentialPolicy(Base):
    """How a credential is double scored and who may score it live: the second-read share, the discrepancy rule
    and the qualification rule (``assessor_app.domain.calibration``)."""

    __tablename__ = "credential_policies"
    credential_id: Mapped[str] = mapped_column(String(256), primary_key=True)
    second_read_share: Mapped[float] = mapped_column(Float)
    max_steps: Mapped[int] = mapped_column(Integer)
    on_decision: Mapped[bool] = mapped_column(Boolean)
    qualification_min_exact: Mapped[float] = mapped_column(Float)
    qualification_min_items: Mapped[int] = mapped_column(Integer)
    requires_qualification: Mapped[bool] = mapped_column(Boolean)
    updated_at: Mapped[str] = mapped_column(TIME)


class Adjudication(Base):
    """A live/second-read pair the discrepancy rule sent to a lead. Both reads stay in ``received_sheets``
    untouched; the lead's resolution is recorded here (once: a resolved row is never changed)."""

    __tablename__ = "adjudications"
    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    submission_id: Mapped[str] = mapped_column(ForeignKey("submissions.id"), index=True)
    credential_id: Mapped[str] = mapped_column(String(256))
    credential_version: Mapped[str] = mapped_column(String(64))
    first_assignment_id: Mapped[str] = mapped_column(ForeignKey("assignments.id"))
    second_assignment_id: Mapped[str] = mapped_column(ForeignKey("assignments.id"))
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), index=True)  # open | resolved
    opened_at: Mapped[str] = mapped_column(TIME)
    resolved_levels: Mapped[dict[str, str] | None] = mapped_column(JSON)
    decision: Mapped[str | None] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    resolved_by: Mapped[str | None] = mapped_column(String(128))
    resolved_at: Mapped[str | None] = mapped_column(TIME)
