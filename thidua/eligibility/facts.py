"""Facts the eligibility engine judges: frozen, slotted, plain to construct.

The dataclasses mirror the scenario format of shared/domain/rules.md (plus the documented
extensions in README.md). Constructors do no validation, so a database layer can build
facts in bulk cheaply; ``from_dict`` is the validating parser (used by the scenario loader
and to restore a stored snapshot) and ``to_dict`` gives the JSON-able snapshot back in
the scenario format.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from . import catalog


class FrozenDict(dict):  # type: ignore[type-arg]
    """An immutable, hashable dict (used as the shared empty default of mapping fields)."""

    __slots__ = ()

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(sorted(self.items())))

    def _readonly(self, *args: object, **kwargs: object) -> None:
        raise TypeError("FrozenDict is read-only")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _readonly  # type: ignore[assignment]


EMPTY: Mapping[Any, Any] = FrozenDict()


class FactsError(ValueError):
    """A fact is malformed; ``field`` is the dotted path of the wrong field."""

    def __init__(self, field_path: str, message: str) -> None:
        super().__init__(f"{field_path}: {message}")
        self.field = field_path
        self.message = message


# --- small value types -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Revocation:
    """A revoked title or award form (R-GEN-4); it never counts again."""

    title: str
    school_year: str | None = None
    decided_on: date | None = None
    achievement: str | None = None
    reason: str | None = None  # a | b | c | d (Law 2022 Chapter VII)
    decision: str | None = None


@dataclass(frozen=True, slots=True)
class Initiative:
    """A sáng kiến recognised at a scope in a school year."""

    school_year: str
    scope: str = "co_so"
    ref: str | None = field(default=None, metadata={"key": "id"})


@dataclass(frozen=True, slots=True)
class ResearchProject:
    """A scientific topic / S&T project; counts only once accepted (nghiệm thu)."""

    school_year: str
    scope: str = "co_so"
    accepted: bool = False


@dataclass(frozen=True, slots=True)
class Discipline:
    """A staff discipline decision."""

    level: str
    decided_on: date
    #: The violation was already used to refuse LĐTT in this school year (R-LDTT-2 nuance).
    already_counted_in: str | None = None


@dataclass(frozen=True, slots=True)
class PendingMatter:
    """A discipline review, investigation, inspection or complaint; open until closed_on."""

    kind: str
    opened_on: date | None = None
    closed_on: date | None = None


@dataclass(frozen=True, slots=True)
class Leave:
    """A leave period; ``certified`` is the medical certificate for an injury (R-LDTT-5)."""

    kind: str
    start: date = field(metadata={"key": "from"})
    end: date = field(metadata={"key": "to"})
    certified: bool | None = None


@dataclass(frozen=True, slots=True)
class Training:
    """A training (đào tạo, bồi dưỡng) period with its compliance and result (R-LDTT-6)."""

    start: date = field(metadata={"key": "from"})
    end: date = field(metadata={"key": "to"})
    complied: bool | None = None
    result: str | None = None


@dataclass(frozen=True, slots=True)
class Transfer:
    """A move between units (R-LDTT-7)."""

    on: date
    from_unit: str | None = None
    to_unit: str | None = None
    previous_unit_comment: bool | None = None
    secondment: bool = False


@dataclass(frozen=True, slots=True)
class Award:
    """An award form already granted, with the achievement period written in its decision."""

    form: str
    decided_on: date | None = None
    period: tuple[str, ...] = ()
    achievement: str | None = None
    revoked: bool = False
    decision: str | None = None


@dataclass(frozen=True, slots=True)
class Achievement:
    """An achievement (movement or sudden) at a scope, for award forms (extension)."""

    school_year: str
    kind: str = "movement"
    scope: str = "co_so"
    ref: str | None = field(default=None, metadata={"key": "id"})


@dataclass(frozen=True, slots=True)
class UnitResult:
    """The result of the collective a unit head leads (R-GEN-5 extension)."""

    ratings: Mapping[str, str] = EMPTY
    titles: Mapping[str, tuple[str, ...]] = EMPTY


@dataclass(frozen=True, slots=True)
class StudentDiscipline:
    """A student discipline decision (R-HSKL-1)."""

    level: str
    decided_on: date | None = None


# --- subjects ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """Everything about one staff member that the individual rules read."""

    position: str | None = None
    registered: frozenset[str] = frozenset()
    ratings: Mapping[str, str] = EMPTY
    hired_on: date | None = None
    titles: Mapping[str, tuple[str, ...]] = EMPTY
    revoked: tuple[Revocation, ...] = ()
    initiatives: tuple[Initiative, ...] = ()
    research_projects: tuple[ResearchProject, ...] = ()
    discipline: tuple[Discipline, ...] = ()
    pending_matters: tuple[PendingMatter, ...] = ()
    leave: tuple[Leave, ...] = ()
    training: tuple[Training, ...] = ()
    transfers: tuple[Transfer, ...] = ()
    awards: tuple[Award, ...] = ()
    achievements: tuple[Achievement, ...] = ()
    unit_head: bool = False
    unit_result: UnitResult | None = None
    ref: str | None = field(default=None, metadata={"key": "id"})
    name: str | None = None
    #: Per-evaluation derived data cached by the engine (not part of the facts).
    _derived: Any = field(default=None, init=False, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """JSON-able snapshot in the scenario format."""
        return _to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str = "person") -> PersonFacts:
        """Validating parser of the scenario ``person:`` block; raises FactsError."""
        return parse_person(data, path)


@dataclass(frozen=True, slots=True)
class CollectiveFacts:
    """A collective (subject department, office team, school) and its members."""

    kind: str | None = None
    registered: frozenset[str] = frozenset()
    ratings: Mapping[str, str] = EMPTY
    titles: Mapping[str, tuple[str, ...]] = EMPTY
    revoked: tuple[Revocation, ...] = ()
    awards: tuple[Award, ...] = ()
    achievements: tuple[Achievement, ...] = ()
    has_effective_movement: bool | None = None
    members: tuple[PersonFacts, ...] = ()
    pending_matters: tuple[PendingMatter, ...] = ()
    ref: str | None = field(default=None, metadata={"key": "id"})
    name: str | None = None
    _derived: Any = field(default=None, init=False, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """JSON-able snapshot in the scenario format."""
        return _to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str = "collective") -> CollectiveFacts:
        """Validating parser of the scenario ``collective:`` block; raises FactsError."""
        return parse_collective(data, path)


@dataclass(frozen=True, slots=True)
class StudentFacts:
    """One student's year-end results for the school year evaluated (extension)."""

    grade: int
    regulation: str | None = None  # tt22 | tt58 | tt27 | tt30; None = by grade and year
    conduct: str | None = None  # rèn luyện (TT22) / hạnh kiểm (TT58)
    learning: str | None = None  # học tập (TT22) / học lực (TT58)
    subjects: Mapping[str, float] = EMPTY  # scored subjects: year average (ĐTBmcn)
    comment_subjects: Mapping[str, str] = EMPTY  # comment-assessed: dat | chua_dat
    overall_average: float | None = None  # TT58 ĐTB các môn cả năm
    result: str | None = None  # TT27 year-end result
    subject_results: Mapping[str, str] = EMPTY  # TT27 per subject
    test_scores: Mapping[str, float] = EMPTY  # TT27 end-of-year tests
    qualities: Mapping[str, str] = EMPTY  # TT27 phẩm chất
    competencies: Mapping[str, str] = EMPTY  # TT27 năng lực
    outstanding_subjects: tuple[str, ...] = ()
    marked_progress: bool = False
    class_recognised: bool | None = None
    sudden_achievement: bool = False
    discipline: tuple[StudentDiscipline, ...] = ()
    ref: str | None = field(default=None, metadata={"key": "id"})
    name: str | None = None
    _derived: Any = field(default=None, init=False, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """JSON-able snapshot in the scenario format."""
        return _to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str = "student") -> StudentFacts:
        """Validating parser of the scenario ``student:`` block; raises FactsError."""
        return parse_student(data, path)


