"""Sign-in, rotating refresh tokens with reuse detection, and bearer access-token lookup.

Every sign-in starts a token *family*. Refreshing marks the presented refresh token used and issues a
new pair in the same family; presenting a used one again means it leaked (or a client replayed it), so
the whole family, with its access tokens, is revoked (OAuth 2.0 Security BCP, refresh token rotation).
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from assessor_app.domain.clock import utc_now
from issuer_server.config import Settings
from issuer_server.models import AccessToken, RefreshToken, TokenFamily, User
from issuer_server.problems import unauthorized
from issuer_server.security import new_token, token_hash, verify_password


@dataclass(frozen=True, slots=True)
class Principal:
    id: int
    username: str
    display_name: str
    roles: tuple[str, ...]

    def has(self, role: str) -> bool:
        return role in self.roles


def _issue(session: Session, settings: Settings, user_id: int, family_id: str) -> dict[str, object]:
    access, refresh = new_token(), new_token()
    now = int(time.time())
    session.add(AccessToken(token_hash=token_hash(access), family_id=family_id, user_id=user_id,
                            expires_at=now + settings.access_ttl_seconds))
    session.add(RefreshToken(token_hash=token_hash(refresh), family_id=family_id,
                             expires_at=now + settings.refresh_ttl_seconds, used_at=None, created_at=utc_now()))
    return {"access_token": access, "token_type": "Bearer", "expires_in": settings.access_ttl_seconds,
            "refresh_token": refresh}


def check_password(session: Session, username: str, password: str) -> int:
    """The user's id if the password is right. Run it outside any write transaction: argon2 is slow
    on purpose, and on SQLite a write transaction holds the database's single write lock."""
    user = session.scalars(select(User).where(User.username == username)).first()
    if not verify_password(user.password_hash if user else None, password) or user is None:
        raise unauthorized("The username or password is wrong; check them and sign in again.")
    return user.id


def start_family(session: Session, settings: Settings, user_id: int) -> dict[str, object]:
    family = TokenFamily(id=str(uuid.uuid4()), user_id=user_id, created_at=utc_now())
    session.add(family)
    session.flush()
    return _issue(session, settings, user_id, family.id)


REUSED = "This refresh token was already used, so every sign-in descended from it was revoked; sign in again."
INVALID = "The refresh token is unknown, expired or revoked; sign in again."


def refresh(session: Session, settings: Settings, presented: str) -> dict[str, object] | str:
    """A new pair, or the reason for refusing. On reuse the family is revoked in this same transaction,
    which the caller commits before answering 401."""
    row = session.get(RefreshToken, token_hash(presented))
    if row is None:
        return INVALID
    family = session.get(TokenFamily, row.family_id)
    if family is None or family.revoked_at is not None or row.expires_at < time.time():
        return INVALID
    claimed = session.execute(
        update(RefreshToken).where(RefreshToken.token_hash == row.token_hash, RefreshToken.used_at.is_(None))
        .values(used_at=utc_now())
    ).rowcount
    if claimed != 1:
        family.revoked_at = utc_now()
        family.revoked_reason = "refresh token reused"
        return REUSED
    return _issue(session, settings, family.user_id, family.id)


def authenticate(session: Session, access: str) -> Principal:
    """The caller of a request. Columns, not ORM entities: this runs on every request."""
    row = session.execute(
        select(User.id, User.username, User.display_name, User.roles, AccessToken.expires_at,
               TokenFamily.revoked_at)
        .join(User, User.id == AccessToken.user_id)
        .join(TokenFamily, TokenFamily.id == AccessToken.family_id)
        .where(AccessToken.token_hash == token_hash(access))
    ).first()
    if row is None:
        raise unauthorized("The access token is not valid; sign in again.")
    user_id, username, display_name, roles, expires_at, revoked_at = row
    if revoked_at is not None:
        raise unauthorized("This sign-in was revoked; sign in again.")
    if expires_at <= time.time():
        raise unauthorized("The access token has expired; refresh it or sign in again.")
    return Principal(user_id, username, display_name, tuple(r for r in roles.split(",") if r))
