"""Checks that keep the house clean; they run with every test run, so a broken rule fails CI."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from assessor_app.store.database import Database, alembic_config
from assessor_app.store.schema import Base

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_ruff_finds_nothing():
    result = run(str(BIN / "ruff"), "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_contracts_hold():
    result = run(str(BIN / "lint-imports"), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr


def test_core_layers_import_without_qt():
    code = textwrap.dedent("""
        import sys
        import assessor_app.domain.score_sheet, assessor_app.domain.wire
        import assessor_app.store.sheets, assessor_app.store.catalog, assessor_app.store.outbox
        import assessor_app.sync.secrets
        bad = [m for m in sys.modules if m.split(".")[0] in ("PySide6", "vlc", "shiboken6")]
        assert not bad, bad
    """)
    result = run(sys.executable, "-c", code)
    assert result.returncode == 0, result.stderr


def test_alembic_has_exactly_one_head():
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1, f"migrations branch: {heads}"


def test_models_match_the_migrations(tmp_path):
    db = Database.open(tmp_path / "fresh.sqlite3")
    with db.read() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    db.close()
    assert diff == [], f"schema.py and migrations/ disagree; add a migration: {diff}"


def test_a_skipped_test_fails_the_run_in_ci(pytester):
    pytester.makeconftest((ROOT / "tests" / "conftest.py").read_text().replace(
        "from tests.builders import sample_credential\n", "").replace(
        "    return sample_credential()\n", "    return None\n"))
    pytester.makepyfile("import pytest\n\ndef test_needs_a_part():\n    pytest.skip('part missing')\n")
    os.environ["CI"] = "true"
    try:
        in_ci = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    finally:
        os.environ.pop("CI")
    assert in_ci.ret == 1
    in_ci.stdout.fnmatch_lines(["*SKIPPED IN CI*part missing*"])
    outside = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    assert outside.ret == 0


def test_migration_file_names_are_their_revisions_in_chain_order():
    """Opening an up-to-date cache reads revisions from file names instead of importing Alembic (start-up time)."""
    from assessor_app.store.database import known_revisions

    script = ScriptDirectory.from_config(alembic_config())
    chain = [rev.revision for rev in reversed(list(script.walk_revisions()))]
    assert list(known_revisions()) == chain
    for rev in script.walk_revisions():
        assert Path(rev.path).stem == rev.revision, f"{rev.path} should be named {rev.revision}.py"
