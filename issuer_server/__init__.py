"""The reference issuer server: assignments, credentials, manifests, evidence and score-sheet intake.

A real service (FastAPI + SQLAlchemy, SQLite or PostgreSQL) that the assessor's desk syncs with in the
demo, in every integration test and for small organizations. See ``issuer_server/README.md``.
"""

API_PREFIX = "/api/v1"
