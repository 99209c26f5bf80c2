"""How long each page was on screen: the evidence that an assessor looked at every page.

Time counts only while a page is drawn *and* the pane is visible (a hidden tab or a closed window is not
reading). The clock is injected so tests step it instead of sleeping. Pure Python; the pane feeds it events.
"""

from __future__ import annotations

from collections.abc import Callable


class PageCoverage:
    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._seconds: dict[int, float] = {}
        self._page: int | None = None
        self._visible = False
        self._since: float | None = None

    def reset(self) -> None:
        self._seconds.clear()
        self._page, self._since = None, None

    def show_page(self, page: int | None) -> bool:
        """The page now drawn (1-based), or None; returns True if the figures changed."""
        if page == self._page:
            return False
        self._close_interval()
        self._page = page
        if page is not None:
            self._seconds.setdefault(page, 0.0)
        self._open_interval()
        return True

    def set_visible(self, visible: bool) -> bool:
        if visible == self._visible:
            return False
        self._close_interval()
        self._visible = visible
        self._open_interval()
        return True

    def seconds(self) -> dict[int, float]:
        """Seconds per page so far, including the page on screen right now."""
        result = dict(self._seconds)
        if self._page is not None and self._since is not None:
            result[self._page] = result.get(self._page, 0.0) + max(0.0, self._clock() - self._since)
        return result

    def _open_interval(self) -> None:
        self._since = self._clock() if self._visible and self._page is not None else None

    def _close_interval(self) -> None:
        if self._page is not None and self._since is not None:
            self._seconds[self._page] = self._seconds.get(self._page, 0.0) + max(0.0, self._clock() - self._since)
        self._since = None
