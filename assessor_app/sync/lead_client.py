"""The issuer's lead API (role ``lead``; docs/LEAD.md "Routes") and an assessor's calibration result, as Python
calls over the signed-in ``IssuerClient`` the sync controller holds (one client per sign-in)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from assessor_app.domain.calibration.result import CalibrationResult
from assessor_app.domain.errors import DomainError
from assessor_app.domain.lead_adjudication import AdjudicationDetail, AdjudicationItem
from assessor_app.domain.lead_reads import LeadRead
from assessor_app.domain.rubric import Credential
from assessor_app.domain.wire import credential_from_achievement
from assessor_app.sync.client import IssuerClient
from assessor_app.sync.errors import Refused, ServerFault


@dataclass(frozen=True, slots=True)
class LeadCredential:
    credential_id: str
    version: str
    name: str
    policy: dict[str, Any]


def _json(response: Any) -> Any:
    try:
        return response.json()
    except ValueError as exc:
        raise ServerFault("The issuer's lead API answered with something that is not JSON.") from exc


def _lead_refusal(exc: Refused) -> Refused:
    if exc.status == 403:
        return Refused(403, "This account may not use Lead mode: it needs the lead role at the issuer.", exc.problem)
    if exc.status == 409:
        return Refused(409, "This adjudication was already resolved by someone else; reload the queue to see "
                            "their resolution.", exc.problem)
    return exc


def _q(value: str) -> str:
    return quote(value, safe="")


class LeadClient:
    def __init__(self, client: IssuerClient) -> None:
        self._client = client

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            return _json(self._client.request(method, path, **kwargs))
        except Refused as exc:
            raise _lead_refusal(exc) from None

    def credentials(self) -> list[LeadCredential]:
        doc = self._call("GET", "/lead/credentials")
        return [LeadCredential(str(i["credential_id"]), str(i.get("version") or ""), str(i.get("name") or
                               i["credential_id"]), dict(i.get("policy") or {})) for i in doc.get("items", [])]

    def reads(self, credential_id: str) -> tuple[Credential, list[LeadRead]]:
        doc = self._call("GET", f"/lead/credentials/{_q(credential_id)}/reads")
        try:
            return credential_from_achievement(doc["credential"]), [LeadRead.from_json(r) for r in doc["reads"]]
        except (DomainError, KeyError, TypeError) as exc:
            raise ServerFault(f"The issuer's reads for {credential_id} were not understood: {exc}") from None

    def adjudications(self, status: str | None = "open") -> list[AdjudicationItem]:
        """The queue (``open``), the ``resolved`` ones, or all of them (``None``), oldest first."""
        doc = self._call("GET", "/lead/adjudications", params={"status": status} if status else {})
        return [AdjudicationItem.from_json(i) for i in doc.get("items", [])]

    def adjudication(self, adjudication_id: str) -> AdjudicationDetail:
        try:
            return AdjudicationDetail.from_json(self._call("GET", f"/lead/adjudications/{_q(adjudication_id)}"))
        except DomainError as exc:
            raise ServerFault(str(exc)) from None

    def resolve(self, adjudication_id: str, body: dict[str, Any]) -> AdjudicationItem:
        return AdjudicationItem.from_json(self._call("PUT", f"/lead/adjudications/{_q(adjudication_id)}", json=body))

    def qualifications(self, credential_id: str) -> list[dict[str, Any]]:
        return list(self.qualification_report(credential_id).get("items", []))

    def qualification_report(self, credential_id: str) -> dict[str, Any]:
        """The whole answer: ``rule`` (the sentence), ``required``, ``version`` and per assessor ``items``."""
        doc = self._call("GET", "/lead/qualifications", params={"credential_id": credential_id})
        return doc if isinstance(doc, dict) else {"items": list(doc)}

    def credential(self, credential_id: str, version: str) -> Credential:
        return credential_from_achievement(self._client.credential(credential_id, version))

    def download_evidence(self, evidence_id: str, target: Path, sha256: str) -> None:
        """Stream one evidence file to ``target`` and check its sha256 (a mismatch removes the file)."""
        digest = hashlib.sha256()
        response = self._client.open_stream(f"/evidence/{_q(evidence_id)}", {})
        try:
            with target.open("wb") as out:
                for chunk in response.iter_bytes():
                    digest.update(chunk)
                    out.write(chunk)
        finally:
            response.close()
        if digest.hexdigest() != sha256:
            target.unlink(missing_ok=True)
            raise ServerFault("The file the issuer sent does not match its checksum; try again later.")

    def calibration_result(self, assignment_id: str) -> CalibrationResult | None:
        """The master levels after this assessor's calibration sheet was received; ``None`` when there is none."""
        try:
            doc = _json(self._client.request("GET", f"/assignments/{_q(assignment_id)}/calibration-result"))
        except Refused as exc:
            if exc.status == 404:
                return None
            raise
        if not isinstance(doc, dict):
            raise ServerFault("The issuer's calibration result was not understood; try again later.")
        try:
            return CalibrationResult.from_json(doc)
        except DomainError as exc:
            raise ServerFault(str(exc)) from None
