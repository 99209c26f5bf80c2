"""Score events carry the device key's Ed25519 signature (docs/AUDIT.md). Nullable: events recorded before
this version, or before the device key was loaded, are signed when pushed (Ed25519 is deterministic); rows are
never rewritten, so the append-only triggers stay as they are.

A plain ``ALTER TABLE ... ADD COLUMN`` (not batch mode): recreating the table would drop those triggers.

Revision ID: 0004_event_signatures
Revises: 0003_evidence_coverage
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_event_signatures"
down_revision = "0003_evidence_coverage"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("score_events", sa.Column("signature", sa.String(), nullable=True))


def downgrade() -> None:
    op.drop_column("score_events", "signature")
