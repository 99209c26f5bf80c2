"""Sign-in, rotating refresh tokens, expiry and the 401 problem; over SQLite and PostgreSQL."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from issuer_server.launcher import running_server
from issuer_server.models import AccessToken, RefreshToken
from issuer_server.security import token_hash
from tests.server.world import API, World


def test_sign_in_returns_a_bearer_pair_and_me_shows_the_roles(world: World) -> None:
    pair = world.sign_in("alice")
    assert pair["token_type"] == "Bearer" and pair["expires_in"] == 900
    me = httpx.get(f"{world.base_url}{API}/me", headers={"Authorization": f"Bearer {pair['access_token']}"})
    assert me.json() == {"username": "alice", "display_name": "Alice", "roles": ["assessor"]}


def test_only_hashes_of_tokens_are_stored(world: World) -> None:
    pair = world.sign_in("alice")
    assert world.count(AccessToken, token_hash=token_hash(pair["access_token"])) == 1
    assert world.count(RefreshToken, token_hash=token_hash(pair["refresh_token"])) == 1
    assert world.count(AccessToken, token_hash=pair["access_token"]) == 0


def test_a_wrong_password_is_a_401_problem(world: World) -> None:
    response = world.anonymous().post("/auth/token", json={"grant_type": "password", "username": "alice",
                                                            "password": "wrong password"})
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.headers["www-authenticate"].startswith("Bearer")


def test_an_unauthenticated_request_gets_401_with_www_authenticate(world: World) -> None:
    for path in ("/me", "/assignments", "/submissions/sub-0001", "/evidence/sub-0001-pdf", "/credentials/x"):
        response = world.anonymous().get(path)
        assert response.status_code == 401, path
        assert response.headers["www-authenticate"].startswith("Bearer")
        assert response.json()["status"] == 401


def test_refresh_rotates_the_pair(world: World) -> None:
    first = world.sign_in("alice")
    second = world.anonymous().post("/auth/refresh", json={"refresh_token": first["refresh_token"]}).json()
    assert second["refresh_token"] != first["refresh_token"]
    third = world.anonymous().post("/auth/refresh", json={"refresh_token": second["refresh_token"]})
    assert third.status_code == 200


def test_reused_refresh_token_is_rejected_and_revokes_the_family(world: World) -> None:
    first = world.sign_in("alice")
    client = world.anonymous()
    second = client.post("/auth/refresh", json={"refresh_token": first["refresh_token"]}).json()
    reused = client.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert reused.status_code == 401
    assert "already used" in reused.json()["detail"]
    # The whole family is dead: the newest refresh token and the access tokens too.
    assert client.post("/auth/refresh", json={"refresh_token": second["refresh_token"]}).status_code == 401
    for access in (first["access_token"], second["access_token"]):
        assert client.get("/me", headers={"Authorization": f"Bearer {access}"}).status_code == 401
    # Another sign-in is unaffected.
    assert world.client("alice").get("/me").status_code == 200


def test_an_unknown_refresh_token_is_a_401(world: World) -> None:
    assert world.anonymous().post("/auth/refresh", json={"refresh_token": "nope"}).status_code == 401


def test_an_assessor_cannot_use_admin_routes(world: World) -> None:
    response = world.client("alice").get("/review/pending")
    assert response.status_code == 403
    assert response.json()["type"].endswith(":forbidden")


@pytest.fixture(scope="module")
def short_lived_server(world: World) -> Iterator[str]:
    """A second server on the same database whose access tokens live one second."""
    with running_server(world.db_url, world.evidence_dir, access_ttl_seconds=1) as url:
        yield url


def test_an_expired_access_token_is_a_401(world: World, short_lived_server: str) -> None:
    pair = httpx.post(f"{short_lived_server}{API}/auth/token",
                      json={"grant_type": "password", "username": "alice", "password": world.program.password}).json()
    assert pair["expires_in"] == 1
    headers = {"Authorization": f"Bearer {pair['access_token']}"}
    deadline = time.monotonic() + 10
    response = httpx.get(f"{short_lived_server}{API}/me", headers=headers)
    while response.status_code == 200 and time.monotonic() < deadline:
        response = httpx.get(f"{short_lived_server}{API}/me", headers=headers)
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]
    refreshed = httpx.post(f"{short_lived_server}{API}/auth/refresh", json={"refresh_token": pair["refresh_token"]})
    assert refreshed.status_code == 200
