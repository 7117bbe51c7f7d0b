"""Benchmark: the pages and dialogs a region's authority uses daily, at a region's size (offscreen Qt).

Run: QT_QPA_PLATFORM=offscreen /work/.venv/bin/python tests/bench/bench_gui_region.py [--schools 1000]

Builds, in a temporary folder, the region workbook of bench_import.py and a
copy with every value changed, imports the first, and prints how long the
window is blocked:
- the import wizard reaching its preview with every school new (an empty database);
- the wizard reaching its conflicts page with the corrected copy (every value differs);
- the monitoring page showing a round of every flagged school × every item of a roadmap,
  every cell entered;
- the roadmaps page listing a roadmap for every flagged school (made in the background,
  its time printed too);
- printing document 1 to a 1200-dpi printer (a PDF printer here): seconds per page, over its
  first `PRINTED_PAGES` pages (the print run is then cancelled, as «Отменить» does).
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from openpyxl import load_workbook  # noqa: E402
from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtPrintSupport import QPrinter  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget, QWizardPage  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from lowres_desktop.domain.monitoring import MonitoringRound  # noqa: E402
from lowres_desktop.services.identify_schools import identify_schools  # noqa: E402
from lowres_desktop.services.import_workbook import import_workbook  # noqa: E402
from lowres_desktop.services.monitoring import save_round  # noqa: E402
from lowres_desktop.services.roadmaps import (  # noqa: E402
    create_from_template,
    generate_school_roadmaps,
    list_roadmaps,
    load_roadmap,
)
from lowres_desktop.storage.unit_of_work import Database  # noqa: E402
from lowres_desktop.ui.dialogs.document_preview_dialog import DocumentPreviewDialog  # noqa: E402
from lowres_desktop.ui.dialogs.import_wizard import ImportWizard  # noqa: E402
from lowres_desktop.ui.main_window import MainWindow, Page  # noqa: E402
from lowres_desktop.ui.tasks import TaskRunner  # noqa: E402
from lowres_desktop.ui.views.documents_view import DocumentsView  # noqa: E402
from tests.bench.bench_gui_tables import report  # noqa: E402
from tests.data.region_workbook import YEARS, build_region  # noqa: E402
from tests.ui.qt_helpers import app_context  # noqa: E402

PRINTED_PAGES = 10


def _corrected(source: Path, target: Path) -> Path:
    """The same workbook with every value half a point higher: every stored value conflicts."""
    workbook = load_workbook(source)
    for row in workbook.active.iter_rows(min_row=4, min_col=4):
        for cell in row:
            if isinstance(cell.value, float):
                cell.value = round(min(cell.value + 0.5, 100.0), 1)
    workbook.save(target)
    return target


def _fill_round(path: Path, round_id: int) -> None:
    """Every cell of the round entered, one in ten with a comment, as after a real round.

    Straight into the file, as bench_categories.py builds its country: entering 47,000 cells
    through the service is not what is measured here.
    """
    rng = random.Random(4)
    statuses = ["done", "done", "done", "partial", "not_done", "not_applicable"]
    with closing(sqlite3.connect(path)) as connection:
        cells = connection.execute(
            "SELECT s.school_id, i.item_id FROM monitoring_round_schools s "
            "JOIN monitoring_round_items i ON i.round_id = s.round_id WHERE s.round_id = ?",
            (round_id,),
        ).fetchall()
        connection.executemany(
            "INSERT INTO monitoring_entries (round_id, school_id, item_id, status, comment, updated_at) "
            "VALUES (?, ?, ?, ?, ?, '2024-12-20 12:00:00')",
            [
                (round_id, school, item, rng.choice(statuses), "протокол" if rng.random() < 0.1 else "")
                for school, item in cells
            ],
        )
        connection.commit()


def _settle(seconds: float = 0.3) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        QCoreApplication.processEvents()
        time.sleep(0.005)


def _wizard_to(db: Database, path: Path, pages: int) -> tuple[ImportWizard, float]:
    """Open the wizard on `path`, let it read the file, then time the last of `pages` «Далее»."""
    host = QWidget()
    wizard = ImportWizard(db, TaskRunner(host), [path])
    wizard.resize(1200, 800)
    wizard.show()
    seconds = 0.0
    for _ in range(pages):
        page: QWizardPage = wizard.currentPage()
        while not page.isComplete():
            _settle(0.05)
        start = time.perf_counter()
        wizard.next()
        wizard.repaint()
        QCoreApplication.processEvents()
        seconds = time.perf_counter() - start
    wizard.host = host  # type: ignore[attr-defined]
    return wizard, seconds


def _shown(window: MainWindow, page: Page) -> float:
    start = time.perf_counter()
    window.show_page(page)
    window.repaint()
    QCoreApplication.processEvents()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--schools", type=int, default=1000)
    args = parser.parse_args()
    _app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        region = build_region(folder / "region.xlsx", args.schools)
        corrected = _corrected(region, folder / "region_corrected.xlsx")
        print(f"Регион: {args.schools} школ, 9 процедур × {len(YEARS)} года")

        empty = Database.open(str(folder / "empty.sqlite"))
        wizard, seconds = _wizard_to(empty, region, 2)
        new = wizard.preview_page.unknown_model.rowCount()
        report(f"Мастер импорта: проверка строк ({new} новых школ)", seconds)
        wizard.close()
        empty.close()

        db = Database.open(str(folder / "region.sqlite"))
        import_workbook(db, region)
        wizard, seconds = _wizard_to(db, corrected, 3)
        conflicts = wizard.conflicts_page.model.rowCount()
        report(f"Мастер импорта: расхождения ({conflicts})", seconds)
        wizard.close()

        year = YEARS[-1]
        flagged = [f.school.login for f in identify_schools(db, year).flagged]
        roadmap = load_roadmap(db, create_from_template(db, "seed003_novosibirsk_2020_2024"))
        items = tuple(item.id for section in roadmap.sections for item in section.items if item.id)
        checked = MonitoringRound("Мониторинг региона", roadmap.id or 0, tuple(flagged), items)
        round_id = save_round(db, checked)
        _fill_round(folder / "region.sqlite", round_id)
        window = MainWindow(db)
        window.resize(1400, 900)
        window.show()
        _settle()
        report(f"Мониторинг: {len(flagged)} школ × {len(items)} мероприятий", _shown(window, Page.MONITORING))

        start = time.perf_counter()
        generated = generate_school_roadmaps(db, year)
        report(f"Дорожные карты {len(generated.created)} школ (в фоне)", time.perf_counter() - start, None)
        start = time.perf_counter()
        overviews = list_roadmaps(db)
        report(f"Обзор {len(overviews)} дорожных карт (сервис)", time.perf_counter() - start, None)
        window.show_page(Page.SCHOOLS)
        _settle()
        report("Страница «Дорожные карты»", _shown(window, Page.ROADMAPS))

        documents = DocumentsView(app_context(None, db))
        documents.refresh(db)
        opened: list[DocumentPreviewDialog] = []
        documents.sig_preview_opened.connect(opened.append)
        documents.open_preview()
        while not opened:
            _settle(0.05)
        preview = opened[0]
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setResolution(1200)
        printer.setOutputFileName(str(folder / "printed.pdf"))
        start = time.perf_counter()
        printed = preview.print_to(printer, lambda page, _pages: page < PRINTED_PAGES)
        seconds = time.perf_counter() - start
        report(
            f"Печать {printed} стр. из {preview.pdf.pageCount()}, принтер 1200 dpi, на страницу",
            seconds / max(printed, 1),
            None,
        )
        window.close()
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
