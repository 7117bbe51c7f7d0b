"""Options several `lowres` commands share, worded once: the rule profile and the output format.

Every command that lists schools takes `add_profile_options`, so the current
profile is the default everywhere and `--threshold` overrides it; every
command that prints a table takes `add_format_option` with the formats it can
write. Only argparse here: the parser is built at every start.
"""

from __future__ import annotations

import argparse

FORMATS = {
    "table": "table — таблица для чтения",
    "csv": "csv — для Excel (UTF-8 с меткой порядка байтов)",
    "json": "json — для других программ",
}


def add_profile_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--profile",
        metavar="NAME",
        help="профиль правила (по умолчанию текущий профиль базы, см. lowres profile list)",
    )
    parser.add_argument(
        "--threshold",
        type=float,
        metavar="P",
        help="порог «низких результатов», %% – вместо порогов профиля для всех процедур",
    )


def add_format_option(parser: argparse.ArgumentParser, *formats: str) -> None:
    """`--format` with these of `FORMATS`, the first the default."""
    parser.add_argument(
        "--format",
        choices=list(formats),
        default=formats[0],
        help="вид вывода: " + "; ".join(FORMATS[name] for name in formats) + f" (по умолчанию {formats[0]})",
    )
