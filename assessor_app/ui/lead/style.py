"""Lead mode's look: the audit view's restraint, cards on the base colour, verdict tones."""

from __future__ import annotations

from PySide6.QtGui import QPalette

from assessor_app.ui.rubric.style import blend, muted_text

TONE_COLOURS = {"good": "#2a7a4a", "fair": "#9a6a10", "poor": "#b03a30", "unknown": "#777777"}


def lead_stylesheet(palette: QPalette) -> str:
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    border = blend(text, base, 0.18).name()
    soft = blend(text, base, 0.04).name()
    muted = muted_text(palette).name()
    return f"""
    #FigureCard {{ background: {base.name()}; border: 1px solid {border}; border-radius: 6px; }}
    #Guidance {{ background: {soft}; border: 1px solid {border}; border-radius: 6px; padding: 8px; }}
    #ReadColumn {{ background: {base.name()}; border: 1px solid {border}; border-radius: 6px; }}
    QLabel[role="muted"] {{ color: {muted}; }}
    """
