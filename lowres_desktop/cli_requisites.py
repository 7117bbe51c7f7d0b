"""The organisation's requisites from the command line: `lowres requisites show|set …`.

The same service as the settings dialog; only argparse at the top (see
cli_flag.py), the services are imported by `run`.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from lowres_desktop.storage.unit_of_work import Database

_OPTIONS = (
    ("authority", "authority_lines", "строка наименования на бланке (повторить для каждой строки)"),
    ("name-genitive", "name_genitive", "наименование в родительном падеже («департамента образования»)"),
    ("place", "place", "место издания («г. Новосибирск»)"),
    ("signatory-position", "signatory_position", "должность подписывающего"),
    ("signatory-name", "signatory_name", "инициалы и фамилия подписывающего («Р. М. Ахметгареев»)"),
    ("executor-name", "executor_name", "исполнитель"),
    ("executor-phone", "executor_phone", "телефон исполнителя"),
)


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    requisites = commands.add_parser("requisites", help="реквизиты организации для документов")
    actions = requisites.add_subparsers(dest="action", required=True, metavar="ДЕЙСТВИЕ")
    actions.add_parser("show", help="показать реквизиты")
    setting = actions.add_parser("set", help="задать реквизиты (не названные остаются прежними)")
    for option, field, text in _OPTIONS:
        kwargs: dict[str, object] = {"action": "append"} if field == "authority_lines" else {}
        setting.add_argument(f"--{option}", dest=field, metavar="ТЕКСТ", help=text, **kwargs)  # type: ignore[arg-type]


def run(db: Database, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from dataclasses import replace

    from lowres_desktop.services.requisites import (
        FIELD_TITLES,
        load_requisites,
        placeholder_fields,
        save_requisites,
    )

    requisites = load_requisites(db)
    if args.action == "set":
        changes = {
            field: getattr(args, field) for _o, field, _t in _OPTIONS if getattr(args, field) is not None
        }
        if "authority_lines" in changes:
            changes["authority_lines"] = tuple(
                line.strip() for line in changes["authority_lines"] if line.strip()
            )
        requisites = replace(requisites, **changes)
        save_requisites(db, requisites)
        print("Реквизиты сохранены.", file=out)
    for _option, field, _text in _OPTIONS:
        value = getattr(requisites, field)
        shown = " / ".join(value) if isinstance(value, tuple) else value
        print(f"{FIELD_TITLES[field].capitalize()}: {shown or '—'}", file=out)
    print(f"Герб или эмблема: {'задана' if requisites.emblem_png else 'не задана'}", file=out)
    missing = placeholder_fields(requisites)
    if missing:
        print("Не заданы (печатаются заполнители): " + ", ".join(missing) + ".", file=err)
    return 0
