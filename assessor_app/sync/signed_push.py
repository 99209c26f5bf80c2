"""Completing queued score-sheet pushes: signatures on every event, and the device chain links (docs/AUDIT.md).

A sheet is queued at submit with the events as recorded; some may be unsigned (recorded before this version, or
before the device key was loaded). Before its first send the body gets every missing signature (Ed25519 is
deterministic, so a late signature equals an early one) and the ``chain`` links between what the issuer holds of
each device (``contiguous_seq``, asked once per sync per device) and the events pushed now. The completed body is
kept in the outbox row, so every retry, in this sync or a later one, sends the same bytes under the same
Idempotency-Key: the issuer's ``contiguous_seq`` grows once a push lands, and a recomputed body would then differ
from the one it already took.
"""

from __future__ import annotations

from typing import Any

from assessor_app.domain.signing import SigningKey
from assessor_app.domain.wire import completed_push_body, link_spans
from assessor_app.store.database import Database
from assessor_app.store.device_events import device_events
from assessor_app.store.outbox import Outbox, OutboxEntry
from assessor_app.store.settings import Settings
from assessor_app.sync.client import IssuerClient
from assessor_app.sync.device_keys import DeviceKey, register_device, stored_key
from assessor_app.sync.errors import Refused, SyncError


class CannotSign(SyncError):
    """Events of a device whose key this desk no longer has; the message says what to do."""


class _NoKey(Exception):
    pass


class PushCompleter:
    """One per sync: registers the device key once, asks each device's chain position once."""

    def __init__(self, client: IssuerClient, db: Database, settings: Settings) -> None:
        self._client = client
        self._db = db
        self._settings = settings
        self._current: DeviceKey | None = None
        self._keys: dict[str, SigningKey | None] = {}
        self._contiguous: dict[str, int] = {}

    def body_for(self, entry: OutboxEntry) -> dict[str, Any]:
        """The body to send for this entry: the completed one kept from an earlier attempt, or completed now."""
        if "chain" in entry.payload:
            return entry.payload
        if self._current is None:
            self._current = register_device(self._client, self._settings)  # idempotent; covers pre-key sign-ins
            self._keys[self._current.device_id] = self._current.key
        events = entry.payload.get("events") or []
        links = [event for span in link_spans(events, self._contiguous_seq)
                 for event in device_events(self._db, span.device_id, span.after, span.up_to)
                 if span.needs(event.device_seq)]
        try:
            body = completed_push_body(entry.payload, links, self._sign)
        except _NoKey as missing:
            raise CannotSign(
                f"score events of this sheet were recorded on device {missing} before it had a signing key, and "
                "this computer's keyring no longer holds that device's key, so they cannot be signed. Your work is "
                f"kept: `assessor-app export-sheet {entry.assignment_id}` writes it out for the issuer.") from None
        Outbox(self._db).complete_payload(entry.id, body)
        return body

    def relink(self, entry: OutboxEntry) -> None:
        """Drop the kept links of a body the issuer refused for a gap (it then gave the key back), so the next
        attempt links from what the issuer holds then; the events keep their signatures."""
        body = dict(entry.payload)
        body.pop("chain", None)
        Outbox(self._db).complete_payload(entry.id, body)

    def _contiguous_seq(self, device_id: str) -> int:
        if device_id not in self._contiguous:
            try:
                status = self._client.device_status(device_id)
            except Refused as refusal:
                if refusal.status != 404:
                    raise
                status = {}  # not registered: the issuer will say so when the push arrives
            seq = status.get("contiguous_seq") if isinstance(status, dict) else None
            self._contiguous[device_id] = seq if isinstance(seq, int) and seq >= 0 else 0
        return self._contiguous[device_id]

    def _sign(self, device_id: str, event_hash: str) -> str:
        if device_id not in self._keys:
            self._keys[device_id] = stored_key(device_id)
        key = self._keys[device_id]
        if key is None:
            raise _NoKey(device_id)
        return key.sign_event(event_hash)
