"""The programs' own command-line words are Russian: help headings, usage and argparse's errors."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys

import pytest

from lowres_desktop import cli
from lowres_desktop.russian_argparse import _ngettext
from tests.cli.test_cli import lowres

ENGLISH = re.compile(
    r"usage:|positional arguments|options:|show this help|error:|required:|invalid|version number"
)
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def test_help_of_the_program_and_of_a_command_has_no_english_words() -> None:
    for args in (["--help"], ["flag", "--help"], ["profile", "import", "--help"]):
        shown = lowres(*args)
        assert shown.returncode == 0, shown.stderr
        assert not ENGLISH.search(shown.stdout), shown.stdout
        assert "использование: lowres" in shown.stdout
        assert "показать эту справку и выйти" in shown.stdout
    assert "показать версию программы и выйти" in lowres("--help").stdout


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["flag", "--year", "abc"], "lowres flag: ошибка: аргумент --year: недопустимое значение: 'abc'"),
        (["frob"], "lowres: ошибка: аргумент КОМАНДА: недопустимое значение 'frob' (возможны: 'import'"),
        (["report"], "lowres report: ошибка: не указаны обязательные аргументы: KIND, --out"),
        (["flag", "--year", "2024", "--bogus"], "lowres: ошибка: непонятные аргументы: --bogus"),
        (["flag", "--year"], "lowres flag: ошибка: аргумент --year: нужно одно значение"),
    ],
)
def test_a_mistyped_command_line_is_answered_in_russian(args: list[str], said: str) -> None:
    answered = lowres(*args)
    assert answered.returncode == 2
    assert said in answered.stderr
    assert not ENGLISH.search(answered.stderr), answered.stderr


def test_the_desktop_programs_options_are_refused_in_russian() -> None:
    answered = subprocess.run(
        [
            sys.executable,
            "-c",
            "from lowres_desktop.app import _parser; _parser().parse_args(['--db', 'x', '--demo'])",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert "lowres-desktop: ошибка: аргумент --demo: нельзя вместе с аргументом --db" in answered.stderr


@pytest.mark.parametrize(
    ("count", "form"),
    [(1, "значение"), (2, "значения"), (5, "значений"), (11, "значений"), (21, "значение"), (23, "значения")],
)
def test_a_count_of_values_agrees_with_its_number(count: int, form: str) -> None:
    assert _ngettext("expected %s argument", "expected %s arguments", count) == f"нужно %s {form}"


def _arguments(parser: argparse.ArgumentParser, command: str) -> list[tuple[str, argparse.Action]]:
    """Every argument of `parser` and of its commands, under the command line that reaches it."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += _arguments(sub, f"{command} {name}")
        elif not isinstance(action, argparse._HelpAction):
            found.append((command, action))
    return found


def test_every_argument_of_every_command_says_in_russian_what_it_is() -> None:
    arguments = _arguments(cli._parser(), "lowres")
    assert len(arguments) > 60
    unexplained = [f"{command} {a.option_strings or a.dest}" for command, a in arguments if not a.help]
    assert unexplained == []
    english = [a.help for _command, a in arguments if a.help and not CYRILLIC.search(a.help)]
    assert english == []
