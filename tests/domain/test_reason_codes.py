"""Reason codes: a change to a submitted sheet says why, starting with a code an auditor can count."""

import pytest

from assessor_app.domain.reason_codes import REASON_CODES, post_submit_reason_problem, reason_code


def test_the_codes_are_the_five_audit_md_names():
    assert set(REASON_CODES) == {"returned-for-rescoring", "adjudication", "appeal", "data-entry-correction",
                                 "issuer-correction"}
    assert all(text.endswith(".") for text in REASON_CODES.values())


@pytest.mark.parametrize(("reason", "code"), [
    ("adjudication: resolved with the second read", "adjudication"),
    ("ADJUDICATION: resolved with the second read", "adjudication"),
    ("  appeal  : the teacher appealed", "appeal"),
    ("data-entry-correction", "data-entry-correction"),
    ("issuer-correction: wrong rubric version", "issuer-correction"),
])
def test_a_reason_starting_with_a_known_code_names_it(reason, code):
    assert reason_code(reason) == code
    assert post_submit_reason_problem(reason) is None


@pytest.mark.parametrize("reason", ["fixed a typo", "adjudicated: close enough", "because: appeal", "appeal-ish: x"])
def test_free_text_is_refused_with_the_list_of_codes(reason):
    assert reason_code(reason) is None
    problem = post_submit_reason_problem(reason)
    assert problem is not None and repr(reason) in problem
    assert all(code in problem for code in REASON_CODES)


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_a_missing_reason_is_refused_saying_the_sheet_was_submitted(reason):
    problem = post_submit_reason_problem(reason)
    assert problem is not None and problem.startswith("This sheet was submitted; a change now needs a reason")
