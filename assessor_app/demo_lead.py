"""Something for the demo's lead to look at, made the way it happens in a programme: a panel's master scores for a
few submissions (loaded with the program, like any issuer would), blind second reads of the demo assessor's live
work, and both demo assessors scoring and pushing everything on desks of their own (``demo_history.SeedDesk``:
the real store and sync path). The second assessor scores a little leniently, so the dashboard has something to
say and the discrepancy rule opens adjudications.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

from assessor_app.demo_history import Login, SeedDesk
from assessor_app.domain.rubric import Credential
from assessor_app.domain.wire import credential_from_achievement

PROGRAM_FILE = "program.json"
RATIONALE = "The panel agreed this level after viewing all of the evidence against the descriptor."


def _truth(submission_id: str, criterion_index: int, width: int) -> int:
    """A stable "true" level position per submission and criterion, mostly at or next to the bar."""
    rng = random.Random(f"{submission_id}/{criterion_index}")
    return min(width - 1, max(0, rng.choice((1, 2, 2, 2, 3))))


def add_master_scores(program_folder: Path, total: int = 6) -> dict[str, dict[str, str]]:
    """Keep the program's master scores and give a few live submissions master scores too, so far there are
    ``total``; returns submission id -> master levels for all of them."""
    path = program_folder / PROGRAM_FILE
    doc = json.loads(path.read_text(encoding="utf-8"))
    rubrics = {(c["id"], c["version"]): credential_from_achievement(c).rubric for c in doc["credentials"]}
    masters = list(doc.get("master_scores") or [])
    have = {m["submission_id"] for m in masters}
    for submission in doc["submissions"]:
        if len(masters) >= total:
            break
        sid = submission["id"]
        if sid in have or submission.get("prior_attempts"):
            continue
        rubric = rubrics[(submission["credential_id"], submission["credential_version"])]
        levels = {c.id: c.levels[_truth(sid, i, len(c.levels))].id for i, c in enumerate(rubric.criteria)}
        masters.append({"submission_id": sid, "levels": levels,
                        "rationale": {c.id: RATIONALE for c in rubric.criteria}, "set": "demo panel"})
    doc["master_scores"] = masters
    doc.setdefault("policies", [{"credential_id": c["id"], "second_read_share": 0.25, "max_steps": 1,
                                 "on_decision": True} for c in doc["credentials"]])
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    return {m["submission_id"]: dict(m["levels"]) for m in masters}


def _score(desk: SeedDesk, assignment_id: str, submission_id: str, bias: float, seed: str,
           master: dict[str, str] | None) -> None:
    editor = desk.editor(assignment_id)
    credential: Credential = editor.credential
    rng = random.Random(seed)
    for i, criterion in enumerate(credential.rubric.criteria):
        width = len(criterion.levels)
        rank = criterion.rank(master[criterion.id]) if master and criterion.id in master \
            else _truth(submission_id, i, width)
        roll = rng.random()
        if roll < bias:
            rank += 1
        elif roll > 1 - 0.12:
            rank -= 1
        level = criterion.levels[min(width - 1, max(0, rank))].id
        editor.edit(lambda s, c=criterion, lv=level: s.propose_level(credential, c.id, lv))
        if not criterion.meets(level):
            editor.edit(lambda s, c=criterion: s.propose_feedback(
                credential, c.id, "Show in the evidence how the questions change your next teaching move."))
    editor.submit({"evidence_viewed": []})


def seed_lead_history(url: str, folder: Path, assessor: Login, second: Login,
                      assign: Callable[[str, str, str], None], masters: dict[str, dict[str, str]]) -> None:
    """Second reads of all the demo assessor's live work, then both desks score and push everything."""
    desk = SeedDesk.open(folder / "lead-desk-assessor", url, assessor)
    other = SeedDesk.open(folder / "lead-desk-second", url, second)
    try:
        desk.sync(push=False)
        mine = desk.assignments()
        for sid in sorted(mine):
            if sid not in other.assignments():
                try:
                    assign(sid, second[0], "second_read")
                except RuntimeError:
                    continue  # e.g. the second assessor already has it
        other.sync(push=False)
        for sid, aid in sorted(mine.items()):
            _score(desk, aid, sid, 0.05, f"{assessor[0]}/{sid}", masters.get(sid))
        desk.sync(pull=False)
        for sid, aid in sorted(other.assignments().items()):
            _score(other, aid, sid, 0.3, f"{second[0]}/{sid}", masters.get(sid))
        other.sync(pull=False)
    finally:
        desk.close()
        other.close()
