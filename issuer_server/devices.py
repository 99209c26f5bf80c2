"""Device keys: registering a device's Ed25519 public key and telling a device how far the issuer holds its chain.

A device id is bound to its first key for good. Registering the same key again is harmless (a client that
lost the answer retries); another key for a taken id is refused, since that would let a second key speak
for events the first one signed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assessor_app.domain.clock import utc_now
from assessor_app.domain.signing import Verifier, b64url, unb64url, valid_public_key
from issuer_server.audit import record as audit_record
from issuer_server.models import Device, DeviceLink
from issuer_server.problems import Problem, not_found
from issuer_server.tokens import Principal

REGISTERING_ROLES = ("assessor", "lead")


def register(session: Session, user: Principal, device_id: str, public_key: str) -> tuple[Device, bool]:
    """The device row for ``device_id`` with ``public_key``, and whether this call created it."""
    if not any(user.has(role) for role in REGISTERING_ROLES):
        raise Problem(403, "forbidden", "Only assessors and lead assessors register devices; your account has "
                      "neither role.")
    if not valid_public_key(public_key) or b64url(unb64url(public_key)) != public_key:
        raise Problem(422, "invalid-public-key", "The public key must be an Ed25519 public key: the unpadded "
                      "base64url of its 32 raw bytes.")
    row = session.get(Device, device_id)
    if row is not None:
        if row.public_key != public_key:
            raise Problem(409, "device-key-mismatch",
                          f"Device {device_id} is already registered with another key. A device that lost its "
                          "key must start a new device id; sign in again to do so.")
        return row, False
    row = Device(device_id=device_id, public_key=public_key, user_id=user.id, registered_at=utc_now())
    session.add(row)
    session.flush()
    audit_record.device_registered(session, row, user.username)  # the audit log's "device-key" entry
    return row, True


def contiguous_seq(session: Session, device_id: str) -> int:
    """The highest N such that the issuer holds links 1..N of the device (intake never lets a gap in, so
    this is the highest position held)."""
    return int(session.scalar(select(func.max(DeviceLink.device_seq)).where(DeviceLink.device_id == device_id))
               or 0)


def describe(session: Session, row: Device) -> dict[str, Any]:
    return {"device_id": row.device_id, "public_key": row.public_key, "registered_at": row.registered_at,
            "contiguous_seq": contiguous_seq(session, row.device_id)}


def lookup(session: Session, device_id: str) -> Device:
    row = session.get(Device, device_id)
    if row is None:
        raise not_found("device")
    return row


def verifiers(session: Session, device_ids: Iterable[str]) -> dict[str, Verifier]:
    """One parsed key per registered device among ``device_ids`` (unknown ids are simply absent)."""
    wanted = sorted({d for d in device_ids if isinstance(d, str)})
    if not wanted:
        return {}
    rows = session.execute(select(Device.device_id, Device.public_key).where(Device.device_id.in_(wanted)))
    return {device_id: Verifier(public_key) for device_id, public_key in rows}
