"""Use cases for official documents: build one from the database, render it, save it, register it.

`Document`, `Basis` and the points' text helpers are re-exported for the UI,
which edits the proposed basis and never reaches below the services.

The UI and the CLI ask for a document by kind and parameters (document_kinds.py
says what each kind needs); `MAKERS` holds, for each kind, the function that
reads the data for its reports/ builder and the one that proposes its points
cheaply. The clerk's basis (type, issuing body, grounds, points, control, executor) is
applied last; a printed or saved document is registered with its basis and
its PDF, so a reprint is the same paper.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from pathlib import Path

from lowres_desktop.domain.categories import Category
from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.mentors import SchoolProfile
from lowres_desktop.domain.monitoring import Status
from lowres_desktop.domain.profiles import RuleProfile
from lowres_desktop.domain.records import ProcedureKey, ProcedureKind
from lowres_desktop.domain.roadmaps import RoadmapLevel, numbered_items
from lowres_desktop.files.atomic import write_bytes_atomic
from lowres_desktop.reports import (
    dynamics_report,
    low_results_order,
    monitoring_order,
    programme_order,
    roadmap_order,
    school_passport,
)
from lowres_desktop.reports.model import (
    Basis,
    Document,
    DocumentType,
    Point,
    Requisites,
    apply_basis,
    control_point,
    parse_points,
    points_text,
    split_control,
)
from lowres_desktop.reports.pdf_renderer import render_pdf
from lowres_desktop.services.categories import categories_for_year, school_category_years
from lowres_desktop.services.chart_series import dashboard, school_charts
from lowres_desktop.services.document_kinds import DocumentKind
from lowres_desktop.services.dynamics import dynamics_for_year
from lowres_desktop.services.identify_schools import identify_schools
from lowres_desktop.services.monitoring import STATUS_WORDS, list_rounds, round_summary, schools_phrase
from lowres_desktop.services.progress import (
    CancelCheck,
    ProgressCallback,
    check_cancel,
    never_cancel,
    no_progress,
)
from lowres_desktop.services.requisites import load_requisites
from lowres_desktop.services.roadmaps import item_states, load_roadmap, roadmap_document
from lowres_desktop.services.rule_profiles import chosen_profile
from lowres_desktop.services.school_profiles import problem_types, school_profile, school_profiles
from lowres_desktop.storage.documents_repository import IssuedDocument
from lowres_desktop.storage.unit_of_work import Database
from lowres_desktop.wording.analysis import categories_text, profile_title
from lowres_desktop.wording.common import years_phrase

__all__ = [
    "Basis",
    "Document",
    "DocumentKind",
    "DocumentRequest",
    "DocumentType",
    "IssuedDocument",
    "build_document",
    "control_point",
    "issue_document",
    "issued_documents",
    "parse_points",
    "points_text",
    "proposed_basis",
    "reissue",
    "render",
    "save_document",
    "split_control",
]


@dataclass(frozen=True)
class DocumentRequest:
    """What the user chose: the kind, its parameters, the registration data and edited points."""

    kind: DocumentKind
    year: int | None = None
    profile: str | None = None
    """The rule profile's name; None takes the database's current profile."""
    threshold: float | None = None
    """Overrides the profile's thresholds (`lowres report --threshold`)."""
    issued: date | None = None
    number: str = ""
    basis: Basis | None = None
    """The clerk's basis; None keeps the program's proposal, and so do its points when None."""
    roadmap_id: int | None = None
    """For the roadmap order; None takes the first municipal roadmap."""
    round_id: int | None = None
    """For the monitoring order; None takes the latest round."""
    login: str | None = None
    """For the school passport."""


def build_document(
    db: Database,
    request: DocumentRequest,
    progress: ProgressCallback = no_progress,
    cancel: CancelCheck = never_cancel,
) -> Document:
    """The document for `request`, from the data in the database."""
    progress(0, 2, "Чтение данных…")
    requisites = load_requisites(db)
    build, _propose = MAKERS[request.kind]
    document = build(db, request, requisites)
    check_cancel(cancel)
    progress(1, 2, "Документ собран")
    points, control = split_control(document.points)
    basis = request.basis
    if basis is None:
        executor = _executor(requisites)
        basis = Basis(document.doc_type, requisites.authority_lines, "", points, control, executor)
    elif basis.points is None:
        basis = replace(basis, points=points)
    if basis.doc_type.has_points and request.kind.has_points and not (basis.points or basis.control.strip()):
        raise DomainError(f"В документе «{basis.doc_type.title}» должен быть хотя бы один пункт.")
    return replace(apply_basis(document, basis), basis=basis)


