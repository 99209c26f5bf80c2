"""HTTP routes of the sync API, one module per area; each route is a plain ``def`` so blocking database
work runs in FastAPI's thread pool."""
