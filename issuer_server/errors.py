"""Errors of the issuer's own operations (admin commands, program loading), phrased for the operator."""


class IssuerError(ValueError):
    """Something the operator asked for cannot be done; the message says why and what to do."""


class NotFound(IssuerError):
    """The named user, submission or assignment does not exist."""


class Conflict(IssuerError):
    """The request contradicts the current state (e.g. reviewing a revoked assignment)."""
