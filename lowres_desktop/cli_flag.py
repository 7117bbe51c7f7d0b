"""The `lowres flag` and `lowres demo` commands.

Like every `cli_*` module, only argparse and the standard library are
imported at the top: `lowres --help` builds every command's parser, so the
services (SQLAlchemy, openpyxl, ReportLab) are imported inside `run`, by the
command that uses them.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, TextIO

from lowres_desktop.files.cells import CsvWriter

if TYPE_CHECKING:
    from lowres_desktop.services.identify_schools import Identification
    from lowres_desktop.services.rule_profiles import ProfileIdentification
    from lowres_desktop.storage.unit_of_work import Database


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    flag = commands.add_parser("flag", help="выявить школы с низкими результатами")
    flag.add_argument("--year", type=int, required=True, help="последний год учитываемых результатов")
    flag.add_argument("--format", choices=["table", "csv", "json"], default="table")
    flag.add_argument(
        "--threshold",
        type=float,
        help="порог «низких результатов», %% (по умолчанию 30 или порог профиля)",
    )
    flag.add_argument("--profile", metavar="NAME", help="профиль правила (по умолчанию текущий профиль базы)")
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
    if args.profile is not None:
        from dataclasses import replace

        from lowres_desktop.services.rule_profiles import find_profile, identify_by_profile

        profile = find_profile(db, args.profile)
        if args.threshold is not None:
            profile = replace(profile, default_threshold=args.threshold, thresholds=())
        _print_profile_flagged(identify_by_profile(db, args.year, profile), args.format, out)
        return 0
    from lowres_desktop.domain.rule import RuleParameters
    from lowres_desktop.services.identify_schools import identify_schools

    threshold = RuleParameters().threshold if args.threshold is None else args.threshold
    found = identify_schools(db, args.year, RuleParameters(threshold=threshold))
    if found.schools_total == 0:
        print("В базе нет школ: сначала импортируйте результаты (lowres import FILE).", file=err)
    _print_flagged(found, args.format, out)
    return 0


def _print_flagged(found: Identification, fmt: str, out: TextIO) -> None:
    from lowres_desktop.wording.common import criteria_text, format_percent, plural, reason_text, rule_text

    rows = [
        (
            f.school.login,
            f.school.full_name,
            f.school.district or "",
            criteria_text(f.verdict, found.params),
            "; ".join(reason_text(r) for r in f.verdict.reasons),
        )
        for f in found.flagged
    ]
    if fmt == "csv":
        writer = CsvWriter(out, lineterminator="\n")
        writer.writerow(["login", "name", "district", "criteria", "reasons"])
        writer.writerows(rows)
    elif fmt == "json":
        payload = {
            "year": found.year,
            "threshold": found.params.threshold,
            "schools_total": found.schools_total,
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
                }
                for f in found.flagged
            ],
        }
        json.dump(payload, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        print(rule_text(found.params, found.year), file=out)
        count = len(found.flagged)
        print(
            f"Выявлено {count} {plural(count, 'школа', 'школы', 'школ')} из {found.schools_total} "
            f"({format_percent(found.share)}).",
            file=out,
        )
        for number, (login, name, district, criteria, _reasons) in enumerate(rows, start=1):
            print(f"{number:>3}. {login:<12} {name} — {district}", file=out)
            print(f"     {criteria}", file=out)
            for reason in found.flagged[number - 1].verdict.reasons:
                print(f"       · {reason_text(reason)}", file=out)


def _print_profile_flagged(found: ProfileIdentification, fmt: str, out: TextIO) -> None:
    from lowres_desktop.wording.analysis import profile_rule_text, schools_word, skipped_text
    from lowres_desktop.wording.common import criteria_text, format_percent, reason_text

    params = found.profile.rule_parameters()
    if fmt == "csv":
        writer = CsvWriter(out, lineterminator="\n")
        writer.writerow(["login", "name", "district", "criteria", "reasons", "profile"])
        for school, assessment in found.assessments:
            reasons = [reason_text(r) for r in assessment.verdict.reasons]
            reasons += [skipped_text(s) for s in assessment.skipped]
            writer.writerow(
                [
                    school.login,
                    school.full_name,
                    school.district or "",
                    criteria_text(assessment.verdict, params),
                    "; ".join(reasons),
                    found.profile.name,
                ]
            )
        return
    if fmt == "json":
        payload = {
            "year": found.year,
            "profile": found.profile.name,
            "order": found.profile.order,
            "schools_total": found.schools_total,
            "flagged": [
                {
                    "login": school.login,
                    "name": school.full_name,
                    "district": school.district,
                    "criteria": sorted(c.value for c in a.verdict.criteria),
                    "reasons": [reason_text(r) for r in a.verdict.reasons],
                    "not_counted": [skipped_text(s) for s in a.skipped],
                }
                for school, a in found.assessments
            ],
        }
        json.dump(payload, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    print(profile_rule_text(found.profile, found.year), file=out)
    count = len(found.assessments)
    share = 100.0 * count / found.schools_total if found.schools_total else 0.0
    print(f"Выявлено {schools_word(count)} из {found.schools_total} ({format_percent(share)}).", file=out)
    for number, (school, assessment) in enumerate(found.assessments, start=1):
        print(f"{number:>3}. {school.login:<12} {school.full_name} — {school.district or ''}", file=out)
        print(f"     {criteria_text(assessment.verdict, params)}", file=out)
        for reason in assessment.verdict.reasons:
            print(f"       · {reason_text(reason)}", file=out)
        for skipped in assessment.skipped:
            print(f"       · {skipped_text(skipped)}", file=out)
