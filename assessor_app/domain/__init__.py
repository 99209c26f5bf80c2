"""Pure-Python core: rubric, decision rules, submission, assignment states, score sheet, score events.

No Qt, SQL or HTTP here (an import-linter contract enforces it), so the rules can be tested and
reused by the CLI, the GUI and the reference issuer alike.
"""
