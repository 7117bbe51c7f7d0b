"""The import wizard: one module per page, `wizard.py` holding the wizard and the state of each file."""

from __future__ import annotations

from lowres_desktop.ui.dialogs.import_wizard.wizard import FileState, ImportWizard

__all__ = ["FileState", "ImportWizard"]
