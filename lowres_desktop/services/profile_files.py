"""A region's rule as a file: rule profiles exported to JSON and imported from it.

A regional ministry sets the rule by order and every municipality must apply
the same one; the file carries it from one office to the next. The CLI
(`lowres profile export|import`) and the profile dialog call these same
functions. A file is read whole and checked before anything is written: an
unknown key, a wrong type, a threshold outside 0–100 or an unknown procedure
is refused with a message naming the key, and a missing key takes the
default profile's value. The format is described in the README.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from enum import StrEnum
from pathlib import Path
from typing import Any

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.profiles import CategorySettings, ObjectivitySettings, RuleProfile, default_profile
from lowres_desktop.domain.records import ProcedureKey, ProcedureKind
from lowres_desktop.files.atomic import write_bytes_atomic
from lowres_desktop.files.faults import describe_os_error
from lowres_desktop.importing.procedure_headers import parse_procedure_code
from lowres_desktop.services.rule_profiles import (
    find_profile,
    list_profiles,
    save_profile,
    set_current_profile,
)
from lowres_desktop.storage.unit_of_work import Database
from lowres_desktop.wording.reference import subject_names

FORMAT = "lowres-rule-profile"
VERSION = 1
MAX_FILE_BYTES = 1_000_000
"""A profile is a few hundred bytes; anything this large is not one, and is refused before it is read."""

_RULE_INTEGERS = {
    "min_low_latest": 1,
    "min_low_each_year": 1,
    "years_each": 1,
    "min_participants": 0,
}
"""The integer keys of the rule and the least value each may take."""

_KEYS = {
    "format",
    "version",
    "name",
    "order",
    "default_threshold",
    "thresholds",
    "procedures",
    *_RULE_INTEGERS,
    "categories",
    "objectivity",
    "fingerprint",
}


class ProfileConflict(DomainError):
    """A profile of that name is saved with other parameters: replacing it is the user's decision."""

    def __init__(self, message: str, existing: RuleProfile, incoming: RuleProfile) -> None:
        super().__init__(message)
        self.existing = existing
        self.incoming = incoming


