"""Evidence coverage per assignment: watched video ranges and PDF pages shown, with durations.

Revision ID: 0003_evidence_coverage
Revises: 0002_comment_bank
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_evidence_coverage"
down_revision = "0002_comment_bank"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evidence_coverage",
        sa.Column("assignment_id", sa.String(), nullable=False),
        sa.Column("evidence_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["assignment_id"], ["assignments.id"],
                                name=op.f("fk_evidence_coverage_assignment_id_assignments")),
        sa.PrimaryKeyConstraint("assignment_id", "evidence_id", name=op.f("pk_evidence_coverage")),
    )


def downgrade() -> None:
    op.drop_table("evidence_coverage")
