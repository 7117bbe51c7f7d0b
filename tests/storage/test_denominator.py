"""Shares are of the schools with results in the years the rule looks at, and the texts say so.

The issue's database: the 15 schools of seed 002 with 2018–2019 results and 60
other schools with only 2024 results. For 2019 the list is 15 of 15, not 15
of 75; the 60 are counted apart as not judged, on the page, in `lowres flag`,
in the order, in the dynamics and on the dashboard.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from lowres_desktop.cli import main as lowres
from lowres_desktop.domain.profiles import default_profile
from lowres_desktop.domain.records import ProcedureKey, ProcedureKind, Result, School, SchoolKind
from lowres_desktop.reports.model import Paragraph
from lowres_desktop.services.chart_series import dashboard
from lowres_desktop.services.documents import DocumentKind, DocumentRequest, build_document
from lowres_desktop.services.dynamics import dynamics_for_year
from lowres_desktop.services.identify_schools import identify_schools
from lowres_desktop.services.import_workbook import import_workbook
from lowres_desktop.storage.unit_of_work import Database

MA5 = ProcedureKey(ProcedureKind.VPR, "МА", 5)


@pytest.fixture
def db(tmp_path: Path, seed_xlsx: Path) -> Database:
    database = Database.open(str(tmp_path / "city.sqlite"))
    import_workbook(database, seed_xlsx)
    with database.unit_of_work() as uow:
        for number in range(1001, 1061):
            uow.schools.add(
                School(f"sch{number}", f"МБОУ «СОШ № {number}»", f"СОШ № {number}", SchoolKind.SOSH)
            )
        uow.session.flush()
        uow.results.save([Result(f"sch{n}", MA5, 2024, 50, 45.0, 5.0) for n in range(1001, 1061)])
        uow.commit()
    yield database
    database.close()


def test_the_list_of_2019_is_of_the_schools_with_2018_2019_results(db: Database) -> None:
    found = identify_schools(db, 2019)
    assert (len(found.flagged), found.schools_total, found.schools_without_results) == (15, 15, 60)
    assert found.share == 100.0


def test_flag_says_what_the_share_is_of(db: Database) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert lowres(["--db", db.target, "flag", "--year", "2019"], out, err) == 0
    text = out.getvalue().replace("\u00a0", " ")
    assert "Выявлено 15 школ из 15 ОО, по которым есть результаты за 2018–2019 годы (100 %)" in text
    assert "ещё 60 ОО без результатов за эти годы не оценивались" in text


def test_the_order_counts_the_schools_analysed_and_names_the_others_as_not_judged(db: Database) -> None:
    document = build_document(db, DocumentRequest(DocumentKind.LOW_RESULTS, year=2019))
    text = " ".join(block.text for block in document.preamble if isinstance(block, Paragraph))
    assert (
        "в 15 общеобразовательных организациях, по которым есть результаты за 2018–2019 годы "
        "(ещё 60 общеобразовательных организаций, не имеющих результатов за эти годы, не оценивались)"
    ) in text
    assert "75" not in text
    assert "выявлено 15 ОО (100\u00a0% от числа ОО, по которым есть результаты)" in text


def test_dynamics_and_the_dashboard_take_the_same_denominator(db: Database) -> None:
    change = dynamics_for_year(db, 2019, default_profile()).change
    assert (change.flagged, change.schools_total) == (15, 15)
    shares = dashboard(db, 2019, default_profile()).share
    assert shares.groups[-1] == "2019"
    assert shares.bars[0].values[-1] == 100.0


def test_every_document_names_the_profile_it_used(db: Database) -> None:
    from dataclasses import replace

    from lowres_desktop.services.rule_profiles import save_profile

    region = replace(default_profile(), name="Область", order="приказ № 77", min_participants=5)
    save_profile(db, region, make_current=True)
    for kind, extra in (
        (DocumentKind.LOW_RESULTS, {}),
        (DocumentKind.PASSPORT, {"login": "sch420220"}),
        (DocumentKind.DYNAMICS, {}),
    ):
        document = build_document(db, DocumentRequest(kind, year=2019, **extra))
        blocks = [*document.preamble, *(b for a in document.appendices for b in a.blocks)]
        text = " ".join(b.text for b in blocks if isinstance(b, Paragraph))
        assert "«Область»" in text and region.fingerprint() in text, kind


def test_categories_name_the_schools_without_results_as_such(db: Database) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert lowres(["--db", db.target, "categories", "--year", "2019", "--format", "csv"], out, err) == 0
    rows = {row["login"]: row for row in csv.DictReader(io.StringIO(out.getvalue()))}
    assert rows["sch1001"]["categories"] == "нет результатов" and rows["sch1001"]["category"] == ""
    judged = [row for row in rows.values() if row["categories"] != "нет результатов"]
    assert len(judged) == 15 and all(row["category"] == "ШНОР" for row in judged)
    table = io.StringIO()
    assert lowres(["--db", db.target, "categories", "--year", "2019"], table, err) == 0
    assert "; нет результатов: 60." in table.getvalue()
    assert "sch1001" in table.getvalue() and "СОШ № 1001» — нет результатов" in table.getvalue()
    later = io.StringIO()
    assert lowres(["--db", db.target, "categories", "--year", "2024", "--format", "csv"], later, err) == 0
    unjudged = {
        r["login"]
        for r in csv.DictReader(io.StringIO(later.getvalue()))
        if r["categories"] == "нет результатов"
    }
    assert unjudged == {login for login in rows if login not in {f"sch{n}" for n in range(1001, 1061)}}
