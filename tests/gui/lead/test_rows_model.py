"""The lead screens' tables and queue are item models over plain rows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from assessor_app.ui.lead.rows_model import RowsModel


def test_the_rows_model_passes_the_model_tester(qapp, qtmodeltester):
    model = RowsModel(["assessor", "items", "verdict"])
    model.set_rows([["ana", "3", "Qualified"], ["ben", "1", "Not yet"]], keys=["a", "b"], right_aligned=(1,),
                   colour=lambda _r, c, text: QColor("green") if c == 2 and text == "Qualified" else None)
    qtmodeltester.check(model, force_py=True)
    assert model.text(1, 0) == "ben" and model.index(0, 0).data(Qt.ItemDataRole.UserRole) == "a"
    assert model.index(0, 2).data(Qt.ItemDataRole.ForegroundRole) == QColor("green")
    assert model.index(1, 2).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.headerData(2, Qt.Orientation.Horizontal) == "verdict"
    model.set_rows([])
    assert model.rowCount() == 0
