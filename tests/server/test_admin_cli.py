"""The issuer-server admin CLI, run in process against SQLite and PostgreSQL databases."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from issuer_server.cli import main
from issuer_server.db import Database
from issuer_server.devkit.tiny_program import write_tiny_program
from issuer_server.models import Assignment, CredentialVersion, Evidence, Submission, User


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory):
    return write_tiny_program(tmp_path_factory.mktemp("program") / "p", submissions=6, assessors=("ann", "ben", "cy"))


@pytest.fixture
def run(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    evidence = tmp_path / "evidence"

    def invoke(*args: str) -> tuple[int, str, str]:
        code = main(["--db", db_url, "--evidence-dir", str(evidence), *args])
        out, err = capsys.readouterr()
        return code, out, err
    return invoke


def counts(db_url: str) -> dict[str, int]:
    db = Database(db_url, pool_size=1)
    try:
        with db.read() as s:
            return {t.__tablename__: len(s.scalars(select(t)).all())
                    for t in (CredentialVersion, Submission, Evidence, User, Assignment)}
    finally:
        db.dispose()


def one_error_line(code: int, err: str) -> str:
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert "Traceback" not in err
    return lines[0]


def test_load_program_is_idempotent(run, program, db_url: str) -> None:
    code, out, _ = run("load-program", str(program.folder))
    assert code == 0 and "submissions: 6 added" in out
    first = counts(db_url)
    code, out, _ = run("load-program", str(program.folder))
    assert code == 0 and "submissions: 0 added, 6 unchanged" in out
    assert counts(db_url) == first


def test_add_user_reads_the_password_from_stdin(run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough password\n"))
    code, out, _ = run("add-user", "dora", "--role", "assessor", "--role", "lead", "--password-stdin")
    assert code == 0 and "dora" in out
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough password\n"))
    one_error_line(*run("add-user", "dora", "--role", "assessor", "--password-stdin")[::2])


def test_assign_revoke_reassign_and_decisions(run, program) -> None:
    run("load-program", str(program.folder))
    code, out, _ = run("assign", "--submission", "sub-0001", "--assessor", "ann", "--kind", "calibration")
    assert code == 0
    assignment = out.split(" as ")[1].split()[0]
    code, out, _ = run("reassign", assignment, "--to", "ben")
    assert code == 0
    moved = out.strip().split(" as ")[1]
    assert run("revoke", moved)[0] == 0
    code, out, _ = run("decisions")
    assert code == 0
    assert "reassigned" in out and "revoked" in out and "calibration" in out


def test_assign_all_spreads_submissions_and_adds_second_reads(run, program, db_url: str) -> None:
    run("load-program", str(program.folder))
    code, out, _ = run("assign-all", "--assessors", "ann,ben,cy", "--second-read-share", "0.5", "--seed", "3")
    assert code == 0, out
    db = Database(db_url, pool_size=1)
    with db.read() as s:
        rows = s.scalars(select(Assignment).where(Assignment.status == "assigned")).all()
    db.dispose()
    assert {r.submission_id for r in rows if r.kind == "live"} >= {f"sub-{n:04d}" for n in range(2, 7)}
    seconds = [r for r in rows if r.kind == "second_read"]
    assert seconds, out
    for second in seconds:
        first = next(r for r in rows if r.submission_id == second.submission_id and r.kind != "second_read")
        assert first.assessor_id != second.assessor_id


@pytest.mark.parametrize("args", [
    ("assign", "--submission", "no-such", "--assessor", "ann"),
    ("assign", "--submission", "sub-0001", "--assessor", "nobody"),
    ("revoke", "no-such-assignment"),
    ("reassign", "no-such-assignment", "--to", "ann"),
    ("load-program", "/no/such/folder"),
    ("assign", "--submission"),
    ("frobnicate",),
    ("assign-all", "--assessors", "ann", "--second-read-share", "2"),
    ("serve", "--host", "0.0.0.0", "--port", "0"),
])
def test_every_failure_is_one_error_line_with_exit_2(run, program, args: tuple[str, ...]) -> None:
    run("load-program", str(program.folder))
    code, _, err = run(*args)
    one_error_line(code, err)


def test_a_program_with_a_missing_evidence_file_is_refused_and_changes_nothing(run, tmp_path: Path,
                                                                               db_url: str) -> None:
    broken = write_tiny_program(tmp_path / "broken", submissions=2)
    doc = json.loads((broken.folder / "program.json").read_text())
    doc["submissions"][1]["evidence"][0]["file"] = "files/missing.mp4"
    doc["submissions"][0]["id"] = "sub-broken-1"
    doc["submissions"][0]["evidence"] = []
    (broken.folder / "program.json").write_text(json.dumps(doc))
    assert run("init-db")[0] == 0  # the schema exists whichever test of the module runs first
    before = counts(db_url)
    line = one_error_line(*run("load-program", str(broken.folder))[::2])
    assert "missing.mp4" in line
    assert counts(db_url) == before


def test_a_database_that_cannot_be_opened_is_one_error_line(tmp_path: Path, capsys) -> None:
    code = main(["--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", "--evidence-dir", str(tmp_path), "init-db"])
    one_error_line(code, capsys.readouterr().err)


def test_openapi_prints_the_document(run) -> None:
    code, out, _ = run("openapi")
    assert code == 0 and json.loads(out)["openapi"].startswith("3.1")
