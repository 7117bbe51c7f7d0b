"""The PySide6 user interface: the only package (with `app.py`) that imports Qt.

Every way into the UI (the app, the tests) imports this package first, so the
guard against PySide6 6.12.0's reference bug on Python 3.11 is applied here,
before the UI makes any Qt call; see `qt_workarounds`.
"""

from lowres_desktop.ui.qt_workarounds import protect_singletons

protect_singletons()
