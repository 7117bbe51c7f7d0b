"""The name a file is saved under: proposed from a title, then as the user typed it, with its extension.

`Path.with_suffix` would replace the last «extension» of a name with dots:
«Приказ №12 от 01.02.2025» would be saved as «Приказ №12 от 01.02.pdf». Here
the extension is only ever added, so every dot the user typed stays.
"""

from __future__ import annotations

import re
from pathlib import Path


def with_extension(name: str | Path, extension: str) -> Path:
    """`name` as given when it already ends with `extension` (any case), else with it appended."""
    path = Path(name)
    if path.name.lower().endswith(extension.lower()):
        return path
    return path.with_name(path.name + extension)


_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
"""What Windows refuses in a file name (a document's title may hold «"» or «:»)."""


def file_name_from(text: str, fallback: str, limit: int = 100) -> str:
    """A name to propose for a file about `text`: refused characters replaced, a long one cut.

    Cut at the last comma in its second half, so that a title ends on a whole
    clause («… Об итогах выявления общеобразовательных организаций»), else after
    a whole word. No extension: the dialog's `with_extension` adds it.
    `fallback` when nothing is left.
    """
    name = " ".join(_NOT_IN_NAMES.sub("_", text).split())
    if len(name) > limit:
        head = name[: limit + 1]
        comma = head.rfind(",")
        if comma > limit // 2:
            name = head[:comma]
        else:
            name = head.rsplit(" ", 1)[0] if " " in name[:limit] else name[:limit]
    return name.strip(" ._,") or fallback
