"""Russian typography for documents: «ёлочки», non-breaking spaces after «№» and inside initials.

Every text that reaches a page passes through `typeset`, so a clerk's
straight quotes or a number torn from its «№» at a line end never reach print.
"""

from __future__ import annotations

import re

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
    text = _NUMBER_SIGN.sub(lambda m: m[1] + NBSP, text)
    text = initials(text)
    text = _UNITS.sub(lambda m: m[1] + NBSP + m[2], text)
    return _SHORT_WORDS.sub(lambda m: m[1] + NBSP, text)
