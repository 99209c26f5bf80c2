"""The issuer's audit log: entries, perfect Merkle nodes, signed checkpoints and the head row appends lock;
rows that existed before are backfilled (``issuer_server/audit/backfill.py``).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 12:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from issuer_server.audit.backfill import backfill

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

LOG_INDEX = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("index", LOG_INDEX, autoincrement=False, nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("ref", sa.String(length=512), nullable=False),
        sa.Column("entry", sa.Text(), nullable=False),
        sa.Column("leaf_hash", sa.String(length=64), nullable=False),
        sa.Column("appended_at", sa.String(length=24), nullable=False),
        sa.PrimaryKeyConstraint("index"),
        sa.UniqueConstraint("kind", "ref"),
    )
    op.create_table(
        "merkle_nodes",
        sa.Column("level", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("index", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("level", "index"),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "checkpoints",
        sa.Column("tree_size", LOG_INDEX, autoincrement=False, nullable=False),
        sa.Column("root_hash", sa.String(length=64), nullable=False),
        sa.Column("timestamp", sa.String(length=24), nullable=False),
        sa.Column("signature", sa.String(length=128), nullable=False),
        sa.PrimaryKeyConstraint("tree_size"),
    )
    op.create_table(
        "audit_log_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("tree_size", sa.BigInteger(), nullable=False),
        sa.Column("last_timestamp", sa.String(length=24), nullable=True),
        sa.Column("public_key", sa.String(length=64), nullable=True),
        sa.Column("frontier", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    backfill(op.get_bind())


def downgrade() -> None:
    op.drop_table("audit_log_head")
    op.drop_table("checkpoints")
    op.drop_table("merkle_nodes")
    op.drop_table("audit_log")
