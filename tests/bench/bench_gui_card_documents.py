"""Benchmark: the school card, the documents page and the roadmaps page at 40,000 schools (offscreen Qt).

Run: QT_QPA_PLATFORM=offscreen /work/.venv/bin/python tests/bench/bench_gui_card_documents.py [--db PATH]
Uses the database of bench_categories.py (built there if missing), copied to a
temporary file with two roadmaps added, so the roadmaps page has something to
open. Prints, in seconds, as bench_gui_tables.py does: how long the window is
blocked by each action («окно занято»), how long until the data are on
screen, and the longest event-loop freeze while they load. The preview of
document 1 (the order listing every flagged school) legitimately takes
seconds; it is printed apart, with the freeze meanwhile.

The views are driven only through calls that the pages had before they read
in the background too (refresh, setCurrentIndex, open_preview), so the same
script measures an older tree for a before/after comparison.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from lowres_desktop.domain.roadmaps import RoadmapLevel  # noqa: E402
from lowres_desktop.services.documents import DocumentKind  # noqa: E402
from lowres_desktop.services.roadmap_templates import builtin_templates  # noqa: E402
from lowres_desktop.services.roadmaps import create_roadmap, new_roadmap  # noqa: E402
from lowres_desktop.storage.unit_of_work import Database  # noqa: E402
from lowres_desktop.ui.views.documents_view import DocumentsView  # noqa: E402
from lowres_desktop.ui.views.roadmaps_view import RoadmapsView  # noqa: E402
from lowres_desktop.ui.views.school_card_view import SchoolCardView  # noqa: E402
from tests.bench.bench_categories import country_database  # noqa: E402
from tests.bench.bench_gui_tables import VISIBLE_PAUSE, report, timed, wait_loaded  # noqa: E402
from tests.ui.qt_helpers import app_context  # noqa: E402

W = TypeVar("W", bound=QWidget)


def _loading(view: QWidget, name: str) -> Callable[[], bool]:
    """The view's «still loading» test; a page that reads everything at once is never loading."""
    check = getattr(view, name, None)
    return check if callable(check) else (lambda: False)


def _on_screen(view: W) -> W:
    view.resize(1400, 900)
    view.show()
    QCoreApplication.processEvents()
    return view


def _school_list_loading(view: DocumentsView) -> Callable[[], bool]:
    loader = getattr(view, "school_loader", None)
    return loader.is_busy if loader is not None else (lambda: False)


def card_page(db: Database) -> list[float]:
    print("Карточка школы:")
    view = _on_screen(SchoolCardView())
    loading = _loading(view, "is_loading")
    figures = [
        timed("открыть (список школ, первая школа)", view, lambda: view.refresh(db)),
        wait_loaded("список школ и первая школа", view, loading),
    ]
    print(f"  школ в списке: {view.picker.count()}; показана {view.login.text()}")
    for label, row in (("выбрать школу № 20 000", 20_000), ("выбрать школу № 39 000", 39_000)):
        figures += [
            timed(label, view, lambda row=row: view.picker.setCurrentIndex(row)),
            wait_loaded(f"{label}: данные", view, loading),
        ]
    completer = view.picker.completer()
    figures.append(
        timed("набрать «СОШ № 123» в поиске", view, lambda: completer.setCompletionPrefix("СОШ № 123"))
    )
    print(f"  подсказок: {completer.completionCount()}; показана {view.login.text()}")
    view.close()
    return figures


def documents_page(db: Database) -> tuple[list[float], float]:
    print("Документы:")
    view = _on_screen(DocumentsView(app_context(None, db)))
    figures = [
        timed("открыть (годы, список школ, пункты приказа)", view, lambda: view.refresh(db)),
        wait_loaded("список школ", view, _school_list_loading(view)),
    ]
    figures += [
        timed("выбрать «Паспорт школы»", view, lambda: view.select_kind(DocumentKind.PASSPORT)),
        timed("выбрать школу № 20 000", view, lambda: view.school.setCurrentIndex(20_000)),
        timed("выбрать документ 1 (приказ о ШНОР)", view, lambda: view.select_kind(DocumentKind.LOW_RESULTS)),
        timed("выбрать год 2023", view, lambda: view.years.setCurrentIndex(view.years.findData(2023))),
        timed("выбрать год 2024", view, lambda: view.years.setCurrentIndex(view.years.findData(2024))),
    ]
    print("Просмотр документа 1 (приказ о ШНОР, 2024): долгий по праву, идёт с прогрессом:")
    opened: list[QWidget] = []
    signal = getattr(view, "sig_preview_opened", None)
    if signal is not None:
        signal.connect(opened.append)

    def preview() -> None:
        dialog = view.open_preview()
        if dialog is not None and not opened:
            opened.append(dialog)

    blocked = timed("открыть просмотр", view, preview)
    freeze = wait_loaded("просмотр на экране", view, lambda: not opened)
    print(f"  страниц: {opened[0].pdf.pageCount()}")  # type: ignore[attr-defined]
    opened[0].close()
    view.close()
    return figures, max(blocked, freeze)


def roadmaps_page(db: Database) -> list[float]:
    print("Дорожные карты:")
    view = _on_screen(RoadmapsView(app_context(None, db)))
    figures = [timed("открыть (список карт, первая в редакторе)", view, lambda: view.refresh(db))]
    ids = view.roadmap_ids()
    print(f"  дорожных карт: {len(ids)}")
    figures.append(timed("открыть вторую карту", view, lambda: view.open_roadmap(ids[-1])))
    view.close()
    return figures


def with_roadmaps(source: Path, folder: Path) -> Path:
    """A copy of the benchmark database with a municipal roadmap and a school's own."""
    path = folder / source.name
    shutil.copyfile(source, path)
    db = Database.open(str(path))
    template = builtin_templates()[0].key
    with db.unit_of_work() as uow:
        login = uow.schools.all()[0].login
    create_roadmap(db, new_roadmap(template, RoadmapLevel.MUNICIPAL, None))
    create_roadmap(db, new_roadmap(template, RoadmapLevel.SCHOOL, login))
    db.close()
    return path


def main() -> int:
    path = country_database(__doc__)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        db = Database.open(str(with_roadmaps(path, Path(folder))))
        card = max(card_page(db))
        documents, preview = documents_page(db)
        roadmaps = max(roadmaps_page(db))
        db.close()
    print(
        f"Худшая остановка окна: карточка {card:.3f} с; документы {max(documents):.3f} с; "
        f"дорожные карты {roadmaps:.3f} с (заметно от {VISIBLE_PAUSE} с)"
    )
    report("просмотр документа 1: окно занято не дольше", preview)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
