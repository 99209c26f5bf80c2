"""The issuer's audit API (role ``auditor``; docs/AUDIT.md "Audit API") as Python calls, and the gathering
that verifying a submission needs: its history, the log key, an inclusion proof per entry and the entries
the log stores. The checking itself is pure domain code (``domain.audit_verify``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from assessor_app.domain.audit_history import History, SubmissionSummary, parse_search
from assessor_app.domain.audit_verify import Verification, verify_history
from assessor_app.domain.errors import DomainError
from assessor_app.sync.client import IssuerClient
from assessor_app.sync.errors import Refused, ServerFault

ENTRIES_PAGE = 1000  # the most the issuer serves per entries request


@dataclass(frozen=True, slots=True)
class SearchFilter:
    """What the auditor searches by; empty members are left out of the query."""

    credential_id: str = ""
    assessor: str = ""
    since: str = ""  # RFC 3339
    until: str = ""
    decision: str = ""  # earned | not_yet

    def params(self) -> dict[str, str]:
        return {k: v for k, v in (("credential_id", self.credential_id), ("assessor", self.assessor),
                                  ("since", self.since), ("until", self.until), ("decision", self.decision)) if v}


def _json(response: Any) -> Any:
    try:
        return response.json()
    except ValueError as exc:
        raise ServerFault("The issuer's audit API answered with something that is not JSON.") from exc


def _audit_refusal(exc: Refused) -> Refused:
    if exc.status == 403:
        return Refused(403, "This account may not read the audit log: it needs the auditor role at the issuer.",
                       exc.problem)
    return exc


class AuditClient:
    """Audit calls over a signed-in ``IssuerClient`` (shared with sync: one client per sign-in)."""

    def __init__(self, client: IssuerClient) -> None:
        self._client = client

    def close(self) -> None:
        self._client.close()

    def _get(self, path: str, **params: Any) -> Any:
        try:
            return _json(self._client.request("GET", path, params=params or None))
        except Refused as exc:
            raise _audit_refusal(exc) from None

    # --- the API --------------------------------------------------------------------------------
    def log_key(self) -> str:
        doc = self._get("/audit/log-key")
        if not isinstance(doc, dict) or doc.get("algorithm") != "Ed25519" or not doc.get("public_key"):
            raise ServerFault("The issuer's log key is not an Ed25519 public key; ask the issuer to check it.")
        return str(doc["public_key"])

    def checkpoint(self) -> dict[str, Any]:
        return dict(self._get("/audit/checkpoint"))

    def search(self, where: SearchFilter | None = None) -> list[SubmissionSummary]:
        try:
            return parse_search(self._get("/audit/submissions", **(where or SearchFilter()).params()))
        except DomainError as exc:
            raise ServerFault(str(exc)) from None

    def history(self, submission_id: str) -> History:
        try:
            return History.parse(self._get(f"/audit/submissions/{quote(submission_id, safe='')}/history"))
        except DomainError as exc:
            raise ServerFault(str(exc)) from None

    def inclusion_proof(self, index: int, tree_size: int) -> list[str]:
        doc = self._get("/audit/proofs/inclusion", index=index, tree_size=tree_size)
        return [str(node) for node in doc.get("path", [])] if isinstance(doc, dict) else []

    def entries(self, indices: set[int]) -> dict[int, dict[str, Any]]:
        """The log's stored entries at these indices, fetched in runs of consecutive indices."""
        found: dict[int, dict[str, Any]] = {}
        for start, end in _runs(sorted(indices)):
            while start < end:
                stop = min(end, start + ENTRIES_PAGE)
                doc = self._get("/audit/entries", start=start, end=stop)
                for item in doc.get("entries", []) if isinstance(doc, dict) else []:
                    if isinstance(item, dict) and isinstance(item.get("entry"), dict):
                        found[int(item["index"])] = item["entry"]
                start = stop
        return {i: found[i] for i in indices if i in found}

    # --- verifying ------------------------------------------------------------------------------
    def verify(self, history: History, log_key: str | None = None) -> Verification:
        """Fetch what checking ``history`` needs (proofs at its checkpoint, the stored entries) and check it."""
        key = log_key or self.log_key()
        indices = {i for i in _indices(history) if 0 <= i < history.checkpoint.tree_size}
        proofs = {i: self.inclusion_proof(i, history.checkpoint.tree_size) for i in sorted(indices)}
        return verify_history(history, key, proofs, self.entries(indices))

    def verify_submission(self, submission_id: str, log_key: str | None = None) -> tuple[History, Verification]:
        history = self.history(submission_id)
        return history, self.verify(history, log_key)


def _indices(history: History) -> list[int]:
    items = [e.log_index for e in history.events] + [d.log_index for d in (*history.decisions, *history.reviews)]
    return [i for i in items if i is not None]


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    """Consecutive runs as half-open ranges: [3, 4, 5, 9] -> [(3, 6), (9, 10)]."""
    runs: list[tuple[int, int]] = []
    for i in indices:
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs
