"""program.json has the shape `issuer-server load-program` reads, and the content a demo needs."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

from assessor_app.domain.clock import parse_instant
from assessor_app.domain.rubric import Credential, QuestionKind, Recommendation
from assessor_app.domain.submission import EvidenceKind
from assessor_app.domain.wire import credential_to_achievement, submission_from_manifest
from issuer_server.demo_program import DEMO_ANCHOR, DEMO_ASSESSOR, SECOND_ASSESSOR

RFC3339_MS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
SUBMISSION_KEYS = {
    "id",
    "credential_id",
    "credential_version",
    "candidate_ref",
    "attempt",
    "submitted_at",
    "responses",
    "evidence",
    "prior_attempts",
}
EVIDENCE_KEYS = {"id", "kind", "title", "media_type", "file", "question_id"}


def _manifest_with_digests(submission: dict[str, Any], folder: Path) -> dict[str, Any]:
    """What the loader adds (size, sha256) so the domain's own parser can validate the rest."""
    evidence = []
    for item in submission["evidence"]:
        data = (folder / item["file"]).read_bytes()
        evidence.append({**item, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()})
    return {**submission, "evidence": evidence}


def test_the_top_level_has_exactly_the_six_program_arrays(program: dict[str, Any]) -> None:
    assert set(program) == {"credentials", "submissions", "users", "master_scores", "policies", "assignments"}
    assert len(program["credentials"]) == 1


def test_calibration_and_validity_items_have_master_scores_with_a_rationale_per_criterion(
    program: dict[str, Any], credential: Credential,
) -> None:
    """docs/LEAD.md: the demo shows calibration results, and its validity item has (unrevealed) master scores."""
    mastered = {a["submission_id"] for a in program["assignments"] if a["kind"] in ("calibration", "validity")}
    assert {m["submission_id"] for m in program["master_scores"]} == mastered
    criteria = {c.id for c in credential.rubric.criteria}
    for master in program["master_scores"]:
        assert set(master["levels"]) == set(master["rationale"]) == criteria
        assert all(text.strip() for text in master["rationale"].values())
    assert [p["credential_id"] for p in program["policies"]] == [credential.id]


def test_the_credential_round_trips_through_the_wire_format(
    program: dict[str, Any], credential: Credential
) -> None:
    assert credential_to_achievement(credential) == program["credentials"][0]
    assert credential.version == "1.0"
    assert credential.competency and credential.key_method


def test_the_credential_has_overview_artifact_and_reflection_sections(credential: Credential) -> None:
    kinds = [[q.kind for q in s.questions] for s in credential.sections]

    assert len(credential.sections) == 3
    assert set(kinds[0]) == {QuestionKind.TEXT} and 2 <= len(kinds[0]) <= 3
    assert set(kinds[1]) == {QuestionKind.FILE} and len(kinds[1]) == 3
    assert set(kinds[2]) == {QuestionKind.TEXT} and 1 <= len(kinds[2]) <= 2
    assert all(q.word_limit for s in credential.sections for q in s.questions if q.kind is QuestionKind.TEXT)


def test_the_rubric_has_five_criteria_of_four_distinct_levels_with_proficient_required(
    credential: Credential,
) -> None:
    rubric = credential.rubric
    descriptors = [lv.descriptor for c in rubric.criteria for lv in c.levels]

    assert len(rubric.criteria) == 5
    for criterion in rubric.criteria:
        assert [lv.label for lv in criterion.levels] == ["Beginning", "Developing", "Proficient", "Exemplary"]
        assert [lv.value for lv in criterion.levels] == [1, 2, 3, 4]
        assert criterion.level(criterion.required_level_id).label == "Proficient"
    assert len(set(descriptors)) == len(descriptors)
    assert all(len(d.split()) >= 12 for d in descriptors)
    assert rubric.rule.min_meeting is None and rubric.rule.floor_rank is None


def test_every_submission_parses_as_a_domain_submission_once_the_loader_adds_digests(
    program: dict[str, Any], demo_folder: Path, credential: Credential
) -> None:
    for doc in program["submissions"]:
        assert set(doc) == SUBMISSION_KEYS
        assert all(set(e) == EVIDENCE_KEYS for e in doc["evidence"])
        submission = submission_from_manifest(_manifest_with_digests(doc, demo_folder))
        assert submission.credential_id == credential.id
        assert submission.credential_version == credential.version


def test_there_are_about_twelve_pseudonymous_submissions(program: dict[str, Any]) -> None:
    refs = [s["candidate_ref"] for s in program["submissions"]]

    assert 10 <= len(refs) <= 14
    assert len(set(refs)) == len(refs)
    assert all(re.fullmatch(r"T-\d{4}", ref) for ref in refs)
    assert len({s["id"] for s in program["submissions"]}) == len(refs)


def test_submission_times_are_rfc3339_utc_with_milliseconds_before_the_demo_date(
    program: dict[str, Any],
) -> None:
    for s in program["submissions"]:
        assert RFC3339_MS.match(s["submitted_at"])
        assert DEMO_ANCHOR - timedelta(days=21) <= parse_instant(s["submitted_at"]) < DEMO_ANCHOR