def _executor(requisites: Requisites) -> str:
    return "\n".join(line for line in (requisites.executor_name, requisites.executor_phone) if line)


def proposed_basis(db: Database, request: DocumentRequest) -> Basis:
    """The basis the program proposes for `request`, without building the document itself.

    The editor shows it as soon as the page opens or the kind changes; the
    order's tables (for a country, thousands of schools read and checked) wait
    for the preview. A note has no points.
    """
    requisites = load_requisites(db)
    doc_type = request.basis.doc_type if request.basis else DocumentType(request.kind.doc_types[0])
    _build, propose = MAKERS[request.kind]
    points, control = split_control(propose(db, request)) if propose else ((), "")
    if control:
        control = control_point(doc_type)
    return Basis(doc_type, requisites.authority_lines, "", points, control, _executor(requisites))


def _propose_low_results(db: Database, request: DocumentRequest) -> tuple[Point, ...]:
    year = _require_year(db, request)
    return low_results_order.proposed_points(_profile(db, request).years(year))


def _propose_roadmap(db: Database, request: DocumentRequest) -> tuple[Point, ...]:
    return roadmap_order.proposed_points(roadmap_document(db, _roadmap_id(db, request)))


def _propose_monitoring(db: Database, request: DocumentRequest) -> tuple[Point, ...]:
    return monitoring_order.proposed_points(round_summary(db, _round_id(db, request)), schools_phrase)


def _require_year(db: Database, request: DocumentRequest) -> int:
    if request.year is not None:
        return request.year
    with db.unit_of_work() as uow:
        years = uow.results.years()
    if not years:
        raise DomainError("В базе нет результатов: сначала импортируйте их.")
    return years[-1]


def _profile(db: Database, request: DocumentRequest) -> RuleProfile:
    return chosen_profile(db, request.profile, request.threshold)


def _low_results(db: Database, request: DocumentRequest, requisites: Requisites) -> Document:
    return low_results_order.build(_low_results_data(db, request), requisites, request.issued, request.number)


def _low_results_data(db: Database, request: DocumentRequest) -> low_results_order.LowResultsData:
    year = _require_year(db, request)
    profile = _profile(db, request)
    found = identify_schools(db, year, profile)
    if found.schools_total == 0:
        raise DomainError(
            f"Нет школ с результатами за {years_phrase(found.years)}: выберите другой год или "
            "импортируйте результаты."
        )
    years = found.years
    with db.unit_of_work() as uow:
        results = uow.results.for_schools(found.logins(), years)
        present = uow.results.procedures_in(years)
    procedures = sorted((p for p in present if profile.counts(p)), key=procedure_order)
    return low_results_order.LowResultsData(
        year=year,
        profile=profile,
        flagged=[(f.school, f.verdict) for f in found.flagged],
        schools_total=found.schools_total,
        procedures=procedures,
        results=results,
        schools_without_results=found.schools_without_results,
    )


def _programme(db: Database, request: DocumentRequest, requisites: Requisites) -> Document:
    """Seed 002: the programme's plan with its passport and the identification it answers."""
    roadmap = roadmap_document(db, _roadmap_id(db, request))
    data = _low_results_data(db, request)
    issued = request.issued or roadmap.order.date
    return programme_order.build(roadmap, data, requisites, issued, request.number or roadmap.order.number)


def _propose_programme(db: Database, request: DocumentRequest) -> tuple[Point, ...]:
    return programme_order.proposed_points(roadmap_document(db, _roadmap_id(db, request)))


def _roadmap_id(db: Database, request: DocumentRequest) -> int:
    if request.roadmap_id is not None:
        return request.roadmap_id
    with db.unit_of_work() as uow:
        listings = uow.roadmaps.listing()
    municipal = [r for r in listings if r.level is RoadmapLevel.MUNICIPAL] or listings
    if not municipal:
        raise DomainError("В базе нет «дорожных карт»: создайте или импортируйте план мероприятий.")
    return municipal[0].id


def _roadmap(db: Database, request: DocumentRequest, requisites: Requisites) -> Document:
    roadmap = roadmap_document(db, _roadmap_id(db, request))
    issued = request.issued or roadmap.order.date
    number = request.number or roadmap.order.number
    return roadmap_order.build(roadmap, requisites, issued, number)


