"""The lead's dashboard figures: which reads are compared, that the statistics are the validated ones with
intervals, severity/drift against the master scores, and guidance that never calls percent agreement kappa.
(Sample credential: five criteria, levels 0..3 Beginning..Exemplary.)"""

from __future__ import annotations

import pytest

from assessor_app.domain.agreement import RatingMatrix, cohen_kappa, exact_agreement, krippendorff_alpha
from assessor_app.domain.lead_dashboard import build_dashboard, cluster_interval
from assessor_app.domain.lead_guidance import MEANINGS, WHICH_TO_CITE, verdict
from assessor_app.domain.lead_reads import LeadRead, co_rater_pairs, pooled_matrix
from tests.builders import sample_credential

CRITERIA = ("context", "questions", "video", "work", "reflection")


def levels(*ranks: int) -> dict[str, str]:
    return {c: f"{c}-{r}" for c, r in zip(CRITERIA, ranks, strict=True)}


def read(aid: str, sid: str, who: str, ranks, kind: str = "live", at: str = "2026-03-02T10:00:00Z",
         master=None) -> LeadRead:
    return LeadRead(aid, sid, who, kind, at, levels(*ranks), None, levels(*master) if master else None)


@pytest.fixture
def credential():
    return sample_credential()


def double_scored() -> list[LeadRead]:
    """Eight submissions, each read live by "ana" and second-read by "ben" (who is one level higher on one)."""
    reads = []
    for n in range(8):
        base = [(n + k) % 4 for k in range(5)]
        other = list(base)
        other[n % 5] = min(3, other[n % 5] + 1)
        reads.append(read(f"a{n}", f"s{n}", "ana", base))
        reads.append(read(f"b{n}", f"s{n}", "ben", other, kind="second_read"))
    return reads


def test_pairs_are_two_assessors_on_one_submission_live_read_first():
    reads = [read("b1", "s1", "ben", (2,) * 5, kind="second_read"), read("a1", "s1", "ana", (1,) * 5),
             read("a2", "s2", "ana", (2,) * 5)]
    pairs = co_rater_pairs(reads)
    assert [(p.first.assignment_id, p.second.assignment_id) for p in pairs] == [("a1", "b1")]


def test_the_same_assessor_twice_is_not_a_pair():
    assert co_rater_pairs([read("a1", "s1", "ana", (1,) * 5), read("a2", "s1", "ana", (1,) * 5)]) == []


def test_pooled_matrix_has_one_unit_per_criterion_clustered_by_submission(credential):
    pooled = pooled_matrix(credential, [("s1", [("ana", levels(0, 1, 2, 3, 3)), ("ben", levels(0, 1, 2, 3, 2))]),
                                        ("s2", [("ana", levels(1, 1, 1, 1, 1)), ("ben", None)])])
    assert pooled.matrix.units[:2] == ("s1/context", "s1/questions")
    assert pooled.clusters == (tuple(range(5)), tuple(range(5, 10)))
    assert pooled.matrix.categories == ("Beginning", "Developing", "Proficient", "Exemplary")
    assert pooled.matrix.codes[4].tolist() == [3, 2]


def test_co_rater_figures_are_the_validated_statistics_with_intervals(credential):
    board = build_dashboard(credential, double_scored(), n_resamples=200)
    pooled = pooled_matrix(credential, [(f"s{n}", [("ana", r.levels) for r in double_scored()
                                                   if r.submission_id == f"s{n}" and r.assessor == "ana"]
                                         + [("ben", r.levels) for r in double_scored()
                                            if r.submission_id == f"s{n}" and r.assessor == "ben"])
                                        for n in range(8)]).matrix
    exact = board.co_raters.figure("exact")
    alpha = board.co_raters.figure("alpha")
    assert exact.estimate == pytest.approx(exact_agreement(pooled).value) == pytest.approx(32 / 40, abs=0.05)
    assert alpha.estimate == pytest.approx(krippendorff_alpha(pooled, "ordinal").value)
    assert exact.lower <= exact.estimate <= exact.upper and alpha.lower <= alpha.estimate <= alpha.upper
    assert exact.n_units == 40 and exact.n_submissions == 8
    assert board.n_pairs == 8 and len(board.criteria) == 5
    assert board.co_raters.figure("kappa_quadratic") is None  # rotating co-raters: no Cohen's kappa


