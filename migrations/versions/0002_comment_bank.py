"""The assessor's comment bank: reusable feedback snippets per credential and criterion.

Revision ID: 0002_comment_bank
Revises: 0001_initial
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_comment_bank"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "comment_bank",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("credential_id", sa.String(), nullable=False),
        sa.Column("criterion_id", sa.String(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comment_bank")),
    )
    op.create_index(op.f("ix_comment_bank_credential_id"), "comment_bank", ["credential_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_comment_bank_credential_id"), table_name="comment_bank")
    op.drop_table("comment_bank")
