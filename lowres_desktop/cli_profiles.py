"""The `lowres profile list|show|export|import|use` commands.

A region's rule travels between offices as a JSON file (the README describes
it); these commands are the CLI's side of the same service the profile dialog
uses. Heavy imports stay inside the run function: the parser is built at every start.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from lowres_desktop.storage.unit_of_work import Database


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    profile = commands.add_parser(
        "profile", help="профили правила выявления: список, просмотр, выгрузка и загрузка JSON, текущий"
    )
    actions = profile.add_subparsers(dest="profile_command", required=True, metavar="ДЕЙСТВИЕ")
    actions.add_parser("list", help="профили в базе; текущий отмечен «*»")
    show = actions.add_parser("show", help="параметры профиля в виде JSON")
    show.add_argument("name", nargs="?", metavar="NAME", help="название (по умолчанию текущий профиль)")
    export = actions.add_parser("export", help="выгрузить профиль в файл JSON")
    export.add_argument("name", metavar="NAME", help="название профиля (см. lowres profile list)")
    export.add_argument("--out", type=Path, required=True, metavar="F.json", help="файл, куда выгрузить")
    importing = actions.add_parser("import", help="загрузить профиль из файла JSON")
    importing.add_argument(
        "file", type=Path, metavar="F.json", help="файл профиля (из lowres profile export)"
    )
    importing.add_argument("--use", action="store_true", help="сделать загруженный профиль текущим")
    importing.add_argument(
        "--replace", action="store_true", help="заменить профиль с тем же названием и другими параметрами"
    )
    use = actions.add_parser("use", help="сделать профиль текущим (им пользуются все страницы и команды)")
    use.add_argument("name", metavar="NAME", help="название профиля (см. lowres profile list)")


def run(db: Database, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run `lowres profile …`."""
    from lowres_desktop.services import profile_files, rule_profiles
    from lowres_desktop.wording.analysis import profile_title

    command = args.profile_command
    if command == "list":
        listing = rule_profiles.list_profiles(db)
        for profile in listing.profiles:
            mark = "*" if profile.name == listing.current.name else " "
            order = f" — {profile.order}" if profile.order else ""
            print(f"{mark} {profile.fingerprint()}  {profile.name}{order}", file=out)
        return 0
    if command == "show":
        profile = rule_profiles.find_profile(db, args.name)
        json.dump(profile_files.profile_document(profile), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    if command == "export":
        profile = profile_files.export_profile(db, args.name, args.out)
        print(f"{profile_title(profile)} выгружен в {args.out}", file=out)
        return 0
    if command == "import":
        imported = profile_files.import_profile(db, args.file, use=args.use, replace=args.replace)
        words = {
            profile_files.ImportOutcome.ADDED: "загружен",
            profile_files.ImportOutcome.REPLACED: "загружен вместо прежнего",
            profile_files.ImportOutcome.UNCHANGED: "уже есть с теми же параметрами",
        }
        current = "; теперь он текущий" if imported.made_current else ""
        print(f"{profile_title(imported.profile)} {words[imported.outcome]}{current}.", file=out)
        return 0
    rule_profiles.set_current_profile(db, args.name)
    print(f"Текущий профиль: {profile_title(rule_profiles.find_profile(db, args.name))}.", file=out)
    return 0
