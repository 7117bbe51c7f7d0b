"""What every tab of «Анализ» shares: the year and profile it shows, its loader, its failures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from lowres_desktop.ui.errors import show_error
from lowres_desktop.ui.tasks import Loader

if TYPE_CHECKING:
    from lowres_desktop.domain.profiles import RuleProfile
    from lowres_desktop.storage.unit_of_work import Database
    from lowres_desktop.ui.app_context import AppContext


@dataclass(frozen=True)
class AnalysisScope:
    """The page's choice every tab reads for: one database, year and rule profile."""

    db: Database
    year: int
    profile: RuleProfile
    background: bool
    """A large database: read off the GUI thread, so the window never freezes."""


class AnalysisTab(QWidget):
    """One tab: read for a scope when the page asks (the tab on screen first), shown when it lands."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.loader = Loader(self)
        self.scope: AnalysisScope | None = None
        """What the tab shows or is reading: its buttons act on this year and profile."""

    def load(self, scope: AnalysisScope) -> None:
        """Start reading the tab's data for `scope`; in the background for a large database."""
        raise NotImplementedError

    def _on_load_failed(self, error: BaseException) -> None:
        show_error(self, error)
