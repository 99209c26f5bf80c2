"""Errors the domain raises. Each says what is wrong in words a person can act on."""


class DomainError(ValueError):
    """A rule of the domain was broken; the message is meant for the user."""


class IllegalTransition(DomainError):
    """An assignment was asked to move between two states that have no legal edge."""


class UnknownLevel(DomainError):
    """A level id that does not belong to the criterion (or the rubric version) was used."""


class SheetLocked(DomainError):
    """The score sheet was submitted; further changes need a post-submit reason."""
