"""The lead-scoring parts of a program folder (PROGRAM_FORMAT.md): ``master_scores`` and ``policies``.

Master scores are a panel's record: re-loading the same ones is a no-op, different ones for a submission are an
error. A policy is configuration: re-loading a changed one updates it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from sqlalchemy.orm import Session

from assessor_app.domain.clock import utc_now
from issuer_server import lead_policy
from issuer_server.errors import IssuerError
from issuer_server.models import CredentialPolicy, MasterScore, Submission

LOADED_BY = "load-program"


class Report(Protocol):
    added: dict[str, int]
    unchanged: dict[str, int]


Checked = tuple[dict[str, str], dict[str, str], str]


def _master_levels(session: Session, submission: Submission, levels: Any, rationale: Any) -> Checked:
    sid = submission.id
    credential = lead_policy.credential(session, submission.credential_id, submission.credential_version)
    if not isinstance(levels, Mapping) or not isinstance(rationale, Mapping):
        raise IssuerError(f"Master scores of {sid!r} need 'levels' and 'rationale' objects keyed by criterion id.")
    levels = {str(k): str(v) for k, v in levels.items()}
    rationale = {str(k): str(v) for k, v in rationale.items()}
    for criterion in credential.rubric.criteria:
        level = levels.get(criterion.id)
        if level is None or level not in {lv.id for lv in criterion.levels}:
            raise IssuerError(f"Master scores of {sid!r}: criterion {criterion.id!r} needs one of its level ids "
                              f"({', '.join(lv.id for lv in criterion.levels)}).")
        if not rationale.get(criterion.id, "").strip():
            raise IssuerError(f"Master scores of {sid!r}: criterion {criterion.id!r} needs a rationale.")
    extra = sorted((set(levels) | set(rationale)) - {c.id for c in credential.rubric.criteria})
    if extra:
        raise IssuerError(f"Master scores of {sid!r} name criteria the rubric does not have: {', '.join(extra)}.")
    decision = credential.rubric.decide(levels)
    assert decision is not None  # every criterion has a level
    return levels, rationale, decision.value


def load_master_scores(session: Session, docs: list[Any], report: Report) -> None:
    for doc in docs:
        if not isinstance(doc, Mapping) or not doc.get("submission_id"):
            raise IssuerError("Every entry of 'master_scores' needs a 'submission_id'.")
        sid = str(doc["submission_id"])
        submission = session.get(Submission, sid)
        if submission is None:
            raise IssuerError(f"Master scores name submission {sid!r}, which is not loaded.")
        levels, rationale, decision = _master_levels(session, submission, doc.get("levels"), doc.get("rationale"))
        set_name = str(doc.get("set") or "default")
        row = session.get(MasterScore, sid)
        if row is not None:
            if (row.levels, row.rationale, row.set_name) != (levels, rationale, set_name):
                raise IssuerError(f"Submission {sid!r} already has different master scores; master scores are a "
                                  "panel's record and are never changed.")
            report.unchanged["master_scores"] += 1
            continue
        session.add(MasterScore(submission_id=sid, credential_id=submission.credential_id,
                                credential_version=submission.credential_version, levels=levels, rationale=rationale,
                                decision=decision, set_name=set_name, created_by=LOADED_BY, created_at=utc_now()))
        session.flush()
        report.added["master_scores"] += 1


def _share(doc: Mapping[str, Any], name: str, default: float) -> float:
    value = doc.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise IssuerError(f"Policy of {doc.get('credential_id')!r}: {name!r} must be a number between 0 and 1.")
    return float(value)


def _count(doc: Mapping[str, Any], name: str, default: int, least: int) -> int:
    value = doc.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise IssuerError(f"Policy of {doc.get('credential_id')!r}: {name!r} must be a whole number of at "
                          f"least {least}.")
    return value


def load_policies(session: Session, docs: list[Any], report: Report) -> None:
    for doc in docs:
        if not isinstance(doc, Mapping) or not doc.get("credential_id"):
            raise IssuerError("Every entry of 'policies' needs a 'credential_id'.")
        credential_id = str(doc["credential_id"])
        if lead_policy.latest_version(session, credential_id) is None:
            raise IssuerError(f"A policy names credential {credential_id!r}, which is not loaded.")
        qualification = doc.get("qualification") or {}
        if not isinstance(qualification, Mapping):
            raise IssuerError(f"Policy of {credential_id!r}: 'qualification' must be an object.")
        on_decision = doc.get("on_decision", True)
        required = qualification.get("required", False)
        if not isinstance(on_decision, bool) or not isinstance(required, bool):
            raise IssuerError(f"Policy of {credential_id!r}: 'on_decision' and 'qualification.required' are "
                              "true or false.")
        named = {"credential_id": credential_id, **qualification}
        values = {"second_read_share": _share(doc, "second_read_share", 0.0),
                  "max_steps": _count(doc, "max_steps", 1, 0), "on_decision": on_decision,
                  "qualification_min_exact": _share(named, "min_exact", 0.8),
                  "qualification_min_items": _count(named, "min_items", 1, 1),
                  "requires_qualification": required}
        row = session.get(CredentialPolicy, credential_id)
        if row is not None and all(getattr(row, k) == v for k, v in values.items()):
            report.unchanged["policies"] += 1
            continue
        if row is None:
            session.add(CredentialPolicy(credential_id=credential_id, updated_at=utc_now(), **values))
        else:
            for name, value in values.items():
                setattr(row, name, value)
            row.updated_at = utc_now()
        session.flush()
        report.added["policies"] += 1
