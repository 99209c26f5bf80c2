"""Alembic environment of the app's local cache.

Run programmatically by ``assessor_app.store.database.Database.open`` with an open connection in
``config.attributes["connection"]``; ``alembic`` on the command line works too (``-x db=PATH``).
Batch mode, because SQLite cannot ALTER most things in place.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from assessor_app.store.schema import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    path = context.get_x_argument(as_dictionary=True).get("db")
    if not path:
        raise SystemExit("Pass the database: alembic -x db=PATH upgrade head")
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("Offline (SQL script) migrations are not supported for the local cache.")
run_migrations()
