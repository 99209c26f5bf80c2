"""Calibration of assessors: when two reads disagree enough to need a lead, whether an assessor qualifies on a
calibration set, and how severe or lenient an assessor scores against a reference, over time.

Pure Python over the rubric's ordered levels: a "step" is one place in a criterion's level order.
"""

from assessor_app.domain.calibration.discrepancy import Discrepancy, DiscrepancyRule
from assessor_app.domain.calibration.qualification import QualificationResult, QualificationRule
from assessor_app.domain.calibration.severity import DriftPoint, Read, Severity, drift, severity

__all__ = [
    "Discrepancy",
    "DiscrepancyRule",
    "DriftPoint",
    "QualificationResult",
    "QualificationRule",
    "Read",
    "Severity",
    "drift",
    "severity",
]