def profile_document(profile: RuleProfile) -> dict[str, Any]:
    """The profile as the JSON object the README describes; every threshold written out per kind."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "name": profile.name,
        "order": profile.order,
        "default_threshold": profile.default_threshold,
        "thresholds": {kind.value: profile.threshold(kind) for kind in ProcedureKind},
        "procedures": None if profile.procedures is None else sorted(p.code for p in profile.procedures),
        "min_low_latest": profile.min_low_latest,
        "min_low_each_year": profile.min_low_each_year,
        "years_each": profile.years_each,
        "min_participants": profile.min_participants,
        "categories": {f.name: getattr(profile.categories, f.name) for f in fields(CategorySettings)},
        "objectivity": {f.name: getattr(profile.objectivity, f.name) for f in fields(ObjectivitySettings)},
        "fingerprint": profile.fingerprint(),
    }


def _refuse(key: str, why: str) -> DomainError:
    return DomainError(f"Файл профиля, ключ «{key}»: {why}.")


def _number(data: Mapping[str, Any], key: str, label: str, low: float, high: float, default: float) -> float:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _refuse(label, f"нужно число, указано {json.dumps(value, ensure_ascii=False)}")
    if not low <= value <= high:
        raise _refuse(label, f"значение {value} вне допустимых пределов {low:g}–{high:g}")
    return float(value)


def _threshold(data: Mapping[str, Any], key: str, label: str, default: float) -> float:
    value = _number(data, key, label, 0, 100, default)
    if value == 0:
        raise _refuse(label, "порог должен быть больше 0 и не больше 100 %")
    return value


def _integer(data: Mapping[str, Any], key: str, label: str, low: int, default: int) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _refuse(label, f"нужно целое число, указано {json.dumps(value, ensure_ascii=False)}")
    if value < low:
        raise _refuse(label, f"значение {value} меньше {low}")
    return value


def _text(data: Mapping[str, Any], key: str, default: str) -> str:
    value = data.get(key, default)
    if not isinstance(value, str):
        raise _refuse(key, f"нужна строка, указано {json.dumps(value, ensure_ascii=False)}")
    return value.strip()


def _thresholds(data: Mapping[str, Any]) -> tuple[tuple[ProcedureKind, float], ...]:
    value = data.get("thresholds", {})
    if not isinstance(value, dict):
        raise _refuse("thresholds", 'нужен объект вида {"ВПР": 25, "ОГЭ": 30, "ЕГЭ": 30}')
    kinds = {kind.value: kind for kind in ProcedureKind}
    result = []
    for key in value:
        if key not in kinds:
            raise _refuse(f"thresholds.{key}", "неизвестный вид процедуры; допустимы " + ", ".join(kinds))
        result.append((kinds[key], _threshold(value, key, f"thresholds.{key}", 0)))
    return tuple(result)


def _procedures(data: Mapping[str, Any]) -> frozenset[ProcedureKey] | None:
    value = data.get("procedures")
    if value is None:
        return None
    if not isinstance(value, list) or not value:
        raise _refuse("procedures", "нужен null (все процедуры) или непустой список кодов вроде «ВПР МА 5»")
    known = subject_names()
    chosen = set()
    for index, code in enumerate(value):
        procedure = parse_procedure_code(code)
        if procedure is None or procedure.subject not in known:
            raise _refuse(
                f"procedures[{index}]",
                f"неизвестная процедура {json.dumps(code, ensure_ascii=False)}; коды пишутся так, "
                "как их выводит lowres results: «ВПР МА 5», «ОГЭ РУ», «ЕГЭ МАП»",
            )
        chosen.add(procedure)
    return frozenset(chosen)


def _settings(
    data: Mapping[str, Any], key: str, kind: type[CategorySettings] | type[ObjectivitySettings]
) -> Any:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise _refuse(key, "нужен объект с настройками")
    defaults = kind()
    values: dict[str, Any] = {}
    known = {f.name: f for f in fields(kind)}
    for name in value:
        if name not in known:
            raise _refuse(f"{key}.{name}", "неизвестный ключ; допустимы " + ", ".join(known))
        default = getattr(defaults, name)
        label = f"{key}.{name}"
        if isinstance(default, int):
            values[name] = _integer(value, name, label, 1, default)
        else:
            values[name] = _number(value, name, label, 0, 100, default)
    try:
        return kind(**values)
    except DomainError as error:
        raise _refuse(key, error.message.rstrip(".")) from error


def profile_from_document(data: object, fallback_name: str = "") -> RuleProfile:
    """The profile a JSON object describes; a Russian error names the first key that is wrong."""
    if not isinstance(data, dict):
        raise DomainError('Файл профиля должен содержать объект JSON: { "name": …, "thresholds": … }.')
    for key in data:
        if key not in _KEYS:
            raise _refuse(key, "неизвестный ключ; допустимы " + ", ".join(sorted(_KEYS)))
    if data.get("format", FORMAT) != FORMAT:
        raise _refuse("format", f"ожидается «{FORMAT}»")
    if data.get("version", VERSION) != VERSION:
        raise _refuse("version", f"эта версия программы читает версию {VERSION}")
    base = default_profile()
    name = _text(data, "name", fallback_name)
    if not name:
        raise _refuse("name", "у профиля должно быть название")
    default_threshold = _threshold(data, "default_threshold", "default_threshold", base.default_threshold)
    integers = {key: _integer(data, key, key, low, getattr(base, key)) for key, low in _RULE_INTEGERS.items()}
    try:
        profile = RuleProfile(
            name=name,
            order=_text(data, "order", ""),
            default_threshold=default_threshold,
            thresholds=_thresholds(data),
            procedures=_procedures(data),
            categories=_settings(data, "categories", CategorySettings),
            objectivity=_settings(data, "objectivity", ObjectivitySettings),
            **integers,
        )
    except DomainError as error:
        if error.message.startswith("Файл профиля"):
            raise
        raise DomainError(f"Файл профиля: {error.message}") from error
    stated = data.get("fingerprint")
    if stated is not None and stated != profile.fingerprint():
        raise _refuse(
            "fingerprint",
            f"в файле {json.dumps(stated, ensure_ascii=False)}, а параметры дают {profile.fingerprint()}: "
            "файл изменён после выгрузки; исправьте параметры или удалите этот ключ",
        )
    return profile


def read_profile_file(path: Path) -> RuleProfile:
    """The profile in `path`; bounded, UTF-8 (with or without a BOM), refused whole when anything is wrong."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DomainError(f"Файл «{path.name}» слишком велик для профиля правила ({size} байт).")
        raw = path.read_bytes()
    except OSError as error:
        raise DomainError(f"Не удалось прочитать файл «{path}»: {describe_os_error(error)}") from error
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise DomainError(f"Файл «{path.name}» не в кодировке UTF-8.") from error
    except json.JSONDecodeError as error:
        raise DomainError(
            f"Файл «{path.name}» не JSON: строка {error.lineno}, позиция {error.colno} ({error.msg})."
        ) from error
    return profile_from_document(data, fallback_name=path.stem)


