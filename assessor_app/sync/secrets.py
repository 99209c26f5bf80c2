"""Secrets live only in the OS keyring (Secret Service on Linux), behind this one module.

There is deliberately no fallback: with no usable keyring the user is told how to get one, and nothing
is written anywhere else. Backends that store plaintext (``keyrings.alt``) are refused as well.
"""

from __future__ import annotations

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, NoKeyringError, PasswordDeleteError

SERVICE = "assessors-desk"
_PLAINTEXT_BACKENDS = ("keyrings.alt", "fail.Keyring", "null.Keyring", "chainer.ChainerBackend")

HOW_TO_FIX = (
    "No usable system keyring was found, so the app cannot keep your sign-in safely. On Linux, install and "
    "unlock a Secret Service (GNOME Keyring or KWallet: e.g. `sudo apt install gnome-keyring`) and sign in "
    "again; your scoring work is kept meanwhile."
)


class KeyringUnavailable(RuntimeError):
    """The OS keyring cannot be used; the message says how to fix it."""


def _backend() -> KeyringBackend:
    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if any(marker in name for marker in _PLAINTEXT_BACKENDS) and not _chainer_has_real_backend(backend):
        raise KeyringUnavailable(HOW_TO_FIX)
    return backend


def _chainer_has_real_backend(backend: KeyringBackend) -> bool:
    members = getattr(backend, "backends", None)
    return bool(members) and all("keyrings.alt" not in type(b).__module__ for b in members)


def store_secret(account: str, secret: str) -> None:
    try:
        _backend().set_password(SERVICE, account, secret)
    except (NoKeyringError, KeyringError) as exc:
        raise KeyringUnavailable(f"{HOW_TO_FIX} ({exc})") from exc


def load_secret(account: str) -> str | None:
    try:
        return _backend().get_password(SERVICE, account)
    except (NoKeyringError, KeyringError) as exc:
        raise KeyringUnavailable(f"{HOW_TO_FIX} ({exc})") from exc


def forget_secret(account: str) -> None:
    try:
        _backend().delete_password(SERVICE, account)
    except PasswordDeleteError:
        pass
    except (NoKeyringError, KeyringError) as exc:
        raise KeyringUnavailable(f"{HOW_TO_FIX} ({exc})") from exc


def backend_name() -> str:
    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"
