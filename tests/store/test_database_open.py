import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from assessor_app.store.database import MIGRATIONS_DIR, Database, DatabaseTooNew, head_revision
from assessor_app.store.paths import AppPaths


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_pragmas_read_back_as_configured(db):
    with db.write() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    with db.read() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_database_and_folders_are_private_to_the_user(db, paths, sheets, assignment):
    sheets.open(assignment.id)
    assert mode(paths.database) == 0o600
    assert mode(paths.data) == 0o700
    for sidecar in ("-wal", "-shm"):
        side = paths.database.with_name(paths.database.name + sidecar)
        assert not side.exists() or mode(side) == 0o600


def test_everything_lives_under_assessor_app_home(app_home, paths):
    assert paths.database.is_relative_to(app_home)
    assert paths.logs.is_relative_to(app_home)
    assert paths.evidence.is_relative_to(app_home)


def test_without_the_environment_variable_platform_folders_are_used():
    paths = AppPaths.resolve({})
    assert "assessors-desk" in str(paths.data)


def test_upgrade_from_an_empty_file(paths):
    paths.database.touch()
    db = Database.open(paths.database, paths.backups)
    assert db.schema_revision() == head_revision()
    assert db.backup is None  # nothing to back up in an empty file
    db.close()


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(paths):
    db = Database.open(paths.database, paths.backups)
    db.close()
    raw = sqlite3.connect(paths.database)
    raw.execute("UPDATE alembic_version SET version_num='9999_future'")
    raw.commit()
    raw.close()
    before = paths.database.read_bytes()
    with pytest.raises(DatabaseTooNew, match="newer version of the assessor's desk"):
        Database.open(paths.database, paths.backups)
    assert paths.database.read_bytes() == before
    assert not any(paths.backups.iterdir())


def _migrations_with_an_extra_revision(tmp_path: Path) -> Path:
    copy = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "versions" / "9000_test_extra.py").write_text(
        '"""Test-only revision."""\n'
        "import sqlalchemy as sa\nfrom alembic import op\n\n"
        f"revision = '9000_test_extra'\ndown_revision = '{head_revision()}'\n"
        "branch_labels = None\ndepends_on = None\n\n\n"
        "def upgrade():\n    with op.batch_alter_table('assignments') as b:\n"
        "        b.add_column(sa.Column('extra', sa.String(), nullable=True))\n\n\n"
        "def downgrade():\n    pass\n"
    )
    return copy


def test_a_backup_is_made_before_an_upgrade_and_work_survives_it(tmp_path, paths, credential):
    from assessor_app.domain.assignment import Assignment, AssignmentKind
    from assessor_app.store.catalog import Catalog
    from assessor_app.store.sheets import Author, SheetStore

    db = Database.open(paths.database, paths.backups)
    Catalog(db).save_assignment(Assignment("a1", "s1", credential.id, credential.version, "ana", AssignmentKind.LIVE))
    store = SheetStore(db, Author("ana", "dev"))
    sheet = store.open("a1")
    store.record(sheet, sheet.propose_level(credential, "context", "context-3"))
    db.close()

    upgraded = Database.open(paths.database, paths.backups, migrations=_migrations_with_an_extra_revision(tmp_path))
    assert upgraded.schema_revision() == "9000_test_extra"
    assert upgraded.backup is not None and upgraded.backup.parent == paths.backups
    assert mode(upgraded.backup) == 0o600
    backup = sqlite3.connect(upgraded.backup)
    assert backup.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
    assert backup.execute("SELECT count(*) FROM score_events").fetchone()[0] == 1
    backup.close()
    assert SheetStore(upgraded, Author("ana", "dev")).load("a1").levels["context"] == "context-3"
    upgraded.close()


def test_score_events_cannot_be_updated_or_deleted(db, sheets, assignment, credential):
    sheet = sheets.open(assignment.id)
    sheets.record(sheet, sheet.propose_level(credential, "context", "context-2"))
    for sql in ("UPDATE score_events SET new='x'", "DELETE FROM score_events"):
        with pytest.raises(Exception, match="append-only"), db.write() as conn:
            conn.exec_driver_sql(sql)
