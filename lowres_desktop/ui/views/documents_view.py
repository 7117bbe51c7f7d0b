"""«Документы»: choose a kind of document and its parameters, edit the proposed basis, preview.

The program proposes the basis of each document (its type, the issuing body,
the points, the control point, the executor; the grounds are the clerk's to
write); the clerk edits them here (points: one line a point, an indented line
a sub-point) before the preview, where the document is printed or saved as
PDF or DOCX and so registered. A document from the register opens again as it
was printed. Placeholder requisites are warned of before the preview.

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

from dataclasses import replace
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
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.services.browse import list_schools, result_years, school_count
from lowres_desktop.services.documents import (
    Basis,
    Document,
    DocumentKind,
    DocumentRequest,
    DocumentType,
    build_document,
    control_point,
    issue_document,
    issued_documents,
    parse_points,
    points_text,
    proposed_basis,
    reissue,
    render,
)
from lowres_desktop.services.monitoring import list_rounds
from lowres_desktop.services.progress import CancelCheck, ProgressCallback
from lowres_desktop.services.requisites import load_requisites, placeholder_fields
from lowres_desktop.services.roadmaps import list_roadmaps
from lowres_desktop.services.rule_profiles import list_profiles
from lowres_desktop.ui.dialogs.document_preview_dialog import DocumentPreviewDialog
from lowres_desktop.ui.dialogs.requisites_dialog import RequisitesDialog
from lowres_desktop.ui.errors import show_error
from lowres_desktop.ui.flow_layout import FlowLayout
from lowres_desktop.ui.school_picker import SchoolPicker
from lowres_desktop.ui.tasks import BACKGROUND_ROWS, Loader, TaskRunner
from lowres_desktop.ui.year_combo_box import YearComboBox

if TYPE_CHECKING:
    from lowres_desktop.storage.unit_of_work import Database
    from lowres_desktop.ui.app_context import AppContext

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
        self._proposed: Basis | None = None
        """The basis as the program proposed it: points left unedited are proposed again by the
        builder, which knows the data (with no school flagged there is no list to approve)."""
        self.school_loader = Loader(self)
        self.runner = TaskRunner(self)
        self.kind = QComboBox()
        for kind in DocumentKind:  # the value: PySide6 hands a str enum back as a plain str
            self.kind.addItem(kind.title, kind.value)
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
        self.dated = QCheckBox()
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
        self.doc_type = QComboBox()
        self.doc_type.currentIndexChanged.connect(self._on_doc_type_current_index_changed)
        self.issuer = QPlainTextEdit()
        self.issuer.setFixedHeight(48)
        self.issuer.setPlaceholderText(self.tr("строки наименования на бланке"))
        self.grounds = QPlainTextEdit()
        self.grounds.setFixedHeight(48)
        self.grounds.setPlaceholderText(self.tr(
            "На основании приказа … от ДД.ММ.ГГГГ № … «…» (необязательно: открывает текст документа)"
        ))  # fmt: skip
        self.control = QLineEdit()
        self.executor = QPlainTextEdit()
        self.executor.setFixedHeight(48)
        self.executor.setPlaceholderText(self.tr("фамилия исполнителя\nтелефон"))
        self.form.addRow(self.tr("Вид документа:"), self.doc_type)
        self.form.addRow(self.tr("Наименование на бланке:"), self.issuer)
        self.form.addRow(self.tr("Основание:"), self.grounds)
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
        self.register = QComboBox()
        self.register.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.register.setMinimumContentsLength(24)
        self.register.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.reprint_button = QPushButton(self.tr("Открыть выпущенный…"))
        self.reprint_button.clicked.connect(self._on_reprint_button_clicked)
        closing = QFormLayout()
        closing.addRow(self.tr("Контроль исполнения:"), self.control)
        closing.addRow(self.tr("Исполнитель:"), self.executor)
        issued = FlowLayout.group(
            QLabel(self.tr("Выпущенные:")), self.register, self.reprint_button, grow=self.register
        )
        # One line where there is room; on a narrow screen the preview's pair moves below, at the right.
        buttons = FlowLayout()
        buttons.addWidget(self.requisites_button)
        buttons.addWidget(issued)
        buttons.align_rest_right()
        buttons.addWidget(self.propose_button)
        buttons.addWidget(self.preview_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.points_hint)
        layout.addWidget(self.points, 1)
        layout.addLayout(closing)
        layout.addLayout(buttons)
        self._on_dated_toggled(False)
        self._show_parameters()
        self._fill_doc_types()

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
        self._show_issued()
        if self._background:
            self.school.set_placeholder(self.tr("Загрузка списка школ…"))
        self.school_loader.load(
            lambda: [(f"{s.short_name} — {s.district or ''} ({s.login})", s.login) for s in list_schools(db)],
            self._show_schools,
            self._on_load_failed,
            background=self._background,
        )
        if self._proposed is None:
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
        self.kind.setCurrentIndex(self.kind.findData(kind.value))

    def basis(self) -> Basis:
        """The basis as the fields show it; points as proposed stay the builder's to propose."""
        text = self.points.toPlainText()
        proposed = points_text(self._proposed.points or ()) if self._proposed else None
        issuer = tuple(line.strip() for line in self.issuer.toPlainText().splitlines() if line.strip())
        return Basis(
            doc_type=DocumentType(self.doc_type.currentData() or self.current_kind().doc_types[0]),
            # Unedited, the requisites' own lines: set later in «Реквизиты организации…», they count.
            issuer=() if self._proposed and issuer == self._proposed.issuer else issuer,
            grounds=" ".join(self.grounds.toPlainText().split()),
            points=None if text == proposed or not self.points.isEnabled() else parse_points(text),
            control=self.control.text().strip() if self.current_kind().has_points else "",
            executor=self.executor.toPlainText().strip(),
        )

    def request(self, with_basis: bool = True) -> DocumentRequest:
        kind = self.current_kind()
        needs = kind.needs
        dated = self.dated.isChecked()
        return DocumentRequest(
            kind=kind,
            year=self.years.year() if "year" in needs else None,
            profile=self.profile.currentData() if "profile" in needs else None,
            issued=self.issued.date().toPython() if dated else None,
            number=self.number.text().strip() if dated else "",
            basis=self.basis() if with_basis else None,
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
        """Replace the basis fields with the program's proposal for the chosen document."""
        kind = self.current_kind()
        for widget in (self.points, self.propose_button, self.control):
            widget.setEnabled(kind.has_points)
        if self._db is None:
            return
        if not kind.has_points:
            self.points.clear()
            self.control.clear()
            self.points_hint.setText(self.tr("«{0}» — справка без пунктов.").format(kind.title))
        if not self._has_choices():
            return
        request = self.request(with_basis=False)
        try:
            chosen = DocumentType(self.doc_type.currentData() or kind.doc_types[0])
            basis = proposed_basis(self._db, replace(request, basis=Basis(chosen, ())))
        except DomainError as error:
            self.points_hint.setText(str(error))
            return
        self._proposed = basis
        self._proposed_for = self._proposal_key()
        self.issuer.setPlainText("\n".join(basis.issuer))
        self.grounds.clear()
        self.executor.setPlainText(basis.executor)
        if not kind.has_points:
            return
        self.points.setPlainText(points_text(basis.points or ()))
        self.control.setText(basis.control)
        self.points_hint.setText(self.tr(_POINTS_HINT))

    def _proposed_points_text(self) -> str | None:
        return points_text(self._proposed.points or ()) if self._proposed else None

    def points_are_stale(self) -> bool:
        """The clerk's points were proposed for another year, profile, roadmap or round than chosen now."""
        if self._proposed_for is None or not self.current_kind().has_points:
            return False
        return self._proposed_for != self._proposal_key()

    def _proposal_key(self) -> tuple[object, ...]:
        request = self.request(with_basis=False)
        return (request.kind, request.year, request.profile, request.roadmap_id, request.round_id)

    def _check_proposal(self) -> None:
        """Propose again when the points are the program's own; otherwise say they no longer match."""
        if not self.current_kind().has_points:
            return
        if not self.points_are_stale():
            self.points_hint.setText(self.tr(_POINTS_HINT))
            return
        if self.points.toPlainText() == self._proposed_points_text():
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
        if not self._requisites_confirmed():
            return None
        if not self._background:
            try:
                request = self.request()
                document = self.build()
            except DomainError as error:
                show_error(self, error)
                return None
            return self._show_preview(document, None, request)
        if self._db is None:
            show_error(self, DomainError(self.tr("База данных не открыта.")))
            return None
        db, request = self._db, self.request()
        laying_out = self.tr("Вёрстка документа…")

        def work(progress: ProgressCallback, cancel: CancelCheck) -> tuple[Document, bytes, DocumentRequest]:
            document = build_document(db, request, progress, cancel)
            progress(1, 2, laying_out)
            return document, render(document, "pdf"), request

        self.preview_button.setEnabled(False)
        self.runner.run(work, self._on_preview_built, self._on_preview_failed,
                        title=self.tr("Подготовка документа"), writes=False)  # fmt: skip
        return None

    def is_building(self) -> bool:
        return self.runner.is_busy()

    def _on_preview_built(self, built: tuple[Document, bytes, DocumentRequest]) -> None:
        self.preview_button.setEnabled(True)
        self._show_preview(*built)

    def _on_preview_failed(self, error: BaseException) -> None:
        self.preview_button.setEnabled(True)
        show_error(self, error)

    def _requisites_confirmed(self) -> bool:
        """Before a document with placeholder requisites goes to the preview, say so and ask.

        «Указать реквизиты…» opens the requisites and stops here: the clerk
        opens the preview again with the names set.
        """
        if self._db is None:
            return True
        missing = placeholder_fields(load_requisites(self._db))
        if not missing:
            return True
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Реквизиты не заданы"), self.tr(
            "В документе будут напечатаны заполнители вместо реквизитов организации: {0}. "
            "Задайте их, прежде чем печатать документ на подпись."
        ).format(", ".join(missing)), QMessageBox.StandardButton.NoButton, self)  # fmt: skip
        set_them = box.addButton(self.tr("Указать реквизиты…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Продолжить с заполнителями"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(self.tr("Отмена"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(set_them)
        box.exec()
        if box.clickedButton() is set_them:
            self._on_requisites_button_clicked()
            return False
        return box.clickedButton() is not cancel and box.clickedButton() is not None

    def _show_issued(self) -> None:
        if self._db is None:
            return
        items = [
            (f"{d.doc_type.capitalize()} от {d.issued_on:%d.%m.%Y} № {d.number}: {d.title}"
             if d.issued_on else f"{d.doc_type.capitalize()} ({d.created_at:%d.%m.%Y}): {d.title}", d.id)
            for d in issued_documents(self._db)
        ]  # fmt: skip
        self._fill(self.register, items)
        self.reprint_button.setEnabled(bool(items))

    def _show_preview(
        self, document: Document, pdf_bytes: bytes | None, request: DocumentRequest | None = None
    ) -> DocumentPreviewDialog:
        preview = DocumentPreviewDialog(document, self, pdf_bytes)
        if self._db is not None and request is not None:
            db = self._db

            def register(pdf: bytes) -> None:
                issue_document(db, request, document, pdf)
                self._show_issued()

            preview.on_issued = register
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.open()
        self.sig_preview_opened.emit(preview)
        return preview

    def _has_choices(self) -> bool:
        needs = self.current_kind().needs
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

    def _fill_doc_types(self) -> None:
        types = [DocumentType(value) for value in self.current_kind().doc_types]
        self._fill(self.doc_type, [(doc_type.title, doc_type.value) for doc_type in types])

    def _show_parameters(self) -> None:
        needs = self.current_kind().needs
        for name, widget in (("year", self.years), ("profile", self.profile), ("school", self.school),
                             ("roadmap", self.roadmap), ("round", self.round)):  # fmt: skip
            self.form.setRowVisible(widget, name in needs)
        # A roadmap's order is reprinted with the date and number of the order that approved it.
        self.dated.setText(
            self.tr("указать дату и номер (иначе — как в утверждении «дорожной карты», если оно записано)")
            if "roadmap" in needs
            else self.tr("указать дату и номер (иначе — пустые строки для регистрации)")
        )

    @Slot(int)
    def _on_kind_current_index_changed(self, _index: int) -> None:
        self._show_parameters()
        self._fill_doc_types()
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

    @Slot(int)
    def _on_doc_type_current_index_changed(self, _index: int) -> None:
        """The control point names the type («исполнения распоряжения»): kept in step while unedited."""
        if self._proposed is None or not self.current_kind().has_points:
            return
        if self.control.text().strip() == self._proposed.control:
            chosen = DocumentType(self.doc_type.currentData())
            self._proposed = replace(self._proposed, doc_type=chosen, control=control_point(chosen))
            self.control.setText(self._proposed.control)

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
    def _on_reprint_button_clicked(self) -> None:
        """A registered document again: the PDF as it was printed, the DOCX from its saved basis."""
        if self._db is None or self.register.currentData() is None:
            return
        try:
            document, _request, pdf = reissue(self._db, self.register.currentData())
        except DomainError as error:
            show_error(self, error)
            return
        self._show_preview(document, pdf)

    @Slot()
    def _on_requisites_button_clicked(self) -> None:
        if self._db is None:
            return
        dialog = RequisitesDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._on_requisites_accepted)
        dialog.open()

    @Slot()
    def _on_requisites_accepted(self) -> None:
        """New requisites reach the issuing body and the executor the clerk has not edited."""
        if self._db is None or self._proposed is None:
            return
        requisites = proposed_basis(self._db, replace(self.request(with_basis=False), basis=self._proposed))
        for field, widget in (("issuer", self.issuer), ("executor", self.executor)):
            old, new = getattr(self._proposed, field), getattr(requisites, field)
            shown = "\n".join(old) if isinstance(old, tuple) else old
            if widget.toPlainText().strip() == shown.strip():
                widget.setPlainText("\n".join(new) if isinstance(new, tuple) else new)
        self._proposed = replace(self._proposed, issuer=requisites.issuer, executor=requisites.executor)
