"""The kinds of official documents the program writes, with their titles.

Apart from services/documents.py so that the command line can offer the
kinds in its parser without importing the document builders.
"""

from __future__ import annotations

from enum import StrEnum


class DocumentKind(StrEnum):
    LOW_RESULTS = "low-results"
    ROADMAP = "roadmap"
    MONITORING = "monitoring"
    PASSPORT = "passport"
    DYNAMICS = "dynamics"

    @property
    def title(self) -> str:
        return _TITLES[self]

    @property
    def has_points(self) -> bool:
        """Orders have points the clerk edits; notes (the passport, the dynamics) have none."""
        return self in (DocumentKind.LOW_RESULTS, DocumentKind.ROADMAP, DocumentKind.MONITORING)


_TITLES = {
    DocumentKind.LOW_RESULTS: "Приказ об итогах выявления школ с низкими результатами",
    DocumentKind.ROADMAP: "Приказ об утверждении «дорожной карты»",
    DocumentKind.MONITORING: "Приказ об итогах мониторинга",
    DocumentKind.PASSPORT: "Паспорт школы (справка к совещанию)",
    DocumentKind.DYNAMICS: "Справка о динамике списка ШНОР",
}