@dataclass(frozen=True, slots=True)
class CohortFacts:
    """The unit's numbers for caps: catalog id -> how many hold (or were selected for) it."""

    counts: Mapping[str, int] = EMPTY

    def get(self, title: str) -> int | None:
        """The count for a catalog id, or None when the cohort does not give it."""
        return self.counts.get(title)

    def to_dict(self) -> dict[str, Any]:
        """JSON-able snapshot (the scenario ``cohort:`` mapping)."""
        return dict(self.counts)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str = "cohort") -> CohortFacts:
        """Validating parser of the scenario ``cohort:`` block; raises FactsError."""
        return parse_cohort(data, path)


@dataclass(frozen=True, slots=True)
class CouncilVote:
    """A council vote: ``yes`` includes the written opinions of absent members."""

    members: int
    yes: int
    present: int | None = None
    no: int | None = None
    written: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-able snapshot (the scenario ``council_vote:`` mapping)."""
        return _to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str = "council_vote") -> CouncilVote:
        """Validating parser of the scenario ``council_vote:`` block; raises FactsError."""
        return parse_council_vote(data, path)


@dataclass(frozen=True, slots=True)
class ProposalFacts:
    """What is being proposed: the achievement and its period (R-GEN-1), publication date."""

    achievement: str | None = None
    period: tuple[str, ...] = ()
    published_on: date | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-able snapshot (the scenario ``proposal:`` mapping)."""
        return _to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str = "proposal") -> ProposalFacts:
        """Validating parser of the scenario ``proposal:`` block; raises FactsError."""
        return parse_proposal(data, path)


