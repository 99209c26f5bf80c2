"""Killing the app (SIGKILL) right after an edit loses nothing on restart.

"There is no Save" is only honest if an edit the pane called saved survives the hardest stop there is. Each
run starts ``tests/gui/kill_child.py``: the real ``RubricPane`` on a real store in this test's
``ASSESSOR_APP_HOME``, edited by keyboard. The parent reads the child's line from its stdout pipe, kills it
with SIGKILL at once, then reopens the store as the next start of the app would. All runs share one cache,
so every restart also has to find the edits of the runs before it. ``tests/store/test_crash_safety.py`` covers
the store alone; this covers the pane's path (key press, autosave pause, writer thread) end to end.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from assessor_app.domain.audit_chain import first_break
from assessor_app.domain.score_sheet import ScoreSheet
from assessor_app.store.database import Database
from assessor_app.store.paths import AppPaths
from assessor_app.store.sheets import SheetStore
from tests.gui.kill_child import ASSIGNMENT_ID, AUTHOR

ROOT = Path(__file__).resolve().parents[2]
LINE_TIMEOUT_S = 60  # a child that never reports is a failure, not a hang

EDITS = [  # criterion, digit pressed on its card, feedback typed after Enter
    ("context", "3", "Names the standard and why this lesson comes next."),
    ("questions", "1", "Mostly recall questions; plan one hinge question per segment."),
    ("video", "4", "Wait time after every question, even the quick checks. Très bien."),
    ("work", "2", "Two samples only; add one from a student who struggled."),
    ("context", "4", "Revised after the reflection: the context is exemplary."),  # overwrites the first run
]


def run_child_until(line_prefix: str, *args: str) -> str:
    """Start the child, wait for its line on the pipe, SIGKILL it immediately, return the line."""
    child = subprocess.Popen([sys.executable, "-m", "tests.gui.kill_child", *args], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert child.stdout is not None and child.stderr is not None
    try:
        ready, _, _ = select.select([child.stdout], [], [], LINE_TIMEOUT_S)
        line = child.stdout.readline().decode() if ready else ""
        child.send_signal(signal.SIGKILL)  # no flush, no hide event, no closeEvent: the process is just gone
    finally:
        child.kill()
        child.wait()
    assert line.startswith(line_prefix), f"child said {line!r}; stderr:\n{child.stderr.read().decode()[-3000:]}"
    assert child.returncode == -signal.SIGKILL
    return line.strip()


def reopen(paths: AppPaths) -> tuple[ScoreSheet, list[dict]]:
    """What the next start of the app finds: the sheet replayed from disk and its events as stored."""
    db = Database.open(paths.database, paths.backups)
    try:
        store = SheetStore(db, AUTHOR)
        sheet = store.load(ASSIGNMENT_ID)
        assert sheet is not None
        return sheet, [event.to_dict() for event in store.events(sheet.id)]
    finally:
        db.close()


@pytest.mark.slow
def test_a_saved_level_and_feedback_survive_sigkill_and_every_earlier_edit_too(paths):
    expected_levels: dict[str, str] = {}
    expected_feedback: dict[str, str] = {}
    for criterion_id, digit, feedback in EDITS:
        line = run_child_until("SAVED", criterion_id, digit, feedback, "saved")
        expected_levels[criterion_id] = line.split()[2]
        expected_feedback[criterion_id] = feedback

        sheet, events = reopen(paths)

        assert dict(sheet.levels) == expected_levels
        assert dict(sheet.feedback) == expected_feedback
        assert first_break(events) is None


@pytest.mark.slow
def test_a_kill_right_after_a_level_key_leaves_the_edit_whole_or_absent_never_torn(paths):
    run_child_until("SAVED", "context", "2", "Context first, durable before the kills.", "saved")
    before, before_events = reopen(paths)
    presses = [("questions", "3"), ("questions", "1"), ("work", "4"), ("context", "4"), ("reflection", "2")]
    for criterion_id, digit in presses:
        line = run_child_until("PRESSED", criterion_id, digit, "-", "pressed")
        new_level = line.split()[2]

        sheet, events = reopen(paths)

        assert first_break(events) is None
        assert len(events) in (len(before_events), len(before_events) + 1)
        assert events[:len(before_events)] == before_events
        assert sheet.levels.get(criterion_id) in (before.levels.get(criterion_id), new_level)
        others = {c: level for c, level in sheet.levels.items() if c != criterion_id}
        assert others == {c: level for c, level in before.levels.items() if c != criterion_id}
        assert sheet.feedback == before.feedback
        before, before_events = sheet, events
