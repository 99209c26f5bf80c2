"""The issuer's migrations build exactly the tables of ``issuer_server/models.py``, on both backends, in one line."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from issuer_server import migrate
from issuer_server.db import make_engine
from issuer_server.models import Base


def test_the_issuer_migrations_have_one_head() -> None:
    heads = ScriptDirectory.from_config(migrate.alembic_config("sqlite://")).get_heads()
    assert len(heads) == 1, f"issuer migrations branch: {heads}"


def test_the_issuer_models_match_its_migrations(db_url: str) -> None:
    engine = make_engine(db_url, pool_size=1)
    try:
        migrate.upgrade(db_url, engine)
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    finally:
        engine.dispose()
    assert diff == [], f"issuer_server/models.py and its migrations disagree; add a migration: {diff}"
