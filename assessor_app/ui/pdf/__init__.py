"""The PDF pane. ``mupdf_renderer.PageRenderer`` makes every PyMuPDF call on one owner thread; the widgets here
(``pdf_pane.PdfPane`` and its parts) only draw its results. Import the modules directly; this package imports
nothing so that loading one part does not load MuPDF or the widgets.
"""
