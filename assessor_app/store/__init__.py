"""The local cache: SQLite through SQLAlchemy 2, migrated by Alembic at open, plus evidence files on disk.

One writer engine (``BEGIN IMMEDIATE``) and one reader engine; WAL, ``synchronous=FULL``, foreign keys on;
the database file is private to the user. Mutations return a ``Changes`` value naming what they touched.
"""
