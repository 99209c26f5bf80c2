"""What can go wrong talking to the issuer, as exceptions whose messages a person can act on."""

from __future__ import annotations


class SyncError(RuntimeError):
    """Base of every sync failure; ``str()`` is meant for the user."""


class Offline(SyncError):
    """The issuer could not be reached (no network, server down, timeout). Local work is unaffected."""


class SignInRequired(SyncError):
    """No valid sign-in: never signed in, or the issuer revoked the session. Local work is kept."""


class InsecureServer(SyncError):
    """Plain http to a non-loopback address, or a bad URL."""


class UntrustedCertificate(InsecureServer):
    """TLS verification failed: the issuer's certificate is not trusted by this computer. Nothing was sent."""


class Refused(SyncError):
    """The issuer answered 4xx for a request that will not succeed by retrying; carries its problem detail."""

    def __init__(self, status: int, detail: str, problem: dict | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.problem = problem or {}


class ServerFault(SyncError):
    """The issuer answered 5xx or something that is not the API's shape; worth retrying later."""


class DiskFull(SyncError):
    """Not enough free disk space for the evidence to download."""


class Cancelled(SyncError):
    """The user cancelled; whatever completed is kept."""
