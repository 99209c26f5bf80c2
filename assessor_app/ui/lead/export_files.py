"""Writing the lead's tables to CSV (one file, a section per table) or XLSX (a sheet per table), run on a worker.
The rows come from ``domain.lead_export``; this module only knows file formats."""

from __future__ import annotations

import csv
import os
from pathlib import Path

from assessor_app.domain.lead_export import Table, csv_rows


def write_tables(path: str | Path, tables: dict[str, Table]) -> Path:
    """Write ``tables`` to ``path``; the suffix (.csv or .xlsx) chooses the format. The file appears whole or not at
    all (written beside it, then renamed), so a failed export never leaves half a workbook behind."""
    target = Path(path)
    partial = target.with_name(f".{target.name}.partial")
    try:
        if target.suffix.lower() == ".xlsx":
            _write_xlsx(partial, tables)
        else:
            with partial.open("w", newline="", encoding="utf-8") as handle:
                csv.writer(handle).writerows(["" if v is None else v for v in row] for row in csv_rows(tables))
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def _write_xlsx(target: Path, tables: dict[str, Table]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for name, table in tables.items():
        sheet = book.create_sheet(name[:31])
        for row in table:
            sheet.append(list(row))
        for cell in sheet[1] if table else ():
            cell.font = Font(bold=True)
        for column in sheet.columns:
            width = max((len(str(c.value)) for c in column if c.value is not None), default=8)
            sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
    book.save(target)
