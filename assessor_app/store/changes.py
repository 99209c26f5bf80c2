"""What a mutation touched, so views refresh only that (after Anki's ``OpChanges``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Changes:
    assignments: frozenset[str] = frozenset()
    sheets: frozenset[str] = frozenset()
    evidence: frozenset[str] = frozenset()
    outbox: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.assignments | other.assignments, self.sheets | other.sheets,
                       self.evidence | other.evidence, self.outbox or other.outbox)

    @property
    def empty(self) -> bool:
        return not (self.assignments or self.sheets or self.evidence or self.outbox)
