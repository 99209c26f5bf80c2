"""Instants as the audit view shows them: UTC to the millisecond; the RFC 3339 value in tooltips and exports."""

from __future__ import annotations

from assessor_app.domain.clock import parse_instant


def short_time(text: str | None) -> str:
    """``2026-11-18T08:00:05.120Z`` -> ``2026-11-18 08:00:05.120`` (milliseconds kept: they order a quick
    sequence of edits, and set a device's time apart from the issuer's receipt); blank stays blank."""
    if not text:
        return ""
    try:
        moment = parse_instant(text)
        return moment.strftime("%Y-%m-%d %H:%M:%S.") + f"{moment.microsecond // 1000:03d}"
    except ValueError:
        return text
