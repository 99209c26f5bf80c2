"""Bring a database to the newest schema with the issuer's own Alembic migrations, in process."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, text

from issuer_server.db import make_engine

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, engine: Engine | None = None) -> None:
    """Apply every pending migration; safe to call on every start (a no-op when current)."""
    own = engine is None
    engine = engine or make_engine(url, pool_size=1)
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                # Two processes starting at once must not both create the tables.
                conn.execute(text("SELECT pg_advisory_xact_lock(7345001)"))
            config = alembic_config(url)
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    finally:
        if own:
            engine.dispose()
