"""The analysis part of the `lowres` command: `categories` and `dynamics`.

Each takes the database's current rule profile unless `--profile NAME` names
another; `--threshold P` overrides the profile's thresholds.

Only argparse and the standard library at the top (see cli_flag.py): the
services are imported by `run`.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, TextIO

from lowres_desktop.cli_options import add_format_option, add_profile_options
from lowres_desktop.files.cells import CsvWriter

if TYPE_CHECKING:
    from lowres_desktop.domain.dynamics import Dynamics
    from lowres_desktop.domain.profiles import RuleProfile
    from lowres_desktop.storage.unit_of_work import Database

CATEGORY_COLUMNS = [
    "login",
    "name",
    "district",
    "category",
    "categories",
    "flagged_since",
    "years_in_row",
    "official",
    "disagrees",
    "reasons",
    "profile",
    "fingerprint",
]


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    categories = commands.add_parser("categories", help="категории школ за год: ШНОР, УНОР, группа риска…")
    categories.add_argument("--year", type=int, required=True, help="год, за который определить категории")
    add_format_option(categories, "table", "csv", "json")
    add_profile_options(categories)
    dynamics = commands.add_parser("dynamics", help="кто вошёл в список, вышел из него, остался")
    dynamics.add_argument("--year", type=int, required=True, help="год, который сравнить с предыдущим")
    add_format_option(dynamics, "table", "json")
    add_profile_options(dynamics)


def run(db: Database, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from lowres_desktop.services.rule_profiles import chosen_profile

    profile = chosen_profile(db, args.profile, args.threshold)
    if args.command == "categories":
        _print_categories(db, args.year, profile, args.format, out)
    else:
        from lowres_desktop.services.dynamics import dynamics_for_year

        _print_dynamics(dynamics_for_year(db, args.year, profile), args.format, out)
    return 0


def _print_categories(db: Database, year: int, profile: RuleProfile, fmt: str, out: TextIO) -> None:
    from lowres_desktop.services.categories import categories_for_year
    from lowres_desktop.wording.analysis import (
        CATEGORY_TITLES,
        NO_RESULTS,
        category_reasons,
        official_text,
        profile_title,
        row_categories_text,
    )

    table = categories_for_year(db, year, profile)
    rows = [
        {
            "login": row.school.login,
            "name": row.school.full_name,
            "district": row.school.district or "",
            "category": CATEGORY_TITLES[row.computed.main] if row.computed.main else "",
            "categories": row_categories_text(row.computed.categories, row.has_results),
            "flagged_since": row.computed.flagged_since or "",
            "years_in_row": row.computed.years_in_row or "",
            "official": official_text(row.official) if row.official else "",
            "disagrees": "да" if row.disagrees else "",
            "reasons": category_reasons(row.computed, profile),
        }
        for row in table.rows
    ]
    named = {"profile": profile.name, "fingerprint": profile.fingerprint()}
    if fmt == "csv":
        writer = CsvWriter(out, lineterminator="\n")
        writer.writerow(CATEGORY_COLUMNS)
        for row in rows:
            row["reasons"] = "; ".join(row["reasons"])
            writer.writerow([{**row, **named}[column] for column in CATEGORY_COLUMNS])
        return
    if fmt == "json":
        json.dump(
            {"year": year, **named, "order": profile.order, "schools": rows},
            out,
            ensure_ascii=False,
            indent=2,
        )
        out.write("\n")
        return
    print(f"Категории школ, {year} г. {profile_title(profile)}.", file=out)
    totals = ", ".join(f"{title}: {table.count(category)}" for category, title in CATEGORY_TITLES.items())
    print(f"Всего школ {len(table.rows)}; {totals}; {NO_RESULTS}: {table.without_results()}.", file=out)
    for row in rows:
        if not row["categories"] and not row["official"]:
            continue
        mark = "  ≠ статус по приказу отличается" if row["disagrees"] else ""
        print(f"{row['login']:<12} {row['name']} — {row['categories']}{mark}", file=out)
        if row["official"]:
            print(f"     по приказу: {row['official']}", file=out)
        for reason in row["reasons"]:
            print(f"     · {reason}", file=out)


def _school_line(found: Dynamics, login: str) -> str:
    school = found.schools[login]
    in_row, total = found.years_on_list.get(login, (0, 0))
    years = f" — в списке {in_row} г. подряд, всего {total}" if in_row else ""
    return f"{login:<12} {school.full_name}{years}"


def _print_dynamics(found: Dynamics, fmt: str, out: TextIO) -> None:
    from lowres_desktop.domain.dynamics import Trend
    from lowres_desktop.wording.analysis import TREND_TITLES, change_text, profile_title
    from lowres_desktop.wording.common import format_percent

    change = found.change
    if fmt == "json":
        payload = {
            "year": found.year,
            "previous_year": change.previous_year,
            "profile": found.profile.name,
            "schools_total": change.schools_total,
            "flagged": change.flagged,
            "flagged_share": change.flagged_share,
            "entered": list(change.entered),
            "left": list(change.left),
            "stayed": list(change.stayed),
            "entered_share": change.entered_share,
            "left_share": change.left_share,
            "stayed_share": change.stayed_share,
            "target_share": found.profile.categories.target_share,
            "shares": [{"year": s.year, "flagged": s.flagged, "share": s.share} for s in found.shares],
            "years_on_list": {login: list(v) for login, v in sorted(found.years_on_list.items())},
            "procedures": [
                {
                    "procedure": s.procedure.code,
                    "schools": s.schools,
                    "negative": s.negative,
                    "negative_share": s.negative_share,
                    "positive": s.positive,
                }
                for s in found.trend_summary
            ],
        }
        json.dump(payload, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    heading = f"Динамика списка, {found.year} г. против {change.previous_year} г."
    print(f"{heading} {profile_title(found.profile)}.", file=out)
    for line in change_text(change):
        print(line, file=out)
    for title, logins in (("Вошли", change.entered), ("Вышли", change.left), ("Остались", change.stayed)):
        print(f"{title} ({len(logins)}):", file=out)
        for school in found.named(list(logins)):
            print(f"  {_school_line(found, school.login)}", file=out)
    target = found.profile.categories.target_share
    print(f"Доля ШНОР по годам (цель — не более {format_percent(target)}):", file=out)
    for share in found.shares:
        mark = "в пределах цели" if share.target_met else "выше цели"
        print(f"  {share.year}: {share.flagged} ({format_percent(share.share)}) — {mark}", file=out)
    if found.trend_summary:
        print("Динамика доли «2» у школ списка по процедурам:", file=out)
        for summary in found.trend_summary:
            print(
                f"  {summary.procedure.code}: {TREND_TITLES[Trend.POSITIVE]} у {summary.positive}, "
                f"{TREND_TITLES[Trend.NEGATIVE]} у {summary.negative} из {summary.schools} "
                f"({format_percent(summary.negative_share)})",
                file=out,
            )
