from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool

from assessor_app.store.paths import AppPaths


@pytest.fixture
def paths(app_home) -> AppPaths:
    return AppPaths.resolve().ensure()


@pytest.fixture(autouse=True)
def no_dangling_work():
    """A test must not leave background work running behind it."""
    yield
    assert QThreadPool.globalInstance().waitForDone(10000)
