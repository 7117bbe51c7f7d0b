"""Use cases for official documents: build one from the database, render it, save it.

The UI and the CLI ask for a document by kind and parameters; this module
reads what it needs in one unit of work, hands plain records to the kind's
builder under `reports/`, and renders the result to PDF or DOCX.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from pathlib import Path

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.records import ProcedureKey, ProcedureKind
from lowres_desktop.domain.rule import RuleParameters
from lowres_desktop.reports import low_results_order
from lowres_desktop.reports.docx_renderer import render_docx
from lowres_desktop.reports.model import Document, parse_points
from lowres_desktop.reports.pdf_renderer import render_pdf
from lowres_desktop.services.identify_schools import identify_schools
from lowres_desktop.services.progress import (
    CancelCheck,
    ProgressCallback,
    check_cancel,
    never_cancel,
    no_progress,
)
from lowres_desktop.services.requisites import load_requisites
from lowres_desktop.storage.unit_of_work import Database


class DocumentKind(StrEnum):
    LOW_RESULTS = "low-results"

    @property
    def title(self) -> str:
        return _TITLES[self]


_TITLES = {
    DocumentKind.LOW_RESULTS: "Приказ об итогах выявления школ с низкими результатами",
}


@dataclass(frozen=True)
class DocumentRequest:
    """What the user chose: the kind, its parameters, the registration data and edited points."""

    kind: DocumentKind
    year: int | None = None
    threshold: float = RuleParameters().threshold
    issued: date | None = None
    number: str = ""
    points_text: str | None = None
    """The points as the user edited them; None keeps the program's proposal."""


def build_document(
    db: Database,
    request: DocumentRequest,
    progress: ProgressCallback = no_progress,
    cancel: CancelCheck = never_cancel,
) -> Document:
    """The document for `request`, from the data in the database."""
    progress(0, 2, "Чтение данных…")
    requisites = load_requisites(db)
    if request.kind is DocumentKind.LOW_RESULTS:
        document = _low_results(db, request, requisites)
    else:
        raise DomainError(f"Документ «{request.kind}» пока не поддерживается.")
    check_cancel(cancel)
    progress(1, 2, "Документ собран")
    if request.points_text is not None:
        points = parse_points(request.points_text)
        if not points:
            raise DomainError("В приказе должен быть хотя бы один пункт.")
        document = replace(document, points=points)
    return document


def _require_year(db: Database, request: DocumentRequest) -> int:
    if request.year is not None:
        return request.year
    with db.unit_of_work() as uow:
        years = uow.results.years()
    if not years:
        raise DomainError("В базе нет результатов: сначала импортируйте их.")
    return years[-1]


def _low_results(db: Database, request: DocumentRequest, requisites) -> Document:  # type: ignore[no-untyped-def]
    year = _require_year(db, request)
    params = RuleParameters(threshold=request.threshold)
    found = identify_schools(db, year, params)
    if found.schools_total == 0:
        raise DomainError("В базе нет школ: сначала импортируйте результаты.")
    years = range(year - params.years_each + 1, year + 1)
    with db.unit_of_work() as uow:
        results = uow.results.for_years(years)
    flagged_logins = {f.school.login for f in found.flagged}
    procedures = sorted({r.procedure for r in results if params.counts(r.procedure)}, key=procedure_order)
    data = low_results_order.LowResultsData(
        year=year,
        params=params,
        flagged=[(f.school, f.verdict) for f in found.flagged],
        schools_total=found.schools_total,
        procedures=procedures,
        results=[r for r in results if r.login in flagged_logins],
    )
    return low_results_order.build(data, requisites, request.issued, request.number)


def procedure_order(procedure: ProcedureKey) -> tuple[int, str, int]:
    """ВПР, ОГЭ, ЕГЭ, then the rest, as the seeds' tables list them; by subject and grade within."""
    kinds = [ProcedureKind.VPR, ProcedureKind.OGE, ProcedureKind.EGE, ProcedureKind.NIKO, ProcedureKind.OTHER]
    return (kinds.index(procedure.kind), procedure.subject, procedure.grade or 0)


def render(document: Document, fmt: str) -> bytes:
    """`fmt` is «pdf» or «docx»."""
    if fmt == "pdf":
        return render_pdf(document)
    if fmt == "docx":
        return render_docx(document)
    raise DomainError(f"Неизвестный формат «{fmt}»: укажите файл .pdf или .docx.")


def save_document(document: Document, path: Path) -> Path:
    """Write the document in the format its file name asks for."""
    fmt = path.suffix.lower().lstrip(".")
    data = render(document, fmt)
    try:
        path.write_bytes(data)
    except OSError as error:
        raise DomainError(f"Не удалось записать файл «{path}»: {error.strerror or error}.") from error
    return path
