"""Demo sign-ins. These passwords are public on purpose: they exist only in the local demo program."""

from __future__ import annotations

from typing import Any

DEMO_ASSESSOR = ("demo", "demo-desk-2026")
SECOND_ASSESSOR = ("morgan", "second-read-2026")
DEMO_LEAD = ("lead", "lead-desk-2026")
DEMO_AUDITOR = ("auditor", "audit-desk-2026")
DEMO_ADMIN = ("admin", "admin-desk-2026")

_PEOPLE: tuple[tuple[tuple[str, str], str, tuple[str, ...]], ...] = (
    (DEMO_ASSESSOR, "Demo Assessor", ("assessor",)),
    (SECOND_ASSESSOR, "Morgan (second assessor)", ("assessor",)),
    (DEMO_LEAD, "Lead Assessor", ("lead",)),
    (DEMO_AUDITOR, "Programme Auditor", ("auditor",)),
    (DEMO_ADMIN, "Issuer Administrator", ("admin",)),
)


def users() -> list[dict[str, Any]]:
    """The ``users`` array of program.json."""
    return [
        {"username": name, "password": password, "display_name": display, "roles": list(roles)}
        for (name, password), display, roles in _PEOPLE
    ]
