"""Calibration results (docs/LEAD.md): the feed's ``calibration_result`` flag on assignments, and the master levels
and rationale fetched for flagged assignments, so the scoring view can show them offline.

A plain ``ALTER TABLE ... ADD COLUMN`` with a server default (no batch mode: nothing else in the table changes).

Revision ID: 0005_calibration_results
Revises: 0004_event_signatures
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_calibration_results"
down_revision = "0004_event_signatures"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("assignments", sa.Column("calibration_result", sa.Boolean(), server_default=sa.false(),
                                           nullable=False))
    op.create_table(
        "calibration_results",
        sa.Column("assignment_id", sa.String(), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("fetched_at", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["assignment_id"], ["assignments.id"],
                                name=op.f("fk_calibration_results_assignment_id_assignments")),
        sa.PrimaryKeyConstraint("assignment_id", name=op.f("pk_calibration_results")),
    )


def downgrade() -> None:
    op.drop_table("calibration_results")
    with op.batch_alter_table("assignments") as batch:
        batch.drop_column("calibration_result")
