"""Russian typography for documents: «ёлочки», non-breaking spaces that keep what belongs together.

Every text that reaches a page passes through `typeset`, so a clerk's
straight quotes, a number torn from its «№» or its «ОО» at a line end, or a
dash starting a line never reach print. `HYPHENATION` names the patterns
both renderers hyphenate Russian with.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache

import pyphen

from lowres_desktop.domain.quotes import typographic_quotes

NBSP = "\u00a0"
DASH = "\u2013"

_NUMBER_SIGN = re.compile(r"(№№?|§)[^\S\n]*(?=\S)")
# «Р. М. Ахметгареев», «Прасолова О. А.», «С.В. Круль»: initials stick together and to the surname.
_INITIALS_BEFORE = re.compile(r"\b([А-ЯЁA-Z])\.[^\S\n]*([А-ЯЁA-Z])\.[^\S\n]+(?=[А-ЯЁA-Z][а-яёa-z])")
_INITIALS_AFTER = re.compile(r"\b([А-ЯЁA-Z][а-яёa-z]+)[^\S\n]+([А-ЯЁA-Z])\.[^\S\n]*([А-ЯЁA-Z])\.")
_ONE_INITIAL = re.compile(r"\b([А-ЯЁA-Z])\.[^\S\n]+(?=[А-ЯЁA-Z][а-яёa-z]{2,})")
_SHORT_WORDS = re.compile(
    r"(?<![\w\-])(г\.|гг\.|ул\.|д\.|т\.|с\.|п\.|в|и|к|с|о|у|а|на|по|от|до|за|не|из)[^\S\n]+", re.I
)
_UNITS = re.compile(r"(\d)[^\S\n]+(%|г\.|гг\.|года?|годов|класс|кл\.)")
_HYPHEN_DASH = re.compile(r"(?<=[^\S\n])[-\u2014](?=[^\S\n])")
# A dash stays at the end of the line it continues: «ВПР-МА5 – 40 %», never «– 40 %» on a new line.
_SPACE_DASH = re.compile(r"[^\S\n]+(?=\u2013[^\S\n])")
# «15 ОО», «3 ШНОР», «СОШ № 12», «В(С)ОШ №№ 24 и 32»: a count and its abbreviation, a kind and its number.
_COUNT_ABBREVIATION = re.compile(r"(\d)[^\S\n]+(?=[А-ЯЁ]{2,}\b)")
_ABBREVIATION_NUMBER = re.compile(r"\b([А-ЯЁ][А-ЯЁ()]+)[^\S\n]+(?=№)")

# «2020-2024 гг.»: a range of years takes a dash without spaces.
_YEAR_RANGE = re.compile(r"\b((?:19|20)\d\d)-((?:19|20)\d\d)\b")

RANGE_DASH = re.compile(r"(?<=\d)\u2013(?=\d)")
"""The dash of a range of numbers («2020–2024», «5–9»): the range stays on one line.

The seeds print a range as one word («2020-2021», «2020-2024»). ReportLab
breaks lines only at spaces (and hyphenates letters only), so the PDF keeps
it whole; Word breaks after any dash, so the DOCX writes this one as Word's
non-breaking hyphen, the one character Word and LibreOffice never break at.
"""

HYPHENATION = "ru_RU"
"""pyphen's Russian patterns in the PDF; the DOCX asks Word for automatic hyphenation in ru-RU."""

_WRAPPED = re.compile(r"^([«„(\"'\[]*)(.*?)([»“)\"'\].,;:!?…]*)$", re.S)


@cache
def _patterns() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=HYPHENATION)


def hyphenation_pairs(word: str) -> Iterator[tuple[str, str]]:
    """Where a word may break at a line end, as ReportLab asks: (head, tail) pairs, the latest first.

    ReportLab's own use of pyphen gives up on a word glued to a preposition
    by a non-breaking space («по\u00a0выполнению») or wrapped in quotes, which
    left justified lines gaping; here the last part is hyphenated and the rest
    kept on the line.
    """
    cut = word.rfind(NBSP) + 1
    prefix, rest = word[:cut], word[cut:]
    match = _WRAPPED.match(rest)
    if match is None:
        return
    lead, core, trail = match.groups()
    if not core.isalpha():
        return
    for head, tail in _patterns().iterate(core):
        yield prefix + lead + head, tail + trail


def initials(text: str) -> str:
    """«Р. М. Ахметгареев» with non-breaking spaces, whatever spaces the user typed."""
    text = _INITIALS_BEFORE.sub(lambda m: f"{m[1]}.{NBSP}{m[2]}.{NBSP}", text)
    text = _INITIALS_AFTER.sub(lambda m: f"{m[1]}{NBSP}{m[2]}.{NBSP}{m[3]}.", text)
    return _ONE_INITIAL.sub(lambda m: f"{m[1]}.{NBSP}", text)


_PLAIN_NUMBER = re.compile(r"[\d\s,.\u2014\u2013]*")


def typeset(text: str) -> str:
    """The text as a careful clerk would print it."""
    if _PLAIN_NUMBER.fullmatch(text):
        # Table cells are mostly bare numbers: nothing to set, and there are tens of thousands.
        return text
    text = typographic_quotes(text)
    text = _HYPHEN_DASH.sub(DASH, text)
    text = _YEAR_RANGE.sub(lambda m: f"{m[1]}{DASH}{m[2]}", text)
    text = _SPACE_DASH.sub(NBSP, text)
    text = _NUMBER_SIGN.sub(lambda m: m[1] + NBSP, text)
    text = _COUNT_ABBREVIATION.sub(lambda m: m[1] + NBSP, text)
    text = _ABBREVIATION_NUMBER.sub(lambda m: m[1] + NBSP, text)
    text = initials(text)
    text = _UNITS.sub(lambda m: m[1] + NBSP + m[2], text)
    return _SHORT_WORDS.sub(lambda m: m[1] + NBSP, text)


def breakable_where_too_wide(text: str, width_of: Callable[[str], float], room: float) -> str:
    """Words joined by non-breaking spaces («№ п/п») may break where, kept together, they would not fit.

    A narrow header cell otherwise tore them letter by letter («№ п/ / п»).
    """
    return " ".join(
        word.replace(NBSP, " ") if NBSP in word and width_of(word) > room else word
        for word in text.split(" ")
    )