Subject = PersonFacts | CollectiveFacts | StudentFacts


@dataclass(frozen=True, slots=True)
class Case:
    """One complete evaluation input: what a stored verdict snapshots."""

    title: str
    school_year: str
    subject: Subject
    on: date | None = None
    proposal: ProposalFacts | None = None
    cohort: CohortFacts | None = None
    council_vote: CouncilVote | None = None
    parameters: Mapping[str, Any] = EMPTY

    def to_dict(self) -> dict[str, Any]:
        """JSON-able snapshot in the scenario format (without name/expect)."""
        out: dict[str, Any] = {"title": self.title, "school_year": self.school_year}
        if self.on is not None:
            out["on"] = self.on.isoformat()
        if self.parameters:
            out["parameters"] = dict(self.parameters)
        out[subject_key(self.subject)] = self.subject.to_dict()
        if self.proposal is not None:
            out["proposal"] = self.proposal.to_dict()
        if self.cohort is not None:
            out["cohort"] = self.cohort.to_dict()
        if self.council_vote is not None:
            out["council_vote"] = self.council_vote.to_dict()
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Case:
        """Parse a snapshot written by ``to_dict`` (a scenario without name/expect)."""
        d = _mapping(data, "case")
        title = _enum(d.get("title"), catalog.ALL_IDS, "title", "mã danh hiệu")
        year = _year(d.get("school_year"), "school_year")
        kinds = [k for k in ("person", "collective", "student") if k in d]
        if len(kinds) != 1:
            raise FactsError("person", "exactly one of person, collective, student is needed")
        parser = {"person": parse_person, "collective": parse_collective}.get(
            kinds[0], parse_student
        )
        return cls(
            title=title,
            school_year=year,
            subject=parser(d[kinds[0]], kinds[0]),  # type: ignore[operator]
            on=_opt(d.get("on"), _date, "on"),
            proposal=_opt(d.get("proposal"), parse_proposal, "proposal"),
            cohort=_opt(d.get("cohort"), parse_cohort, "cohort"),
            council_vote=_opt(d.get("council_vote"), parse_council_vote, "council_vote"),
            parameters=dict(_mapping(d.get("parameters") or {}, "parameters")),
        )


def subject_key(subject: Subject) -> str:
    """The scenario key of a subject: person, collective or student."""
    if isinstance(subject, PersonFacts):
        return "person"
    if isinstance(subject, CollectiveFacts):
        return "collective"
    return "student"


