"""The `lowres flag` and `lowres demo` commands.

`flag` takes the database's current rule profile unless `--profile NAME`
names another, and `--threshold P` overrides its thresholds: the same list
the «Низкие результаты» page, the order and the generated roadmaps show.

Like every `cli_*` module, only argparse and the standard library are
imported at the top: `lowres --help` builds every command's parser, so the
services (SQLAlchemy, openpyxl, ReportLab) are imported inside `run`, by the
command that uses them.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, TextIO

from lowres_desktop.cli_options import add_format_option, add_profile_options

if TYPE_CHECKING:
    from lowres_desktop.services.identify_schools import Identification
    from lowres_desktop.storage.unit_of_work import Database


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    flag = commands.add_parser(
        "flag", help="выявить школы с низкими результатами (по текущему профилю правила)"
    )
    flag.add_argument("--year", type=int, required=True, help="последний год учитываемых результатов")
    add_format_option(flag, "table", "csv", "json")
    add_profile_options(flag)
    commands.add_parser("demo", help="заполнить пустую базу демонстрационными данными")


def run(db: Database, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.command == "demo":
        from lowres_desktop.services.demo_data import fill_demo_data

        summary = fill_demo_data(db)
        print(
            f"Демонстрационные данные записаны: {summary.schools} школ, "
            f"{summary.results} результатов за {summary.first_year}–{summary.last_year} гг. "
            f"База: {db.target}",
            file=out,
        )
        return 0
    from lowres_desktop.services.identify_schools import identify_schools
    from lowres_desktop.services.rule_profiles import chosen_profile

    found = identify_schools(db, args.year, chosen_profile(db, args.profile, args.threshold))
    if found.schools_total + found.schools_without_results == 0:
        print("В базе нет школ: сначала импортируйте результаты (lowres import FILE).", file=err)
    _print_flagged(found, args.format, out)
    return 0


def _print_flagged(found: Identification, fmt: str, out: TextIO) -> None:
    from lowres_desktop.wording.analysis import profile_rule_text, schools_word, skipped_text
    from lowres_desktop.wording.common import assessed_text, criteria_text, reason_text

    profile = found.profile
    if fmt == "csv":
        from lowres_desktop.files.cells import CsvWriter

        writer = CsvWriter(out, lineterminator="\n")
        writer.writerow(["login", "name", "district", "criteria", "reasons", "profile", "fingerprint"])
        for flagged in found.flagged:
            reasons = [reason_text(r) for r in flagged.verdict.reasons]
            reasons += [skipped_text(s) for s in flagged.assessment.skipped]
            writer.writerow(
                [
                    flagged.school.login,
                    flagged.school.full_name,
                    flagged.school.district or "",
                    criteria_text(flagged.verdict, profile),
                    "; ".join(reasons),
                    profile.name,
                    profile.fingerprint(),
                ]
            )
        return
    if fmt == "json":
        payload = {
            "year": found.year,
            "years": found.years,
            "profile": profile.name,
            "order": profile.order,
            "fingerprint": profile.fingerprint(),
            "schools_total": found.schools_total,
            "schools_without_results": found.schools_without_results,
            "flagged": [
                {
                    "login": f.school.login,
                    "name": f.school.full_name,
                    "district": f.school.district,
                    "criteria": sorted(c.value for c in f.verdict.criteria),
                    "reasons": [
                        {
                            "procedure": r.procedure.code,
                            "year": r.year,
                            "value": r.value,
                            "threshold": r.threshold,
                            "text": reason_text(r),
                        }
                        for r in f.verdict.reasons
                    ],
                    "not_counted": [skipped_text(s) for s in f.assessment.skipped],
                }
                for f in found.flagged
            ],
        }
        json.dump(payload, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    print(profile_rule_text(profile, found.year), file=out)
    count = len(found.flagged)
    totals = assessed_text(count, found.schools_total, found.years, found.schools_without_results)
    print(f"Выявлено {schools_word(count)} {totals}.", file=out)
    for number, flagged in enumerate(found.flagged, start=1):
        school = flagged.school
        print(f"{number:>3}. {school.login:<12} {school.full_name} — {school.district or ''}", file=out)
        print(f"     {criteria_text(flagged.verdict, profile)}", file=out)
        for reason in flagged.verdict.reasons:
            print(f"       · {reason_text(reason)}", file=out)
        for skipped in flagged.assessment.skipped:
            print(f"       · {skipped_text(skipped)}", file=out)
