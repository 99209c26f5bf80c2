"""The lead dashboard's qualification table, filled from the real issuer's qualification route: the rule in the
issuer's words, and per assessor the calibration items scored, the exact agreement, qualified or not, and why."""

from __future__ import annotations

from PySide6.QtCore import Qt

from assessor_app.ui.lead.dashboard import DashboardView
from assessor_app.ui.lead.qualifications import HEADERS


def cells(view: DashboardView) -> dict[str, list[str]]:
    model = view.qualifications.model
    return {model.text(r, 0): [model.text(r, c) for c in range(model.columnCount())]
            for r in range(model.rowCount())}


def test_the_qualification_table_shows_each_assessor_against_the_rule(qtbot, tasks, lead):
    view = DashboardView(tasks, lambda: lead)
    qtbot.addWidget(view)
    view.resize(1280, 720)
    view.show()
    with qtbot.waitSignal(view.qualifications.loaded, timeout=60_000) as blocker:
        view.load_credentials()
    report = blocker.args[0]
    credential_id = view.credential.currentData()
    assert report == lead.qualification_report(credential_id)  # what the issuer answers, unchanged

    model = view.qualifications.table.model()
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == list(HEADERS)
    rows = cells(view)
    assert set(rows) == {item["assessor"] for item in report["items"]} >= {"demo", "morgan"}
    demo = next(item for item in report["items"] if item["assessor"] == "demo")
    assert demo["items"] >= 1  # the demo assessor's calibration item was scored and pushed
    assert rows["demo"][1:] == [str(demo["items"]), f"{demo['exact']:.0%}",
                                "Qualified" if demo["passed"] else "Not yet", demo["explanation"]]
    unscored = [item for item in report["items"] if item["items"] == 0]
    assert unscored, "someone in the demo has no calibration items"
    for item in unscored:
        assert rows[item["assessor"]][2:4] == ["—", "Not yet"]
        assert "calibration item(s) needed" in rows[item["assessor"]][4]
    rule = view.qualifications.rule.text()
    assert rule.startswith(report["rule"]) and "exact agreement with the master scores" in rule
    assert ("only to qualified assessors" in rule) == bool(report["required"])
    qtbot.waitUntil(lambda: view.dashboard is not None, timeout=120_000)  # no work left behind
