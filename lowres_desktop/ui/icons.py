"""Icons shipped in `resources/icons`, found through `paths` in a checkout, a wheel or a build."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from lowres_desktop.paths import resources_dir


def app_icon() -> QIcon:
    return QIcon(str(resources_dir() / "icons" / "app.svg"))
