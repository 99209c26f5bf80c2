"""The pane's restrained look, derived from the current palette so light, dark and high-contrast themes all work.

Colours are blends of palette roles (text over window, highlight over base) rather than fixed hex values:
nothing garish, and a theme change re-derives everything (``RubricPane`` re-applies on palette change).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

MUTED_ALPHA = 0.62


def blend(top: QColor, bottom: QColor, amount: float) -> QColor:
    """``amount`` of ``top`` over ``bottom`` (0 = bottom, 1 = top)."""
    return QColor.fromRgbF(
        top.redF() * amount + bottom.redF() * (1 - amount),
        top.greenF() * amount + bottom.greenF() * (1 - amount),
        top.blueF() * amount + bottom.blueF() * (1 - amount),
    )


def muted_text(palette: QPalette) -> QColor:
    return blend(palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base), MUTED_ALPHA)


def _warning(palette: QPalette) -> tuple[QColor, QColor]:
    """An amber that reads on light and dark themes: tinted background, readable foreground."""
    dark = palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5
    amber = QColor(214, 150, 30)
    fg = blend(amber, palette.color(QPalette.ColorRole.Text), 0.55 if dark else 0.7)
    if not dark:
        fg = fg.darker(135)
    return fg, blend(amber, palette.color(QPalette.ColorRole.Base), 0.14)


def _error(palette: QPalette) -> tuple[QColor, QColor]:
    red = QColor(190, 60, 50)
    return blend(red, palette.color(QPalette.ColorRole.Text), 0.6), blend(red, palette.color(QPalette.ColorRole.Base),
                                                                        0.12)


def pane_stylesheet(palette: QPalette) -> str:
    base = palette.color(QPalette.ColorRole.Base)
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.Text)
    highlight = palette.color(QPalette.ColorRole.Highlight)
    border = blend(text, base, 0.16).name()
    soft_border = blend(text, window, 0.10).name()
    muted = muted_text(palette).name()
    chosen_bg = blend(highlight, base, 0.12).name()
    hover_bg = blend(text, base, 0.04).name()
    chip_bg = blend(highlight, base, 0.08).name()
    warn_fg, warn_bg = (c.name() for c in _warning(palette))
    err_fg, err_bg = (c.name() for c in _error(palette))
    hl = highlight.name()
    return f"""
    CriterionCard, OverallFeedbackSection {{
        background: {base.name()}; border: 2px solid {soft_border}; border-radius: 8px;
    }}
    CriterionCard:focus {{ border: 2px solid {hl}; }}
    CriterionCard[active="true"] {{ border: 2px solid {blend(highlight, base, 0.45).name()}; }}
    CriterionCard[active="true"]:focus {{ border: 2px solid {hl}; }}
    QLabel[role="title"] {{ font-weight: 600; }}
    QLabel[role="muted"] {{ color: {muted}; }}
    QToolButton[role="muted"] {{
        color: {muted}; border: 1px solid transparent; border-radius: 4px; padding: 2px 6px; background: transparent;
    }}
    QToolButton[role="muted"]:hover {{ background: {hover_bg}; color: {text.name()}; }}
    QToolButton[role="muted"]:checked {{ background: transparent; }}
    QToolButton[role="muted"]:focus {{ border: 1px solid {hl}; color: {text.name()}; }}
    QLabel[role="level"] {{ color: {muted}; }}
    QLabel[role="level"][scored="true"] {{ color: {text.name()}; font-weight: 600; }}
    LevelOption {{ border: 2px solid {border}; border-radius: 6px; background: transparent; }}
    LevelOption:hover {{ background: {hover_bg}; }}
    LevelOption[chosen="true"] {{ border: 2px solid {hl}; background: {chosen_bg}; }}
    LevelOption[readOnly="true"]:hover {{ background: transparent; }}
    LevelOption[chosen="true"][readOnly="true"]:hover {{ background: {chosen_bg}; }}
    QLabel[role="key"] {{
        color: {muted}; border: 1px solid {border}; border-radius: 4px; padding: 0px 5px;
    }}
    QLabel[role="bar"] {{ color: {muted}; font-style: italic; }}
    QLabel[role="hint"] {{ color: {muted}; }}
    QLabel[role="hint"][warn="true"] {{ color: {warn_fg}; }}
    FeedbackEditor {{
        background: {base.name()}; border: 1px solid {border}; border-radius: 6px; padding: 2px;
    }}
    FeedbackEditor:focus {{ border: 2px solid {hl}; padding: 1px; }}
    FeedbackEditor[readOnly="true"] {{ background: {window.name()}; }}
    AnchorChip {{
        background: {chip_bg}; border: 1px solid {border}; border-radius: 10px; padding: 2px 10px;
        color: {text.name()};
    }}
    AnchorChip:hover {{ border-color: {hl}; }}
    AnchorChip:focus {{ border: 2px solid {hl}; padding: 1px 9px; }}
    PreviousAttemptView {{ border: none; border-left: 3px solid {border}; }}
    MasterScoreView {{ border: none; border-left: 3px solid {blend(highlight, base, 0.5).name()};
        background: {chip_bg}; }}
    MasterScoreView[agree="false"] {{ border-left: 3px solid {warn_fg}; }}
    QLabel[role="master"] {{ color: {text.name()}; }}
    CalibrationSummary {{ background: {chip_bg}; border: 1px solid {border}; border-radius: 6px; }}
    Banner {{ border-radius: 6px; border: 1px solid {border}; background: {window.name()}; }}
    Banner[tone="error"] {{ background: {err_bg}; border-color: {err_fg}; }}
    Banner[tone="error"] QLabel {{ color: {err_fg}; }}
    Banner[tone="warn"] {{ background: {warn_bg}; border-color: {warn_fg}; }}
    QLabel[role="status"] {{ color: {muted}; }}
    QLabel[role="status"][warn="true"] {{ color: {warn_fg}; }}
    QLabel[role="coverage"] {{ color: {muted}; }}
    QLabel[role="coverage"][warn="true"] {{ color: {warn_fg}; }}
    RecommendationBar {{ border-top: 1px solid {soft_border}; }}
    QLabel[role="recommendation"] {{ font-weight: 600; }}
    QLabel[role="override"] {{ color: {warn_fg}; }}
    """


def set_style_flag(widget: QWidget, name: str, value: object) -> None:
    """Set a dynamic property the stylesheet selects on, and re-polish so the change shows at once."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def apply_pane_style(pane: QWidget, editors: Iterable[QWidget]) -> None:
    """(Re)style the pane from its current palette; cheap to call again when the palette changes."""
    sheet = pane_stylesheet(pane.palette())
    if sheet != pane.styleSheet():
        pane.setStyleSheet(sheet)
    for editor in editors:  # style sheets cannot reach a text edit's placeholder colour
        palette = editor.palette()
        palette.setColor(QPalette.ColorRole.PlaceholderText, muted_text(pane.palette()))
        editor.setPalette(palette)