def _round_id(db: Database, request: DocumentRequest) -> int:
    if request.round_id is not None:
        return request.round_id
    rounds = [r.round for r in list_rounds(db) if r.round.id is not None]
    if not rounds:
        raise DomainError("В базе нет мониторингов: сначала проведите мониторинг «дорожной карты».")
    latest = max(rounds, key=lambda r: (r.ends_on or r.starts_on or date.min, r.id or 0))
    assert latest.id is not None
    return latest.id


def _monitoring(db: Database, request: DocumentRequest, requisites: Requisites) -> Document:
    summary = round_summary(db, _round_id(db, request))
    return monitoring_order.build(summary, schools_phrase, requisites, request.issued, request.number)


def _passport(db: Database, request: DocumentRequest, requisites: Requisites) -> Document:
    if not request.login:
        raise DomainError("Выберите школу для паспорта.")
    profile = _profile(db, request)
    year = _require_year(db, request)
    view = school_profile(db, request.login, year, profile)
    charts = school_charts(db, request.login, profile)
    school = view.school
    catalogue = {p.code: p.title for p in view.catalogue}
    facts = [
        ("Полное наименование", school.full_name),
        ("Логин ОО", school.login),
        ("Территория", school.district or ""),
        ("Вид ОО", school.kind.value),
        (
            "Социальные условия",
            view.profile.social_conditions.value if view.profile.social_conditions else "",
        ),
        ("Типы проблем", "; ".join(catalogue.get(c, str(c)) for c in sorted(view.profile.problem_types))),
        ("Школа-наставник", view.mentor.full_name if view.mentor else ""),
        ("Примечание", view.profile.note),
    ]
    categories = [(entry.year, categories_text(entry.categories)) for entry in school_category_years(
        db, request.login, profile)]  # fmt: skip
    title, round_name, lines = _roadmap_progress(db, request.login)
    data = school_passport.PassportData(
        facts, categories, charts, title, round_name, lines, rule=profile_title(profile)
    )
    return school_passport.build(data, requisites, request.issued)


def _roadmap_progress(
    db: Database, login: str
) -> tuple[str | None, str | None, list[school_passport.RoadmapLine]]:
    """The school's own roadmap, else a municipal one whose monitoring checked the school."""
    with db.unit_of_work() as uow:
        listings = uow.roadmaps.listing()
    own = [r for r in listings if r.level is RoadmapLevel.SCHOOL and r.school_login == login]
    candidates = own + [r for r in listings if r.level is RoadmapLevel.MUNICIPAL]
    for listing in candidates:
        states = item_states(db, listing.id)
        if listing not in own and not any(login in s.statuses for s in states.values()):
            continue
        roadmap = load_roadmap(db, listing.id)
        lines = []
        round_name = None
        for numbered in numbered_items(roadmap):
            state = states.get(numbered.item.id) if numbered.item.id is not None else None
            status = state.statuses.get(login) if state else None
            round_name = round_name or (state.latest_round if state and login in state.statuses else None)
            word = STATUS_WORDS[status] if status else "не проверялось"
            lines.append(
                school_passport.RoadmapLine(
                    numbered.number,
                    numbered.item.text,
                    numbered.item.deadline_text,
                    word,
                    bool(state and state.overdue and status != Status.DONE),
                )
            )
        return roadmap.title, round_name, lines
    return None, None, []


def _dynamics(db: Database, request: DocumentRequest, requisites: Requisites) -> Document:
    year = _require_year(db, request)
    profile = _profile(db, request)
    return dynamics_report.build(
        dynamics_for_year(db, year, profile),
        dashboard(db, year, profile),
        schools_phrase,
        requisites,
        request.issued,
        _problems(db, year, profile),
    )


def _problems(db: Database, year: int, profile: RuleProfile) -> dynamics_report.Problems:
    """Seed 003's table 2: the year's УНОР schools under each problem type of the catalogue."""
    persistent = [
        row.school for row in categories_for_year(db, year, profile).rows
        if Category.PERSISTENT in row.computed.categories
    ]  # fmt: skip
    profiles = school_profiles(db)
    by_type = [
        (
            t.title,
            [s.short_name for s in persistent if t.code in profiles.get(s.login, _NO_PROFILE).problem_types],
        )
        for t in problem_types(db)
        if t.active
    ]
    return dynamics_report.Problems(by_type, len(persistent))


_NO_PROFILE = SchoolProfile("")


