"""Who this desk signs in as, and where: the non-secret half in settings, the refresh token in the keyring."""

from __future__ import annotations

from assessor_app.store.settings import SERVER_URL, USERNAME, Settings
from assessor_app.sync.client import IssuerClient
from assessor_app.sync.errors import SignInRequired
from assessor_app.sync.transport import normalise_server_url


def sign_in(settings: Settings, server_url: str, username: str, password: str) -> IssuerClient:
    """Sign in with a password; on success remember the server and user (the secret goes to the keyring)."""
    client = IssuerClient(normalise_server_url(server_url), username.strip())
    try:
        client.sign_in(password)
        roles = client.me().get("roles", [])
    except BaseException:
        client.close()
        raise
    if "assessor" not in roles and "lead" not in roles:
        client.close()
        raise SignInRequired(f"{username} is not an assessor at this issuer (roles: {', '.join(roles) or 'none'}).")
    settings.set(SERVER_URL, client.server_url)
    settings.set(USERNAME, client.username)
    return client


def saved_client(settings: Settings) -> IssuerClient:
    """A client for the remembered sign-in; raises ``SignInRequired`` when there is none."""
    server, user = settings.get(SERVER_URL), settings.get(USERNAME)
    if not server or not user:
        raise SignInRequired("Not signed in yet: run `assessor-app login` (or use Sign in… in the app).")
    return IssuerClient(server, user)
