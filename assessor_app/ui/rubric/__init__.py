"""The rubric pane: the right half of the scoring view, where the assessor chooses levels and writes feedback.

``RubricPane`` is the only public widget; the other modules are its parts (cards, editors, popups) and the
``SheetSession`` that carries every edit to the store's single writer.
"""

from assessor_app.ui.rubric.pane import RubricPane

__all__ = ["RubricPane"]
