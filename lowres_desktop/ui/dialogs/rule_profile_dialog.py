"""Editing a rule profile, with the «what if» preview that changes as the numbers change.

The year's results are read once when the dialog opens; every change of a
number re-applies the draft in memory and shows how many schools it would
flag and which would enter or leave the list of the saved profile.

A region's rule travels as a JSON file: «Выгрузить в файл…» writes the
profile as the fields say it, «Загрузить из файла…» saves the file's profile
(asking before it replaces one of the same name with other parameters) and
closes the dialog, through the same service as `lowres profile import`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.profiles import CategorySettings, ObjectivitySettings, RuleProfile, default_profile
from lowres_desktop.domain.records import ProcedureKind
from lowres_desktop.files.names import file_name_from, with_extension
from lowres_desktop.services.profile_files import import_profile, read_profile_file, write_profile_file
from lowres_desktop.services.rule_profiles import (
    PREVIEW_YEARS_BACK,
    PreviewData,
    list_profiles,
    load_preview_data,
    preview_profile,
    save_profile,
)
from lowres_desktop.ui.errors import show_error
from lowres_desktop.ui.file_dialogs import Purpose, open_file, save_file
from lowres_desktop.wording.analysis import schools_word
from lowres_desktop.wording.common import format_percent, procedure_title, years_phrase

if TYPE_CHECKING:
    from lowres_desktop.ui.app_context import AppContext

KINDS = (ProcedureKind.VPR, ProcedureKind.OGE, ProcedureKind.EGE)


def _percent_box(value: float) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0.0, 100.0)
    box.setDecimals(1)
    box.setSingleStep(1.0)
    box.setSuffix(" %")
    box.setValue(value)
    return box


def _count_box(value: int, low: int = 1, high: int = 10) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setValue(value)
    return box


class RuleProfileDialog(QDialog):
    """Edit `profile` (a copy when it is the built-in default) against the year's data."""

    def __init__(
        self, context: AppContext, year: int, profile: RuleProfile, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Профиль правила выявления"))
        self._context = context
        db = context.db
        self.saved = profile
        self.is_default = profile.name == default_profile().name
        self.data: PreviewData = load_preview_data(db, year)
        self.saved_name: str | None = None
        self.name = QLineEdit(
            self.tr("{name} (копия)").format(name=profile.name) if self.is_default else profile.name
        )
        self.order = QLineEdit(profile.order)
        for field in (self.name, self.order):
            field.setCursorPosition(0)  # a long name or order reads from its start, not its end
        self.order.setPlaceholderText(self.tr("например: приказ Минобрнауки Кузбасса от 23.10.2020 № 1721"))
        self.thresholds = {kind: _percent_box(profile.threshold(kind)) for kind in KINDS}
        self.min_low_latest = _count_box(profile.min_low_latest)
        self.min_low_each_year = _count_box(profile.min_low_each_year)
        self.years_each = _count_box(profile.years_each, high=PREVIEW_YEARS_BACK)
        self.min_participants = _count_box(profile.min_participants, low=0, high=500)
        self.procedures = QListWidget()
        # A region's file may count procedures this database has no results of yet: listed too, so
        # saving the profile here never drops them.
        for procedure in sorted({*self.data.procedures, *(profile.procedures or ())}):
            item = QListWidgetItem(f"{procedure.code} — {procedure_title(procedure)}")
            item.setData(Qt.ItemDataRole.UserRole, procedure)
            item.setCheckState(
                Qt.CheckState.Checked if profile.counts(procedure) else Qt.CheckState.Unchecked
            )
            self.procedures.addItem(item)
        settings = profile.categories
        self.persistent_years = _count_box(settings.persistent_years)
        self.risk_min_low = _count_box(settings.risk_min_low)
        self.risk_margin = _percent_box(settings.risk_margin)
        self.high_years = _count_box(settings.high_years)
        self.high_share = _percent_box(settings.high_share)
        self.target_share = _percent_box(settings.target_share)
        self.trend_tolerance = _percent_box(settings.trend_tolerance)
        objectivity = profile.objectivity
        self.lowered_threshold = _percent_box(objectivity.lowered_threshold)
        self.jump_points = _percent_box(objectivity.jump_points)
        self.jump_max_participants = _count_box(objectivity.jump_max_participants, high=1000)
        self.make_current = QCheckBox(self.tr("Сделать текущим профилем (им пользуются все страницы)"))
        self.make_current.setChecked(True)
        self.preview_label = QLabel()
        self.preview_label.setWordWrap(True)
        font = self.preview_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.preview_label.setFont(font)
        self.entered = QListWidget()
        self.left = QListWidget()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.import_button = QPushButton(self.tr("Загрузить из файла…"))
        self.import_button.setToolTip(self.tr("Профиль региона в файле JSON (lowres profile export)"))
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.export_button = QPushButton(self.tr("Выгрузить в файл…"))
        self.export_button.setToolTip(self.tr("Профиль, как он указан в окне, в файл JSON для других офисов"))
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.file_status = QLabel()
        self.file_status.setWordWrap(True)
        self._layout()
        for box in self._boxes():
            box.valueChanged.connect(self._on_value_changed)
        self.procedures.itemChanged.connect(self._on_value_changed)
        self.name.textChanged.connect(self._on_value_changed)
        self.update_preview()
        self._opened = self._state()

    def _state(self) -> RuleProfile | None:
        """What the fields say now (None when they do not make a valid profile): to see edits."""
        try:
            return self.draft()
        except DomainError:
            return None

    def is_modified(self) -> bool:
        return self._state() != self._opened

    def reject(self) -> None:
        """Escape or «Отмена» with edits asks first: an afternoon of thresholds is not dropped silently."""
        if not self.is_modified():
            super().reject()
            return
        answer = QMessageBox.question(
            self,
            self.tr("Несохранённые изменения"),
            self.tr("Профиль изменён. Сохранить изменения?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            self._on_buttons_accepted()
        elif answer == QMessageBox.StandardButton.Discard:
            super().reject()

    def _boxes(self) -> list[QSpinBox | QDoubleSpinBox]:
        return [
            *self.thresholds.values(),
            self.min_low_latest,
            self.min_low_each_year,
            self.years_each,
            self.min_participants,
            self.persistent_years,
            self.risk_min_low,
            self.risk_margin,
            self.high_years,
            self.high_share,
            self.target_share,
            self.trend_tolerance,
            self.lowered_threshold,
            self.jump_points,
            self.jump_max_participants,
        ]

    def _layout(self) -> None:
        # Name and order across the whole dialog: both run to a hundred characters.
        heading = QFormLayout()
        heading.addRow(self.tr("Название:"), self.name)
        heading.addRow(self.tr("Приказ:"), self.order)
        rule = QFormLayout()
        for kind, box in self.thresholds.items():
            rule.addRow(self.tr("Порог «низких результатов» {kind}:").format(kind=kind.value), box)
        rule.addRow(self.tr("Низких процедур в последнем году, не менее:"), self.min_low_latest)
        rule.addRow(self.tr("…или в каждом году, не менее:"), self.min_low_each_year)
        rule.addRow(self.tr("Лет подряд для второго условия:"), self.years_each)
        rule.addRow(self.tr("Не учитывать процедуру, если участников меньше:"), self.min_participants)
        rule_box = QGroupBox(self.tr("Правило выявления ШНОР"))
        rule_box.setLayout(rule)
        procedures_box = QGroupBox(self.tr("Учитываемые процедуры"))
        QVBoxLayout(procedures_box).addWidget(self.procedures)
        categories = QFormLayout()
        categories.addRow(self.tr("УНОР: в списке лет подряд, не менее:"), self.persistent_years)
        categories.addRow(self.tr("Группа риска: низких процедур, не менее:"), self.risk_min_low)
        categories.addRow(self.tr("…или значения ниже порога не более чем на:"), self.risk_margin)
        categories.addRow(self.tr("Стабильно высокие: лет подряд:"), self.high_years)
        categories.addRow(self.tr("…средняя доля высоких результатов, не менее:"), self.high_share)
        categories.addRow(self.tr("Целевая доля ШНОР, не более:"), self.target_share)
        categories.addRow(self.tr("Изменение доли «2» без динамики, до:"), self.trend_tolerance)
        categories.addRow(self.tr("Необъективность: «понизили» более:"), self.lowered_threshold)
        categories.addRow(self.tr("…рост высоких результатов, не менее:"), self.jump_points)
        categories.addRow(self.tr("…при числе участников не более:"), self.jump_max_participants)
        categories_box = QGroupBox(self.tr("Категории и признаки"))
        categories_box.setLayout(categories)
        preview_box = QGroupBox(self.tr("Что изменится в {year} г.").format(year=self.data.year))
        preview = QVBoxLayout(preview_box)
        preview.addWidget(self.preview_label)
        lists = QHBoxLayout()
        for title, widget in (
            (self.tr("Войдут в список:"), self.entered),
            (self.tr("Выйдут из списка:"), self.left),
        ):
            column = QVBoxLayout()
            column.addWidget(QLabel(title))
            column.addWidget(widget)
            lists.addLayout(column)
        preview.addLayout(lists)
        left_column = QVBoxLayout()
        left_column.addWidget(rule_box)
        left_column.addWidget(procedures_box)
        right_column = QVBoxLayout()
        right_column.addWidget(categories_box)
        right_column.addWidget(preview_box, 1)
        columns = QHBoxLayout()
        columns.addLayout(left_column)
        columns.addLayout(right_column)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addLayout(columns)
        layout.addWidget(self.make_current)
        files = QHBoxLayout()
        files.addWidget(self.import_button)
        files.addWidget(self.export_button)
        files.addWidget(self.file_status, 1)
        layout.addLayout(files)
        layout.addWidget(self.buttons)
        self.resize(1200, 760)

    def draft(self) -> RuleProfile:
        """The profile as the fields now say; raises DomainError in Russian when it is not valid."""
        checked = [
            self.procedures.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.procedures.count())
            if self.procedures.item(i).checkState() == Qt.CheckState.Checked
        ]
        every = len(checked) == self.procedures.count()
        vpr = self.thresholds[ProcedureKind.VPR].value()
        return replace(
            self.saved,
            name=self.name.text().strip(),
            order=self.order.text().strip(),
            default_threshold=vpr,
            thresholds=tuple(
                (kind, box.value()) for kind, box in self.thresholds.items() if box.value() != vpr
            ),
            procedures=None if every else frozenset(checked),
            min_low_latest=self.min_low_latest.value(),
            min_low_each_year=self.min_low_each_year.value(),
            years_each=self.years_each.value(),
            min_participants=self.min_participants.value(),
            categories=CategorySettings(
                persistent_years=self.persistent_years.value(),
                risk_min_low=self.risk_min_low.value(),
                risk_margin=self.risk_margin.value(),
                high_years=self.high_years.value(),
                high_share=self.high_share.value(),
                target_share=self.target_share.value(),
                trend_tolerance=self.trend_tolerance.value(),
            ),
            objectivity=ObjectivitySettings(
                lowered_threshold=self.lowered_threshold.value(),
                jump_points=self.jump_points.value(),
                jump_max_participants=self.jump_max_participants.value(),
                jump_history_years=self.saved.objectivity.jump_history_years,
            ),
        )

    def update_preview(self) -> None:
        self.entered.clear()
        self.left.clear()
        try:
            draft = self.draft()
            outcome = preview_profile(self.data, draft, self.saved)
        except DomainError as error:
            self.preview_label.setText(error.message)
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            return
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)
        self.preview_label.setText(
            self.tr(
                "Будет выявлено {schools} из {total} ОО, по которым есть результаты за {years} ({share}); "
                "сейчас — {before}."
            ).format(
                schools=schools_word(outcome.flagged),
                total=outcome.schools_total,
                years=years_phrase(draft.years(outcome.year)),
                share=format_percent(outcome.share),
                before=outcome.flagged - len(outcome.entered) + len(outcome.left),
            )
        )
        for shown, schools in ((self.entered, outcome.entered), (self.left, outcome.left)):
            for school in schools:
                shown.addItem(" — ".join(part for part in (school.short_name, school.district) if part))

    @Slot()
    def _on_value_changed(self) -> None:
        self.update_preview()

    @Slot()
    def _on_buttons_accepted(self) -> None:
        try:
            draft = self.draft()
        except DomainError as error:
            show_error(self, error)
            return
        previous = None if self.is_default else self.saved.name
        make_current = self.make_current.isChecked()
        self.saved_name = draft.name
        self._context.operations.save_and_close(
            self,
            self.tr("Профиль правила"),
            lambda db, _p, _c: save_profile(db, draft, previous, make_current),
        )

    @Slot()
    def _on_export_button_clicked(self) -> None:
        try:
            draft = self.draft()
        except DomainError as error:
            show_error(self, error)
            return
        name = save_file(
            self,
            self.tr("Выгрузить профиль правила"),
            Purpose.PROFILES,
            f"{file_name_from(draft.name, 'profile')}.json",
            self.tr("Профиль правила (*.json)"),
        )
        if not name:
            return
        try:
            path = write_profile_file(draft, with_extension(name, ".json"))
        except DomainError as error:
            show_error(self, error)
            return
        self.file_status.setText(
            self.tr("Выгружено в {path} (отпечаток {fingerprint}).").format(
                path=path, fingerprint=draft.fingerprint()
            )
        )

    @Slot()
    def _on_import_button_clicked(self) -> None:
        if self.is_modified():
            answer = QMessageBox.question(
                self,
                self.tr("Загрузить профиль из файла"),
                self.tr("Изменения в этом окне не сохранены и будут потеряны. Загрузить профиль из файла?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        path = open_file(
            self, self.tr("Загрузить профиль правила"), Purpose.PROFILES, self.tr("Профиль правила (*.json)")
        )
        if path is None:
            return
        try:
            incoming = read_profile_file(path)
            saved = list_profiles(self._context.db).profiles
            existing = next((p for p in saved if p.name == incoming.name), None)
        except DomainError as error:
            show_error(self, error)
            return
        replacing = existing is not None and existing != incoming and existing.name != default_profile().name
        if replacing:
            assert existing is not None
            answer = QMessageBox.question(
                self,
                self.tr("Профиль уже есть"),
                self.tr(
                    "Профиль «{name}» уже есть с другими параметрами (отпечаток {old}, в файле {new}). "
                    "Заменить его профилем из файла?"
                ).format(name=incoming.name, old=existing.fingerprint(), new=incoming.fingerprint()),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        use = self.make_current.isChecked()
        self.saved_name = incoming.name
        self._context.operations.save_and_close(
            self,
            self.tr("Профиль правила из файла"),
            lambda db, _p, _c: import_profile(db, path, use=use, replace=replacing),
        )
