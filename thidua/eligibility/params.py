"""Law as data: load, validate and resolve the dated YAML parameters.

Every parameter file under ``parameters/`` (listed in ``parameters/index.yaml``) holds
``parameters:`` (values the rules read) and ``rules:`` (the legal basis of each rule id,
with the parameters it uses). Every value is dated and carries its own reference
(``doc``, ``article``, ``confidence`` V|S|M|B|?), like OpenFisca parameters.

``params_at(on, overrides)`` resolves the whole tree at a date once and caches it, so
evaluating many people costs one dictionary lookup per parameter read.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from . import catalog

PARAMETERS_DIR = Path(__file__).resolve().parent / "parameters"
CONFIDENCE_TAGS: frozenset[str] = frozenset({"V", "S", "M", "B", "?"})
_NAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_MONTH_DAY_RE = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")
PARAM_KEYS = frozenset({"label", "description", "unit", "values", "uses"})
VALUE_KEYS = frozenset({"value", "reference"})
REFERENCE_KEYS = frozenset({"doc", "article", "confidence", "url", "note"})
FILE_KEYS = frozenset({"description", "parameters", "rules"})


class ParameterError(ValueError):
    """A parameter file is wrong; names the file and the key."""

    def __init__(self, file: str, key: str, message: str) -> None:
        super().__init__(f"{file}: {key}: {message}" if key else f"{file}: {message}")
        self.file = file
        self.key = key
        self.message = message


@dataclass(frozen=True, slots=True)
class Reference:
    """Where a value comes from, with its confidence tag."""

    doc: str
    article: str = ""
    confidence: str = "?"
    url: str = ""
    note: str = ""

    def cite(self) -> str:
        """Human-readable citation: ``doc, article [tag]``."""
        return (
            f"{self.doc}, {self.article} [{self.confidence}]"
            if self.article
            else (f"{self.doc} [{self.confidence}]")
        )


OVERRIDE_REFERENCE = Reference(
    doc="Giá trị ghi đè (cấu hình của đơn vị hoặc kịch bản kiểm thử)", confidence="?"
)


@dataclass(frozen=True, slots=True)
class ParamDef:
    """One dated parameter (or rule basis) as loaded from its file."""

    path: str
    file: str
    label: str
    description: str
    unit: str
    dates: tuple[date, ...]
    values: tuple[Any, ...]
    references: tuple[Reference, ...]
    uses: tuple[str, ...] = ()

    def at(self, on: date) -> tuple[Any, Reference | None]:
        """Value and reference in force on a date; (None, None) before the first date."""
        i = bisect_right(self.dates, on)
        if i == 0:
            return None, None
        return self.values[i - 1], self.references[i - 1]


# --- units ---------------------------------------------------------------------------------


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _check_ratio(v: Any) -> Any:
    if isinstance(v, str) and re.fullmatch(r"\d+/\d+", v):
        frac = Fraction(v)
    elif isinstance(v, (int, float)) and not isinstance(v, bool):
        frac = Fraction(str(v))
    else:
        raise ValueError(f"a ratio must be a number or 'a/b', got {v!r}")
    if not 0 <= frac <= 1:
        raise ValueError(f"a ratio must be between 0 and 1, got {v!r}")
    return frac


def _check_nonneg_int(v: Any) -> Any:
    if not _is_int(v) or v < 0:
        raise ValueError(f"must be an integer >= 0, got {v!r}")
    return v


def _check_bool(v: Any) -> Any:
    if not isinstance(v, bool):
        raise ValueError(f"must be true or false, got {v!r}")
    return v


def _check_rating(v: Any) -> Any:
    if v not in catalog.RATING_RANK:
        raise ValueError(f"unknown rating {v!r}")
    return v


def _check_scope(v: Any) -> Any:
    if v not in catalog.SCOPE_RANK:
        raise ValueError(f"unknown scope {v!r}")
    return v


def _check_titles(v: Any) -> Any:
    if not isinstance(v, list) or any(t not in catalog.ALL_IDS for t in v):
        raise ValueError(f"must be a list of catalog ids, got {v!r}")
    return tuple(v)


def _check_grades(v: Any) -> Any:
    if not isinstance(v, list) or any(not _is_int(g) or not 1 <= g <= 12 for g in v):
        raise ValueError(f"must be a list of grades 1..12, got {v!r}")
    return frozenset(v)


def _check_ids(v: Any) -> Any:
    if not isinstance(v, list) or any(not isinstance(s, str) for s in v) or len(set(v)) != len(v):
        raise ValueError(f"must be a list of distinct ids, got {v!r}")
    return tuple(v)


def _check_score(v: Any) -> Any:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 10:
        raise ValueError(f"must be a score between 0 and 10, got {v!r}")
    return float(v)


def _check_text(v: Any) -> Any:
    if not isinstance(v, str) or not v.strip():
        raise ValueError(f"must be a non-empty text, got {v!r}")
    return v


def _check_month_day(v: Any) -> Any:
    if not isinstance(v, str) or not _MONTH_DAY_RE.match(v):
        raise ValueError(f"must be 'MM-DD', got {v!r}")
    return v


def _check_rating_map(v: Any) -> Any:
    if not isinstance(v, dict):
        raise ValueError(f"must be a mapping catalog id -> rating, got {v!r}")
    for k, r in v.items():
        if k not in catalog.ALL_IDS:
            raise ValueError(f"unknown catalog id {k!r}")
        if r not in catalog.RATING_RANK:
            raise ValueError(f"unknown rating {r!r} for {k}")
    return MappingProxyType(dict(v))


#: Known units: each validates (and normalises) a non-null value.
UNITS: dict[str, Any] = {
    "ratio": _check_ratio,
    "months": _check_nonneg_int,
    "days": _check_nonneg_int,
    "years": _check_nonneg_int,
    "count": _check_nonneg_int,
    "bool": _check_bool,
    "rating": _check_rating,
    "scope": _check_scope,
    "titles": _check_titles,
    "grades": _check_grades,
    "levels": _check_ids,
    "ids": _check_ids,
    "level": _check_text,
    "score": _check_score,
    "text": _check_text,
    "month_day": _check_month_day,
    "rating_map": _check_rating_map,
}


def check_value(unit: str, value: Any) -> Any:
    """Validate and normalise a value of a unit (None = unset); raises ValueError."""
    if value is None:
        return None
    return UNITS[unit](value)


# --- loading -------------------------------------------------------------------------------


def _as_date(key: Any) -> date | None:
    if isinstance(key, date) and not hasattr(key, "hour"):
        return key
    if isinstance(key, str):
        try:
            return date.fromisoformat(key)
        except ValueError:
            return None
    return None


def _reference(raw: Any, file: str, key: str) -> Reference:
    if not isinstance(raw, Mapping):
        raise ParameterError(file, key, "every value needs a reference {doc, article, confidence}")
    unknown = set(raw) - REFERENCE_KEYS
    if unknown:
        raise ParameterError(file, key, f"unknown reference keys {sorted(unknown)}")
    doc = raw.get("doc")
    if not isinstance(doc, str) or not doc.strip():
        raise ParameterError(file, f"{key}.doc", "the reference needs a document (doc)")
    confidence = str(raw.get("confidence", ""))
    if confidence not in CONFIDENCE_TAGS:
        raise ParameterError(
            file,
            f"{key}.confidence",
            f"confidence must be one of V, S, M, B, ? (got {confidence!r})",
        )
    return Reference(
        doc=doc,
        article=str(raw.get("article") or ""),
        confidence=confidence,
        url=str(raw.get("url") or ""),
        note=str(raw.get("note") or ""),
    )


def _param_def(path: str, name: str, raw: Any, file: str, *, basis: bool) -> ParamDef:
    if not _NAME_RE.match(str(name)):
        raise ParameterError(file, str(name), "invalid parameter name")
    if not isinstance(raw, Mapping):
        raise ParameterError(file, name, "a parameter must be a mapping with label and values")
    unknown = set(raw) - PARAM_KEYS
    if unknown:
        raise ParameterError(file, name, f"unknown keys {sorted(unknown)}")
    label = raw.get("label")
    if not isinstance(label, str) or not label.strip():
        raise ParameterError(file, f"{name}.label", "a Vietnamese label is required")
    unit = raw.get("unit", "text" if basis else None)
    if unit not in UNITS:
        raise ParameterError(file, f"{name}.unit", f"unknown unit {unit!r}; known: {sorted(UNITS)}")
    values = raw.get("values")
    if not isinstance(values, Mapping) or not values:
        raise ParameterError(file, f"{name}.values", "at least one dated value is required")
    dates: list[date] = []
    vals: list[Any] = []
    refs: list[Reference] = []
    for key, entry in values.items():
        d = _as_date(key)
        where = f"{name}.values.{key}"
        if d is None:
            raise ParameterError(file, where, f"not a date (YYYY-MM-DD): {key!r}")
        if dates and d <= dates[-1]:
            raise ParameterError(file, where, "dates must be sorted in increasing order")
        if not isinstance(entry, Mapping) or "value" not in entry:
            raise ParameterError(file, where, "needs {value: …, reference: {…}}")
        unknown = set(entry) - VALUE_KEYS
        if unknown:
            raise ParameterError(file, where, f"unknown keys {sorted(unknown)}")
        try:
            value = check_value(unit, entry["value"])
        except ValueError as exc:
            raise ParameterError(file, f"{where}.value", f"{exc} (unit {unit})") from None
        refs.append(_reference(entry.get("reference"), file, f"{where}.reference"))
        dates.append(d)
        vals.append(value)
    uses = raw.get("uses") or []
    if not isinstance(uses, list) or any(not isinstance(u, str) for u in uses):
        raise ParameterError(file, f"{name}.uses", "must be a list of parameter paths")
    return ParamDef(
        path=path,
        file=file,
        label=label,
        description=str(raw.get("description") or ""),
        unit=unit,
        dates=tuple(dates),
        values=tuple(vals),
        references=tuple(refs),
        uses=tuple(uses),
    )


@dataclass(frozen=True, slots=True)
class Loaded:
    """All parameter files of one directory, validated."""

    params: Mapping[str, ParamDef]  # path -> def ("titles.lao_dong_tien_tien.min_rating")
    basis: Mapping[str, ParamDef]  # rule id -> legal basis
    overridable: Mapping[str, tuple[str, ...]]  # override id -> parameter paths
    per_title_overridable: frozenset[str]  # override ids that a mapping {title: v} may target
    hash: str
    change_dates: tuple[date, ...]


def _read_yaml(path: Path, rel: str) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ParameterError(rel, "", f"invalid YAML: {exc}") from None
    except OSError as exc:
        raise ParameterError(rel, "", f"cannot read: {exc}") from None


def load_parameters(directory: Path | str | None = None) -> Loaded:
    """Load and validate every file listed in ``index.yaml``; raise the first ParameterError."""
    root = Path(directory) if directory is not None else PARAMETERS_DIR
    index = _read_yaml(root / "index.yaml", "index.yaml")
    if not isinstance(index, Mapping):
        raise ParameterError("index.yaml", "", "must be a mapping")
    unknown = set(index) - {"description", "files", "units", "overridable"}
    if unknown:
        raise ParameterError("index.yaml", str(sorted(unknown)[0]), "unknown key")
    files = index.get("files")
    if not isinstance(files, list) or not files:
        raise ParameterError("index.yaml", "files", "must list the parameter files")
    digest = hashlib.sha256()
    params: dict[str, ParamDef] = {}
    basis: dict[str, ParamDef] = {}
    digest.update((root / "index.yaml").read_bytes())
    for rel in files:
        if not isinstance(rel, str) or not rel.endswith(".yaml"):
            raise ParameterError("index.yaml", "files", f"not a .yaml path: {rel!r}")
        path = root / rel
        if not path.is_file():
            raise ParameterError("index.yaml", "files", f"listed file does not exist: {rel}")
        digest.update(rel.encode())
        digest.update(path.read_bytes())
        data = _read_yaml(path, rel)
        if not isinstance(data, Mapping):
            raise ParameterError(rel, "", "must be a mapping with description, parameters, rules")
        unknown = set(data) - FILE_KEYS
        if unknown:
            raise ParameterError(rel, str(sorted(unknown)[0]), "unknown top-level key")
        if not isinstance(data.get("description"), str):
            raise ParameterError(rel, "description", "a Vietnamese description is required")
        namespace = rel[: -len(".yaml")].replace("/", ".")
        for name, raw in (data.get("parameters") or {}).items():
            full = f"{namespace}.{name}"
            if full in params:
                raise ParameterError(rel, name, "duplicate parameter")
            params[full] = _param_def(full, name, raw, rel, basis=False)
        for rule_id, raw in (data.get("rules") or {}).items():
            if rule_id not in catalog.RULE_IDS:
                raise ParameterError(rel, f"rules.{rule_id}", "unknown rule id")
            if rule_id in basis:
                raise ParameterError(
                    rel, f"rules.{rule_id}", f"already defined in {basis[rule_id].file}"
                )
            basis[rule_id] = _param_def(f"basis.{rule_id}", rule_id, raw, rel, basis=True)
    for rule_id, b in basis.items():
        for used in b.uses:
            if used not in params:
                raise ParameterError(b.file, f"rules.{rule_id}.uses", f"unknown parameter {used}")
    overridable, per_title = _overridable(index.get("overridable") or {}, params)
    change_dates = sorted({d for p in (*params.values(), *basis.values()) for d in p.dates})
    return Loaded(
        params=MappingProxyType(params),
        basis=MappingProxyType(basis),
        overridable=MappingProxyType(overridable),
        per_title_overridable=frozenset(per_title),
        hash=digest.hexdigest(),
        change_dates=tuple(change_dates),
    )


def _overridable(
    raw: Any, params: Mapping[str, ParamDef]
) -> tuple[dict[str, tuple[str, ...]], set[str]]:
    if not isinstance(raw, Mapping):
        raise ParameterError("index.yaml", "overridable", "must map override ids to paths")
    out: dict[str, tuple[str, ...]] = {}
    per_title: set[str] = set()
    for oid, target in raw.items():
        if not isinstance(target, str):
            raise ParameterError("index.yaml", f"overridable.{oid}", "must be a parameter path")
        if target.startswith("titles.*."):
            name = target[len("titles.*.") :]
            paths = tuple(
                p for p in params if p.startswith("titles.") and p.split(".", 2)[2] == name
            )
            per_title.add(oid)
        else:
            paths = (target,) if target in params else ()
        if not paths:
            raise ParameterError("index.yaml", f"overridable.{oid}", f"unknown parameter {target}")
        out[str(oid)] = paths
    return out, per_title


_LOADED: Loaded | None = None


def loaded() -> Loaded:
    """The package's parameter set, loaded once (raises ParameterError when broken)."""
    global _LOADED
    if _LOADED is None:
        _LOADED = load_parameters()
    return _LOADED


