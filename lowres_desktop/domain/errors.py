"""Expected problems, each with a Russian message the UI and the CLI show as it is."""

from __future__ import annotations


class DomainError(Exception):
    """A problem the user can understand and fix; `str()` is the Russian message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
