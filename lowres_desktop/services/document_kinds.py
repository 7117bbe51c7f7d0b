"""The kinds of official documents the program writes: what each is called, needs and is issued as.

Apart from services/documents.py so that the command line can offer the
kinds in its parser without importing the document builders. A new kind is
one builder module under reports/, one entry in `INFO` here and one in
documents.py's `MAKERS` (a test checks that both name every kind).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

ORDER_TYPES = ("ПРИКАЗ", "РАСПОРЯЖЕНИЕ")
"""reports.model.DocumentType values, kept as text: that module draws charts and loads ReportLab."""
NOTE_TYPES = ("СПРАВКА",)


@dataclass(frozen=True)
class KindInfo:
    title: str
    needs: frozenset[str]
    """The parameters it is built from: «year», «profile», «roadmap», «round», «school»."""
    doc_types: tuple[str, ...]
    """What it may be issued as, the usual first: an order (with points) or a note (without)."""


class DocumentKind(StrEnum):
    LOW_RESULTS = "low-results"
    ROADMAP = "roadmap"
    PROGRAMME = "programme"
    MONITORING = "monitoring"
    PASSPORT = "passport"
    DYNAMICS = "dynamics"

    @property
    def info(self) -> KindInfo:
        return INFO[self]

    @property
    def title(self) -> str:
        return self.info.title

    @property
    def needs(self) -> frozenset[str]:
        return self.info.needs

    @property
    def doc_types(self) -> tuple[str, ...]:
        return self.info.doc_types

    @property
    def has_points(self) -> bool:
        """Orders have points the clerk edits; notes (the passport, the dynamics) have none."""
        return self.info.doc_types != NOTE_TYPES


INFO = {
    DocumentKind.LOW_RESULTS: KindInfo(
        "Приказ об итогах выявления школ с низкими результатами",
        frozenset({"year", "profile"}),
        ORDER_TYPES,
    ),
    DocumentKind.ROADMAP: KindInfo(
        "Приказ об утверждении «дорожной карты»", frozenset({"roadmap"}), ORDER_TYPES
    ),
    DocumentKind.PROGRAMME: KindInfo(
        "Приказ об утверждении программы (паспорт, актуальность, план)",
        frozenset({"roadmap", "year", "profile"}),
        ORDER_TYPES,
    ),
    DocumentKind.MONITORING: KindInfo("Приказ об итогах мониторинга", frozenset({"round"}), ORDER_TYPES),
    DocumentKind.PASSPORT: KindInfo(
        "Паспорт школы (справка к совещанию)", frozenset({"year", "profile", "school"}), NOTE_TYPES
    ),
    DocumentKind.DYNAMICS: KindInfo(
        "Справка о динамике списка ШНОР", frozenset({"year", "profile"}), NOTE_TYPES
    ),
}
