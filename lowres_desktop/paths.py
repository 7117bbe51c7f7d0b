"""Where the program's bundled folders and the user's data live.

The folders `db/`, `resources/` and `forms/` sit at the top of a source
checkout, inside the package as `_bundled/` in an installed wheel, and under
`sys._MEIPASS` in a frozen build; everything else asks this module.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "lowres-desktop"
APP_AUTHOR = "lowres"
DB_ENV_VAR = "LOWRES_DB"

_PACKAGE_DIR = Path(__file__).resolve().parent


def _bundled_root() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    inside_wheel = _PACKAGE_DIR / "_bundled"
    if inside_wheel.is_dir():
        return inside_wheel
    return _PACKAGE_DIR.parent


def migrations_dir() -> Path:
    return _bundled_root() / "db"


def resources_dir() -> Path:
    return _bundled_root() / "resources"


def forms_dir() -> Path:
    return _bundled_root() / "forms"


def user_data_dir() -> Path:
    # Imported here: a command given its database (`--db`) does not pay for platformdirs (and tempfile).
    import platformdirs

    path = Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return user_data_dir() / "lowres.sqlite"


def demo_database_path() -> Path:
    return user_data_dir() / "demo.sqlite"


def backups_dir() -> Path:
    path = user_data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def chosen_database(cli_value: str | None) -> str:
    """The database the user asked for: `--db`, else `LOWRES_DB`, else the default file."""
    if cli_value:
        return cli_value
    from_env = os.environ.get(DB_ENV_VAR)
    if from_env:
        return from_env
    return str(default_database_path())
