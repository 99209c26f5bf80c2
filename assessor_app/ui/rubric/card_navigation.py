"""Moving between criterion cards from the keyboard, and keeping whatever has focus in view.

Up/Down on a card and Ctrl+Up/Ctrl+Down anywhere in the pane go to the neighbouring card; focus entering a
card (or anything in it) scrolls it into view and outlines the card, so the assessor always sees where
the next digit will land.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from assessor_app.ui.rubric.criterion_card import CriterionCard


def card_containing(widget: QWidget | None) -> CriterionCard | None:
    while widget is not None and not isinstance(widget, CriterionCard):
        widget = widget.parentWidget()
    return widget


class CardNavigator(QObject):
    def __init__(self, pane: QWidget, scroll: QScrollArea, cards: list[CriterionCard],
                 on_focus: Callable[[QWidget], None]) -> None:
        super().__init__(pane)
        self._pane = pane
        self._scroll = scroll
        self._cards = cards
        self._on_focus = on_focus
        for card in cards:
            card.moveRequested.connect(lambda delta, c=card: self.move_from(c, delta))
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def move_from(self, card: CriterionCard, delta: int) -> None:
        index = max(0, min(len(self._cards) - 1, self._cards.index(card) + delta))
        self._cards[index].setFocus(Qt.FocusReason.OtherFocusReason)

    def move_from_focus(self, delta: int) -> None:
        card = card_containing(QApplication.focusWidget())
        if card is not None:
            self.move_from(card, delta)
        elif delta < 0:  # from the overall feedback, up goes to the last criterion
            self._cards[-1].setFocus(Qt.FocusReason.OtherFocusReason)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not self._pane.isAncestorOf(new):
            return
        holder = card_containing(new)
        for card in self._cards:
            card.set_active(card is holder and card is not new)
        self._on_focus(new)
        content = self._scroll.widget()
        if content is None or not content.isAncestorOf(new):
            return
        if new is holder and new.height() + 48 > self._scroll.viewport().height():
            # A card taller than the view: show its top (name and first levels), not its middle.
            top = new.mapTo(content, new.rect().topLeft()).y()
            self._scroll.verticalScrollBar().setValue(max(0, top - 8))
        else:
            self._scroll.ensureWidgetVisible(new, 0, 24)
