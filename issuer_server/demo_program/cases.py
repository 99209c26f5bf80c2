"""All demo submissions, youngest classroom first."""

from __future__ import annotations

from issuer_server.demo_program.content import (
    cases_early,
    cases_high,
    cases_middle,
    cases_resubmission,
    cases_upper_elementary,
)
from issuer_server.demo_program.model import TeacherCase

ALL_CASES: tuple[TeacherCase, ...] = (
    *cases_early.CASES,
    *cases_upper_elementary.CASES,
    *cases_middle.CASES,
    *cases_resubmission.CASES,
    *cases_high.CASES,
)
