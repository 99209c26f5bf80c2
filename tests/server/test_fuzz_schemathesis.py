"""Schemathesis fuzzes the served OpenAPI document of a live server, signed in as an assessor with a
tiny program loaded: no 5xx, and responses conform to the document (status codes, content types,
headers, bodies). Run through its CLI in a subprocess so its pytest plugin stays out of our fixtures.

``positive_data_acceptance`` is left out: an opaque cursor, an Idempotency-Key reused with another
body or a sheet that contradicts its own events is schema-valid yet rightly refused.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.server.world import API, World

# CPython 3.11.7 raises this inside hypothesis' source inspection of schemathesis' *coverage* phase
# (a CPython bug, fixed in later 3.11 releases); it says nothing about our API. That phase is left out
# and, should another phase hit it, the run is repeated once with another seed.
CPYTHON_AST_BUG = "AST constructor recursion depth mismatch"
PHASES = "examples,fuzzing,stateful"


def schemathesis_cli() -> str:
    candidate = Path(sys.executable).with_name("st")
    found = str(candidate) if candidate.exists() else shutil.which("st")
    if not found:
        pytest.fail("schemathesis is not installed (pip install 'schemathesis>=4.3,<5')", pytrace=False)
    return found


def run_schemathesis(world: World, token: str, report: Path, seed: int) -> subprocess.CompletedProcess[str]:
    command = [schemathesis_cli(), "run", f"{world.base_url}{API}/openapi.json",
               "--header", f"Authorization: Bearer {token}",
               "--checks", "all", "--exclude-checks", "positive_data_acceptance",
               "--max-examples", "30", "--seed", str(seed), "--phases", PHASES, "--workers", "2", "--no-color",
               "--generation-database", "none", "--request-timeout", "20", "--max-failures", "20",
               "--report", "junit", "--report-dir", str(report)]
    return subprocess.run(command, capture_output=True, text=True, timeout=240, stdin=subprocess.DEVNULL)


def test_fuzzing_finds_no_server_error_and_no_schema_violation(world: World, tmp_path: Path) -> None:
    for _ in range(3):
        world.assign("alice")
    token = world.sign_in("alice")["access_token"]
    result = run_schemathesis(world, token, tmp_path / "report", 20261123)
    output = result.stdout + result.stderr
    if result.returncode != 0 and CPYTHON_AST_BUG in output and "Failures:" not in output:
        result = run_schemathesis(world, token, tmp_path / "report-again", 20261124)
        output = result.stdout + result.stderr
    assert result.returncode == 0, output[-15000:]
