"""Discrepancy, qualification and severity rules for lead assessors (levels 0..3: Beginning..Exemplary;
the sample credential's bar is Proficient, i.e. ``<criterion>-2``)."""

from __future__ import annotations

import pytest

from assessor_app.domain.calibration import DiscrepancyRule, QualificationRule, Read, drift, severity
from tests.builders import sample_credential

CRITERIA = ("context", "questions", "video", "work", "reflection")


def levels(*ranks: int) -> dict[str, str]:
    return {c: f"{c}-{r}" for c, r in zip(CRITERIA, ranks, strict=True)}


@pytest.fixture
def credential():
    return sample_credential()


def test_reads_one_level_apart_with_the_same_decision_need_no_lead(credential):
    rule = DiscrepancyRule(max_steps=1)
    assert not rule.needs_adjudication(credential, levels(2, 2, 3, 2, 2), levels(3, 2, 2, 2, 3))


def test_a_criterion_two_levels_apart_goes_to_adjudication_and_says_which(credential):
    found = DiscrepancyRule(max_steps=1).discrepancies(credential, levels(2, 2, 2, 2, 2), levels(2, 2, 2, 2, 0))
    assert [d.criterion_id for d in found] == [None, "reflection"]  # also the decision: Not Yet vs Earned
    assert found[1].steps == 2 and "Proficient vs Beginning" in found[1].explanation


def test_different_decisions_go_to_adjudication_even_when_levels_are_close(credential):
    found = DiscrepancyRule(max_steps=1).discrepancies(credential, levels(2, 2, 2, 2, 2), levels(2, 2, 2, 2, 1))
    assert [d.criterion_id for d in found] == [None]
    assert "Earned" in found[0].explanation and "Not Yet" in found[0].explanation


def test_a_strict_rule_flags_any_difference(credential):
    rule = DiscrepancyRule(max_steps=0, on_decision=False)
    assert rule.needs_adjudication(credential, levels(2, 2, 2, 2, 3), levels(2, 2, 2, 2, 2))
    assert rule.describe() == "Adjudicate when any criterion differs."


def test_qualification_needs_the_exact_share_over_enough_items(credential):
    master = levels(2, 3, 1, 2, 2)
    rule = QualificationRule(min_exact=0.8, min_items=2)
    one = rule.evaluate(credential, [(master, master)])
    assert not one.passed and "1 of the 2" in one.explanation
    good = rule.evaluate(credential, [(master, master), (levels(2, 3, 1, 2, 3), master)])
    assert good.passed and good.exact == pytest.approx(0.9) and good.adjacent == 1.0
    assert good.by_criterion["reflection"] == pytest.approx(0.5)
    poor = rule.evaluate(credential, [(levels(0, 3, 1, 2, 3), master), (levels(2, 0, 3, 2, 3), master)])
    assert not poor.passed and poor.exact == pytest.approx(0.5) and "Not yet qualified: 50%" in poor.explanation


def test_unscored_criteria_count_against_qualification(credential):
    master = levels(2, 2, 2, 2, 2)
    partial = {k: v for k, v in master.items() if k != "work"}
    result = QualificationRule(min_exact=0.9).evaluate(credential, [(partial, master)])
    assert result.exact == pytest.approx(0.8) and not result.passed


def test_severity_is_the_mean_signed_step_difference_per_assessor(credential):
    reference = levels(2, 2, 2, 2, 2)
    reads = [Read("ana", "2026-11-02T10:00:00Z", levels(3, 3, 2, 2, 3), reference),
             Read("ben", "2026-11-02T10:00:00Z", levels(1, 2, 2, 1, 2), reference),
             Read("cy", "2026-11-02T10:00:00Z", levels(3, 1, 2, 2, 2), reference)]
    ana, ben, cy = severity(credential, reads)
    assert (ana.mean_signed, ana.tendency) == (pytest.approx(0.6), "lenient")
    assert (ben.mean_signed, ben.tendency) == (pytest.approx(-0.4), "severe")
    assert (cy.mean_signed, cy.mean_absolute, cy.tendency) == (0.0, pytest.approx(0.4), "on target")


def test_drift_groups_severity_by_week_starting_monday(credential):
    reference = levels(2, 2, 2, 2, 2)
    reads = [Read("ana", "2026-11-02T09:00:00Z", reference, reference),  # Monday
             Read("ana", "2026-11-08T23:00:00Z", levels(3, 2, 2, 2, 2), reference),  # Sunday, same week
             Read("ana", "2026-11-09T08:00:00Z", levels(3, 3, 3, 2, 2), reference)]
    points = drift(credential, reads)
    assert [(p.period, p.severity.pairs) for p in points] == [("2026-11-02", 10), ("2026-11-09", 5)]
    assert points[0].severity.mean_signed == pytest.approx(0.1) and points[1].severity.mean_signed == pytest.approx(0.6)
    assert [p.period for p in drift(credential, reads, by="month")] == ["2026-11"]
