"""Opening the database the user chose: `--db`, `LOWRES_DB`, the default file or the demo."""

from __future__ import annotations

from lowres_desktop.paths import chosen_database, demo_database_path
from lowres_desktop.storage.audit import os_user_name
from lowres_desktop.storage.engine import display_target
from lowres_desktop.storage.unit_of_work import Database

__all__ = ["Database", "demo_database_target", "display_target", "open_database", "os_user_name"]


def open_database(target: str | None = None) -> Database:
    """Open (creating or upgrading) the chosen database; raises DomainError in Russian."""
    return Database.open(chosen_database(target))


def demo_database_target() -> str:
    return str(demo_database_path())
