"""Stepping through search hits: which hit is current, where to start, what one page shows.

Pure logic over ``(page_index, rect)`` pairs in reading order, kept apart from the pane so the wrap-around and
"start from the page I am on" rules are easy to read and test.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF


class HitCursor:
    def __init__(self, needle: str, hits: tuple[tuple[int, QRectF], ...]) -> None:
        self.needle = needle
        self._hits = hits
        self.current: int | None = None  # 0-based index into all hits

    @property
    def total(self) -> int:
        return len(self._hits)

    def start_at(self, page_index: int, forward: bool = True) -> int | None:
        """The first hit on or after ``page_index`` (before it, going backwards), wrapping around."""
        if not self._hits:
            self.current = None
            return None
        if forward:
            self.current = next((i for i, (p, _) in enumerate(self._hits) if p >= page_index), 0)
        else:
            self.current = next((i for i in reversed(range(self.total)) if self._hits[i][0] <= page_index),
                                self.total - 1)
        return self.current

    def step(self, forward: bool) -> int | None:
        if not self._hits:
            return None
        if self.current is None:
            self.current = 0 if forward else self.total - 1
        else:
            self.current = (self.current + (1 if forward else -1)) % self.total
        return self.current

    def page_of_current(self) -> int | None:
        return None if self.current is None else self._hits[self.current][0]

    def on_page(self, page_index: int) -> tuple[list[QRectF], int | None]:
        """The hit rects on one page and which of them (if any) is the current hit."""
        rects: list[QRectF] = []
        current: int | None = None
        for i, (page, rect) in enumerate(self._hits):
            if page == page_index:
                if i == self.current:
                    current = len(rects)
                rects.append(rect)
        return rects, current