def test_every_text_question_is_answered_within_its_word_limit(
    program: dict[str, Any], credential: Credential
) -> None:
    text_questions = {
        q.id: q for s in credential.sections for q in s.questions if q.kind is QuestionKind.TEXT
    }
    for s in program["submissions"]:
        answers = {r["question_id"]: r["text"] for r in s["responses"]}
        assert set(answers) == set(text_questions), s["candidate_ref"]
        for qid, text in answers.items():
            words = len(text.split())
            assert 60 <= words <= (text_questions[qid].word_limit or 0), (s["candidate_ref"], qid, words)


def test_every_file_question_has_one_evidence_file_of_an_accepted_type(
    program: dict[str, Any], demo_folder: Path, credential: Credential
) -> None:
    file_questions = {
        q.id: q for s in credential.sections for q in s.questions if q.kind is QuestionKind.FILE
    }
    for s in program["submissions"]:
        by_question = Counter(e["question_id"] for e in s["evidence"])
        assert by_question == dict.fromkeys(file_questions, 1), s["candidate_ref"]
        for e in s["evidence"]:
            assert e["media_type"] in file_questions[e["question_id"]].accepted_media_types
            assert EvidenceKind.from_media_type(e["media_type"]).value == e["kind"]
            path = demo_folder / e["file"]
            assert not Path(e["file"]).is_absolute() and ".." not in Path(e["file"]).parts
            assert path.is_file() and path.stat().st_size > 1000
    ids = [e["id"] for s in program["submissions"] for e in s["evidence"]]
    assert len(set(ids)) == len(ids)


def test_exactly_one_submission_is_a_resubmission_answering_its_prior_feedback(
    program: dict[str, Any], credential: Credential
) -> None:
    resubmissions = [s for s in program["submissions"] if s["attempt"] > 1 or s["prior_attempts"]]

    assert len(resubmissions) == 1
    resub = resubmissions[0]
    assert resub["attempt"] == 2
    [prior] = resub["prior_attempts"]
    assert prior["attempt"] == 1 and prior["outcome"] == "not_yet"
    assert prior["credential_version"] == credential.version
    rubric = credential.rubric
    assert set(prior["levels"]) == {c.id for c in rubric.criteria}
    below = [cid for cid, lv in prior["levels"].items() if not rubric.criterion(cid).meets(lv)]
    assert below
    assert rubric.decide(prior["levels"]) is Recommendation.NOT_YET
    assert set(below) <= set(prior["feedback"]) and prior["overall_feedback"]
    assert "first attempt" in " ".join(r["text"] for r in resub["responses"])


def test_the_demo_has_every_role_and_a_known_demo_assessor(program: dict[str, Any]) -> None:
    users = {u["username"]: u for u in program["users"]}

    assert len(users) == len(program["users"])
    assert users[DEMO_ASSESSOR[0]]["password"] == DEMO_ASSESSOR[1]
    assert users[DEMO_ASSESSOR[0]]["roles"] == ["assessor"]
    assert "assessor" in users[SECOND_ASSESSOR[0]]["roles"]
    assert "lead" in users["lead"]["roles"] and "admin" in users["admin"]["roles"]
    assert any("auditor" in u["roles"] for u in users.values())
    assert all(u["display_name"] and len(u["password"]) >= 12 for u in users.values())


def test_assignments_give_the_demo_assessor_most_papers_with_one_calibration_and_one_validity(
    program: dict[str, Any],
) -> None:
    submissions = {s["id"] for s in program["submissions"]}
    users = {u["username"]: u for u in program["users"]}
    rows = program["assignments"]
    primary = [a for a in rows if a["kind"] != "second_read"]
    demo_rows = [a for a in primary if a["assessor"] == DEMO_ASSESSOR[0]]

    assert len({a["id"] for a in rows}) == len(rows)
    assert all(
        a["submission_id"] in submissions and "assessor" in users[a["assessor"]]["roles"] for a in rows
    )
    assert sorted(a["submission_id"] for a in primary) == sorted(submissions)
    assert len(demo_rows) > len(primary) * 2 // 3
    assert Counter(a["kind"] for a in demo_rows) == {
        "live": len(demo_rows) - 2,
        "calibration": 1,
        "validity": 1,
    }


def test_second_reads_go_to_the_second_assessor_on_papers_someone_else_scores_live(
    program: dict[str, Any],
) -> None:
    first_reader = {a["submission_id"]: a["assessor"] for a in program["assignments"] if a["kind"] == "live"}
    second_reads = [a for a in program["assignments"] if a["kind"] == "second_read"]

    assert 2 <= len(second_reads) <= 3
    for a in second_reads:
        assert a["assessor"] == SECOND_ASSESSOR[0]
        assert first_reader[a["submission_id"]] != a["assessor"]


def test_due_dates_fall_within_the_two_weeks_after_the_demo_date(program: dict[str, Any]) -> None:
    due = [parse_instant(a["due_at"]) for a in program["assignments"]]

    assert all(RFC3339_MS.match(a["due_at"]) for a in program["assignments"])
    assert all(DEMO_ANCHOR < d <= DEMO_ANCHOR + timedelta(days=14, hours=12) for d in due)
    assert max(due) - min(due) >= timedelta(days=5)
