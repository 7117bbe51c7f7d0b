"""Progress reporting and cancelling for long services, knowing nothing of Qt."""

from __future__ import annotations

from collections.abc import Callable

from lowres_desktop.domain.errors import DomainError

ProgressCallback = Callable[[int, int, str], None]
"""Called with (done, total, what is happening now in Russian)."""

CancelCheck = Callable[[], bool]
"""Returns True once the user has asked to stop."""


class Cancelled(DomainError):
    def __init__(self) -> None:
        super().__init__("Операция отменена, ничего не записано.")


def no_progress(_done: int, _total: int, _message: str) -> None:
    """The default when nobody watches."""


def never_cancel() -> bool:
    return False


def check_cancel(cancel: CancelCheck) -> None:
    if cancel():
        raise Cancelled()
