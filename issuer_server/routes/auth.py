"""Sign-in, token refresh and the caller's identity."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from issuer_server import tokens
from issuer_server.access import Credentials, database, settings, signed_in
from issuer_server.config import Settings
from issuer_server.db import Database
from issuer_server.problems import unauthorized
from issuer_server.schemas import Me, RefreshRequest, TokenPair, TokenRequest

router = APIRouter(tags=["auth"])


@router.post("/auth/token", response_model=TokenPair, responses={401: {}})
def sign_in(body: TokenRequest, db: Database = Depends(database), config: Settings = Depends(settings)) -> dict:
    """Password grant: a short-lived access token and a refresh token that rotates on every use."""
    with db.read() as session:
        user_id = tokens.check_password(session, body.username, body.password)
    with db.write() as session:
        return tokens.start_family(session, config, user_id)


@router.post("/auth/refresh", response_model=TokenPair, responses={401: {}})
def refresh(body: RefreshRequest, db: Database = Depends(database), config: Settings = Depends(settings)) -> dict:
    """Trade a refresh token for a new pair. Presenting an already-used one revokes the whole sign-in."""
    with db.write() as session:
        result = tokens.refresh(session, config, body.refresh_token)
    if isinstance(result, str):
        raise unauthorized(result)
    return result


@router.get("/me", response_model=Me, responses={401: {}})
def me(credentials: Credentials, db: Database = Depends(database)) -> dict:
    with signed_in(db, credentials) as (_session, user):
        pass
    return {"username": user.username, "display_name": user.display_name, "roles": list(user.roles)}