# --- to_dict -----------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _to_dict(value)
    if isinstance(value, frozenset):
        return sorted(_plain(v) for v in value)
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _to_dict(obj: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        if f.name.startswith("_"):
            continue
        value = getattr(obj, f.name)
        if value is None or value == () or value == frozenset() or value is EMPTY:
            continue
        if isinstance(value, Mapping) and not value:
            continue
        if value is False and f.default is False:
            continue
        out[f.metadata.get("key", f.name)] = _plain(value)
    return out


# --- validating parsers --------------------------------------------------------------------

T = TypeVar("T")


def _opt(value: Any, parser: Callable[[Any, str], T], path: str) -> T | None:
    return None if value is None else parser(value, path)


def _mapping(value: Any, path: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise FactsError(path, f"phải là một bảng khóa: giá trị (mapping), nhận được {value!r}")
    return value


def _list(value: Any, path: str) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, (str, Mapping)) or not isinstance(value, Iterable):
        return [value]
    return list(value)


def _keys(d: Mapping[str, Any], allowed: Iterable[str], path: str) -> None:
    allowed_set = set(allowed)
    for key in d:
        if key not in allowed_set:
            raise FactsError(
                f"{path}.{key}",
                f"khóa không hợp lệ {key!r}; các khóa được phép: {', '.join(sorted(allowed_set))}",
            )


def _required(d: Mapping[str, Any], key: str, path: str) -> Any:
    if d.get(key) is None:
        raise FactsError(f"{path}.{key}", "thiếu trường bắt buộc")
    return d[key]


def _date(value: Any, path: str) -> date:
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise FactsError(path, f"ngày không hợp lệ {value!r} (cần dạng YYYY-MM-DD)")


def _year(value: Any, path: str) -> str:
    if catalog.parse_school_year(value) is None:
        raise FactsError(path, f"năm học không hợp lệ {value!r} (cần dạng 2023-2024)")
    return str(value)


def _years(value: Any, path: str) -> tuple[str, ...]:
    return tuple(_year(v, f"{path}[{i}]") for i, v in enumerate(_list(value, path)))


def _bool(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise FactsError(path, f"cần true hoặc false, nhận được {value!r}")
    return value


def _int(value: Any, path: str, minimum: int = 0, maximum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise FactsError(path, f"cần số nguyên ≥ {minimum}, nhận được {value!r}")
    if maximum is not None and value > maximum:
        raise FactsError(path, f"cần số nguyên ≤ {maximum}, nhận được {value!r}")
    return value


def _score(value: Any, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 10:
        raise FactsError(path, f"cần điểm từ 0 đến 10, nhận được {value!r}")
    return float(value)


def _str(value: Any, path: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise FactsError(path, f"cần một chuỗi, nhận được {value!r}")
    return str(value)


def _enum(value: Any, allowed: Iterable[str], path: str, what: str) -> str:
    allowed_t = tuple(allowed)
    if not isinstance(value, str) or value not in allowed_t:
        raise FactsError(
            path, f"{what} không hợp lệ {value!r}; cần một trong: {', '.join(allowed_t)}"
        )
    return value


def _scope(value: Any, path: str) -> str:
    if not isinstance(value, str) or value not in catalog.SCOPE_ALIASES:
        raise FactsError(
            path, f"phạm vi không hợp lệ {value!r}; cần một trong: {', '.join(catalog.SCOPES)}"
        )
    return catalog.SCOPE_ALIASES[value]


def _ratings(value: Any, path: str) -> Mapping[str, str]:
    d = _mapping(value, path)
    return {
        _year(k, f"{path}.{k}"): _enum(v, catalog.RATINGS[::-1], f"{path}.{k}", "xếp loại")
        for k, v in d.items()
    }


def _titles(value: Any, path: str) -> Mapping[str, tuple[str, ...]]:
    d = _mapping(value, path)
    out: dict[str, tuple[str, ...]] = {}
    for k, v in d.items():
        year = _year(k, f"{path}.{k}")
        out[year] = tuple(
            _enum(t, catalog.ALL_IDS, f"{path}.{k}[{i}]", "mã danh hiệu")
            for i, t in enumerate(_list(v, f"{path}.{k}"))
        )
    return out


def _items(value: Any, path: str, parser: Callable[[Mapping[str, Any], str], T]) -> tuple[T, ...]:
    return tuple(
        parser(_mapping(item, f"{path}[{i}]"), f"{path}[{i}]")
        for i, item in enumerate(_list(value, path))
    )


def _staff_levels() -> frozenset[str]:
    from .params import vocabulary

    return vocabulary("discipline.staff_levels")


def _student_levels() -> frozenset[str]:
    from .params import vocabulary

    return vocabulary("discipline.student_levels")


def _revocation(d: Mapping[str, Any], path: str) -> Revocation:
    _keys(
        d, ("title", "form", "school_year", "decided_on", "achievement", "reason", "decision"), path
    )
    title = d.get("title", d.get("form"))
    if title is None:
        raise FactsError(f"{path}.title", "thiếu trường bắt buộc")
    return Revocation(
        title=_enum(title, catalog.ALL_IDS, f"{path}.title", "mã danh hiệu"),
        school_year=_opt(d.get("school_year"), _year, f"{path}.school_year"),
        decided_on=_opt(d.get("decided_on"), _date, f"{path}.decided_on"),
        achievement=_opt(d.get("achievement"), _str, f"{path}.achievement"),
        reason=_opt(d.get("reason"), _str, f"{path}.reason"),
        decision=_opt(d.get("decision"), _str, f"{path}.decision"),
    )


def _initiative(d: Mapping[str, Any], path: str) -> Initiative:
    _keys(d, ("school_year", "scope", "recognised_at", "id", "name"), path)
    scope = d.get("scope", d.get("recognised_at", "co_so"))
    return Initiative(
        school_year=_year(_required(d, "school_year", path), f"{path}.school_year"),
        scope=_scope(scope, f"{path}.scope"),
        ref=_opt(d.get("id"), _str, f"{path}.id"),
    )


def _research(d: Mapping[str, Any], path: str) -> ResearchProject:
    _keys(d, ("school_year", "scope", "accepted", "id", "name"), path)
    return ResearchProject(
        school_year=_year(_required(d, "school_year", path), f"{path}.school_year"),
        scope=_scope(d.get("scope", "co_so"), f"{path}.scope"),
        accepted=_bool(d.get("accepted", False), f"{path}.accepted"),
    )


def _discipline(d: Mapping[str, Any], path: str) -> Discipline:
    _keys(d, ("level", "decided_on", "already_counted_in", "reason"), path)
    levels = _staff_levels()
    level = d.get("level")
    if level not in levels:
        raise FactsError(
            f"{path}.level",
            f"mức kỷ luật không hợp lệ {level!r}; cần một trong: {', '.join(sorted(levels))}",
        )
    return Discipline(
        level=level,
        decided_on=_date(_required(d, "decided_on", path), f"{path}.decided_on"),
        already_counted_in=_opt(d.get("already_counted_in"), _year, f"{path}.already_counted_in"),
    )


def _pending(d: Mapping[str, Any], path: str) -> PendingMatter:
    _keys(d, ("kind", "opened_on", "closed_on", "note"), path)
    opened = _opt(d.get("opened_on"), _date, f"{path}.opened_on")
    closed = _opt(d.get("closed_on"), _date, f"{path}.closed_on")
    if opened and closed and closed < opened:
        raise FactsError(f"{path}.closed_on", "ngày kết thúc trước ngày mở")
    return PendingMatter(
        kind=_enum(d.get("kind"), catalog.PENDING_KINDS, f"{path}.kind", "loại vụ việc"),
        opened_on=opened,
        closed_on=closed,
    )


def _period(d: Mapping[str, Any], path: str) -> tuple[date, date]:
    start = _date(_required(d, "from", path), f"{path}.from")
    end = _date(_required(d, "to", path), f"{path}.to")
    if end < start:
        raise FactsError(f"{path}.to", "ngày kết thúc trước ngày bắt đầu")
    return start, end


def _leave(d: Mapping[str, Any], path: str) -> Leave:
    _keys(d, ("kind", "from", "to", "certified", "note"), path)
    start, end = _period(d, path)
    return Leave(
        kind=_str(_required(d, "kind", path), f"{path}.kind"),
        start=start,
        end=end,
        certified=_opt(d.get("certified"), _bool, f"{path}.certified"),
    )


def _training(d: Mapping[str, Any], path: str) -> Training:
    _keys(d, ("from", "to", "complied", "result", "institution"), path)
    start, end = _period(d, path)
    return Training(
        start=start,
        end=end,
        complied=_opt(d.get("complied"), _bool, f"{path}.complied"),
        result=_opt(
            d.get("result"),
            lambda v, p: _enum(v, catalog.TRAINING_RESULTS, p, "kết quả học tập"),
            f"{path}.result",
        ),
    )


def _transfer(d: Mapping[str, Any], path: str) -> Transfer:
    _keys(d, ("from_unit", "to_unit", "on", "previous_unit_comment", "secondment"), path)
    return Transfer(
        on=_date(_required(d, "on", path), f"{path}.on"),
        from_unit=_opt(d.get("from_unit"), _str, f"{path}.from_unit"),
        to_unit=_opt(d.get("to_unit"), _str, f"{path}.to_unit"),
        previous_unit_comment=_opt(
            d.get("previous_unit_comment"), _bool, f"{path}.previous_unit_comment"
        ),
        secondment=_bool(d.get("secondment", False), f"{path}.secondment"),
    )


def _award(d: Mapping[str, Any], path: str) -> Award:
    _keys(d, ("form", "decided_on", "period", "achievement", "revoked", "decision"), path)
    award = Award(
        form=_enum(d.get("form"), catalog.ALL_IDS, f"{path}.form", "hình thức khen thưởng"),
        decided_on=_opt(d.get("decided_on"), _date, f"{path}.decided_on"),
        period=_years(d.get("period"), f"{path}.period"),
        achievement=_opt(d.get("achievement"), _str, f"{path}.achievement"),
        revoked=_bool(d.get("revoked", False), f"{path}.revoked"),
        decision=_opt(d.get("decision"), _str, f"{path}.decision"),
    )
    if award.decided_on is None and not award.period:
        raise FactsError(f"{path}.decided_on", "cần decided_on hoặc period")
    return award


def _achievement(d: Mapping[str, Any], path: str) -> Achievement:
    _keys(d, ("id", "school_year", "kind", "scope", "name"), path)
    return Achievement(
        school_year=_year(_required(d, "school_year", path), f"{path}.school_year"),
        kind=_enum(
            d.get("kind", "movement"), catalog.ACHIEVEMENT_KINDS, f"{path}.kind", "loại thành tích"
        ),
        scope=_scope(d.get("scope", "co_so"), f"{path}.scope"),
        ref=_opt(d.get("id"), _str, f"{path}.id"),
    )


def _unit_result(value: Any, path: str) -> UnitResult:
    d = _mapping(value, path)
    _keys(d, ("ratings", "titles"), path)
    return UnitResult(
        ratings=_ratings(d.get("ratings") or {}, f"{path}.ratings"),
        titles=_titles(d.get("titles") or {}, f"{path}.titles"),
    )


PERSON_KEYS: tuple[str, ...] = (
    "position", "registered", "ratings", "hired_on", "titles", "revoked", "initiatives",
    "research_projects", "discipline", "pending_matters", "leave", "training", "transfers",
    "awards", "achievements", "unit_head", "unit_result", "id", "name",
)  # fmt: skip


def parse_person(value: Any, path: str = "person") -> PersonFacts:
    """Validate a ``person:`` mapping and build PersonFacts."""
    d = _mapping(value, path)
    _keys(d, PERSON_KEYS, path)
    position = d.get("position")
    if position is not None:
        _enum(position, sorted(catalog.POSITIONS), f"{path}.position", "chức vụ")
    return PersonFacts(
        position=position,
        registered=frozenset(_years(d.get("registered"), f"{path}.registered")),
        ratings=_ratings(d.get("ratings") or {}, f"{path}.ratings"),
        hired_on=_opt(d.get("hired_on"), _date, f"{path}.hired_on"),
        titles=_titles(d.get("titles") or {}, f"{path}.titles"),
        revoked=_items(d.get("revoked"), f"{path}.revoked", _revocation),
        initiatives=_items(d.get("initiatives"), f"{path}.initiatives", _initiative),
        research_projects=_items(
            d.get("research_projects"), f"{path}.research_projects", _research
        ),
        discipline=_items(d.get("discipline"), f"{path}.discipline", _discipline),
        pending_matters=_items(d.get("pending_matters"), f"{path}.pending_matters", _pending),
        leave=_items(d.get("leave"), f"{path}.leave", _leave),
        training=_items(d.get("training"), f"{path}.training", _training),
        transfers=_items(d.get("transfers"), f"{path}.transfers", _transfer),
        awards=_items(d.get("awards"), f"{path}.awards", _award),
        achievements=_items(d.get("achievements"), f"{path}.achievements", _achievement),
        unit_head=_bool(d.get("unit_head", False), f"{path}.unit_head"),
        unit_result=_opt(d.get("unit_result"), _unit_result, f"{path}.unit_result"),
        ref=_opt(d.get("id"), _str, f"{path}.id"),
        name=_opt(d.get("name"), _str, f"{path}.name"),
    )


COLLECTIVE_KEYS: tuple[str, ...] = (
    "kind", "registered", "ratings", "titles", "revoked", "awards", "achievements",
    "has_effective_movement", "members", "pending_matters", "id", "name",
)  # fmt: skip


def parse_collective(value: Any, path: str = "collective") -> CollectiveFacts:
    """Validate a ``collective:`` mapping and build CollectiveFacts."""
    d = _mapping(value, path)
    _keys(d, COLLECTIVE_KEYS, path)
    kind = d.get("kind")
    if kind is not None:
        _enum(kind, sorted(catalog.COLLECTIVE_KINDS), f"{path}.kind", "loại tập thể")
    return CollectiveFacts(
        kind=kind,
        registered=frozenset(_years(d.get("registered"), f"{path}.registered")),
        ratings=_ratings(d.get("ratings") or {}, f"{path}.ratings"),
        titles=_titles(d.get("titles") or {}, f"{path}.titles"),
        revoked=_items(d.get("revoked"), f"{path}.revoked", _revocation),
        awards=_items(d.get("awards"), f"{path}.awards", _award),
        achievements=_items(d.get("achievements"), f"{path}.achievements", _achievement),
        has_effective_movement=_opt(
            d.get("has_effective_movement"), _bool, f"{path}.has_effective_movement"
        ),
        members=tuple(
            parse_person(m, f"{path}.members[{i}]")
            for i, m in enumerate(_list(d.get("members"), f"{path}.members"))
        ),
        pending_matters=_items(d.get("pending_matters"), f"{path}.pending_matters", _pending),
        ref=_opt(d.get("id"), _str, f"{path}.id"),
        name=_opt(d.get("name"), _str, f"{path}.name"),
    )


STUDENT_KEYS: tuple[str, ...] = (
    "grade", "regulation", "conduct", "learning", "subjects", "comment_subjects",
    "overall_average", "result", "subject_results", "test_scores", "qualities",
    "competencies", "outstanding_subjects", "marked_progress", "class_recognised",
    "sudden_achievement", "discipline", "id", "name",
)  # fmt: skip


def _levels(value: Any, path: str, allowed: tuple[str, ...], what: str) -> Mapping[str, str]:
    d = _mapping(value, path)
    return {str(k): _enum(v, allowed, f"{path}.{k}", what) for k, v in d.items()}


def _scores(value: Any, path: str) -> Mapping[str, float]:
    d = _mapping(value, path)
    return {str(k): _score(v, f"{path}.{k}") for k, v in d.items()}


def _student_discipline(d: Mapping[str, Any], path: str) -> StudentDiscipline:
    _keys(d, ("level", "decided_on", "reason"), path)
    level = d.get("level")
    level = (
        catalog.STUDENT_DISCIPLINE_ALIASES.get(level, level) if isinstance(level, str) else level
    )
    levels = _student_levels()
    if level not in levels:
        raise FactsError(
            f"{path}.level",
            f"mức kỷ luật học sinh không hợp lệ {d.get('level')!r}; "
            f"cần một trong: {', '.join(sorted(levels))}",
        )
    return StudentDiscipline(
        level=level, decided_on=_opt(d.get("decided_on"), _date, f"{path}.decided_on")
    )


def parse_student(value: Any, path: str = "student") -> StudentFacts:
    """Validate a ``student:`` mapping and build StudentFacts."""
    d = _mapping(value, path)
    _keys(d, STUDENT_KEYS, path)
    conduct_all = tuple(dict.fromkeys(catalog.TT22_CONDUCT + catalog.TT58_CONDUCT))
    learning_all = tuple(dict.fromkeys(catalog.TT22_LEARNING + catalog.TT58_LEARNING))
    regulation = d.get("regulation")
    if regulation is not None:
        _enum(regulation, catalog.STUDENT_REGULATIONS, f"{path}.regulation", "thông tư")
    return StudentFacts(
        grade=_int(_required(d, "grade", path), f"{path}.grade", 1, 12),
        regulation=regulation,
        conduct=_opt(
            d.get("conduct"), lambda v, p: _enum(v, conduct_all, p, "xếp loại rèn luyện"),
            f"{path}.conduct",
        ),
        learning=_opt(
            d.get("learning"), lambda v, p: _enum(v, learning_all, p, "xếp loại học tập"),
            f"{path}.learning",
        ),
        subjects=_scores(d.get("subjects") or {}, f"{path}.subjects"),
        comment_subjects=_levels(
            d.get("comment_subjects") or {}, f"{path}.comment_subjects",
            tuple(sorted(catalog.COMMENT_RESULTS)), "kết quả môn đánh giá bằng nhận xét",
        ),
        overall_average=_opt(d.get("overall_average"), _score, f"{path}.overall_average"),
        result=_opt(
            d.get("result"), lambda v, p: _enum(v, catalog.TT27_RESULTS, p, "kết quả cuối năm"),
            f"{path}.result",
        ),
        subject_results=_levels(
            d.get("subject_results") or {}, f"{path}.subject_results",
            catalog.TT27_SUBJECT_LEVELS, "mức đạt được của môn học",
        ),
        test_scores=_scores(d.get("test_scores") or {}, f"{path}.test_scores"),
        qualities=_levels(
            d.get("qualities") or {}, f"{path}.qualities", catalog.TT27_QUALITY_LEVELS, "mức phẩm chất"
        ),
        competencies=_levels(
            d.get("competencies") or {}, f"{path}.competencies", catalog.TT27_QUALITY_LEVELS,
            "mức năng lực",
        ),
        outstanding_subjects=tuple(
            _str(s, f"{path}.outstanding_subjects")
            for s in _list(d.get("outstanding_subjects"), f"{path}.outstanding_subjects")
        ),
        marked_progress=_bool(d.get("marked_progress", False), f"{path}.marked_progress"),
        class_recognised=_opt(d.get("class_recognised"), _bool, f"{path}.class_recognised"),
        sudden_achievement=_bool(d.get("sudden_achievement", False), f"{path}.sudden_achievement"),
        discipline=_items(d.get("discipline"), f"{path}.discipline", _student_discipline),
        ref=_opt(d.get("id"), _str, f"{path}.id"),
        name=_opt(d.get("name"), _str, f"{path}.name"),
    )  # fmt: skip


def parse_cohort(value: Any, path: str = "cohort") -> CohortFacts:
    """Validate a ``cohort:`` mapping (catalog id -> count)."""
    d = _mapping(value, path)
    counts: dict[str, int] = {}
    for k, v in d.items():
        _enum(k, catalog.ALL_IDS, f"{path}.{k}", "mã danh hiệu")
        counts[k] = _int(v, f"{path}.{k}")
    return CohortFacts(counts=counts)


def parse_council_vote(value: Any, path: str = "council_vote") -> CouncilVote:
    """Validate a ``council_vote:`` mapping."""
    d = _mapping(value, path)
    _keys(d, ("members", "yes", "present", "no", "written"), path)
    members = _int(_required(d, "members", path), f"{path}.members", 1)
    vote = CouncilVote(
        members=members,
        yes=_int(_required(d, "yes", path), f"{path}.yes", 0, members),
        present=_opt(d.get("present"), lambda v, p: _int(v, p, 0, members), f"{path}.present"),
        no=_opt(d.get("no"), lambda v, p: _int(v, p, 0, members), f"{path}.no"),
        written=_opt(d.get("written"), lambda v, p: _int(v, p, 0, members), f"{path}.written"),
    )
    if vote.no is not None and vote.yes + vote.no > members:
        raise FactsError(f"{path}.no", "số phiếu đồng ý và không đồng ý vượt số thành viên")
    if (
        vote.present is not None
        and vote.written is not None
        and vote.present + vote.written > members
    ):
        raise FactsError(
            f"{path}.written", "số có mặt và số ý kiến bằng văn bản vượt số thành viên"
        )
    return vote


def parse_proposal(value: Any, path: str = "proposal") -> ProposalFacts:
    """Validate a ``proposal:`` mapping."""
    d = _mapping(value, path)
    _keys(d, ("achievement", "period", "published_on"), path)
    return ProposalFacts(
        achievement=_opt(d.get("achievement"), _str, f"{path}.achievement"),
        period=_years(d.get("period"), f"{path}.period"),
        published_on=_opt(d.get("published_on"), _date, f"{path}.published_on"),
    )
