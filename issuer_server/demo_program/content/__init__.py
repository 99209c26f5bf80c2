"""Prose content of the demo program: the credential text and twelve pseudonymous teachers' submissions.

Import ``ALL_CASES`` from ``issuer_server.demo_program.cases``; this package only holds the text.
"""
