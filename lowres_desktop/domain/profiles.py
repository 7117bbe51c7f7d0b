"""Rule profiles: a region's whole identification rule as named data, and its evaluation.

Seed 002's rule has one threshold for every procedure; regions write their own
orders (e.g. «Кузбасс, приказ № 1721 от 23.10.2020») with a threshold per kind
of procedure, their own set of procedures, their own counts and a minimum
number of participants below which a procedure says nothing about a school.
A profile carries all of that, plus the settings of the categories and of the
objectivity signs, so every view and document can name the one profile it
used. This is the only rule in the program: seed 002's rule is simply the
default profile, and every list (pages, documents, generated roadmaps,
commands) is decided by `criteria_for` through `collect` and `assess`.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.records import ProcedureKey, ProcedureKind, Result
from lowres_desktop.domain.rule import Criterion, LowProcedure, Verdict

DEFAULT_PROFILE_NAME = "По умолчанию: 30 %, 2 процедуры или по 1 два года подряд"


@dataclass(frozen=True)
class CategorySettings:
    """How the categories beyond ШНОР are decided; each number is the authority's choice."""

    persistent_years: int = 3
    """УНОР: flagged in at least this many consecutive years."""
    risk_min_low: int = 1
    """Группа риска: not flagged, but at least this many low procedures in the latest year…"""
    risk_margin: float = 3.0
    """…or a value at most this many points under the threshold (0 turns this branch off)."""
    high_years: int = 3
    """Стабильно высокие: this many years in a row…"""
    high_share: float = 30.0
    """…each with no low procedure and a mean % of high results at least this."""
    target_share: float = 15.0
    """The share of flagged schools the authority aims not to exceed (seed 002: 15 %)."""
    trend_tolerance: float = 2.0
    """A change of % «2» within this many points is neither better nor worse."""

    def __post_init__(self) -> None:
        if min(self.persistent_years, self.risk_min_low, self.high_years) < 1:
            raise DomainError("Число лет и число процедур в настройках категорий должны быть не меньше 1.")
        for value in (self.risk_margin, self.high_share, self.target_share, self.trend_tolerance):
            if not 0 <= value <= 100:
                raise DomainError(f"Значения в процентах должны быть от 0 до 100, указано {value}.")


@dataclass(frozen=True)
class ObjectivitySettings:
    """When results look non-objective (seed 001); kept apart from the low-result categories."""

    lowered_threshold: float = 15.0
    """% of ВПР participants whose mark was below their journal mark («понизили»)."""
    jump_points: float = 20.0
    """% high results this many points above both the school's previous years and the municipality…"""
    jump_max_participants: int = 30
    """…while at most this many took part."""
    jump_history_years: int = 3

    def __post_init__(self) -> None:
        if not 0 < self.lowered_threshold <= 100 or not 0 < self.jump_points <= 100:
            raise DomainError("Пороги признаков необъективности должны быть больше 0 и не больше 100 %.")
        if self.jump_max_participants < 1 or self.jump_history_years < 1:
            raise DomainError("Число участников и число лет должны быть не меньше 1.")


