"""Stable ids of the demo credential's questions, shared by the credential builder and the content."""

from __future__ import annotations

CREDENTIAL_ID = "cfu-questioning"
CREDENTIAL_VERSION = "1.0"

Q_CONTEXT = "p1-context"
Q_OBJECTIVE = "p1-objective"
Q_VIDEO = "p2-video"
Q_WORK = "p2-student-work"
Q_CHART = "p2-chart"
Q_REFLECTION = "p3-reflection"
Q_NEXT = "p3-next-steps"

TEXT_QUESTIONS = (Q_CONTEXT, Q_OBJECTIVE, Q_REFLECTION, Q_NEXT)
