"""The school card, the documents page and the roadmap editor with a country's data in mind.

Large databases read the school list, the card and the preview in the
background (BACKGROUND_ROWS set to 0 here makes the test databases «large»);
the page shows the same as when it reads at once. The roadmap editor names
only the schools its roadmap refers to.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot

from lowres_desktop.domain.roadmaps import RoadmapLevel
from lowres_desktop.services.documents import DocumentKind, DocumentRequest, build_document, points_text
from lowres_desktop.services.roadmaps import create_roadmap, load_roadmap, new_roadmap, save_roadmap
from lowres_desktop.storage.unit_of_work import Database
from lowres_desktop.ui.school_picker import SchoolPicker
from lowres_desktop.ui.views import documents_view, school_card_view
from lowres_desktop.ui.views.roadmaps_view import RoadmapsView
from lowres_desktop.ui.views.school_card_view import SchoolCardView
from tests.ui.qt_helpers import app_context
from tests.ui.test_documents import _view as _documents
from tests.ui.test_school_card_view import _view as _card


def _shown(view: SchoolCardView) -> tuple[object, ...]:
    charts = view.charts_data
    assert charts is not None
    return (
        view.login.text(),
        view.full_name.text(),
        charts.caption,
        charts.low,
        charts.high,
        charts.categories,
        view.model.rowCount(),
        view.charts.low_chart.legend_labels(),
    )


def test_card_in_the_background_shows_what_it_shows_at_once(
    qtbot: QtBot, seed_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    at_once = _card(qtbot, seed_db)
    assert not at_once.is_loading()
    target = at_once.picker.logins()[3]
    at_once.show_school(target)
    monkeypatch.setattr(school_card_view, "BACKGROUND_ROWS", 0)
    view = _card(qtbot, seed_db)
    assert view.list_loader.is_busy()
    assert view.picker.lineEdit().placeholderText() == "Загрузка списка школ…"
    qtbot.waitUntil(lambda: not view.is_loading(), timeout=10000)
    assert view.picker.count() == 15 and view.current_login() == view.picker.logins()[0]
    view.picker.setCurrentIndex(view.picker.find_login(target))
    assert view.card_loader.is_busy() and view.charts.caption.text() == "Загрузка…"
    qtbot.waitUntil(lambda: not view.is_loading(), timeout=10000)
    assert _shown(view) == _shown(at_once)


def test_card_opened_from_another_page_while_the_list_loads(
    qtbot: QtBot, seed_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(school_card_view, "BACKGROUND_ROWS", 0)
    view = _card(qtbot, seed_db)
    view.show_school("sch423400")  # what the main window does after refreshing a stale card
    assert view.current_login() == "sch423400"
    qtbot.waitUntil(lambda: not view.is_loading(), timeout=10000)
    assert view.login.text() == "sch423400"
    assert view.picker.current_login() == "sch423400"
    assert view.picker.currentText().endswith("sch423400")


def test_picker_keeps_logins_beside_one_string_model(qtbot: QtBot) -> None:
    picker = SchoolPicker()
    qtbot.addWidget(picker)
    chosen: list[str] = []
    picker.sig_login_changed.connect(chosen.append)
    picker.set_schools([("СОШ № 1 — a1", "a1"), ("Лицей № 2 — b2", "b2"), ("СОШ № 12 — c3", "c3")], keep="b2")
    assert picker.current_login() == "b2" and chosen == []
    assert picker.select_login("c3") and chosen == []
    assert not picker.select_login("zz") and picker.current_login() == "c3"
    picker.setCurrentIndex(0)
    assert chosen == ["a1"]
    completer = picker.completer()
    completer.setCompletionPrefix("сош № 1")
    assert completer.completionCount() == 2
    picker.set_schools([("Лицей № 2 — b2", "b2")], keep="c3")
    assert picker.current_login() == "b2" and picker.find_login("a1") == -1
    picker.set_schools([])
    assert picker.current_login() is None


def test_points_are_proposed_without_building_the_document(
    qtbot: QtBot, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the page built a document nobody asked to see")

    monkeypatch.setattr(documents_view, "build_document", never)
    view = _documents(qtbot, demo_db)
    year = view.years.year()
    built = build_document(demo_db, DocumentRequest(DocumentKind.LOW_RESULTS, year=year))
    assert view.points.toPlainText() == points_text(built.points[:-1])
    assert view.control.text() == built.points[-1].text == "Контроль исполнения приказа оставляю за собой."
    view.select_kind(DocumentKind.PASSPORT)
    assert not view.points.isEnabled() and not view.propose_button.isEnabled()
    assert view.points_hint.text().endswith("справка без пунктов.")
    view.select_kind(DocumentKind.LOW_RESULTS)
    assert view.points.isEnabled() and view.points.toPlainText() == points_text(built.points[:-1])


def test_preview_of_a_large_database_is_built_in_the_background(
    qtbot: QtBot, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(documents_view, "BACKGROUND_ROWS", 0)
    view = _documents(qtbot, demo_db)
    assert view.school_loader.is_busy()
    qtbot.waitUntil(lambda: not view.school_loader.is_busy(), timeout=10000)
    assert view.school.count() == 100
    view.select_kind(DocumentKind.PASSPORT)
    login = view.school.logins()[7]
    view.school.setCurrentIndex(7)
    with qtbot.waitSignal(view.sig_preview_opened, timeout=30000) as opened:
        assert view.open_preview() is None
        assert view.is_building() and not view.preview_button.isEnabled()
    preview = opened.args[0]
    qtbot.addWidget(preview)
    assert view.preview_button.isEnabled()
    assert preview.document.title == build_document(demo_db, view.request()).title
    assert preview.pdf.pageCount() >= 1 and preview.pdf_bytes.startswith(b"%PDF")
    assert view.request().login == login


def test_roadmap_editor_names_the_schools_of_its_roadmap(qtbot: QtBot, seed_db: Database) -> None:
    roadmap = new_roadmap("seed002_novokuznetsk_2020_2021", RoadmapLevel.SCHOOL, "sch426100")
    stored = load_roadmap(seed_db, create_roadmap(seed_db, roadmap))
    first = stored.sections[0]
    item = replace(first.items[0], schools=("sch423400",))
    save_roadmap(
        seed_db,
        replace(stored, sections=(replace(first, items=(item, *first.items[1:])), *stored.sections[1:])),
    )
    view = RoadmapsView(app_context(qtbot, seed_db))
    qtbot.addWidget(view)
    view.refresh(seed_db)
    assert view.editor.header.level.text() == "Дорожная карта школы: ООШ № 23"
    view.editor.select((0, 0))
    assert view.editor.details.schools.text() == "СОШ № 65"
