"""Turning the words under a rubber band into a citable quote with a little context.

The context (``prefix``/``suffix``) follows the W3C TextQuoteSelector: it lets a reader find the quote again
when the same words occur twice on a page. Pure Python over word strings, so it is testable without a PDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

CONTEXT_CHARS = 32


@dataclass(frozen=True, slots=True)
class Quote:
    exact: str
    prefix: str
    suffix: str


def quote_from_words(words: Sequence[str], selected: Sequence[int], context_chars: int = CONTEXT_CHARS) -> Quote:
    """``words`` in reading order, ``selected`` the indices under the selection (any order)."""
    if not selected:
        return Quote("", "", "")
    first, last = min(selected), max(selected)
    exact = " ".join(words[first:last + 1])
    before = " ".join(words[:first])
    after = " ".join(words[last + 1:])
    return Quote(exact, _tail(before, context_chars), _head(after, context_chars))


def _tail(text: str, limit: int) -> str:
    """The last ``limit`` characters or fewer, starting at a word boundary."""
    if len(text) <= limit:
        return text
    cut = text[-limit:]
    space = cut.find(" ")
    return cut[space + 1:] if space >= 0 else cut


def _head(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return cut[:space] if space > 0 else cut
