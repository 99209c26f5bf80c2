"""Lead scoring (docs/LEAD.md): master scores, per-credential policies and adjudications.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TIME = sa.String(length=24)


def upgrade() -> None:
    op.create_table(
        "master_scores",
        sa.Column("submission_id", sa.String(length=256), nullable=False),
        sa.Column("credential_id", sa.String(length=256), nullable=False),
        sa.Column("credential_version", sa.String(length=64), nullable=False),
        sa.Column("levels", sa.JSON(), nullable=False),
        sa.Column("rationale", sa.JSON(), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("set_name", sa.String(length=128), nullable=False),
        sa.Column("created_by", sa.String(length=128), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.ForeignKeyConstraint(["submission_id"], ["submissions.id"]),
        sa.PrimaryKeyConstraint("submission_id"),
    )
    op.create_table(
        "credential_policies",
        sa.Column("credential_id", sa.String(length=256), nullable=False),
        sa.Column("second_read_share", sa.Float(), nullable=False),
        sa.Column("max_steps", sa.Integer(), nullable=False),
        sa.Column("on_decision", sa.Boolean(), nullable=False),
        sa.Column("qualification_min_exact", sa.Float(), nullable=False),
        sa.Column("qualification_min_items", sa.Integer(), nullable=False),
        sa.Column("requires_qualification", sa.Boolean(), nullable=False),
        sa.Column("updated_at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("credential_id"),
    )
    op.create_table(
        "adjudications",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("submission_id", sa.String(length=256), nullable=False),
        sa.Column("credential_id", sa.String(length=256), nullable=False),
        sa.Column("credential_version", sa.String(length=64), nullable=False),
        sa.Column("first_assignment_id", sa.String(length=64), nullable=False),
        sa.Column("second_assignment_id", sa.String(length=64), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("opened_at", TIME, nullable=False),
        sa.Column("resolved_levels", sa.JSON(), nullable=True),
        sa.Column("decision", sa.String(length=16), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("resolved_by", sa.String(length=128), nullable=True),
        sa.Column("resolved_at", TIME, nullable=True),
        sa.ForeignKeyConstraint(["submission_id"], ["submissions.id"]),
        sa.ForeignKeyConstraint(["first_assignment_id"], ["assignments.id"]),
        sa.ForeignKeyConstraint(["second_assignment_id"], ["assignments.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("adjudications", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_adjudications_submission_id"), ["submission_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_adjudications_status"), ["status"], unique=False)


def downgrade() -> None:
    op.drop_table("adjudications")
    op.drop_table("credential_policies")
    op.drop_table("master_scores")
