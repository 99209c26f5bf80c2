"""The assessor's desk: score micro-credential evidence against a rubric, offline-first.

Layers (arrows point down): ``ui -> sync, store -> domain``. Nothing happens at import.
"""

__version__ = "0.1.0"
