"""The built-in roadmap templates: the three real roadmaps of seeds 001–003 as JSON files.

They live in resources/templates/ as plain data (one file per roadmap plus
the executors' directory) so that anyone can read, check against the seed and
correct them without touching code. Each file is documented by its own
«source» and «notes» (what was reconstructed from the broken text dumps).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from lowres_desktop.domain.deadlines import Period
from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.roadmaps import (
    ApprovalOrder,
    Executor,
    Indicator,
    Numbering,
    Roadmap,
    RoadmapItem,
    RoadmapLevel,
    RoadmapSection,
    with_parsed_dates,
)
from lowres_desktop.paths import resources_dir


@dataclass(frozen=True)
class RoadmapTemplate:
    key: str
    name: str
    source: str
    notes: tuple[str, ...]
    roadmap: Roadmap


def templates_dir() -> Path:
    return resources_dir() / "templates"


def _indicator(data: dict[str, Any], period: Period) -> Indicator:
    return Indicator(
        name=data["name"],
        source=data.get("source", ""),
        unit=data.get("unit", "%"),
        target_value=data.get("target_value"),
        target_text=data.get("target_text", ""),
        target_year=data.get("target_year", period.last_year),
        higher_is_better=data.get("higher_is_better", True),
        per_school=data.get("per_school", False),
    )


def roadmap_from_data(data: dict[str, Any]) -> Roadmap:
    """A roadmap from the template JSON shape; dates are read from the deadline words."""
    period = Period(*data["period"])
    order = data.get("order", {})
    return Roadmap(
        title=data["title"],
        period=period,
        level=RoadmapLevel(data.get("level", "municipal")),
        order=ApprovalOrder(
            kind=order.get("kind", "приказ"),
            number=order.get("number", ""),
            date=date.fromisoformat(order["date"]) if order.get("date") else None,
            issuer=order.get("issuer", ""),
        ),
        numbering=Numbering(data.get("numbering", "flat")),
        sections=tuple(
            RoadmapSection(
                section["title"],
                tuple(
                    with_parsed_dates(
                        RoadmapItem(
                            text=item["text"],
                            deadline_text=item.get("deadline", ""),
                            executors=tuple(item.get("executors", ())),
                        ),
                        period,
                    )
                    for item in section["items"]
                ),
            )
            for section in data["sections"]
        ),
        indicators=tuple(_indicator(i, period) for i in data.get("indicators", ())),
        template_key=data.get("key"),
    )


@cache
def builtin_templates() -> tuple[RoadmapTemplate, ...]:
    found = []
    for path in sorted(templates_dir().glob("seed*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        found.append(
            RoadmapTemplate(
                key=data["key"],
                name=data["name"],
                source=data.get("source", ""),
                notes=tuple(data.get("notes", ())),
                roadmap=roadmap_from_data(data),
            )
        )
    return tuple(found)


def template(key: str) -> RoadmapTemplate:
    for candidate in builtin_templates():
        if candidate.key == key:
            return candidate
    known = ", ".join(t.key for t in builtin_templates())
    raise DomainError(f"Нет встроенного шаблона «{key}». Есть: {known}.")


@cache
def builtin_executors() -> tuple[Executor, ...]:
    data = json.loads((templates_dir() / "executors.json").read_text(encoding="utf-8"))
    return tuple(Executor(e["name"], e.get("full_name", "")) for e in data["executors"])
