"""Alembic environment of the issuer's database (run programmatically by ``issuer_server.migrate``)."""
