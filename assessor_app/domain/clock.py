"""Time as the sync API writes it: RFC 3339, UTC, milliseconds (``2026-11-23T13:27:32.123Z``)."""

from __future__ import annotations

from datetime import UTC, datetime


def format_instant(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("Instants must be timezone-aware.")
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def parse_instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def utc_now() -> str:
    return format_instant(datetime.now(UTC))
