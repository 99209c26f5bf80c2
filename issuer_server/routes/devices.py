"""Device keys: a device registers its public key once, then asks how far the issuer holds its chain."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError

from issuer_server import devices
from issuer_server.access import Credentials, current_user, database, signed_in
from issuer_server.db import Database
from issuer_server.schemas import DeviceInfo, DeviceRegistration
from issuer_server.tokens import Principal

router = APIRouter(tags=["devices"])


@router.post("/devices", status_code=201, response_model=DeviceInfo,
             responses={200: {"model": DeviceInfo, "description": "This key was already registered for this device."},
                        401: {}, 403: {}, 409: {}, 422: {}})
def register_device(body: DeviceRegistration, user: Principal = Depends(current_user),
                    db: Database = Depends(database)) -> JSONResponse:
    """Register this device's Ed25519 public key (201); the same key again answers 200, another key for a taken
    device id 409 ``device-key-mismatch``."""
    try:
        return _register(db, user, body)
    except IntegrityError:  # a concurrent first registration of the same id won: answer as to a repeat
        return _register(db, user, body)


def _register(db: Database, user: Principal, body: DeviceRegistration) -> JSONResponse:
    with db.write() as session:
        row, created = devices.register(session, user, body.device_id, body.public_key)
        answer = devices.describe(session, row)
    return JSONResponse(answer, status_code=201 if created else 200)


@router.get("/devices/{device_id}", response_model=DeviceInfo, responses={401: {}, 404: {}})
def device(device_id: str, credentials: Credentials, db: Database = Depends(database)) -> dict:
    """A registered device's key and ``contiguous_seq``: the links a push must bring start above it."""
    with signed_in(db, credentials) as (session, _user):
        return devices.describe(session, devices.lookup(session, device_id))
