"""Small, readable builders of domain objects for tests."""

from __future__ import annotations

from assessor_app.domain.rubric import Credential, Criterion, DecisionRule, Level, Rubric

LEVEL_NAMES = ("Beginning", "Developing", "Proficient", "Exemplary")


def criterion(cid: str, name: str | None = None) -> Criterion:
    levels = tuple(Level(f"{cid}-{i}", label, f"{label} on {cid}", float(i + 1)) for i, label in enumerate(LEVEL_NAMES))
    return Criterion(cid, name or cid.title(), f"What {cid} looks for", levels, required_level_id=f"{cid}-2")


def sample_credential(rule: DecisionRule | None = None, version: str = "1.0") -> Credential:
    criteria = tuple(criterion(c) for c in ("context", "questions", "video", "work", "reflection"))
    return Credential("cred-questioning", version, "Checking for Understanding",
                      "Uses questioning to check understanding", "Plan, ask, probe, adjust",
                      Rubric(criteria, rule or DecisionRule()))
