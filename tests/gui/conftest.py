from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool


@pytest.fixture(autouse=True)
def no_dangling_work():
    """A test must not leave background work running behind it."""
    yield
    assert QThreadPool.globalInstance().waitForDone(10000)