def write_profile_file(profile: RuleProfile, path: Path) -> Path:
    """Write the profile atomically: a failure never leaves half a file where a good one was."""
    text = json.dumps(profile_document(profile), ensure_ascii=False, indent=2) + "\n"
    return write_bytes_atomic(path, text.encode("utf-8"))


def export_profile(db: Database, name: str | None, path: Path) -> RuleProfile:
    """Write the profile named `name` (the current one for None) to `path`."""
    profile = find_profile(db, name)
    write_profile_file(profile, path)
    return profile


class ImportOutcome(StrEnum):
    ADDED = "added"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class ImportedProfile:
    profile: RuleProfile
    outcome: ImportOutcome
    made_current: bool


def import_profile(
    db: Database,
    path: Path,
    use: bool = False,
    replace: bool = False,
    confirm: Callable[[ProfileConflict], bool] | None = None,
) -> ImportedProfile:
    """Save the profile in `path`; with `use` make it current.

    A profile of the same name with other parameters is replaced only with
    `replace` (or when `confirm` says yes); the built-in default is never
    replaced. The same parameters under the same name change nothing.
    """
    incoming = read_profile_file(path)
    listing = list_profiles(db)
    existing = next((p for p in listing.profiles if p.name == incoming.name), None)
    if existing is not None and existing == incoming:
        outcome = ImportOutcome.UNCHANGED
    elif existing is not None:
        if existing.name == default_profile().name:
            raise DomainError(
                f"Профиль «{incoming.name}» в файле отличается от встроенного профиля по умолчанию, "
                "а тот не меняется: переименуйте профиль в файле (ключ «name»)."
            )
        conflict = ProfileConflict(
            f"Профиль «{incoming.name}» уже есть с другими параметрами (отпечаток "
            f"{existing.fingerprint()}, в файле {incoming.fingerprint()}). Замените его "
            "(lowres profile import … --replace) или переименуйте профиль в файле (ключ «name»).",
            existing,
            incoming,
        )
        if not (replace or (confirm is not None and confirm(conflict))):
            raise conflict
        outcome = ImportOutcome.REPLACED
    else:
        outcome = ImportOutcome.ADDED
    if outcome is not ImportOutcome.UNCHANGED:
        save_profile(db, incoming, previous_name=existing.name if existing else None, make_current=use)
    elif use:
        set_current_profile(db, incoming.name)
    return ImportedProfile(incoming, outcome, use)
