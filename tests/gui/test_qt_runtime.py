"""Guards for the Qt pin: PySide6 6.12.0 leaks references to None on Python 3.11 (PLATFORM-NOTES)."""

import sys

import PySide6
from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    ping = Signal(object)


def test_pyside6_is_below_the_broken_release():
    major, minor = (int(p) for p in PySide6.__version__.split(".")[:2])
    assert (major, minor) < (6, 12), "PySide6 6.12 drops refcounts on Python 3.11; keep the pin"


def test_signal_emission_keeps_none_alive(qtbot):
    emitter = _Emitter()
    received = []
    emitter.ping.connect(received.append)
    before = sys.getrefcount(None)
    for _ in range(5000):
        emitter.ping.emit(None)
    after = sys.getrefcount(None)
    assert len(received) == 5000
    assert after >= before - 100, f"None lost {before - after} references over 5000 emissions"
