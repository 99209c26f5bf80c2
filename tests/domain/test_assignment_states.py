import itertools

import pytest

from assessor_app.domain.assignment import (
    LEGAL_TRANSITIONS,
    Assignment,
    AssignmentKind,
    AssignmentState,
    check_transition,
)
from assessor_app.domain.errors import IllegalTransition

S = AssignmentState
HAPPY_PATH = [S.NEW, S.IN_PROGRESS, S.SUBMITTED, S.QUEUED, S.SYNCED]


def test_happy_path_is_legal_step_by_step():
    a = Assignment("a", "s", "c", "1", "ana", AssignmentKind.LIVE)
    for target in HAPPY_PATH[1:]:
        a = a.moved_to(target)
    assert a.state is S.SYNCED


@pytest.mark.parametrize("current,target", [(c, t) for c, t in itertools.product(S, S)
                                            if t not in LEGAL_TRANSITIONS[c]])
def test_every_edge_not_in_the_table_is_refused(current, target):
    with pytest.raises(IllegalTransition):
        check_transition(current, target)


def test_skipping_the_outbox_is_illegal():
    with pytest.raises(IllegalTransition, match="in progress cannot become synced"):
        check_transition(S.IN_PROGRESS, S.SYNCED)


def test_a_queued_sheet_can_end_in_conflict_and_be_reassigned():
    check_transition(S.QUEUED, S.CONFLICT)
    check_transition(S.CONFLICT, S.IN_PROGRESS)


def test_any_live_state_can_be_revoked_by_the_issuer():
    for state in (S.NEW, S.IN_PROGRESS, S.SUBMITTED, S.QUEUED, S.SYNCED, S.CONFLICT):
        check_transition(state, S.REVOKED)


def test_only_calibration_reveals_master_scores():
    assert [k for k in AssignmentKind if k.reveals_master_scores] == [AssignmentKind.CALIBRATION]