def reload() -> Loaded:
    """Drop every cache and load the parameter files again."""
    global _LOADED
    _LOADED = None
    _resolve_cached.cache_clear()
    vocabulary.cache_clear()
    return loaded()


def parameter_set_hash() -> str:
    """Content hash (sha256) of index.yaml and every parameter file."""
    return loaded().hash


def validate_all(directory: Path | str | None = None) -> list[ParameterError]:
    """All problems of a parameter directory (empty when sound); for a Django system check."""
    try:
        data = load_parameters(directory)
    except ParameterError as exc:
        return [exc]
    errors: list[ParameterError] = []
    from .registry import emitted_rule_ids

    for rule_id in sorted(emitted_rule_ids()):
        if rule_id not in data.basis:
            errors.append(ParameterError("index.yaml", rule_id, "no legal basis (rules:) entry"))
    for path in sorted(REQUIRED_PARAMETERS):
        if path not in data.params:
            d = path.split(".")
            errors.append(
                ParameterError(f"{'/'.join(d[:-1])}.yaml", d[-1], "required parameter missing")
            )
    return errors


#: Parameter paths the rules read (checked by validate_all; filled by the rule modules).
REQUIRED_PARAMETERS: set[str] = set()


def require(*paths: str) -> None:
    """Declare parameter paths a rule module reads."""
    REQUIRED_PARAMETERS.update(paths)