@dataclass(frozen=True)
class RuleProfile:
    """A named, saved parameter set for identification and the analysis built on it."""

    name: str
    order: str = ""
    """The document that set the rule, as users cite it («приказ № 1721 от 23.10.2020»)."""
    default_threshold: float = 30.0
    thresholds: tuple[tuple[ProcedureKind, float], ...] = ()
    """Thresholds of the kinds that differ from `default_threshold`."""
    procedures: frozenset[ProcedureKey] | None = None
    """The procedures that count; None counts every procedure."""
    min_low_latest: int = 2
    min_low_each_year: int = 1
    years_each: int = 2
    min_participants: int = 0
    categories: CategorySettings = field(default_factory=CategorySettings)
    objectivity: ObjectivitySettings = field(default_factory=ObjectivitySettings)

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise DomainError("У профиля правила должно быть название.")
        for value in (self.default_threshold, *(t for _k, t in self.thresholds)):
            if not 0 < value <= 100:
                raise DomainError(f"Порог должен быть больше 0 и не больше 100 %, указано {value}.")
        if min(self.min_low_latest, self.min_low_each_year, self.years_each) < 1:
            raise DomainError("Число процедур и число лет в правиле должны быть не меньше 1.")
        if self.min_participants < 0:
            raise DomainError("Минимальное число участников не может быть отрицательным.")
        if self.procedures is not None and not self.procedures:
            raise DomainError("Выберите хотя бы одну процедуру, которая учитывается.")
        # An override equal to the default says nothing: dropped, so equal rules are equal records.
        special = {k: float(t) for k, t in self.thresholds if t != self.default_threshold}
        object.__setattr__(self, "thresholds", tuple(sorted(special.items())))

    def threshold(self, kind: ProcedureKind) -> float:
        return dict(self.thresholds).get(kind, self.default_threshold)

    def counts(self, procedure: ProcedureKey) -> bool:
        return self.procedures is None or procedure in self.procedures

    def is_low(self, result: Result) -> bool:
        """At or over its kind's threshold: the value tables mark, whether or not it counts."""
        return result.pct_low is not None and result.pct_low >= self.threshold(result.procedure.kind)

    def counts_as_low(self, result: Result) -> bool:
        """Low and counted: a procedure the profile counts, enough participants, at or over the threshold."""
        return self.counts(result.procedure) and self.is_low(result) and not _too_few(result, self)

    def lowest_threshold(self) -> float:
        return min([self.default_threshold, *(t for _k, t in self.thresholds)])

    def years(self, latest_year: int) -> list[int]:
        """The years the rule looks at for `latest_year`, oldest first."""
        return list(range(latest_year - self.years_each + 1, latest_year + 1))

    def rule_key(self) -> dict[str, object]:
        """The identification rule alone, canonical: what decides the list, without name or order."""
        return {
            "thresholds": {kind.value: float(self.threshold(kind)) for kind in ProcedureKind},
            "procedures": None if self.procedures is None else sorted(p.code for p in self.procedures),
            "min_low_latest": self.min_low_latest,
            "min_low_each_year": self.min_low_each_year,
            "years_each": self.years_each,
            "min_participants": self.min_participants,
        }

    def fingerprint(self) -> str:
        """Eight hex digits of the rule's parameters: two offices with the same digits used the same rule.

        Only the identification rule counts (not the name, the order or the
        settings of the categories), so a copy renamed for a municipality keeps it.
        """
        text = json.dumps(self.rule_key(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8].upper()

    def renamed(self, name: str, order: str | None = None) -> RuleProfile:
        return replace(self, name=name, order=self.order if order is None else order)


def default_profile() -> RuleProfile:
    """Seed 002's rule: 30 % for every procedure, every procedure counts, 2 in the latest year or 1+1."""
    return RuleProfile(
        name=DEFAULT_PROFILE_NAME,
        order="приказ КОиН г. Новокузнецка от 09.12.2020 № 1351",
    )


@dataclass(frozen=True)
class SkippedProcedure:
    """A reason too: this value would be low, but too few took part for it to count."""

    procedure: ProcedureKey
    year: int
    value: float
    participants: int
    min_participants: int


@dataclass(frozen=True)
class Assessment:
    """A school's verdict under a profile, with what was left out and what came close."""

    verdict: Verdict
    skipped: tuple[SkippedProcedure, ...] = ()
    near: tuple[LowProcedure, ...] = ()
    """Values of the latest year under the threshold by at most the risk margin."""

    @property
    def login(self) -> str:
        return self.verdict.login

    @property
    def flagged(self) -> bool:
        return self.verdict.flagged


def _too_few(result: Result, profile: RuleProfile) -> bool:
    return result.participants is not None and result.participants < profile.min_participants


@dataclass
class SchoolFindings:
    """One school's values that matter to the rule, over all the years given."""

    low: list[LowProcedure] = field(default_factory=list)
    skipped: list[SkippedProcedure] = field(default_factory=list)
    near: list[LowProcedure] = field(default_factory=list)


def collect(results: Iterable[Result], profile: RuleProfile) -> dict[str, SchoolFindings]:
    """Sort every counted result into low, skipped or near, per school, once for all years."""
    margin = profile.categories.risk_margin
    by_login: dict[str, SchoolFindings] = defaultdict(SchoolFindings)
    thresholds = {kind: profile.threshold(kind) for kind in ProcedureKind}
    for result in results:
        value = result.pct_low
        if value is None or not profile.counts(result.procedure):
            continue
        threshold = thresholds[result.procedure.kind]
        if value < threshold - margin:
            continue
        entry = by_login[result.login]
        if value < threshold:
            entry.near.append(LowProcedure(result.procedure, result.year, value, threshold))
        elif _too_few(result, profile):
            assert result.participants is not None
            entry.skipped.append(
                SkippedProcedure(
                    result.procedure, result.year, value, result.participants, profile.min_participants
                )
            )
        else:
            entry.low.append(LowProcedure(result.procedure, result.year, value, threshold))
    return by_login


def _order(item: LowProcedure | SkippedProcedure) -> tuple[int, ProcedureKey]:
    return (-item.year, item.procedure)


_CRITERIA = {
    (many, each): frozenset(
        c for c, on in ((Criterion.MANY_IN_LATEST, many), (Criterion.EACH_YEAR, each)) if on
    )
    for many in (False, True)
    for each in (False, True)
}


def criteria_for(
    low_counts: Mapping[int, int], latest_year: int, profile: RuleProfile
) -> frozenset[Criterion]:
    """The rule itself: which branches the counts of low procedures per year meet.

    Called for every school and year of a country, hence the plain loop.
    """
    count = low_counts.get
    many = count(latest_year, 0) >= profile.min_low_latest
    each = True
    for year in range(latest_year - profile.years_each + 1, latest_year + 1):
        if count(year, 0) < profile.min_low_each_year:
            each = False
            break
    return _CRITERIA[many, each]


def assess_collected(
    collected: Mapping[str, SchoolFindings], logins: Iterable[str], latest_year: int, profile: RuleProfile
) -> list[Assessment]:
    """Assessments for `latest_year` from `collect`'s output, for every login given, sorted.

    Most schools of a country have no finding at all; they share one empty
    count and skip the sorting, which keeps 40,000 assessments cheap.
    """
    years = range(latest_year - profile.years_each + 1, latest_year + 1)
    nothing = tuple((year, 0) for year in reversed(years))
    assessments = []
    for login in sorted(set(logins)):
        entry = collected.get(login)
        if entry is None:
            assessments.append(Assessment(Verdict(login, latest_year, frozenset(), (), nothing)))
            continue
        reasons = [r for r in entry.low if r.year in years]
        per_year = dict.fromkeys(years, 0)
        for reason in reasons:
            per_year[reason.year] += 1
        verdict = Verdict(
            login=login,
            latest_year=latest_year,
            criteria=criteria_for(per_year, latest_year, profile) if reasons else frozenset(),
            reasons=tuple(sorted(reasons, key=_order)) if len(reasons) > 1 else tuple(reasons),
            low_counts=tuple(sorted(per_year.items(), reverse=True)),
        )
        skipped = [s for s in entry.skipped if s.year in years]
        near = [n for n in entry.near if n.year == latest_year]
        assessments.append(
            Assessment(
                verdict,
                tuple(sorted(skipped, key=_order)) if skipped else (),
                tuple(sorted(near, key=_order)) if near else (),
            )
        )
    return assessments


def assess(
    results: Iterable[Result], latest_year: int, profile: RuleProfile, logins: Iterable[str] = ()
) -> list[Assessment]:
    """An assessment for every school seen in `results` or named in `logins`, sorted by login."""
    results = list(results)
    seen = set(logins) | {r.login for r in results}
    return assess_collected(collect(results, profile), seen, latest_year, profile)


@dataclass(frozen=True)
class ListDifference:
    """What changing a profile would do to a year's list: the «what if 25 %» question."""

    flagged: frozenset[str]
    entered: frozenset[str]
    left: frozenset[str]


def compare_lists(draft: Iterable[Assessment], saved: Iterable[Assessment]) -> ListDifference:
    now = frozenset(a.login for a in draft if a.flagged)
    before = frozenset(a.login for a in saved if a.flagged)
    return ListDifference(now, now - before, before - now)
