"""Exporting score histories: CSV for people (one row per timeline row, in the rubric's words), JSON for
machines (the issuer's history documents unchanged, so anyone can re-check them against the log).

CSV columns, in order (UTF-8, header row, RFC 4180 quoting):

    submission_id, assignment_id, kind (score-event | decision | review), log_index, who, device,
    device_time, received_at, rubric_version, field (raw path), field_label, old, new, reason, event_id

``device`` is "<device id> #<device sequence number>"; times are RFC 3339 UTC; ``old``/``new`` are in the
rubric's words (level names, Earned / Not Yet).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence

from assessor_app.domain.audit_history import History
from assessor_app.domain.audit_timeline import timeline
from assessor_app.domain.clock import utc_now

JSON_FORMAT = "assessors-desk audit history v1"
CSV_COLUMNS = ("submission_id", "assignment_id", "kind", "log_index", "who", "device", "device_time", "received_at",
               "rubric_version", "field", "field_label", "old", "new", "reason", "event_id")


def history_csv(histories: Iterable[History]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for history in histories:
        for row in timeline(history):
            writer.writerow([history.submission_id, row.assignment_id, row.kind,
                             "" if row.log_index is None else row.log_index, row.who, row.device,
                             row.device_time or "", row.server_time or "", row.rubric_version, row.field, row.label,
                             row.old, row.new, row.reason, row.event_id or ""])
    return out.getvalue()


def history_json(histories: Sequence[History], exported_at: str | None = None) -> str:
    document = {"format": JSON_FORMAT, "exported_at": exported_at or utc_now(),
                "submissions": [dict(h.raw) for h in histories]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def export_text(histories: Sequence[History], fmt: str) -> str:
    """The export in ``fmt`` (``csv`` or ``json``)."""
    if fmt == "csv":
        return history_csv(histories)
    if fmt == "json":
        return history_json(histories)
    raise ValueError(f"Unknown export format {fmt!r}: use csv or json.")
