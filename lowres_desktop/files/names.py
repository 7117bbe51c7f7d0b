"""The name a chosen file is saved under: the user's name, with the format's extension added if missing.

`Path.with_suffix` would replace the last «extension» of a name with dots:
«Приказ №12 от 01.02.2025» would be saved as «Приказ №12 от 01.02.pdf». Here
the extension is only ever added, so every dot the user typed stays.
"""

from __future__ import annotations

from pathlib import Path


def with_extension(name: str | Path, extension: str) -> Path:
    """`name` as given when it already ends with `extension` (any case), else with it appended."""
    path = Path(name)
    if path.name.lower().endswith(extension.lower()):
        return path
    return path.with_name(path.name + extension)
