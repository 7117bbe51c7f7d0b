"""The `lowres backup list|now|restore ID` subcommands: the copies of a database file.

A database that no longer opens is exactly the one to restore, so these
commands run without opening it (`run_without_database`). Only argparse and
the standard library at the top (see cli.py): the backup services are
imported when a command runs.
"""

from __future__ import annotations

import argparse
from typing import TextIO


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    backup = commands.add_parser("backup", help="резервные копии файла базы данных")
    actions = backup.add_subparsers(dest="backup_command", required=True, metavar="ДЕЙСТВИЕ")
    actions.add_parser("list", help="проверенные копии, новые первыми (ID — для restore)")
    actions.add_parser("now", help="сделать копию сейчас")
    restore = actions.add_parser("restore", help="вернуть базу к копии (текущее состояние тоже копируется)")
    restore.add_argument("id", metavar="ID", help="ID копии из «lowres backup list»")


def run_without_database(target: str, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from lowres_desktop.domain.errors import DomainError
    from lowres_desktop.services.backups import backup_id, backup_now, list_backups, restore_backup
    from lowres_desktop.services.database import open_database

    if args.backup_command == "list":
        copies = list_backups(target)
        if not copies:
            print("Резервных копий нет.", file=out)
            return 0
        print(f"{'ID':<23}  {'Создана':<19}  {'Причина':<28}  Размер", file=out)
        for copy in copies:
            print(
                f"{backup_id(copy):<23}  {copy.created_at:%d.%m.%Y %H:%M:%S}  {copy.reason_text:<28}  "
                f"{copy.size_bytes / 1024:.0f} КБ",
                file=out,
            )
        return 0
    if args.backup_command == "now":
        db = open_database(target)
        try:
            made = backup_now(db)
        finally:
            db.close()
        print(f"Копия создана: {backup_id(made)} ({made.path}).", file=out)
        return 0
    chosen = next((copy for copy in list_backups(target) if backup_id(copy) == args.id), None)
    if chosen is None:
        raise DomainError(
            f"Копии с ID «{args.id}» нет среди проверенных копий: посмотрите «lowres backup list»."
        )
    undo = restore_backup(target, chosen.path)
    print(f"База восстановлена из копии {backup_id(chosen)} от {chosen.created_at:%d.%m.%Y %H:%M}.", file=out)
    if undo is not None:
        print(f"Прежнее состояние сохранено: вернуть его — lowres backup restore {backup_id(undo)}", file=out)
    return 0
