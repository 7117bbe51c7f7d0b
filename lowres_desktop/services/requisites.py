"""Use cases: read and save the organisation's requisites printed on every document."""

from __future__ import annotations

from dataclasses import fields, replace

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.reports.model import Requisites
from lowres_desktop.storage.unit_of_work import Database, UnitOfWork

_PREFIX = "requisites."
_EMBLEM = "requisites.emblem_png"
_TEXT_FIELDS = [f.name for f in fields(Requisites) if f.name not in ("authority_lines", "emblem_png")]


def load_requisites(db: Database) -> Requisites:
    """The saved requisites; fields never saved keep the neutral defaults (visible as placeholders)."""
    with db.unit_of_work() as uow:
        texts = uow.settings.texts(_PREFIX)
        emblem = uow.settings.data(_EMBLEM)
    values: dict[str, object] = {name: texts[name] for name in _TEXT_FIELDS if name in texts}
    if "authority_lines" in texts:
        values["authority_lines"] = tuple(
            line for line in texts["authority_lines"].splitlines() if line.strip()
        )
    return replace(Requisites(), emblem_png=emblem, **values)


def save_requisites(db: Database, requisites: Requisites) -> None:
    """Save all requisites in one transaction."""
    if not any(line.strip() for line in requisites.authority_lines):
        raise DomainError("Укажите наименование организации (хотя бы одну строку).")
    if not requisites.signatory_name.strip():
        raise DomainError("Укажите инициалы и фамилию подписывающего.")
    with db.unit_of_work() as uow:
        write_requisites(uow, requisites)
        uow.commit()


def write_requisites(uow: UnitOfWork, requisites: Requisites) -> None:
    """Write within the caller's unit of work (the demo fills them with its data)."""
    uow.settings.set_text(_PREFIX + "authority_lines", "\n".join(requisites.authority_lines))
    for name in _TEXT_FIELDS:
        uow.settings.set_text(_PREFIX + name, str(getattr(requisites, name)).strip())
    uow.settings.set_data(_EMBLEM, requisites.emblem_png)


FIELD_TITLES = {
    "authority_lines": "наименование на бланке",
    "name_genitive": "наименование в родительном падеже",
    "place": "место издания",
    "signatory_position": "должность подписывающего",
    "signatory_name": "инициалы и фамилия подписывающего",
    "executor_name": "исполнитель",
    "executor_phone": "телефон исполнителя",
}
"""Russian names of the requisites, in the order the settings dialog and `lowres requisites` show them."""

_PLACEHOLDERS = ("authority_lines", "place", "signatory_name")


def placeholder_fields(requisites: Requisites) -> list[str]:
    """The requisites still at the neutral defaults («МЭРИЯ ГОРОДА», «И. О. Фамилия»), by Russian name.

    A new database prints them as they are; the window and the command warn
    before such a document goes to print.
    """
    defaults = Requisites()
    return [
        FIELD_TITLES[name] for name in _PLACEHOLDERS if getattr(requisites, name) == getattr(defaults, name)
    ]
