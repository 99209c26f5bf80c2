"""A focus ring keyboard users can see: Fusion draws none on tool buttons and only a faint one elsewhere.

Tool buttons get a full rule set (not just ``:focus``) so they keep one look whether focused or not; with a
``:focus``-only rule, Qt would switch a button between native and style-sheet drawing as focus moves.
"""

from __future__ import annotations

FOCUS_STYLE = """
QToolButton { border: 1px solid palette(mid); border-radius: 3px; padding: 3px 8px; background: palette(button); }
QToolButton:hover { background: palette(light); }
QToolButton:checked { background: palette(midlight); border-color: palette(dark); }
QToolButton:pressed { background: palette(mid); }
QToolButton:disabled { color: palette(mid); border-color: palette(midlight); }
QToolButton:focus { border: 2px solid palette(highlight); padding: 2px 7px; }
QLineEdit:focus, QSpinBox:focus { border: 2px solid palette(highlight); border-radius: 3px; padding: 1px; }
QListView:focus, QGraphicsView:focus { border: 2px solid palette(highlight); }
"""
