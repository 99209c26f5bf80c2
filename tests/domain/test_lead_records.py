"""The lead's records as export tables: adjudications keep both reads and the resolution side by side in the
rubric's words, calibration results compare each read with the master levels by position, and the qualification
report keeps the issuer's rule. (Sample credential: five criteria, levels 0..3 Beginning..Exemplary.)"""

from __future__ import annotations

from assessor_app.domain.lead_adjudication import AdjudicationDetail, AdjudicationItem, ReadSide
from assessor_app.domain.lead_export import export_tables
from assessor_app.domain.lead_records import (
    ADJUDICATION_COLUMNS,
    CALIBRATION_COLUMNS,
    adjudication_table,
    calibration_table,
    qualification_table,
)
from tests.builders import sample_credential
from tests.domain.test_lead_dashboard import double_scored, levels, read


def detail(resolved: bool) -> AdjudicationDetail:
    resolution = {"levels": levels(2, 2, 2, 2, 2), "decision": "earned", "reason": "adjudication: video",
                  "resolved_by": "lead", "resolved_at": "2026-03-05T09:00:00Z"} if resolved else {}
    item = AdjudicationItem("adj-1", "s1", "cred", "2026-03-03T08:00:00Z", ("criterion video differs by 2",),
                            "resolved" if resolved else "open", "1", resolution)
    return AdjudicationDetail(item, ReadSide("ana", "2026-03-02T10:00:00Z", levels(0, 1, 2, 3, 1), decision="not_yet"),
                              ReadSide("ben", "2026-03-02T11:00:00Z", levels(2, 1, 2, 3, 3), decision="earned"), {})


def test_an_adjudication_is_one_row_per_criterion_and_one_for_the_decision_with_both_reads_in_rubric_words():
    table = adjudication_table(sample_credential(), [detail(resolved=True)])
    assert table[0] == list(ADJUDICATION_COLUMNS)
    rows = [dict(zip(ADJUDICATION_COLUMNS, row, strict=True)) for row in table[1:]]
    assert len(rows) == 6
    first = rows[0]
    assert (first["first read by"], first["first read"], first["second read by"], first["second read"],
            first["resolved"]) == ("ana", "Beginning", "ben", "Proficient", "Proficient")
    assert first["why it was opened"] == "criterion video differs by 2"
    assert rows[-1]["criterion"] == "Decision"
    assert (rows[-1]["first read"], rows[-1]["second read"], rows[-1]["resolved"]) == ("Not Yet", "Earned", "Earned")
    assert {r["resolution reason"] for r in rows} == {"adjudication: video"}


def test_an_open_adjudication_has_empty_resolution_columns():
    rows = adjudication_table(sample_credential(), [detail(resolved=False)])[1:]
    assert all(r[11] == "" and r[12] == "" and r[14] == "" for r in rows)
    assert {r[3] for r in rows} == {"open"}


def test_calibration_results_compare_each_read_with_the_master_by_position():
    reads = [read("c1", "cal-1", "ana", (0, 1, 2, 3, 3), kind="calibration", master=(0, 1, 2, 2, 1)),
             read("a1", "s1", "ana", (1,) * 5)]  # a live read has no master levels: not a calibration result
    table = calibration_table(sample_credential(), reads)
    assert table[0] == list(CALIBRATION_COLUMNS)
    rows = [dict(zip(CALIBRATION_COLUMNS, row, strict=True)) for row in table[1:]]
    assert len(rows) == 5 and {r["submission"] for r in rows} == {"cal-1"}
    assert [r["difference (positions)"] for r in rows] == [0, 0, 0, 1, 2]
    assert [r["exact"] for r in rows] == [True, True, True, False, False]
    assert rows[4]["assessor's level"] == "Exemplary" and rows[4]["master position"] == 2


def test_a_level_of_another_rubric_version_is_shown_as_it_is_without_a_position():
    reads = [read("c1", "cal-1", "ana", (0,) * 5, kind="validity", master=(0,) * 5)]
    reads[0].levels["context"] = "retired-level"  # type: ignore[index]
    row = calibration_table(sample_credential(), reads)[1]
    assert row[5:11] == ["retired-level", None, "Beginning", 1, None, None]


def test_the_qualification_table_keeps_the_issuers_rule_and_its_figures():
    report = {"rule": "At least 80% exact agreement on 3 items.", "required": True,
              "items": [{"assessor": "ana", "items": 3, "criteria_scored": 15, "exact": 0.8667, "adjacent": 1.0,
                         "passed": True, "explanation": "qualified"}]}
    table = qualification_table(report)
    assert table[1] == ["ana", 3, 15, 0.8667, 1.0, "yes", "qualified"]
    assert table[-1] == ["rule", "At least 80% exact agreement on 3 items. (enforced before live work)"]


def test_the_full_export_adds_the_records_to_the_dashboards_tables():
    from assessor_app.domain.lead_dashboard import build_dashboard

    board = build_dashboard(sample_credential(), double_scored(), n_resamples=20)
    tables = export_tables(board, [detail(resolved=False)], {"items": []})
    assert list(tables)[-3:] == ["Adjudications", "Qualification", "Calibration results"]
    assert "Summary" in tables and len(tables["Adjudications"]) == 7
