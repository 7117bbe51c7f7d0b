"""«Документы»: choose a kind of document and its parameters, edit the proposed points, preview.

The program proposes the points of each order; the clerk edits them here
(one line a point, an indented line a sub-point) before the preview, where
the document is printed or saved as PDF or DOCX.

The proposal depends on the kind, the year, the rule profile and the chosen
roadmap or round: when one of them changes the points are proposed again, or,
if the clerk has edited them, the page says they no longer match and the
preview asks before using them.

Opening the page and choosing a kind only propose the points; the document
itself is built for the preview, and for a region or a country (where the
order lists thousands of schools) it is built and laid out in the background
with a progress dialog, as the school list is read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QSignalBlocker, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.services.browse import list_schools, result_years, school_count
from lowres_desktop.services.documents import (
    Document,
    DocumentKind,
    DocumentRequest,
    build_document,
    points_text,
    proposed_points,
    render,
)
from lowres_desktop.services.monitoring import list_rounds
from lowres_desktop.services.progress import CancelCheck, ProgressCallback
from lowres_desktop.services.roadmaps import list_roadmaps
from lowres_desktop.services.rule_profiles import list_profiles
from lowres_desktop.ui.dialogs.document_preview_dialog import DocumentPreviewDialog
from lowres_desktop.ui.dialogs.requisites_dialog import RequisitesDialog
from lowres_desktop.ui.errors import show_error
from lowres_desktop.ui.school_picker import SchoolPicker
from lowres_desktop.ui.tasks import BACKGROUND_ROWS, Loader, TaskRunner
from lowres_desktop.ui.year_combo_box import YearComboBox

if TYPE_CHECKING:
    from lowres_desktop.storage.unit_of_work import Database
    from lowres_desktop.ui.app_context import AppContext

_NEEDS = {
    DocumentKind.LOW_RESULTS: {"year", "profile"},
    DocumentKind.ROADMAP: {"roadmap"},
    DocumentKind.MONITORING: {"round"},
    DocumentKind.PASSPORT: {"year", "profile", "school"},
    DocumentKind.DYNAMICS: {"year", "profile"},
}

_POINTS_HINT = (
    "Пункты приказа: каждая строка — пункт, строка с отступом или «-» — подпункт. "
    "Номера документ расставит сам."
)


class DocumentsView(QWidget):
    sig_preview_opened = Signal(object)
    """The preview dialog, once the document is built (at once, or later from the background)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._db: Database | None = None
        self._background = False
        self._proposed_text = ""
        """The points as the program proposed them: left unedited, the builder proposes them again
        knowing the data (with no school flagged there is no list to approve)."""
        self.school_loader = Loader(self)
        self.runner = TaskRunner(self)
        self.kind = QComboBox()
        for kind in DocumentKind:
            self.kind.addItem(kind.title, kind)
        self.kind.currentIndexChanged.connect(self._on_kind_current_index_changed)
        self.years = YearComboBox()
        self.years.sig_year_changed.connect(self._on_years_sig_year_changed)
        self.profile = QComboBox()
        self.profile.currentIndexChanged.connect(self._on_parameter_changed)
        self.profile.activated.connect(self._on_profile_activated)
        self._profile_chosen = False
        """The clerk picked a profile here; until then the page follows the database's current one."""
        self._proposed_for: tuple[object, ...] | None = None
        """What the editor's points were proposed for: kind, year, profile, roadmap, round."""
        self.school = SchoolPicker()
        self.roadmap = QComboBox()
        self.round = QComboBox()
        for combo in (self.roadmap, self.round):
            combo.currentIndexChanged.connect(self._on_parameter_changed)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(40)
        self.dated = QCheckBox(self.tr("указать дату и номер (иначе — пустые строки для регистрации)"))
        self.dated.toggled.connect(self._on_dated_toggled)
        self.issued = QDateEdit(QDate.currentDate())
        self.issued.setDisplayFormat("dd.MM.yyyy")
        self.issued.setCalendarPopup(True)
        self.number = QLineEdit()
        self.number.setPlaceholderText(self.tr("№ документа"))
        registration = QHBoxLayout()
        registration.addWidget(self.issued)
        registration.addWidget(QLabel(self.tr("№")))
        registration.addWidget(self.number)
        self.form = QFormLayout()
        self.form.addRow(self.tr("Документ:"), self.kind)
        self.form.addRow(self.tr("Год:"), self.years)
        self.form.addRow(self.tr("Профиль правила:"), self.profile)
        self.form.addRow(self.tr("Школа:"), self.school)
        self.form.addRow(self.tr("«Дорожная карта»:"), self.roadmap)
        self.form.addRow(self.tr("Мониторинг:"), self.round)
        self.form.addRow(self.tr("Регистрация:"), self.dated)
        self.form.addRow("", registration)
        self.points = QPlainTextEdit()
        self.points_hint = QLabel(self.tr(_POINTS_HINT))
        self.points_hint.setWordWrap(True)
        self.propose_button = QPushButton(self.tr("Предложить пункты заново"))
        self.propose_button.clicked.connect(self._on_propose_button_clicked)
        self.preview_button = QPushButton(self.tr("Просмотр и печать…"))
        self.preview_button.setDefault(True)
        self.preview_button.clicked.connect(self._on_preview_button_clicked)
        self.requisites_button = QPushButton(self.tr("Реквизиты организации…"))
        self.requisites_button.clicked.connect(self._on_requisites_button_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.requisites_button)
        buttons.addStretch(1)
        buttons.addWidget(self.propose_button)
        buttons.addWidget(self.preview_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.points_hint)
        layout.addWidget(self.points, 1)
        layout.addLayout(buttons)
        self._on_dated_toggled(False)
        self._show_parameters()

    def refresh(self, db: Database) -> None:
        """Reload the choices from `db`; the kind, the dates and the edited points stay."""
        self._db = db
        self._background = school_count(db) > BACKGROUND_ROWS
        self.years.set_years(result_years(db))
        self._fill(self.roadmap, [(o.listing.title, o.listing.id) for o in list_roadmaps(db)])
        self._fill(self.round, [(f"{r.round.name} — {r.roadmap_title}", r.round.id) for r in list_rounds(db)])
        profiles = list_profiles(db)
        kept = self.profile.currentData() if self._profile_chosen else profiles.current.name
        with QSignalBlocker(self.profile):
            self.profile.clear()
        self._fill(self.profile, [(p.name, p.name) for p in profiles.profiles], kept)
        if self._background:
            self.school.set_placeholder(self.tr("Загрузка списка школ…"))
        self.school_loader.load(
            lambda: [(f"{s.short_name} — {s.district or ''} ({s.login})", s.login) for s in list_schools(db)],
            self._show_schools,
            self._on_load_failed,
            background=self._background,
        )
        if not self.points.toPlainText().strip():
            self.propose_points()
        else:
            self._check_proposal()

    def _show_schools(self, choices: list[tuple[str, str]]) -> None:
        self.school.set_placeholder("")
        self.school.set_schools(choices, self.school.current_login())

    def _on_load_failed(self, error: BaseException) -> None:
        self.school.set_placeholder("")
        show_error(self, error)

    def current_kind(self) -> DocumentKind:
        return DocumentKind(self.kind.currentData())

    def select_kind(self, kind: DocumentKind) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind))

    def request(self, with_points: bool = True) -> DocumentRequest:
        kind = self.current_kind()
        needs = _NEEDS[kind]
        dated = self.dated.isChecked()
        text = self.points.toPlainText()
        edited = with_points and self.points.isEnabled() and text != self._proposed_text
        return DocumentRequest(
            kind=kind,
            year=self.years.year() if "year" in needs else None,
            profile=self.profile.currentData() if "profile" in needs else None,
            issued=self.issued.date().toPython() if dated else None,
            number=self.number.text().strip() if dated else "",
            points_text=text if edited else None,
            roadmap_id=self.roadmap.currentData() if "roadmap" in needs else None,
            round_id=self.round.currentData() if "round" in needs else None,
            login=self.school.current_login() if "school" in needs else None,
        )

    def build(self) -> Document:
        if self._db is None:
            raise DomainError(self.tr("База данных не открыта."))
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return build_document(self._db, self.request())
        finally:
            QGuiApplication.restoreOverrideCursor()

    def propose_points(self) -> None:
        """Replace the editor's text with the program's proposal for the chosen document."""
        kind = self.current_kind()
        self.points.setEnabled(kind.has_points)
        self.propose_button.setEnabled(kind.has_points)
        if not kind.has_points:
            self.points.clear()
            self.points_hint.setText(self.tr("«{0}» — справка без пунктов.").format(kind.title))
            return
        if self._db is None or not self._has_choices():
            return
        request = self.request(with_points=False)
        try:
            points = proposed_points(self._db, request)
        except DomainError as error:
            self.points_hint.setText(str(error))
            return
        self._proposed_text = points_text(points)
        self._proposed_for = self._proposal_key()
        self.points.setPlainText(self._proposed_text)
        self.points_hint.setText(self.tr(_POINTS_HINT))

    def points_are_stale(self) -> bool:
        """The clerk's points were proposed for another year, profile, roadmap or round than chosen now."""
        if self._proposed_for is None or not self.current_kind().has_points:
            return False
        return self._proposed_for != self._proposal_key()

    def _proposal_key(self) -> tuple[object, ...]:
        request = self.request(with_points=False)
        return (request.kind, request.year, request.profile, request.roadmap_id, request.round_id)

    def _check_proposal(self) -> None:
        """Propose again when the points are the program's own; otherwise say they no longer match."""
        if not self.current_kind().has_points:
            return
        if not self.points_are_stale():
            self.points_hint.setText(self.tr(_POINTS_HINT))
            return
        if self.points.toPlainText() == self._proposed_text:
            self.propose_points()
            return
        self.points_hint.setText(self.tr(
            "Пункты изменены вами и составлены для других параметров (год, профиль правила, "
            "«дорожная карта» или мониторинг): нажмите «Предложить пункты заново», чтобы они совпадали "
            "с документом."
        ))  # fmt: skip

    def open_preview(self) -> DocumentPreviewDialog | None:
        """The preview at once for a municipality; for a region or a country, built in the background.

        Returns the dialog when it opened at once; otherwise `sig_preview_opened` brings it later.
        """
        if self.points_are_stale():
            answer = QMessageBox.question(
                self,
                self.tr("Пункты не совпадают с параметрами"),
                self.tr(
                    "Пункты приказа были предложены для других параметров (год, профиль правила, "
                    "«дорожная карта» или мониторинг) и изменены вами. Предложить пункты заново?\n\n"
                    "«Да» — заменить пункты предложением для выбранных параметров; "
                    "«Нет» — оставить ваш текст как есть."
                ),
                QMessageBox.StandardButton.Yes
                | QMessageBox.StandardButton.No
                | QMessageBox.StandardButton.Cancel,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                return None
            if answer == QMessageBox.StandardButton.Yes:
                self.propose_points()
            else:
                self._proposed_for = self._proposal_key()
                self.points_hint.setText(self.tr(_POINTS_HINT))
        if not self._background:
            try:
                document = self.build()
            except DomainError as error:
                show_error(self, error)
                return None
            return self._show_preview(document, None)
        if self._db is None:
            show_error(self, DomainError(self.tr("База данных не открыта.")))
            return None
        db, request = self._db, self.request()
        laying_out = self.tr("Вёрстка документа…")

        def work(progress: ProgressCallback, cancel: CancelCheck) -> tuple[Document, bytes]:
            document = build_document(db, request, progress, cancel)
            progress(1, 2, laying_out)
            return document, render(document, "pdf")

        self.preview_button.setEnabled(False)
        self.runner.run(work, self._on_preview_built, self._on_preview_failed,
                        title=self.tr("Подготовка документа"), writes=False)  # fmt: skip
        return None

    def is_building(self) -> bool:
        return self.runner.is_busy()

    def _on_preview_built(self, built: tuple[Document, bytes]) -> None:
        self.preview_button.setEnabled(True)
        self._show_preview(*built)

    def _on_preview_failed(self, error: BaseException) -> None:
        self.preview_button.setEnabled(True)
        show_error(self, error)

    def _show_preview(self, document: Document, pdf_bytes: bytes | None) -> DocumentPreviewDialog:
        preview = DocumentPreviewDialog(document, self, pdf_bytes)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.open()
        self.sig_preview_opened.emit(preview)
        return preview

    def _has_choices(self) -> bool:
        needs = _NEEDS[self.current_kind()]
        chosen = {
            "roadmap": self.roadmap.currentData(),
            "round": self.round.currentData(),
            "school": self.school.current_login(),
        }
        return all(chosen[need] is not None for need in needs if need in chosen)

    @staticmethod
    def _fill(combo: QComboBox, items: list[tuple[str, object]], preferred: object = None) -> None:
        """Refill keeping the chosen item; a first fill takes `preferred` (the current profile)."""
        kept = combo.currentData() if combo.count() else preferred
        with QSignalBlocker(combo):
            combo.clear()
            for text, data in items:
                combo.addItem(text, data)
            index = combo.findData(kept)
            combo.setCurrentIndex(index if index >= 0 else max(0, combo.findData(preferred)))

    def _show_parameters(self) -> None:
        needs = _NEEDS[self.current_kind()]
        for name, widget in (("year", self.years), ("profile", self.profile), ("school", self.school),
                             ("roadmap", self.roadmap), ("round", self.round)):  # fmt: skip
            self.form.setRowVisible(widget, name in needs)

    @Slot(int)
    def _on_kind_current_index_changed(self, _index: int) -> None:
        self._show_parameters()
        self.propose_points()

    @Slot(int)
    def _on_years_sig_year_changed(self, _year: int) -> None:
        self._check_proposal()

    @Slot(int)
    def _on_parameter_changed(self, _index: int) -> None:
        self._check_proposal()

    @Slot(int)
    def _on_profile_activated(self, _index: int) -> None:
        self._profile_chosen = True

    @Slot(bool)
    def _on_dated_toggled(self, checked: bool) -> None:
        self.issued.setEnabled(checked)
        self.number.setEnabled(checked)

    @Slot()
    def _on_propose_button_clicked(self) -> None:
        self.propose_points()

    @Slot()
    def _on_preview_button_clicked(self) -> None:
        self.open_preview()

    @Slot()
    def _on_requisites_button_clicked(self) -> None:
        if self._db is None:
            return
        dialog = RequisitesDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
