"""Kill -9 at random moments while score events are being committed: nothing acknowledged is lost."""

import contextlib
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from assessor_app.domain.audit_chain import first_break
from assessor_app.store.database import Database
from assessor_app.store.sheets import Author, SheetStore

ROOT = Path(__file__).resolve().parents[2]
KILLS = 50


def run_and_kill(db_path: Path, delay: float) -> list[str]:
    child = subprocess.Popen([sys.executable, "-m", "tests.store.crash_child", str(db_path)], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ})
    assert child.stdout is not None
    first = child.stdout.readline()  # wait until it is committing for real
    assert first, child.stderr.read().decode() if child.stderr else "child died"
    with contextlib.suppress(subprocess.TimeoutExpired):  # let it commit for a random while...
        child.wait(timeout=delay)
    child.send_signal(signal.SIGKILL)  # ...then kill it without warning
    rest, _ = child.communicate()
    lines = (first + rest).decode().split("\n")
    return [line for line in lines[:-1] if line]  # the last piece may be a half-written line


@pytest.mark.slow
def test_every_acknowledged_score_event_survives_sigkill(tmp_path):
    db_path = tmp_path / "crash.sqlite3"
    rng = random.Random(20261123)
    acknowledged: dict[str, int] = {}
    for _ in range(KILLS):
        for line in run_and_kill(db_path, rng.uniform(0.02, 0.3)):
            sheet_id, count = line.split(":")
            acknowledged[sheet_id] = max(acknowledged.get(sheet_id, 0), int(count))
    db = Database.open(db_path)
    store = SheetStore(db, Author("ana", "laptop"))
    sheet = store.load("a1")
    assert sheet is not None
    assert acknowledged == {sheet.id: acknowledged[sheet.id]}
    assert sheet.event_count >= acknowledged[sheet.id] > KILLS  # nothing acknowledged is missing
    events = store.events(sheet.id)
    assert first_break([e.to_dict() for e in events]) is None  # and the chain is intact after every crash
    db.close()
