"""PySide6 views, Qt item models and workers. Only this package imports Qt."""