Builder = Callable[[Database, "DocumentRequest", Requisites], Document]
Proposer = Callable[[Database, "DocumentRequest"], tuple[Point, ...]]


MAKERS: dict[DocumentKind, tuple[Builder, Proposer | None]] = {
    DocumentKind.LOW_RESULTS: (_low_results, _propose_low_results),
    DocumentKind.ROADMAP: (_roadmap, _propose_roadmap),
    DocumentKind.PROGRAMME: (_programme, _propose_programme),
    DocumentKind.MONITORING: (_monitoring, _propose_monitoring),
    DocumentKind.PASSPORT: (_passport, None),
    DocumentKind.DYNAMICS: (_dynamics, None),
}
"""Per kind: what reads the data and builds it, and what proposes its points (None for a note)."""


def procedure_order(procedure: ProcedureKey) -> tuple[int, str, int]:
    """ВПР, ОГЭ, ЕГЭ, then the rest, as the seeds' tables list them; by subject and grade within."""
    kinds = [ProcedureKind.VPR, ProcedureKind.OGE, ProcedureKind.EGE, ProcedureKind.NIKO, ProcedureKind.OTHER]
    return (kinds.index(procedure.kind), procedure.subject, procedure.grade or 0)


def render(document: Document, fmt: str) -> bytes:
    """`fmt` is «pdf» or «docx»."""
    if fmt == "pdf":
        return render_pdf(document)
    if fmt == "docx":
        # Imported when first asked for: python-docx takes a tenth of a second to import, paid
        # at every start of the program though most sessions never save a DOCX.
        from lowres_desktop.reports.docx_renderer import render_docx

        return render_docx(document)
    raise DomainError(f"Неизвестный формат «{fmt}»: укажите файл .pdf или .docx.")


def save_document(
    document: Document,
    path: Path,
    progress: ProgressCallback = no_progress,
    cancel: CancelCheck = never_cancel,
) -> Path:
    """Write the document in the format its file name asks for; cancelled, it writes nothing."""
    fmt = path.suffix.lower().lstrip(".")
    progress(0, 0, f"Вёрстка «{path.name}»…")
    data = render(document, fmt)
    check_cancel(cancel)
    return write_bytes_atomic(path, data)


def _request_json(request: DocumentRequest) -> str:
    values = {f.name: getattr(request, f.name) for f in fields(request) if f.name != "basis"}
    return json.dumps(values, ensure_ascii=False, default=lambda v: v.isoformat())


def _request_from_json(text: str, basis: Basis) -> DocumentRequest:
    values = json.loads(text)
    known = {f.name for f in fields(DocumentRequest)}
    values = {k: v for k, v in values.items() if k in known}
    values["kind"] = DocumentKind(values["kind"])
    if values.get("issued"):
        values["issued"] = date.fromisoformat(values["issued"])
    return DocumentRequest(**values, basis=basis)


def issue_document(db: Database, request: DocumentRequest, document: Document, pdf: bytes) -> int:
    """Register a printed or saved document: its parameters, its basis and the PDF itself."""
    basis = document.basis or Basis(document.doc_type, document.requisites.authority_lines)
    with db.unit_of_work() as uow:
        document_id = uow.issued_documents.add(
            IssuedDocument(
                id=0,
                kind=request.kind.value,
                doc_type=document.doc_type.value,
                title=document.title,
                issued_on=document.issued,
                number=document.number,
                request_json=_request_json(replace(request, basis=None)),
                basis_json=json.dumps(basis.to_json(), ensure_ascii=False),
                created_at=datetime.now().replace(microsecond=0),
                pdf=pdf,
            )
        )
        uow.commit()
    return document_id


def issued_documents(db: Database) -> list[IssuedDocument]:
    """The register, newest first (without the PDFs)."""
    with db.unit_of_work() as uow:
        return uow.issued_documents.listing()


def reissue(db: Database, document_id: int) -> tuple[Document, DocumentRequest, bytes]:
    """An issued document again: the PDF as printed, and the document rebuilt from its request and
    basis (for a DOCX to edit; its tables show today's data)."""
    with db.unit_of_work() as uow:
        issued = uow.issued_documents.get(document_id)
    if issued is None:
        raise DomainError("Документ не найден в журнале: возможно, база заменена.")
    request = _request_from_json(issued.request_json, Basis.from_json(json.loads(issued.basis_json)))
    return build_document(db, request), request, issued.pdf