# --- resolution ----------------------------------------------------------------------------


class ParamNode:
    """A read-only attribute view of resolved parameters (``p.tree.titles.x.y``)."""

    __slots__ = ("_path", "_children")

    def __init__(self, path: str, children: dict[str, Any]) -> None:
        object.__setattr__(self, "_path", path)
        object.__setattr__(self, "_children", MappingProxyType(children))

    def __getattr__(self, name: str) -> Any:
        try:
            return self._children[name]
        except KeyError:
            raise AttributeError(f"no parameter {self._path}.{name}") from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("parameters are read-only")

    def __getitem__(self, name: str) -> Any:
        return self._children[name]

    def __iter__(self) -> Any:
        return iter(self._children)

    def __repr__(self) -> str:
        return f"<ParamNode {self._path or '/'}: {', '.join(self._children)}>"


class ParamSet:
    """Parameters resolved at one date (plus overrides); read-only, shared, cheap to read."""

    __slots__ = ("on", "values", "refs", "cites", "hash", "overrides", "memo", "_tree",
                 "staff_rank", "student_rank", "raw_values", "raw_cites")  # fmt: skip

    def __init__(
        self,
        on: date,
        values: dict[str, Any],
        refs: dict[str, Reference | None],
        cites: dict[str, tuple[str, ...]],
        hash_: str,
        overrides: tuple[tuple[str, Any], ...],
    ) -> None:
        self.on = on
        #: Plain dicts for the engine's hot path (never mutate them).
        self.raw_values = values
        self.raw_cites = cites
        self.values: Mapping[str, Any] = MappingProxyType(values)
        self.refs: Mapping[str, Reference | None] = MappingProxyType(refs)
        self.cites: Mapping[str, tuple[str, ...]] = MappingProxyType(cites)
        self.hash = hash_
        self.overrides = overrides
        #: Engine memo for values derived from this set (cached pass findings, etc.).
        self.memo: dict[Any, Any] = {}
        self._tree: ParamNode | None = None
        staff = values.get("discipline.staff_levels") or ()
        self.staff_rank: Mapping[str, int] = MappingProxyType({k: i for i, k in enumerate(staff)})
        student = values.get("discipline.student_levels") or ()
        self.student_rank: Mapping[str, int] = MappingProxyType(
            {k: i for i, k in enumerate(student)}
        )

    def __getitem__(self, path: str) -> Any:
        return self.values[path]

    def get(self, path: str, default: Any = None) -> Any:
        """A resolved value (None when unset at this date)."""
        return self.values.get(path, default)

    def cite(self, path: str) -> str:
        """Citation of the value a parameter has at this date."""
        ref = self.refs.get(path)
        return ref.cite() if ref is not None else f"{path}: chưa có giá trị tại ngày này"

    def rule_cites(self, rule_id: str) -> tuple[str, ...]:
        """Citations of a rule: its legal basis and the parameters it uses (precomputed)."""
        return self.cites.get(rule_id, ())

    @property
    def tree(self) -> ParamNode:
        """Attribute access: ``p.tree.titles.chien_si_thi_dua_co_so.max_share_of_ldtt``."""
        if self._tree is None:
            self._tree = _build_tree(self.values)
        return self._tree


