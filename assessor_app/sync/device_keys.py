"""This device's signing key: the private half only in the OS keyring, the public half registered with the issuer.

Every score event is signed by the key of the device that recorded it (docs/AUDIT.md). The key lives in the
keyring (service ``assessors-desk``, account ``device-key:<device id>``), through ``secrets`` like every secret;
settings keep only its public half, which is how a lost key is told apart from one never made.

- The key is created at the first sign-in, or at the first push of a desk signed in before keys existed; that
  device keeps its id, and its events recorded unsigned are signed when pushed.
- If the keyring lost the key (settings know a public half the keyring has no key for, or a different one), the
  desk starts a **new device id**, so a new chain: the issuer holds the old id's public key, and a fresh key can
  never continue a chain the issuer already ties to another key. Events already signed under the old id stay valid
  there; events the old id recorded without a signature can no longer be signed, and pushing them is refused with
  a message saying so. The same happens when the issuer answers ``device-key-mismatch`` to a registration.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass

from assessor_app.domain.signing import SigningKey
from assessor_app.store.settings import DEVICE_ID, DEVICE_PUBLIC_KEY, USERNAME, Settings
from assessor_app.sync import secrets
from assessor_app.sync.client import IssuerClient
from assessor_app.sync.errors import Refused

ACCOUNT_PREFIX = "device-key:"
_lock = threading.Lock()  # the GUI loads the key while a sync may be pushing: create it once


@dataclass(frozen=True, slots=True)
class DeviceKey:
    device_id: str
    key: SigningKey


def keyring_account(device_id: str) -> str:
    return f"{ACCOUNT_PREFIX}{device_id}"


def stored_key(device_id: str) -> SigningKey | None:
    """The key the keyring holds for this device id, if any (a damaged entry counts as none)."""
    secret = secrets.load_secret(keyring_account(device_id))
    if not secret:
        return None
    try:
        return SigningKey.from_secret(secret)
    except ValueError:
        return None


def ensure_device_key(settings: Settings) -> DeviceKey:
    """The current device's key, created if it has none, or a new device id and key if the keyring lost it."""
    with _lock:
        device_id = settings.device_id()
        recorded = settings.get(DEVICE_PUBLIC_KEY)
        key = stored_key(device_id)
        if key is not None and recorded in ("", key.public_key):
            if not recorded:
                settings.set_device(device_id, key.public_key)
            return DeviceKey(device_id, key)
        if recorded or key is not None:  # a key was made for this id and is gone (or replaced): new chain
            device_id = str(uuid.uuid4())
        return _create(settings, device_id)


def start_new_device(settings: Settings) -> DeviceKey:
    """A new device id with a new key (a new chain), e.g. when the issuer ties the current id to another key."""
    with _lock:
        return _create(settings, str(uuid.uuid4()))


def _create(settings: Settings, device_id: str) -> DeviceKey:
    key = SigningKey.generate()
    secrets.store_secret(keyring_account(device_id), key.secret())  # first, so settings never name a missing key
    settings.set_device(device_id, key.public_key)
    return DeviceKey(device_id, key)


def key_for_scoring(settings: Settings) -> DeviceKey | None:
    """The signer for live scoring: made (or replaced) now if someone has signed in, else the existing one if any.
    Reads the keyring, which may prompt or stall: call it off the GUI thread."""
    if settings.get(USERNAME):
        return ensure_device_key(settings)
    device_id = settings.get(DEVICE_ID)
    key = stored_key(device_id) if device_id else None
    if key is None or settings.get(DEVICE_PUBLIC_KEY) not in ("", key.public_key):
        return None
    return DeviceKey(device_id, key)


def register_device(client: IssuerClient, settings: Settings) -> DeviceKey:
    """Register the current device's public key with the issuer (idempotent: the same key again is fine)."""
    device = ensure_device_key(settings)
    try:
        client.register_device(device.device_id, device.key.public_key)
    except Refused as refusal:
        if refusal.status != 409 or not str(refusal.problem.get("type", "")).endswith("device-key-mismatch"):
            raise
        device = start_new_device(settings)
        client.register_device(device.device_id, device.key.public_key)
    return device
