"""The reads behind the school card and the documents page: one school's data, not the region's.

A school's categories come from its own results and must equal its entries in
the whole history; the municipal means are cached per data version and never
stale; the proposed points are the built document's points; the order's
results are read for the flagged schools only, with the same content.
"""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import update

from lowres_desktop.domain.categories import Category
from lowres_desktop.domain.mentors import SchoolProfile
from lowres_desktop.domain.profiles import default_profile
from lowres_desktop.reports.model import Point
from lowres_desktop.services.categories import categories_for_year, school_category_years
from lowres_desktop.services.category_history import category_history
from lowres_desktop.services.chart_series import school_charts
from lowres_desktop.services.demo_data import fill_demo_data
from lowres_desktop.services.document_kinds import INFO
from lowres_desktop.services.documents import (
    MAKERS,
    DocumentKind,
    DocumentRequest,
    build_document,
    issue_document,
    issued_documents,
    proposed_basis,
    reissue,
    render,
)
from lowres_desktop.services.roadmaps import create_from_template, list_roadmaps
from lowres_desktop.services.rule_profiles import current_profile
from lowres_desktop.services.school_profiles import problem_types, save_school_profile
from lowres_desktop.storage.analysis_repository import AnalysisFacts
from lowres_desktop.storage.models import ResultRow, SchoolRow
from lowres_desktop.storage.unit_of_work import Database


@pytest.fixture
def demo_db(tmp_path: Path) -> Database:
    db = Database.open(str(tmp_path / "demo.sqlite"))
    fill_demo_data(db)
    return db


def test_one_school_categories_equal_its_entries_in_the_history(demo_db: Database) -> None:
    profile = default_profile()
    with demo_db.unit_of_work() as uow:
        uow.session.execute(update(SchoolRow).where(SchoolRow.login == "demo420520").values(active=False))
        uow.commit()
        history = category_history(uow, profile)
        logins = [school.login for school in uow.schools.all()]
    entries = {login: [] for login in logins}  # type: ignore[var-annotated]
    for year in history.years:
        for entry in history.by_year[year]:
            entries[entry.login].append(entry)
    assert sum(1 for found in entries.values() if found) == len(logins) - 1
    for login in logins:
        assert school_category_years(demo_db, login, profile) == entries[login], login
        strip = school_charts(demo_db, login, profile).categories
        assert [(c.year, c.categories) for c in strip] == [(e.year, e.categories) for e in entries[login]]


