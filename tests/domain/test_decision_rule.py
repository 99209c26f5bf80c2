import pytest

from assessor_app.domain.errors import DomainError, UnknownLevel
from assessor_app.domain.rubric import DecisionRule, Recommendation
from tests.builders import sample_credential


def levels(credential, ranks):
    return {c.id: c.levels[r].id for c, r in zip(credential.rubric.criteria, ranks, strict=True)}


def test_every_criterion_at_required_level_is_earned(credential):
    assert credential.rubric.decide(levels(credential, [2, 2, 3, 2, 3])) is Recommendation.EARNED


def test_one_criterion_below_required_level_is_not_yet(credential):
    assert credential.rubric.decide(levels(credential, [3, 3, 1, 3, 3])) is Recommendation.NOT_YET


def test_decision_waits_until_every_criterion_is_scored(credential):
    chosen = levels(credential, [3, 3, 3, 3, 3])
    chosen.pop("video")
    assert credential.rubric.decide(chosen) is None


def test_min_meeting_rule_allows_one_miss_but_floor_forbids_the_lowest_level():
    credential = sample_credential(DecisionRule(min_meeting=4, floor_rank=1))
    assert credential.rubric.decide(levels(credential, [2, 2, 2, 2, 1])) is Recommendation.EARNED
    assert credential.rubric.decide(levels(credential, [3, 3, 3, 3, 0])) is Recommendation.NOT_YET
    assert credential.rubric.decide(levels(credential, [2, 2, 2, 1, 1])) is Recommendation.NOT_YET


def test_rule_description_says_what_it_demands():
    assert "Every criterion" in DecisionRule().describe(5)
    assert "At least 4 of 5" in DecisionRule(min_meeting=4).describe(5)


def test_unknown_level_is_refused_with_the_criterion_named(credential):
    with pytest.raises(UnknownLevel, match="Context"):
        credential.rubric.criterion("context").level("no-such-level")


def test_levels_must_be_ordered_low_to_high():
    from assessor_app.domain.rubric import Criterion, Level

    with pytest.raises(DomainError, match="ordered"):
        Criterion("c", "C", "", (Level("a", "A", "", 2), Level("b", "B", "", 1)), "a")
