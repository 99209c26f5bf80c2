"""The audit view's look: the rubric pane's restraint (colours blended from the palette), plus a calm green
for "verified" and the pane's red for "does not verify"."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from assessor_app.ui.rubric.style import blend, muted_text


def _tone(palette: QPalette, colour: QColor) -> tuple[str, str]:
    """Foreground and tinted background for a tone that reads on light and dark themes."""
    dark = palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5
    fg = blend(colour, palette.color(QPalette.ColorRole.Text), 0.75 if dark else 0.8)
    if not dark:
        fg = fg.darker(125)
    return fg.name(), blend(colour, palette.color(QPalette.ColorRole.Base), 0.12).name()


GOOD, BAD = QColor(40, 140, 80), QColor(190, 60, 50)


def failure_tint(palette: QPalette) -> QColor:
    """Background of a timeline row whose entry failed verification."""
    return blend(BAD, palette.color(QPalette.ColorRole.Base), 0.14)


def audit_stylesheet(palette: QPalette) -> str:
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    border = blend(text, base, 0.16).name()
    good_fg, good_bg = _tone(palette, GOOD)
    bad_fg, bad_bg = _tone(palette, BAD)
    muted = muted_text(palette).name()
    return f"""
    VerifyBanner {{ border-radius: 6px; border: 1px solid {border}; background: {base.name()}; }}
    VerifyBanner[tone="good"] {{ background: {good_bg}; border-color: {good_fg}; }}
    VerifyBanner[tone="good"] QLabel {{ color: {good_fg}; }}
    VerifyBanner[tone="error"] {{ background: {bad_bg}; border-color: {bad_fg}; }}
    VerifyBanner[tone="error"] QLabel {{ color: {bad_fg}; }}
    QLabel[role="title"] {{ font-weight: 600; font-size: 11pt; }}
    QLabel[role="muted"] {{ color: {muted}; }}
    """
