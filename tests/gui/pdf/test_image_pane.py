"""The image pane: a photo of student work shows, zooms, fits, and a broken file explains itself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from assessor_app.ui.image_pane import ImagePane
from assessor_app.ui.tasks import TaskRunner


@pytest.fixture
def image_pane(qtbot) -> Iterator[ImagePane]:
    tasks = TaskRunner()
    pane = ImagePane(tasks)
    qtbot.addWidget(pane)
    pane.resize(640, 480)
    pane.show()
    qtbot.waitExposed(pane)
    yield pane
    assert tasks.wait_idle(10000)


def write_png(path: Path, width: int = 800, height: int = 600) -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(20, 160, 60))
    assert image.save(str(path), "PNG")
    return path


def test_a_png_is_shown_fitted_to_the_pane(qtbot, image_pane, tmp_path):
    with qtbot.waitSignal(image_pane.shown, timeout=10000):
        image_pane.load(write_png(tmp_path / "whiteboard.png"), "Whiteboard photo")
    assert image_pane.has_image()
    assert image_pane.view.scale_factor() < 1  # 800x600 fitted into a smaller view
    centre = image_pane.view.viewport().rect().center()
    pixel = QColor(image_pane.view.viewport().grab().toImage().pixel(centre))
    assert pixel.green() > 120 and pixel.red() < 60


def test_zoom_keys_and_one_to_one_change_the_scale(qtbot, image_pane, tmp_path):
    with qtbot.waitSignal(image_pane.shown, timeout=10000):
        image_pane.load(write_png(tmp_path / "work.png"), "Student work")
    fitted = image_pane.view.scale_factor()
    image_pane.view.setFocus()
    qtbot.keyClick(image_pane.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert image_pane.view.scale_factor() == pytest.approx(fitted * 1.25)
    image_pane.actual_button.click()
    assert image_pane.view.scale_factor() == 1
    image_pane.fit_button.click()
    assert image_pane.view.scale_factor() == pytest.approx(fitted)


def test_a_broken_image_explains_itself(qtbot, image_pane, tmp_path):
    broken = tmp_path / "photo.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 this is not really a jpeg")
    with qtbot.waitSignal(image_pane.failed, timeout=10000) as failed:
        image_pane.load(broken, "Photo")
    assert failed.args[0].startswith("This image cannot be shown: it appears damaged")
    assert "re-upload" in failed.args[0]
    assert image_pane.message.isVisible() and image_pane.message.text() == failed.args[0]
    assert not image_pane.has_image()


def test_a_slow_image_the_assessor_already_left_is_not_shown(qtbot, image_pane, tmp_path):
    first, second = write_png(tmp_path / "a.png"), write_png(tmp_path / "b.png", 300, 200)
    shown: list[int] = []
    image_pane.shown.connect(lambda: shown.append(image_pane.view.item.pixmap().width()))
    image_pane.load(first, "First")
    image_pane.load(second, "Second")
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert image_pane._tasks.wait_idle(10000)
    qtbot.waitUntil(lambda: image_pane.view.item.pixmap().width() == 300)
    assert shown == [300]
    assert image_pane.title.text() == "Second"
