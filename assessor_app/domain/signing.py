"""Ed25519 signatures for score events (by a device key) and log checkpoints (by the issuer's log key).

A signature covers a domain-separated message, so a signature made for one purpose can never be
presented as another: ``b"assessors-desk score-event v1\\n" + hash`` for an event (its chain hash,
which already covers the whole body and the previous hash) and a checkpoint's text for a checkpoint.
Ed25519 signatures are deterministic: signing the same event twice gives the same bytes, so an event
signed late (say, one written before the device had a key) pushes identically every time.
Keys and signatures travel as unpadded base64url of their raw bytes (32 and 64 bytes).
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

EVENT_CONTEXT = b"assessors-desk score-event v1\n"
CHECKPOINT_CONTEXT = "assessors-desk audit-log checkpoint v1"


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def unb64url(text: str) -> bytes:
    """Decode unpadded base64url; raises ``ValueError`` on anything else."""
    if not isinstance(text, str) or not text.isascii():
        raise ValueError("not base64url text")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise ValueError(f"not base64url text: {exc}") from None


def event_message(event_hash: str) -> bytes:
    return EVENT_CONTEXT + event_hash.encode("ascii")


def checkpoint_message(tree_size: int, root_hash_hex: str, timestamp: str) -> bytes:
    """The checkpoint's signed text (a little like a transparency-log "signed note")."""
    return f"{CHECKPOINT_CONTEXT}\n{tree_size}\n{root_hash_hex}\n{timestamp}\n".encode("ascii")


@dataclass(frozen=True, slots=True)
class SigningKey:
    """A private Ed25519 key. Its secret form belongs in the OS keyring (device) or a 0600 file (issuer)."""

    _key: Ed25519PrivateKey

    @classmethod
    def generate(cls) -> SigningKey:
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_secret(cls, secret: str) -> SigningKey:
        raw = unb64url(secret.strip())
        if len(raw) != 32:
            raise ValueError("an Ed25519 private key is 32 bytes")
        return cls(Ed25519PrivateKey.from_private_bytes(raw))

    def secret(self) -> str:
        from cryptography.hazmat.primitives import serialization as s

        return b64url(self._key.private_bytes(s.Encoding.Raw, s.PrivateFormat.Raw, s.NoEncryption()))

    @property
    def public_key(self) -> str:
        from cryptography.hazmat.primitives import serialization as s

        return b64url(self._key.public_key().public_bytes(s.Encoding.Raw, s.PublicFormat.Raw))

    def sign(self, message: bytes) -> str:
        return b64url(self._key.sign(message))

    def sign_event(self, event_hash: str) -> str:
        return self.sign(event_message(event_hash))


def valid_public_key(public_key: str) -> bool:
    try:
        raw = unb64url(public_key)
    except ValueError:
        return False
    return len(raw) == 32


class Verifier:
    """Checks signatures against one public key (parsed once: a log check verifies many)."""

    def __init__(self, public_key: str) -> None:
        raw = unb64url(public_key)
        if len(raw) != 32:
            raise ValueError("an Ed25519 public key is 32 bytes")
        self._key = Ed25519PublicKey.from_public_bytes(raw)

    def verifies(self, message: bytes, signature: str | None) -> bool:
        if not signature:
            return False
        try:
            raw = unb64url(signature)
        except ValueError:
            return False
        if len(raw) != 64:
            return False
        try:
            self._key.verify(raw, message)
        except InvalidSignature:
            return False
        return True

    def verifies_event(self, event_hash: str, signature: str | None) -> bool:
        return self.verifies(event_message(event_hash), signature)
