"""The demo's lead-scoring data (docs/LEAD.md): master scores with a panel rationale per criterion for the
submissions the demo assessor gets as calibration and validity items, and the demo credential's policy."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from issuer_server.demo_program.content.credential_text import CRITERIA, LEVEL_LABELS
from issuer_server.demo_program.credential import level_id
from issuer_server.demo_program.ids import CREDENTIAL_ID
from issuer_server.demo_program.model import TeacherCase

MASTER_KINDS = ("calibration", "validity")
SET_NAME = "demo-panel-2026"
_LABELS = {short: label for short, label, _ in LEVEL_LABELS}
_RANK = {short: n for n, (short, _, _) in enumerate(LEVEL_LABELS)}


def _levels(case: TeacherCase) -> dict[str, str]:
    """Earned cases: Proficient everywhere, the first criterion Exemplary; Not Yet cases: the last two Developing."""
    names = list(CRITERIA)
    if case.intended == "earned":
        return {cid: "exemplary" if n == 0 else "proficient" for n, cid in enumerate(names)}
    return {cid: "developing" if n >= len(names) - 2 else "proficient" for n, cid in enumerate(names)}


def master_scores(cases: Iterable[tuple[TeacherCase, str]]) -> list[dict[str, Any]]:
    """``cases``: (case, submission id) of every calibration and validity item."""
    found = []
    for case, submission_id in cases:
        short = _levels(case)
        found.append({
            "submission_id": submission_id,
            "set": SET_NAME,
            "levels": {cid: level_id(cid, level) for cid, level in short.items()},
            "rationale": {cid: f"The panel placed this at {_LABELS[level]}: {CRITERIA[cid][2][_RANK[level]]}"
                          for cid, level in short.items()},
        })
    return found


def policies() -> list[dict[str, Any]]:
    """A quarter of live work gets a blind second read; a pair more than one level apart on any criterion, or with
    different decisions, goes to the lead. Qualification is shown but not required, so the demo starts scoring."""
    return [{"credential_id": CREDENTIAL_ID, "second_read_share": 0.25, "max_steps": 1, "on_decision": True,
             "qualification": {"min_exact": 0.8, "min_items": 1, "required": False}}]
