"""Who this desk signs in as, and where: the non-secret half in settings, the refresh token in the keyring.
Signing in also registers this device's signing key with the issuer (created at the first sign-in)."""

from __future__ import annotations

from assessor_app.store.settings import SERVER_URL, USERNAME, Settings
from assessor_app.sync.client import IssuerClient
from assessor_app.sync.device_keys import register_device
from assessor_app.sync.errors import SignInRequired
from assessor_app.sync.transport import normalise_server_url


def sign_in(settings: Settings, server_url: str, username: str, password: str) -> IssuerClient:
    """Sign in with a password; on success remember the server and user (the secret goes to the keyring)."""
    client = IssuerClient(normalise_server_url(server_url), username.strip())
    try:
        client.sign_in(password)
        roles = client.me().get("roles", [])
        if not {"assessor", "lead", "auditor"} & set(roles):
            raise SignInRequired(f"{username} is not an assessor or auditor at this issuer "
                                 f"(roles: {', '.join(roles) or 'none'}).")
        if {"assessor", "lead"} & set(roles):  # an auditor only reads: no events to sign, no device key
            register_device(client, settings)
    except BaseException:
        client.close()
        raise
    settings.set(SERVER_URL, client.server_url)
    settings.set(USERNAME, client.username)
    return client


def saved_client(settings: Settings) -> IssuerClient:
    """A client for the remembered sign-in; raises ``SignInRequired`` when there is none."""
    server, user = settings.get(SERVER_URL), settings.get(USERNAME)
    if not server or not user:
        raise SignInRequired("Not signed in yet: run `assessor-app login` (or use Sign in… in the app).")
    return IssuerClient(server, user)
