"""argparse's own words in Russian, for `lowres` and `lowres-desktop` alike.

argparse writes «usage:», «options», «show this help message and exit» and its
error messages through gettext, whose catalogue for the user's language Python
does not ship, so the command line spoke English around Russian help texts on
every system. argparse looks its `_` and `ngettext` up when it speaks, so
replacing them before a parser is built (the «options» group is named then)
gives every message of both programs in Russian; a text not listed stays as is.
"""

from __future__ import annotations

import argparse

RUSSIAN = {
    "usage: ": "использование: ",
    "positional arguments": "аргументы",
    "options": "параметры",
    "show this help message and exit": "показать эту справку и выйти",
    "%(prog)s: error: %(message)s\n": "%(prog)s: ошибка: %(message)s\n",
    "the following arguments are required: %s": "не указаны обязательные аргументы: %s",
    "unrecognized arguments: %s": "непонятные аргументы: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "недопустимое значение %(value)r (возможны: %(choices)s)"
    ),
    # The type is Python's name of it («int»): not a word for a user.
    "invalid %(type)s value: %(value)r": "недопустимое значение: %(value)r",
    "argument %(argument_name)s: %(message)s": "аргумент %(argument_name)s: %(message)s",
    "expected one argument": "нужно одно значение",
    "expected at most one argument": "нужно не более одного значения",
    "expected at least one argument": "нужно хотя бы одно значение",
    "not allowed with argument %s": "нельзя вместе с аргументом %s",
    "ignored explicit argument %r": "лишнее значение %r",
    "ambiguous option: %(option)s could match %(matches)s": (
        "неоднозначный параметр %(option)s: подходят %(matches)s"
    ),
    "one of the arguments %s is required": "нужен один из аргументов %s",
    "unexpected option string: %s": "неожиданный параметр: %s",
    "can't open '%(filename)s': %(error)s": "не удалось открыть «%(filename)s»: %(error)s",
}
"""argparse's messages that a user of the programs can meet, and their Russian."""

EXPECTED_VALUES = ("нужно %s значение", "нужно %s значения", "нужно %s значений")
"""«expected %s argument(s)» in the three forms a Russian number takes."""


def _gettext(message: str) -> str:
    return RUSSIAN.get(message, message)


def _ngettext(singular: str, plural: str, count: int) -> str:
    if singular == "expected %s argument":
        if count % 10 == 1 and count % 100 != 11:
            return EXPECTED_VALUES[0]
        if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
            return EXPECTED_VALUES[1]
        return EXPECTED_VALUES[2]
    return singular if count == 1 else plural


def russian_parser(prog: str, description: str, version: str) -> argparse.ArgumentParser:
    """A parser with `--version`, whose own words, and those of every parser built after it, are Russian.

    `--version`'s help is a default argument of argparse's action, not a message it
    translates, so the parser adds it here for both programs.
    """
    argparse._ = _gettext  # type: ignore[attr-defined]
    argparse.ngettext = _ngettext  # type: ignore[attr-defined]
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument(
        "--version", action="version", version=version, help="показать версию программы и выйти"
    )
    return parser
