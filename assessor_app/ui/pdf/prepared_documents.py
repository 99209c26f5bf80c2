"""PDFs opened ahead of time, their first page already rendered into the renderer's page cache.

The scoring view names the PDFs the assessor is likely to open next (the neighbouring submissions'). Each is
opened on the renderer's owner thread as the pane would open it, and once its page sizes are known its first
page is rendered at the scale the pane would ask for, at prefetch priority (after everything on screen), which
leaves it in the page cache. When the pane then loads that file it takes the open document over, and its first
render is a cache hit. When the view's size, zoom or rotation changes (or the pane is first shown), the first
pages are rendered again to match. A document the pane lets go of is kept the same way (going back to it is
instant). A document no longer wanted is closed, which also frees its cached pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QObject

from assessor_app.ui.pdf.mupdf_renderer import PRIORITY_PREFETCH, PageRenderer
from assessor_app.ui.pdf.render_results import DocumentInfo, RenderedPage, RenderFailure

ScaleFor = Callable[[DocumentInfo], tuple[float, int]]  # the (scale, rotation) the pane would render page 1 at


@dataclass(frozen=True)
class PreparedDocument:
    request_id: int  # of the open request: the pane waits for it when ``info`` has not arrived yet
    doc_id: int
    info: DocumentInfo | None = None
    warm_request: int | None = None  # the first page's render
    warm_for: tuple[float, int] | None = None  # at this (scale, rotation)
    first_page: RenderedPage | None = None  # its result: in the cache too, and ready to draw at once

    @property
    def warm(self) -> bool:
        return self.first_page is not None


class PreparedDocuments(QObject):
    def __init__(self, renderer: PageRenderer, scale_for: ScaleFor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._renderer = renderer
        self._scale_for = scale_for
        self._prepared: dict[Path, PreparedDocument] = {}
        renderer.opened.connect(self._on_opened)
        renderer.rendered.connect(self._on_rendered)
        renderer.failed.connect(self._on_failed)

    @property
    def paths(self) -> tuple[Path, ...]:
        return tuple(self._prepared)

    def prepare(self, paths: Iterable[Path]) -> None:
        """Keep exactly these files prepared: open the new ones, close the ones no longer wanted."""
        wanted = [Path(p) for p in dict.fromkeys(paths)]
        for path in [p for p in self._prepared if p not in wanted]:
            self._renderer.close(self._prepared.pop(path).doc_id)
        for path in wanted:
            if path not in self._prepared and path.is_file():
                request_id, doc_id = self._renderer.open(path)
                self._prepared[path] = PreparedDocument(request_id, doc_id)

    def keep(self, info: DocumentInfo, shown: RenderedPage | None) -> None:
        """Hold on to a document the pane opened and now lets go of, as if prepared for its file; ``shown`` is the
        page it last drew (page 1 at today's scale is kept as is, else it is rendered again)."""
        if info.path in self._prepared:
            self._renderer.close(info.doc_id)
            return
        prepared = PreparedDocument(info.request_id, info.doc_id, info)
        if shown is not None and shown.page_index == 0 and (shown.scale, shown.rotation) == self._scale_for(info):
            self._prepared[info.path] = replace(prepared, warm_for=(shown.scale, shown.rotation), first_page=shown)
        else:
            self._warm(info.path, prepared, info)

    def take(self, path: Path) -> PreparedDocument | None:
        """The document prepared for ``path``, now the caller's to show and close; None if there is none."""
        return self._prepared.pop(Path(path), None)

    def is_ready(self, path: Path) -> bool:
        """``path`` is open and its first page is in the cache."""
        prepared = self._prepared.get(Path(path))
        return prepared is not None and prepared.warm

    def refresh(self) -> None:
        """The pane's size, zoom or rotation changed: render again the first pages that no longer fit it."""
        for path, prepared in list(self._prepared.items()):
            if prepared.info is not None and prepared.warm_for != self._scale_for(prepared.info):
                self._warm(path, prepared, prepared.info)

    def clear(self) -> None:
        for prepared in self._prepared.values():
            self._renderer.close(prepared.doc_id)
        self._prepared.clear()

    def _on_opened(self, info: DocumentInfo) -> None:
        for path, prepared in self._prepared.items():
            if prepared.request_id == info.request_id:
                self._warm(path, prepared, info)
                return

    def _warm(self, path: Path, prepared: PreparedDocument, info: DocumentInfo) -> None:
        scale, rotation = self._scale_for(info)
        request = self._renderer.render(info.doc_id, 0, scale, rotation, priority=PRIORITY_PREFETCH)
        self._prepared[path] = replace(prepared, info=info, warm_request=request, warm_for=(scale, rotation),
                                       first_page=None)

    def _on_rendered(self, result: RenderedPage) -> None:
        for path, prepared in self._prepared.items():
            if prepared.warm_request == result.request_id:
                self._prepared[path] = replace(prepared, first_page=result)
                return

    def _on_failed(self, failure: RenderFailure) -> None:
        """A file that cannot be opened is not kept: loading it later reports the problem as usual."""
        for path, prepared in list(self._prepared.items()):
            if prepared.request_id == failure.request_id and failure.fatal:
                del self._prepared[path]
