"""The audit view driven like an auditor drives it, against the real reference issuer: search, the timeline,
the sheet at a moment and the diff, Verify on a good and on a tampered log, export."""

from __future__ import annotations

import csv
import json
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from assessor_app.domain.clock import format_instant, parse_instant
from assessor_app.ui.audit.audit_view import AuditView
from assessor_app.ui.audit.models import COL_DEVICE_TIME, COL_LOG, COL_RECEIVED, SubmissionsModel, TimelineModel
from issuer_server.demo_program import DEMO_ASSESSOR, SECOND_ASSESSOR
from tests.gui.audit.conftest import issuer_database, tamper, tamper_log_entry

TIMEOUT = 30000


def open_history(qtbot, view: AuditView, submission_id: str) -> None:
    with qtbot.waitSignal(view.resultsShown, timeout=TIMEOUT):
        qtbot.mouseClick(view.form.button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(view.historyShown, timeout=TIMEOUT):
        view.select_submission(submission_id)


def level_change(view: AuditView):
    """The demo assessor's change of mind: the second criterion from Proficient down to Developing."""
    return next(r for r in view.timeline_model.rows
                if r.field.endswith(".level") and (r.old, r.new) == ("Proficient", "Developing"))


def test_search_finds_the_scored_submissions_and_its_model_is_sound(qtbot, view, seeded_template, qtmodeltester):
    with qtbot.waitSignal(view.resultsShown, timeout=TIMEOUT):
        qtbot.mouseClick(view.form.button, Qt.MouseButton.LeftButton)
    found = [view.results_model.row_at(r).submission_id for r in range(view.results_model.rowCount())]
    assert set(seeded_template.submissions) <= set(found)
    qtmodeltester.check(view.results_model, force_py=True)
    view.form.assessor.setText(SECOND_ASSESSOR[0])
    with qtbot.waitSignal(view.resultsShown, timeout=TIMEOUT):
        qtbot.keyClick(view.form.assessor, Qt.Key.Key_Return)
    by_second = [view.results_model.row_at(r).submission_id for r in range(view.results_model.rowCount())]
    assert seeded_template.submissions[0] in by_second and seeded_template.submissions[1] not in by_second


def test_the_timeline_shows_who_changed_what_when_in_the_rubrics_words(qtbot, view, seeded_template, qtmodeltester):
    open_history(qtbot, view, seeded_template.submissions[0])
    rows = view.timeline_model.rows
    assert {r.who for r in rows if r.kind == "score-event"} == {DEMO_ASSESSOR[0], SECOND_ASSESSOR[0]}
    assert [r.kind for r in rows].count("decision") == 2
    credential = view.history.credential(rows[0].rubric_version)
    second = credential.rubric.criteria[1]
    change = level_change(view)
    assert change.label == f"{second.name} — level" and change.device_time and change.server_time
    assert any(r.label == "Evidence citation" and "Objective stated" in r.new for r in rows)
    assert all(r.rubric_version == credential.version for r in rows)
    row = rows.index(change)
    model: TimelineModel = view.timeline_model
    assert model.index(row, COL_LOG).data() == str(change.log_index)
    assert model.index(row, COL_DEVICE_TIME).data() and model.index(row, COL_RECEIVED).data()
    qtmodeltester.check(model, force_py=True)


def test_the_sheet_as_of_a_moment_and_the_diff_between_two_moments(qtbot, view, seeded_template):
    open_history(qtbot, view, seeded_template.submissions[0])
    change = level_change(view)
    criterion_key = change.field
    row = view.timeline_model.rows.index(change)
    view.timeline.setFocus()
    view.timeline.setCurrentIndex(view.timeline_model.index(row, 0))
    with qtbot.waitSignal(view.as_of.changed, timeout=TIMEOUT):
        qtbot.keyClick(view.timeline, Qt.Key.Key_Return)  # "show me the sheet as of this change"
    assert view.tabs.currentWidget() is view.as_of
    at_change = {line.key: line.value for line in view.as_of.sheet_model.rows}
    assert at_change[criterion_key] == "Developing"
    just_before = format_instant(parse_instant(change.device_time) - timedelta(milliseconds=1))
    view.as_of.set_moments(just_before, change.device_time)
    assert {line.key: line.value for line in view.as_of.sheet_model.rows}[criterion_key] == "Proficient"
    differences = [(d.key, d.before, d.after) for d in view.as_of.diff_model.rows]
    assert differences[0] == (criterion_key, "Proficient", "Developing")
    assert view.as_of.diff_caption.text().endswith("field(s) differ.")


def test_verify_on_a_good_log_says_plainly_what_was_verified(qtbot, view, seeded_template):
    open_history(qtbot, view, seeded_template.submissions[0])
    with qtbot.waitSignal(view.verified, timeout=TIMEOUT) as signal:
        qtbot.mouseClick(view.verify_button, Qt.MouseButton.LeftButton)
    result = signal.args[0]
    assert result.ok, result.failures
    assert view.banner.tone == "good"
    text = view.banner.plain_text()
    assert f"Submission {seeded_template.submissions[0]} verifies" in text
    assert "device signature" in text and "included in the issuer's checkpoint" in text
    assert view.timeline_model.failed_rows() == []


def test_verify_on_a_tampered_log_names_the_failing_entry(qtbot, view, issuer, seeded_template):
    open_history(qtbot, view, seeded_template.submissions[0])
    change = level_change(view)
    tamper(issuer_database(issuer), change.event_id, "tampered-level")
    with qtbot.waitSignal(view.historyShown, timeout=TIMEOUT):
        view.open_submission(seeded_template.submissions[0])  # read it again, as stored now
    with qtbot.waitSignal(view.verified, timeout=TIMEOUT) as signal:
        qtbot.mouseClick(view.verify_button, Qt.MouseButton.LeftButton)
    assert not signal.args[0].ok
    assert view.banner.tone == "error"
    text = view.banner.plain_text()
    assert "does NOT verify" in text
    assert f"Log entry #{change.log_index} (score event {change.event_id}): its content does not match its hash" \
        in text
    failed = view.timeline_model.failed_rows()
    assert [view.timeline_model.row_at(r).log_index for r in failed] == [change.log_index]
    assert view.timeline_model.index(failed[0], COL_LOG).data().startswith("⚠")


def test_verify_names_an_entry_the_log_stores_differently_from_the_history(qtbot, view, issuer, seeded_template):
    open_history(qtbot, view, seeded_template.submissions[0])
    change = level_change(view)
    tamper_log_entry(issuer_database(issuer), change.log_index, "new", "tampered-level")
    with qtbot.waitSignal(view.verified, timeout=TIMEOUT) as signal:
        qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)  # the button's mnemonic
    assert not signal.args[0].ok
    assert f"Log entry #{change.log_index} (score event {change.event_id}): the log's entry differs from the " \
        "history shown, in new" in view.banner.plain_text()


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_writes_the_history(qtbot, view, seeded_template, tmp_path, fmt):
    open_history(qtbot, view, seeded_template.submissions[0])
    target = tmp_path / f"history.{fmt}"
    with qtbot.waitSignal(view.exported, timeout=TIMEOUT):
        view.export_to(target, fmt)
    assert f"Exported the history to {target}" in view.banner.plain_text()
    if fmt == "csv":
        rows = list(csv.DictReader(target.open(encoding="utf-8")))
        assert len(rows) == view.timeline_model.rowCount()
    else:
        document = json.loads(target.read_text(encoding="utf-8"))
        assert document["submissions"][0]["submission"]["id"] == seeded_template.submissions[0]


def test_every_control_has_an_accessible_name(view):
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QDateTimeEdit, QLineEdit

    controls = view.findChildren(QAbstractButton) + view.findChildren(QAbstractItemView) \
        + view.findChildren(QLineEdit) + view.findChildren(QComboBox) + view.findChildren(QDateTimeEdit)
    unnamed = [w for w in controls if w.isVisibleTo(view) and not w.accessibleName()
               and w.parent() is not None and not isinstance(w.parent(), (QComboBox, QDateTimeEdit))
               and w.focusPolicy() != Qt.FocusPolicy.NoFocus and w.objectName() != "qt_tabwidget_tabbar"]
    assert unnamed == []


def test_submissions_model_passes_the_model_tester_when_empty(qtmodeltester):
    qtmodeltester.check(SubmissionsModel(), force_py=True)
