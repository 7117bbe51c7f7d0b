"""Russian inflection for generated sentences, by pymorphy3 and its Russian dictionary.

An order approves «План мероприятий («дорожную карту»)», is «Об утверждении
Плана мероприятий («дорожной карты»)» and refers to it afterwards as «(далее –
План)»; the same title typed by the clerk in the nominative has to be put into
the case each sentence needs. A table of hand-written endings knew five
titles; the dictionary knows every noun and adjective a title may start with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

NOMINATIVE = "nomn"
GENITIVE = "gent"
DATIVE = "datv"
ACCUSATIVE = "accs"
INSTRUMENTAL = "ablt"
PREPOSITIONAL = "loct"

_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")


@cache
def _analyzer() -> Any:
    # Imported when first needed: the dictionary is loaded once, and only by what writes Russian.
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


_FUNCTION_WORDS = {"PREP", "CONJ", "PRCL", "INTJ", "NPRO"}


def _nominative_parse(word: str, parts: tuple[str, ...]) -> Any | None:
    parses = _analyzer().parse(word)
    if not parses or parses[0].tag.POS in _FUNCTION_WORDS or len(word) < 2:
        return None
    for parse in parses:
        if parse.tag.POS in parts and parse.tag.case == NOMINATIVE:
            return parse
    return None


def _same_case(original: str, inflected: str) -> str:
    if original.isupper() and len(original) > 1:
        return inflected.upper()
    if original[:1].isupper():
        return inflected[:1].upper() + inflected[1:]
    return inflected


def _inflect(parse: Any, case: str, original: str, noun: Any | None = None) -> str:
    """`parse` in `case`; an adjective takes the gender, number and animacy of its `noun`."""
    wanted = {case}
    if noun is not None and parse is not noun:
        number = noun.tag.number or "sing"
        wanted.add(number)
        if number == "sing" and noun.tag.gender:
            wanted.add(noun.tag.gender)
        if case == ACCUSATIVE and (number == "plur" or noun.tag.gender == "masc"):
            wanted.add(noun.tag.animacy or "inan")
    form = parse.inflect(wanted) or parse.inflect({case})
    return _same_case(original, form.word if form else original)


@dataclass(frozen=True)
class _Head:
    """The noun phrase a title starts with: its words' positions and parses, the noun last."""

    spans: tuple[tuple[int, int, Any], ...]

    @property
    def noun(self) -> Any:
        return self.spans[-1][2]


def _head(text: str, start: int = 0, stop: int | None = None) -> _Head | None:
    """Adjectives in the nominative, then a noun in the nominative, from the text's first word."""
    spans: list[tuple[int, int, Any]] = []
    for match in _WORD.finditer(text, start, len(text) if stop is None else stop):
        between = text[spans[-1][1] if spans else start : match.start()]
        if between.strip(" «\"„"):
            return None
        adjective = _nominative_parse(match[0], ("ADJF", "PRTF"))
        noun = _nominative_parse(match[0], ("NOUN",))
        if noun is not None and (adjective is None or spans):
            spans.append((match.start(), match.end(), noun))
            return _Head(tuple(spans))
        if adjective is None:
            return None
        spans.append((match.start(), match.end(), adjective))
    return None


def _replace(text: str, heads: list[_Head], case: str) -> str:
    out, last = [], 0
    for head in heads:
        for begin, end, parse in head.spans:
            out += [text[last:begin], _inflect(parse, case, text[begin:end], head.noun)]
            last = end
    return "".join(out) + text[last:]


def inflect_title(title: str, case: str, in_sentence: bool = True) -> str | None:
    """The title with its leading noun phrase (and a nominative gloss in brackets after it) in `case`.

    «План мероприятий («дорожная карта») по …» → accusative «План мероприятий
    («дорожную карту») по …»; words that depend on the head («мероприятий»,
    «по повышению …») stay as they are. None when the title does not start
    with a noun phrase in the nominative (then say «документ «…»»).

    In a sentence a leading adjective is written small («утвердить
    муниципальную программу», seed 002) while a leading noun keeps its
    capital («Утвердить План мероприятий», seed 003).
    """
    head = _head(title)
    if head is None:
        return None
    first = title[: head.spans[0][1]]
    if in_sentence and head.spans[0][2] is not head.noun and not first.isupper():
        title = title[:1].lower() + title[1:]
    heads = [head]
    tail_start = head.spans[-1][1]
    bracket = title.find("(", tail_start)
    if bracket != -1 and all(_is_dependent(w) for w in _WORD.findall(title[tail_start:bracket])):
        close = title.find(")", bracket)
        gloss = _head(title, bracket + 1, close if close != -1 else None)
        if gloss is not None:
            heads.append(gloss)
    return _replace(title, heads, case)


def _is_dependent(word: str) -> bool:
    """A word after the head that depends on it in the genitive («мероприятий», «города»)."""
    return any(p.tag.case == GENITIVE for p in _analyzer().parse(word))


def title_in_case(title: str, case: str, in_sentence: bool = True) -> str:
    """`inflect_title`, or «документ «Название»» with «документ» in `case`."""
    inflected = inflect_title(title, case, in_sentence)
    if inflected is not None:
        return inflected
    document = _nominative_parse("документ", ("NOUN",))
    return f"{_inflect(document, case, 'документ')} «{title}»"


@dataclass(frozen=True)
class ShortName:
    """How an order names its subject after the first mention: «(далее – Программа)»."""

    nominative: str
    genitive: str
    accusative: str
    gender: str
    """«masc», «femn», «neut» or «plur»: «утверждённый План», «утверждённая Программа»."""


_TOO_GENERIC = {"карта"}
"""Head nouns that alone name nothing: «дорожная карта» keeps its adjective and its quotes."""


def short_name(title: str) -> ShortName:
    """The head noun of the title, capitalised: «План», «Программа», «План-график»."""
    head = _head(title)
    if head is None:
        return ShortName("Документ", "Документа", "Документ", "masc")
    noun = head.noun
    gender = "plur" if noun.tag.number == "plur" else noun.tag.gender or "masc"
    if noun.normal_form in _TOO_GENERIC:
        phrase = title[head.spans[0][0] : head.spans[-1][1]].lower()
        phrase_head = _head(phrase) or head
        genitive, accusative = (_replace(phrase, [phrase_head], case) for case in (GENITIVE, ACCUSATIVE))
        return ShortName(f"«{phrase}»", f"«{genitive}»", f"«{accusative}»", gender)
    forms = (_same_case("П", (noun.inflect({case}) or noun).word) for case in (GENITIVE, ACCUSATIVE))
    return ShortName(_same_case("П", noun.word), *forms, gender)


def agree(count: int, noun: str, case: str = NOMINATIVE) -> str:
    """The noun in the form the number needs: (5, «мероприятие», gent) → «мероприятий» as in «из 5 …»."""
    parse = _nominative_parse(noun, ("NOUN",)) or _analyzer().parse(noun)[0]
    form = parse.inflect({case}) if case != NOMINATIVE else parse
    agreed = (form or parse).make_agree_with_number(abs(count))
    return _same_case(noun, (agreed or form or parse).word)


def counted(count: int, noun: str, case: str = NOMINATIVE) -> str:
    """«21 мероприятие», «из 21 мероприятия» (case=gent), with a non-breaking space."""
    return f"{count}\u00a0{agree(count, noun, case)}"
