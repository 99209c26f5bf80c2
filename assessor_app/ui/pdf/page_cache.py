"""A least-recently-used cache of rendered pages, bounded by bytes (pages at high zoom are large).

Used only on the renderer's owner thread, so it needs no lock. ``QImage`` is implicitly shared: handing a
cached image to the GUI thread copies nothing.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtGui import QImage

CacheKey = tuple[int, int, float, int]  # doc id, 0-based page, scale, rotation


class PageImageCache:
    def __init__(self, max_bytes: int) -> None:
        self._max_bytes = max_bytes
        self._bytes = 0
        self._images: OrderedDict[CacheKey, QImage] = OrderedDict()

    def __contains__(self, key: CacheKey) -> bool:
        return key in self._images

    def __len__(self) -> int:
        return len(self._images)

    def get(self, key: CacheKey) -> QImage | None:
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
        return image

    def put(self, key: CacheKey, image: QImage) -> None:
        old = self._images.pop(key, None)
        if old is not None:
            self._bytes -= old.sizeInBytes()
        self._images[key] = image
        self._bytes += image.sizeInBytes()
        while self._bytes > self._max_bytes and len(self._images) > 1:
            _, evicted = self._images.popitem(last=False)
            self._bytes -= evicted.sizeInBytes()

    def drop_document(self, doc_id: int) -> None:
        for key in [k for k in self._images if k[0] == doc_id]:
            self._bytes -= self._images.pop(key).sizeInBytes()

    def clear(self) -> None:
        self._images.clear()
        self._bytes = 0
