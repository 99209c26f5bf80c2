"""Assignments and their state machine. The legal transitions live here and nowhere else.

    new -> in_progress -> submitted -> queued -> synced
    conflict: the issuer refused the pushed sheet (revoked or reassigned); local work is kept.
    revoked:  the issuer withdrew the assignment; local work is kept, scoring is no longer offered.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from assessor_app.domain.errors import IllegalTransition


class AssignmentKind(StrEnum):
    """What the issuer knows about an assignment. The assessor is shown none of this."""

    LIVE = "live"
    CALIBRATION = "calibration"
    VALIDITY = "validity"
    SECOND_READ = "second_read"

    @property
    def reveals_master_scores(self) -> bool:
        """Only calibration shows the master scores after scoring; validity papers stay blind."""
        return self is AssignmentKind.CALIBRATION


class AssignmentState(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    QUEUED = "queued"
    SYNCED = "synced"
    CONFLICT = "conflict"
    REVOKED = "revoked"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()

    @property
    def scorable(self) -> bool:
        return self in (AssignmentState.NEW, AssignmentState.IN_PROGRESS)


_S = AssignmentState
LEGAL_TRANSITIONS: dict[AssignmentState, frozenset[AssignmentState]] = {
    _S.NEW: frozenset({_S.IN_PROGRESS, _S.REVOKED}),
    _S.IN_PROGRESS: frozenset({_S.SUBMITTED, _S.REVOKED}),
    # submitted: the sheet is frozen and its outbox entry is being written in the same transaction.
    _S.SUBMITTED: frozenset({_S.QUEUED, _S.REVOKED}),
    _S.QUEUED: frozenset({_S.SYNCED, _S.CONFLICT, _S.REVOKED}),
    # A synced sheet can still be revoked by the issuer; an issuer "return" re-opens it for rescoring.
    _S.SYNCED: frozenset({_S.REVOKED, _S.IN_PROGRESS}),
    # A conflict is resolved by the issuer re-assigning (back in progress) or withdrawing it.
    _S.CONFLICT: frozenset({_S.IN_PROGRESS, _S.REVOKED}),
    # The issuer may restore a revoked assignment; local work was kept, so scoring resumes.
    _S.REVOKED: frozenset({_S.IN_PROGRESS}),
}


def check_transition(current: AssignmentState, target: AssignmentState) -> None:
    """Raise ``IllegalTransition`` unless ``current -> target`` is a legal edge."""
    if target not in LEGAL_TRANSITIONS[current]:
        raise IllegalTransition(
            f"An assignment that is {current.label.lower()} cannot become {target.label.lower()}."
        )


@dataclass(frozen=True, slots=True)
class Assignment:
    """The issuer's request that one assessor score one submission under one credential version."""

    id: str
    submission_id: str
    credential_id: str
    credential_version: str
    assessor: str
    kind: AssignmentKind
    state: AssignmentState = AssignmentState.NEW
    due_at: str | None = None

    def moved_to(self, target: AssignmentState) -> Assignment:
        check_transition(self.state, target)
        return replace(self, state=target)