def _build_tree(values: Mapping[str, Any]) -> ParamNode:
    nested: dict[str, Any] = {}
    for path, value in values.items():
        node = nested
        parts = path.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value

    def build(prefix: str, d: dict[str, Any]) -> ParamNode:
        return ParamNode(
            prefix,
            {
                k: build(f"{prefix}.{k}".strip("."), v) if isinstance(v, dict) else v
                for k, v in d.items()
            },
        )

    return build("", nested)


class OverrideError(ValueError):
    """An override names an unknown parameter id or has a wrong value."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key
        self.message = message


def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _freeze(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("__list__", *(_freeze(v) for v in value))
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, tuple) and value and value[0] == "__list__":
        return [_thaw(v) for v in value[1:]]
    if isinstance(value, tuple):
        return {k: _thaw(v) for k, v in value}
    return value


def expand_overrides(overrides: Mapping[str, Any] | None) -> dict[str, Any]:
    """Map override ids (or full parameter paths) to ``{path: normalised value}``."""
    if not overrides:
        return {}
    data = loaded()
    out: dict[str, Any] = {}
    for key, value in overrides.items():
        if key in data.overridable:
            paths = data.overridable[key]
            if isinstance(value, Mapping):
                if key not in data.per_title_overridable:
                    raise OverrideError(key, "a mapping is only accepted for per-title parameters")
                chosen: list[tuple[str, Any]] = []
                for title, v in value.items():
                    match = [p for p in paths if p.split(".")[1] == title]
                    if not match:
                        raise OverrideError(f"{key}.{title}", "this title has no such parameter")
                    chosen.append((match[0], v))
            else:
                chosen = [(p, value) for p in paths]
        elif key in data.params:
            chosen = [(key, value)]
        else:
            raise OverrideError(
                key, f"unknown parameter id; overridable ids: {', '.join(sorted(data.overridable))}"
            )
        for path, v in chosen:
            if isinstance(v, list):
                v = list(v)
            try:
                out[path] = check_value(data.params[path].unit, v)
            except ValueError as exc:
                raise OverrideError(key, str(exc)) from None
    return out


def params_at(on: date, overrides: Mapping[str, Any] | None = None) -> ParamSet:
    """The parameter set in force on a date, with optional overrides (cached)."""
    key = _freeze(overrides) if overrides else ()
    return _resolve_cached(on, key)


@lru_cache(maxsize=512)
def _resolve_cached(on: date, overrides_key: tuple[Any, ...]) -> ParamSet:
    data = loaded()
    overrides = expand_overrides(_thaw(overrides_key)) if overrides_key else {}
    values: dict[str, Any] = {}
    refs: dict[str, Reference | None] = {}
    for path, pdef in data.params.items():
        values[path], refs[path] = pdef.at(on)
    for path, value in overrides.items():
        values[path] = value
        refs[path] = OVERRIDE_REFERENCE
    cites: dict[str, tuple[str, ...]] = {}
    for rule_id, bdef in data.basis.items():
        _, ref = bdef.at(on)
        parts = [] if ref is None else [ref.cite()]
        for used in bdef.uses:
            r = refs.get(used)
            if r is not None:
                c = r.cite()
                if c not in parts:
                    parts.append(c)
        cites[rule_id] = tuple(parts)
    hash_ = data.hash if not overrides_key else f"{data.hash}+{_override_digest(overrides_key)}"
    return ParamSet(on, values, refs, cites, hash_, overrides_key)


def _override_digest(key: tuple[Any, ...]) -> str:
    return hashlib.sha256(repr(key).encode()).hexdigest()[:12]


@lru_cache(maxsize=64)
def vocabulary(path: str) -> frozenset[str]:
    """Every id a list parameter has had at any date (validates scenario ids)."""
    pdef = loaded().params[path]
    out: set[str] = set()
    for value in pdef.values:
        if value:
            out.update(value)
    return frozenset(out)


def fraction(value: Any) -> Fraction:
    """A ratio parameter as an exact Fraction."""
    return value if isinstance(value, Fraction) else Fraction(str(value))


def percent(value: Any) -> str:
    """A ratio formatted in Vietnamese, e.g. ``15 %``, ``66,67 %``."""
    pct = float(fraction(value)) * 100
    text = f"{pct:.2f}".rstrip("0").rstrip(".")
    return f"{text.replace('.', ',')} %"


def parameter_ids() -> Iterable[str]:
    """The override ids scenarios may use."""
    return loaded().overridable.keys()
