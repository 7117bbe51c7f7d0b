"""A second program for the concurrency tests: the real main window importing one file through its wizard.

    python -m tests.storage.gui_import DATABASE FILE [--wait-ms N] [--go-on-stdin]

The window is built offscreen as the application builds it, the import wizard is opened over
FILE and its «Далее» button pressed on every page until the last one, so the file is written
the way a user writes it (the wizard's task on the window's single write pool). With
`--go-on-stdin` the wizard stops before its last page, prints «ready» and waits for a line on
stdin, so that a test can start another writer at the same moment. What the last page shows is
printed as one JSON line, with the texts of any unexpected-error dialogs that opened.
`--wait-ms` shortens how long a write waits for the database, so a busy one is told in seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("database")
    parser.add_argument("file", type=Path)
    parser.add_argument("--wait-ms", type=int)
    parser.add_argument("--go-on-stdin", action="store_true")
    args = parser.parse_args()
    if args.wait_ms is not None:
        from lowres_desktop.storage import engine, unit_of_work

        engine.WRITE_WAIT_MS = args.wait_ms
        unit_of_work.RETRY_PAUSE_S = 0.05

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWizard

    from lowres_desktop.storage.unit_of_work import Database
    from lowres_desktop.ui.dialogs.error_dialog import ErrorDialog
    from lowres_desktop.ui.errors import install_excepthook
    from lowres_desktop.ui.main_window import MainWindow

    app = QApplication([sys.argv[0]])
    install_excepthook()
    db = Database.open(args.database)
    window = MainWindow(db)
    window.show()
    wizard = window.open_import_wizard([args.file])
    commit = wizard.commit_page
    deadline = time.monotonic() + 120
    waited_for_go = not args.go_on_stdin
    while not (wizard.currentPage() is commit and commit.isComplete()):
        if time.monotonic() > deadline:
            print(json.dumps({"stuck_on": type(wizard.currentPage()).__name__}), flush=True)
            return 2
        app.processEvents()
        time.sleep(0.02)
        page, next_button = wizard.currentPage(), wizard.button(QWizard.WizardButton.NextButton)
        if page is commit or not (page.isComplete() and next_button.isVisible() and next_button.isEnabled()):
            continue
        if wizard.page(wizard.nextId()) is commit and not waited_for_go:
            print("ready", flush=True)
            sys.stdin.readline()
            waited_for_go = True
        QTest.mouseClick(next_button, Qt.MouseButton.LeftButton)
    dialogs = [widget for widget in app.topLevelWidgets() if isinstance(widget, ErrorDialog)]
    errors = [dialog.ui.messageLabel.text() for dialog in dialogs]
    shown = {"headline": commit.headline.text(), "text": commit.text.toPlainText(), "error_dialogs": errors}
    print(json.dumps(shown, ensure_ascii=False), flush=True)
    window.operations.wait()
    wizard.close()
    window.close()
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