def test_municipal_means_are_read_once_per_data_version(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    profile = default_profile()
    reads: list[int] = []
    read = AnalysisFacts.municipal_means

    def counting(self):  # type: ignore[no-untyped-def]
        reads.append(1)
        return read(self)

    monkeypatch.setattr(AnalysisFacts, "municipal_means", counting)
    login = "demo420517"
    before = school_charts(demo_db, login, profile)
    school_charts(demo_db, "demo420525", profile)
    assert len(reads) == 1
    with demo_db.unit_of_work() as uow:
        uow.session.execute(update(ResultRow).values(pct_low=ResultRow.pct_low / 2))
        uow.commit()
    after = school_charts(demo_db, login, profile)
    assert len(reads) == 2
    dashed = [line for line in after.low.lines if line.dashed]
    old = {line.label: line.points for line in before.low.lines if line.dashed}
    assert dashed and all(
        new == pytest.approx((year, value / 2)) for line in dashed for new, (year, value) in zip(
            line.points, old[line.label], strict=True)
    )  # fmt: skip
    assert [r.procedure for r in after.results] == sorted(r.procedure for r in after.results)


def test_the_proposed_basis_is_the_built_documents(demo_db: Database) -> None:
    create_from_template(demo_db, "seed002_novokuznetsk_2020_2021")
    roadmap_id = list_roadmaps(demo_db)[0].listing.id
    for request in (
        DocumentRequest(DocumentKind.LOW_RESULTS, year=2023, threshold=25.0),
        DocumentRequest(DocumentKind.LOW_RESULTS),
        DocumentRequest(DocumentKind.ROADMAP, roadmap_id=roadmap_id),
        DocumentRequest(DocumentKind.DYNAMICS, year=2024),
    ):
        built = build_document(demo_db, request)
        basis = proposed_basis(demo_db, request)
        control = (Point(basis.control),) if basis.control else ()
        assert (*(basis.points or ()), *control) == built.points, request.kind
        assert request.kind.has_points == built.doc_type.has_points
        assert basis.doc_type.value == request.kind.doc_types[0] == built.doc_type.value


def test_every_kind_has_its_maker_and_a_note_proposes_no_points() -> None:
    assert set(MAKERS) == set(DocumentKind) == set(INFO)
    for kind, (_build, propose) in MAKERS.items():
        assert (propose is not None) == kind.has_points, kind


def test_order_reads_the_results_of_the_flagged_schools(demo_db: Database) -> None:
    document = build_document(demo_db, DocumentRequest(DocumentKind.LOW_RESULTS, year=2024))
    with demo_db.unit_of_work() as uow:
        every = uow.results.for_years([2022, 2023, 2024])
        chosen = uow.results.for_schools(["demo420517", "demo420525"], [2023, 2024])
        present = uow.results.procedures_in([2024])
        names = uow.schools.short_names(["demo420517", "nobody"])
    assert sorted(chosen, key=lambda r: r.key) == sorted(
        (r for r in every if r.login in {"demo420517", "demo420525"} and r.year >= 2023), key=lambda r: r.key
    )
    assert present == sorted({r.procedure for r in every if r.year == 2024})
    assert list(names) == ["demo420517"]
    assert document.appendices, "the demo flags schools, so the order has its results appendix"


def test_an_issued_document_is_reprinted_as_it_was(demo_db: Database) -> None:
    request = DocumentRequest(DocumentKind.ROADMAP, number="12-р")
    basis = replace(proposed_basis(demo_db, request), grounds="На основании приказа от 24.01.2020 № 183")
    request = replace(request, basis=basis)
    document = build_document(demo_db, request)
    pdf = render(document, "pdf")
    document_id = issue_document(demo_db, request, document, pdf)
    listed = issued_documents(demo_db)[0]
    assert (listed.id, listed.number, listed.kind, listed.pdf) == (document_id, "12-р", "roadmap", b"")
    again, again_request, again_pdf = reissue(demo_db, document_id)
    assert again_pdf == pdf, "the very paper printed"
    assert again_request.basis == document.basis and again.preamble == document.preamble
    assert again.points == document.points and again.number == "12-р"


def test_seed_002s_programme_with_its_passport_and_appendix(demo_db: Database, tmp_path: Path) -> None:
    create_from_template(demo_db, "seed002_novokuznetsk_2020_2021")
    listing = next(o.listing for o in list_roadmaps(demo_db) if o.listing.title.startswith("Муниципальная"))
    request = DocumentRequest(DocumentKind.PROGRAMME, roadmap_id=listing.id, year=2019)
    document = build_document(demo_db, request)
    assert [a.landscape for a in document.appendices] == [False, True]
    path = tmp_path / "programme.pdf"
    path.write_bytes(render(document, "pdf"))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    read = " ".join(text.replace("\u00a0", " ").replace("-\n", "").replace("-", "").split())
    for said in (
        "Об утверждении муниципальной программы по повышению качества общего образования",
        "1. Утвердить муниципальную программу по повышению качества общего образования",
        "(далее – Программа) (приложение № 1)",
        "Паспорт программы",
        "Название программы",
        "Задачи 1. Обеспечение организационной и материальнотехнической поддержки",
        "Актуальность программы",
        "результаты, проведён анализ результатов оценочных процедур 2018, 2019",
        "По итогам анализа выявлено",
        "представлены в приложении № 2",
        "План мероприятий",
        "Приложение № 2",
        "Результаты оценочных процедур 2018, 2019 годов",
    ):
        assert said.replace("-", "") in read, said


def test_seed_003s_tables_2_and_3_in_the_analytic_report(demo_db: Database, tmp_path: Path) -> None:
    profile = current_profile(demo_db)
    persistent = [
        row.school for row in categories_for_year(demo_db, 2024, profile).rows
        if Category.PERSISTENT in row.computed.categories
    ]  # fmt: skip
    assert persistent, "the demo has УНОР schools in 2024"
    staff = next(t for t in problem_types(demo_db) if "кадрового" in t.title)
    save_school_profile(demo_db, SchoolProfile(persistent[0].login, frozenset({staff.code})))
    document = build_document(demo_db, DocumentRequest(DocumentKind.DYNAMICS, year=2024))
    path = tmp_path / "dynamics.pdf"
    path.write_bytes(render(document, "pdf"))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    read = " ".join(text.replace("\u00a0", " ").replace("-\n", "").split())
    assert "по типам выявленных проблем, 2024 год" in read
    assert f"3) школы с низким уровнем кадрового потенциала {persistent[0].short_name}" in read
    assert f"Всего школ с УНОР {len(persistent)}" in read
    assert "Динамика ОО «группы риска» по территориям Район (округ) 2022 2023 2024" in read
    assert "Всего ОО" in read
