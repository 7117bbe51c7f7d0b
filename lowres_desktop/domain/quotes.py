"""Straight and English quotes to «ёлочки»: how a school's name is written wherever it appears.

Documents set every text through it, and an import sets every school name
from a file through it, so «МБОУ "СОШ № 1"» from ФИС ОКО is stored as
«МБОУ «СОШ № 1»» and matches the name typed in the program.
"""

from __future__ import annotations


def typographic_quotes(text: str) -> str:
    """Straight and English quotes to «ёлочки», with „лапки“ for quotes inside quotes."""
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u201e", '"')
    out: list[str] = []
    depth = 0
    for index, char in enumerate(text):
        if char == "«":
            depth += 1
            out.append("«" if depth == 1 else "„")
        elif char == "»":
            out.append("»" if depth <= 1 else "\u201c")
            depth = max(depth - 1, 0)
        elif char == '"':
            before = text[index - 1] if index else " "
            opening = before.isspace() or before in "([{«„-\u2013\u2014/"
            if opening:
                depth += 1
                out.append("«" if depth == 1 else "„")
            else:
                out.append("»" if depth <= 1 else "\u201c")
                depth = max(depth - 1, 0)
        else:
            out.append(char)
    return "".join(out)