def test_per_criterion_blocks_use_submissions_as_units(credential):
    board = build_dashboard(credential, double_scored(), n_resamples=100)
    context = board.criteria[0]
    assert context.name == credential.rubric.criteria[0].name
    assert context.figure("exact").n_units == 8


def test_against_master_uses_quadratic_kappa_on_the_fixed_reference(credential):
    reads = [read(f"c{n}", f"m{n}", "ana", [(n + k) % 4 for k in range(5)], kind="calibration",
                  master=[(n + k + (k == 0)) % 4 for k in range(5)]) for n in range(6)]
    board = build_dashboard(credential, reads, n_resamples=100)
    rows = [[lv, ms] for r in reads for lv, ms in zip(r.levels.values(), r.master_levels.values(), strict=True)]
    matrix = RatingMatrix.from_rows([[int(a[-1]), int(b[-1])] for a, b in rows], categories=[0, 1, 2, 3])
    kappa = board.master.figure("kappa_quadratic")
    assert kappa.estimate == pytest.approx(cohen_kappa(matrix, "quadratic").value)
    assert board.n_master_reads == 6 and [b.name for b in board.assessors_master] == ["ana"]
    assert board.confusion_master.n_units == 30 and board.confusion_master.agreement() == pytest.approx(24 / 30)


def test_severity_and_drift_against_master_show_a_lenient_assessor(credential):
    reads = [read(f"c{n}", f"m{n}", "ben", (3, 3, 2, 2, 2), kind="validity", master=(2, 2, 2, 2, 2),
                  at=f"2026-03-{2 + 7 * n:02d}T09:00:00Z") for n in range(3)]
    board = build_dashboard(credential, reads, n_resamples=50)
    (ben,) = board.severity_master
    assert ben.mean_signed == pytest.approx(0.4) and ben.tendency == "lenient"
    assert [p.period for p in board.drift] == ["2026-03-02", "2026-03-09", "2026-03-16"]


def test_no_reads_gives_figures_that_say_why_not(credential):
    board = build_dashboard(credential, [], n_resamples=10)
    figure = board.co_raters.figure("alpha")
    assert figure.estimate is None and figure.note
    assert figure.text() == "not computable"
    assert verdict(figure).tone == "unknown"


def test_cluster_interval_needs_two_submissions(credential):
    pooled = pooled_matrix(credential, [("s1", [("a", levels(0, 1, 2, 3, 3)), ("b", levels(0, 1, 2, 3, 2))])])
    estimate, lower, _upper, reason = cluster_interval(pooled, exact_agreement, n_resamples=10, seed=0)
    assert estimate.value == pytest.approx(0.8) and lower is None and "two submissions" in reason


def test_figures_read_as_percentages_or_coefficients_with_their_interval(credential):
    board = build_dashboard(credential, double_scored(), n_resamples=100)
    assert "% (95% CI " in board.co_raters.figure("exact").text()
    assert board.co_raters.figure("alpha").text().startswith(("0.", "-0.", "1.00"))


def test_guidance_never_calls_percent_agreement_kappa():
    assert "never call them kappa" in WHICH_TO_CITE
    assert "kappa" not in MEANINGS["exact"].lower() and "not corrected for chance" in MEANINGS["exact"].lower()


def test_verdict_judges_by_the_lower_end_and_flags_few_submissions(credential):
    board = build_dashboard(credential, double_scored(), n_resamples=100)
    alpha = board.co_raters.figure("alpha")
    text = verdict(alpha).text
    assert "provisional" in text  # eight submissions
