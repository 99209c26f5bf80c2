"""A running issuer with a tiny program loaded, and helpers to arrange each test's own data.

Tests share one server per module and backend; each test asks for fresh assignments (on submissions
no other test uses), so tests never see each other's rows. Each user pushes from one registered signing
device per module (its chain continues across tests; pushes carry links for positions the issuer lacks).
"""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select

from issuer_server import assignments_admin
from issuer_server.db import Database
from issuer_server.devkit.sheets import SigningDevice, all_at, build_push
from issuer_server.devkit.tiny_program import PASSWORD, TinyProgram, credential
from issuer_server.models import Base, User

API = "/api/v1"


@dataclass
class World:
    backend: str
    db_url: str
    evidence_dir: Path
    base_url: str
    program: TinyProgram
    db: Database
    _clients: dict[str, httpx.Client] = field(default_factory=dict)
    _next_submission: itertools.count = field(default_factory=lambda: itertools.count())
    _devices: dict[str, SigningDevice] = field(default_factory=dict)  # username -> the device they push from
    _by_device_id: dict[str, SigningDevice] = field(default_factory=dict)

    credential = credential("1")

    def sign_in(self, username: str, password: str = PASSWORD) -> dict[str, Any]:
        response = httpx.post(f"{self.base_url}{API}/auth/token",
                              json={"grant_type": "password", "username": username, "password": password})
        assert response.status_code == 200, response.text
        return response.json()

    def client(self, username: str = "alice") -> httpx.Client:
        """An httpx client signed in as ``username`` (one sign-in per module)."""
        if username not in self._clients:
            token = self.sign_in(username)["access_token"]
            self._clients[username] = httpx.Client(base_url=self.base_url + API, timeout=30,
                                                   headers={"Authorization": f"Bearer {token}"})
        return self._clients[username]

    def anonymous(self) -> httpx.Client:
        return httpx.Client(base_url=self.base_url + API, timeout=30)

    def fresh_submission(self) -> str:
        index = next(self._next_submission)
        assert index < len(self.program.submission_ids), "the tiny program has too few submissions for this module"
        return self.program.submission_ids[index]

    def assign(self, assessor: str = "alice", *, submission_id: str | None = None, kind: str = "live") -> str:
        """A new assignment on a submission no other test uses; returns its id."""
        with self.db.write() as session:
            row = assignments_admin.assign(session, submission_id or self.fresh_submission(), assessor, kind)
            return row.id

    def revoke(self, assignment_id: str) -> None:
        with self.db.write() as session:
            assignments_admin.revoke(session, assignment_id)

    def reassign(self, assignment_id: str, to_user: str) -> str:
        with self.db.write() as session:
            return assignments_admin.reassign(session, assignment_id, to_user).id

    def user_id(self, username: str) -> int:
        with self.db.read() as session:
            return int(session.scalar(select(User.id).where(User.username == username)))

    def count(self, table: type[Base], **where: Any) -> int:
        with self.db.read() as session:
            query = select(func.count()).select_from(table)
            for name, value in where.items():
                query = query.where(getattr(table, name) == value)
            return int(session.scalar(query) or 0)

    def register(self, device: SigningDevice, user: str = "alice") -> httpx.Response:
        """Register ``device``'s key over HTTP as ``user``; later pushes track what the issuer holds of it."""
        response = self.client(user).post("/devices", json=device.registration())
        self._by_device_id.setdefault(device.device_id, device)
        return response

    def device(self, user: str = "alice") -> SigningDevice:
        """The registered device ``user`` pushes from in this module."""
        if user not in self._devices:
            device = SigningDevice()
            response = self.register(device, user)
            assert response.status_code == 201, response.text
            self._devices[user] = device
        return self._devices[user]

    def sheet(self, assignment_id: str, rank: int = 1, *, actor: str = "alice", device: SigningDevice | None = None,
              **options: Any) -> dict[str, Any]:
        """A valid push body with every criterion at the level of ``rank`` (1 = meets the bar), signed by
        ``actor``'s device unless another is given."""
        return build_push(self.credential, assignment_id, all_at(self.credential, rank), actor=actor,
                          device=device or self.device(actor), **options)

    def push(self, assignment_id: str, body: dict[str, Any], *, user: str = "alice",
             key: str | None = None) -> httpx.Response:
        response = self.client(user).put(f"/assignments/{assignment_id}/score-sheet", json=body,
                                         headers={"Idempotency-Key": key or str(uuid.uuid4())})
        if response.status_code == 201:
            events = [e for e in body.get("events", []) if isinstance(e, dict)]
            for device_id in {e.get("device_id") for e in events}:
                if device_id in self._by_device_id:
                    self._by_device_id[device_id].acknowledge(events)
        return response

    def close(self) -> None:
        for c in self._clients.values():
            c.close()
        self.db.dispose()
