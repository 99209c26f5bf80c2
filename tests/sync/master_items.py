"""Which of the demo program's assignments are the demo assessor's calibration and validity items, and their master
levels, read from the program the issuer loaded (the app itself is never told an assignment's kind)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from issuer_server.demo_program import DEMO_ASSESSOR


@dataclass(frozen=True)
class MasterItems:
    calibration: str  # assignment ids
    validity: str
    live: str
    masters: dict[str, dict[str, str]]  # assignment id -> master levels

    @classmethod
    def read(cls, issuer_folder: Path) -> MasterItems:
        program = json.loads((issuer_folder / "program" / "program.json").read_text(encoding="utf-8"))
        levels = {m["submission_id"]: m["levels"] for m in program["master_scores"]}
        mine = [a for a in program["assignments"] if a["assessor"] == DEMO_ASSESSOR[0]]
        by_kind = {a["kind"]: a for a in mine}
        return cls(by_kind["calibration"]["id"], by_kind["validity"]["id"], by_kind["live"]["id"],
                   {a["id"]: levels[a["submission_id"]] for a in mine if a["submission_id"] in levels})
