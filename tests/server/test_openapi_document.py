"""The committed OpenAPI document is the one the server serves (regenerate with
``issuer-server openapi > issuer_server/openapi.json``)."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

import issuer_server
from tests.server.world import API, World

COMMITTED = Path(issuer_server.__file__).parent / "openapi.json"


def test_the_served_openapi_document_matches_the_committed_one(world: World) -> None:
    served = httpx.get(f"{world.base_url}{API}/openapi.json").json()
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert served == committed, ("The API changed: regenerate with "
                                 "'issuer-server openapi > issuer_server/openapi.json' and review the diff.")


def test_the_document_is_openapi_3_1_with_problem_responses(world: World) -> None:
    doc = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert doc["openapi"].startswith("3.1.")
    push = doc["paths"][f"{API}/assignments/{{assignment_id}}/score-sheet"]["put"]
    assert {"201", "400", "401", "404", "409", "413", "422"} <= set(push["responses"])
    assert "application/problem+json" in push["responses"]["409"]["content"]
