"""Why a submitted sheet changed. A change after submit must say why, starting with one of these codes
(``"adjudication: criteria 2 and 3 resolved with the second read"``), so an auditor can group and count
post-submit changes without reading free text."""

from __future__ import annotations

REASON_CODES: dict[str, str] = {
    "returned-for-rescoring": "The issuer returned the sheet to its assessor for rescoring.",
    "adjudication": "A lead assessor resolved a disagreement between two reads.",
    "appeal": "The teacher appealed the decision and the score was reviewed.",
    "data-entry-correction": "A level or text was recorded by mistake and is corrected.",
    "issuer-correction": "The issuer corrected the record (for example a wrong rubric version).",
}


def reason_code(reason: str | None) -> str | None:
    """The code a reason starts with (before the first ``:``), if it is a known one."""
    if not reason:
        return None
    code = reason.split(":", 1)[0].strip().lower()
    return code if code in REASON_CODES else None


def post_submit_reason_problem(reason: str | None) -> str | None:
    """``None`` if ``reason`` may justify a change to a submitted sheet, else what is wrong, for people."""
    if reason_code(reason) is not None:
        return None
    codes = ", ".join(REASON_CODES)
    if not (reason or "").strip():
        return f"This sheet was submitted; a change now needs a reason starting with a reason code ({codes})."
    return f"The reason {reason!r} does not start with a reason code ({codes}), as a change to a submitted sheet must."
