"""Initial schema: users and tokens, credentials, submissions, evidence, assignments, sheets, events.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-23 13:35:51.087945
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "credential_versions",
        sa.Column("row_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("credential_id", sa.String(length=256), nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.String(length=24), nullable=False),
        sa.PrimaryKeyConstraint("row_id"),
        sa.UniqueConstraint("credential_id", "version"),
    )
    op.create_table(
        "feed_clock",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute("INSERT INTO feed_clock (id, value) VALUES (1, 0)")
    op.create_table(
        "submissions",
        sa.Column("id", sa.String(length=256), nullable=False),
        sa.Column("credential_id", sa.String(length=256), nullable=False),
        sa.Column("credential_version", sa.String(length=64), nullable=False),
        sa.Column("candidate_ref", sa.String(length=256), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("submitted_at", sa.String(length=24), nullable=False),
        sa.Column("responses", sa.JSON(), nullable=False),
        sa.Column("prior_attempts", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("username", sa.String(length=128), nullable=False),
        sa.Column("display_name", sa.String(length=256), nullable=False),
        sa.Column("password_hash", sa.String(length=256), nullable=False),
        sa.Column("roles", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.String(length=24), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username"),
    )
    op.create_table(
        "assignments",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("submission_id", sa.String(length=256), nullable=False),
        sa.Column("credential_id", sa.String(length=256), nullable=False),
        sa.Column("credential_version", sa.String(length=64), nullable=False),
        sa.Column("assessor_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("status_reason", sa.String(length=32), nullable=True),
        sa.Column("replaced_by", sa.String(length=64), nullable=True),
        sa.Column("due_at", sa.String(length=24), nullable=True),
        sa.Column("created_at", sa.String(length=24), nullable=False),
        sa.Column("updated_at", sa.String(length=24), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.Column("sheet_round", sa.Integer(), nullable=False),
        sa.Column("review_decision", sa.String(length=16), nullable=True),
        sa.Column("review_note", sa.Text(), nullable=True),
        sa.Column("reviewed_at", sa.String(length=24), nullable=True),
        sa.ForeignKeyConstraint(
            ["assessor_id"],
            ["users.id"],
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.create_index("ix_assignments_feed", ["assessor_id", "change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_assignments_submission_id"), ["submission_id"], unique=False)

    op.create_table(
        "evidence",
        sa.Column("id", sa.String(length=256), nullable=False),
        sa.Column("submission_id", sa.String(length=256), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=512), nullable=False),
        sa.Column("media_type", sa.String(length=128), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("question_id", sa.String(length=256), nullable=True),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evidence_submission_id"), ["submission_id"], unique=False)

    op.create_table(
        "idempotency_keys",
        sa.Column("principal_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("response", sa.JSON(), nullable=True),
        sa.Column("started_epoch", sa.Float(), nullable=False),
        sa.Column("created_at", sa.String(length=24), nullable=False),
        sa.ForeignKeyConstraint(
            ["principal_id"],
            ["users.id"],
        ),
        sa.PrimaryKeyConstraint("principal_id", "key"),
    )
    op.create_table(
        "token_families",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(length=24), nullable=False),
        sa.Column("revoked_at", sa.String(length=24), nullable=True),
        sa.Column("revoked_reason", sa.String(length=256), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("token_families", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_token_families_user_id"), ["user_id"], unique=False)

    op.create_table(
        "access_tokens",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("family_id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["family_id"],
            ["token_families.id"],
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
        ),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    with op.batch_alter_table("access_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_access_tokens_family_id"), ["family_id"], unique=False)

    op.create_table(
        "received_sheets",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("assignment_id", sa.String(length=64), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("sheet_id", sa.String(length=64), nullable=False),
        sa.Column("assessor_id", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.String(length=24), nullable=False),
        sa.Column("recommendation", sa.String(length=16), nullable=False),
        sa.Column("derived_recommendation", sa.String(length=16), nullable=True),
        sa.Column("override_reason", sa.Text(), nullable=True),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("review_decision", sa.String(length=16), nullable=True),
        sa.Column("review_note", sa.Text(), nullable=True),
        sa.Column("reviewed_at", sa.String(length=24), nullable=True),
        sa.Column("reviewed_by", sa.String(length=128), nullable=True),
        sa.ForeignKeyConstraint(
            ["assessor_id"],
            ["users.id"],
        ),
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["assignments.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("assignment_id", "round"),
    )
    with op.batch_alter_table("received_sheets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_received_sheets_assignment_id"), ["assignment_id"], unique=False)

    op.create_table(
        "refresh_tokens",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("family_id", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.BigInteger(), nullable=False),
        sa.Column("used_at", sa.String(length=24), nullable=True),
        sa.Column("created_at", sa.String(length=24), nullable=False),
        sa.ForeignKeyConstraint(
            ["family_id"],
            ["token_families.id"],
        ),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    with op.batch_alter_table("refresh_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_refresh_tokens_family_id"), ["family_id"], unique=False)

    op.create_table(
        "score_events",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("sheet_id", sa.String(length=64), nullable=False),
        sa.Column("assignment_id", sa.String(length=64), nullable=False),
        sa.Column("actor", sa.String(length=128), nullable=False),
        sa.Column("device_id", sa.String(length=128), nullable=False),
        sa.Column("device_seq", sa.BigInteger(), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("field", sa.String(length=512), nullable=False),
        sa.Column("old", sa.JSON(), nullable=False),
        sa.Column("new", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.String(length=24), nullable=False),
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["assignments.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("score_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_score_events_assignment_id"), ["assignment_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_score_events_sheet_id"), ["sheet_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("score_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_score_events_sheet_id"))
        batch_op.drop_index(batch_op.f("ix_score_events_assignment_id"))

    op.drop_table("score_events")
    with op.batch_alter_table("refresh_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_refresh_tokens_family_id"))

    op.drop_table("refresh_tokens")
    with op.batch_alter_table("received_sheets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_received_sheets_assignment_id"))

    op.drop_table("received_sheets")
    with op.batch_alter_table("access_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_access_tokens_family_id"))

    op.drop_table("access_tokens")
    with op.batch_alter_table("token_families", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_token_families_user_id"))

    op.drop_table("token_families")
    op.drop_table("idempotency_keys")
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_submission_id"))

    op.drop_table("evidence")
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assignments_submission_id"))
        batch_op.drop_index("ix_assignments_feed")

    op.drop_table("assignments")
    op.drop_table("users")
    op.drop_table("submissions")
    op.drop_table("feed_clock")
    op.drop_table("credential_versions")
