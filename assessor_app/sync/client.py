"""The issuer's sync API as Python calls, with sign-in and silent token refresh.

The access token lives in memory only; the rotating refresh token lives in the OS keyring (``secrets``) and
is replaced there on every refresh. A refused refresh forgets it and raises ``SignInRequired``: local work is
untouched, the user signs in again.
"""

from __future__ import annotations

import threading
from typing import Any
from urllib.parse import quote

import httpx

from assessor_app.sync import secrets
from assessor_app.sync.errors import Refused, ServerFault, SignInRequired
from assessor_app.sync.transport import make_client, normalise_server_url, unreachable


def _problem_detail(response: httpx.Response) -> tuple[str, dict[str, Any]]:
    try:
        problem = response.json()
    except ValueError:
        problem = {}
    if not isinstance(problem, dict):
        problem = {}
    detail = problem.get("detail") or problem.get("title") or f"HTTP {response.status_code}"
    return str(detail), problem


def _check(response: httpx.Response) -> httpx.Response:
    if response.status_code < 400:
        return response
    detail, problem = _problem_detail(response)
    if response.status_code >= 500:
        raise ServerFault(f"The issuer had a problem ({response.status_code}): {detail}. Try again later.")
    raise Refused(response.status_code, detail, problem)


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError as exc:
        raise ServerFault("The issuer answered with something that is not the sync API's JSON.") from exc


class IssuerClient:
    def __init__(self, server_url: str, username: str) -> None:
        self.server_url = normalise_server_url(server_url)
        self.username = username
        self._http = make_client(self.server_url)
        self._access: str | None = None
        self._lock = threading.Lock()

    @property
    def keyring_account(self) -> str:
        return f"{self.username}@{self.server_url}"

    def close(self) -> None:
        self._http.close()

    # --- sign-in --------------------------------------------------------------------------------
    def sign_in(self, password: str) -> None:
        response = self._send("POST", "/auth/token", json={"grant_type": "password", "username": self.username,
                                                            "password": password}, auth=False)
        if response.status_code == 401:
            raise SignInRequired("The user name or password was not accepted. Check them and try again.")
        self._keep_tokens(_json(_check(response)))

    def sign_out(self) -> None:
        self._access = None
        secrets.forget_secret(self.keyring_account)

    def _keep_tokens(self, pair: dict[str, Any]) -> None:
        try:
            access, refresh = str(pair["access_token"]), str(pair["refresh_token"])
        except (KeyError, TypeError) as exc:
            raise ServerFault("The issuer's sign-in answer was not understood.") from exc
        secrets.store_secret(self.keyring_account, refresh)
        self._access = access

    def _refresh(self, stale: str | None) -> None:
        with self._lock:
            if self._access is not None and self._access != stale:
                return  # another thread refreshed meanwhile
            refresh = secrets.load_secret(self.keyring_account)
            if refresh is None:
                raise SignInRequired(f"Sign in to {self.server_url} as {self.username} to sync.")
            response = self._send("POST", "/auth/refresh", json={"refresh_token": refresh}, auth=False)
            if response.status_code in (400, 401):
                secrets.forget_secret(self.keyring_account)
                self._access = None
                raise SignInRequired("Your session with the issuer ended; sign in again. Your work is kept.")
            self._keep_tokens(_json(_check(response)))

    # --- requests -------------------------------------------------------------------------------
    def _send(self, method: str, path: str, *, auth: bool = True, **kwargs: Any) -> httpx.Response:
        headers = dict(kwargs.pop("headers", None) or {})
        if auth:
            headers["Authorization"] = f"Bearer {self._access}"
        try:
            return self._http.request(method, path, headers=headers, **kwargs)
        except httpx.TransportError as exc:
            raise unreachable(self.server_url, exc, " You can keep scoring; sync again when you are online.") from exc

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """An authorised request; refreshes the access token once on 401."""
        if self._access is None:
            self._refresh(None)
        token = self._access
        response = self._send(method, path, **kwargs)
        if response.status_code == 401:
            self._refresh(token)
            response = self._send(method, path, **kwargs)
            if response.status_code == 401:
                raise SignInRequired("The issuer no longer accepts this sign-in; sign in again.")
        return _check(response)

    def open_stream(self, path: str, headers: dict[str, str]) -> httpx.Response:
        """Start a streamed GET (the caller reads and closes it); 416 is returned for the caller to handle."""
        if self._access is None:
            self._refresh(None)
        for attempt in (1, 2):
            token = self._access
            request = self._http.build_request("GET", path, headers={**headers, "Authorization": f"Bearer {token}"})
            try:
                response = self._http.send(request, stream=True)
            except httpx.TransportError as exc:
                raise unreachable(self.server_url, exc) from exc
            if response.status_code == 401 and attempt == 1:
                response.close()
                self._refresh(token)
                continue
            if response.status_code >= 400 and response.status_code != 416:
                response.read()
                response.close()
                _check(response)
            return response
        raise SignInRequired("The issuer no longer accepts this sign-in; sign in again.")

    # --- the API --------------------------------------------------------------------------------
    def me(self) -> dict[str, Any]:
        return _json(self.request("GET", "/me"))

    def assignments(self, cursor: str | None, limit: int = 100) -> dict[str, Any]:
        params: dict[str, Any] = {"limit": limit} | ({"cursor": cursor} if cursor else {})
        return _json(self.request("GET", "/assignments", params=params))

    def credential(self, credential_id: str, version: str) -> dict[str, Any]:
        return _json(self.request("GET", f"/credentials/{credential_id}/versions/{version}"))

    def submission(self, submission_id: str) -> dict[str, Any]:
        return _json(self.request("GET", f"/submissions/{submission_id}"))

    def submissions(self, submission_ids: list[str]) -> dict[str, Any]:
        """Up to 100 manifests in one round trip: ``{"items": [...], "missing": [ids]}``."""
        return _json(self.request("GET", "/submissions", params={"ids": ",".join(submission_ids)}))

    def register_device(self, device_id: str, public_key: str) -> dict[str, Any]:
        """Register this device's public key: 201 the first time, 200 for the same key again, 409 for another."""
        return _json(self.request("POST", "/devices", json={"device_id": device_id, "public_key": public_key}))

    def device_status(self, device_id: str) -> dict[str, Any]:
        """The issuer's record of a device; ``contiguous_seq``: how much of its chain the issuer holds."""
        return _json(self.request("GET", f"/devices/{quote(device_id, safe='')}"))

    def push_score_sheet(self, assignment_id: str, body: dict[str, Any], idempotency_key: str) -> dict[str, Any]:
        response = self.request("PUT", f"/assignments/{assignment_id}/score-sheet", json=body,
                                headers={"Idempotency-Key": idempotency_key})
        return _json(response)
