"""Scenario files: load, validate and run them (``thidua eligibility check PATH…``).

A scenario file is a YAML list of scenarios in the format of shared/domain/rules.md (plus the
extensions documented in README.md). The runner prints ``PASS name`` or
``FAIL name: expected …, got … (findings …)`` per scenario and ends with
``N passed, M failed``. Exit status: 0 when all pass, 1 when some fail, 2 when a path or a
file is malformed (the message names the file, the scenario and the field); well-formed
files are still run. ``-v`` also prints every finding under each scenario.

Usage: ``python -m thidua.eligibility.scenarios [-v] PATH…``
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import yaml

from . import catalog
from .engine import evaluate_case
from .facts import (
    Case,
    FactsError,
    _date,
    _year,
    parse_cohort,
    parse_collective,
    parse_council_vote,
    parse_person,
    parse_proposal,
    parse_student,
)
from .params import OverrideError, expand_overrides
from .results import Verdict

TOP_KEYS: frozenset[str] = frozenset(
    {
        "name", "title", "school_year", "on", "parameters", "person", "collective", "student",
        "proposal", "cohort", "council_vote", "expect", "findings", "cap", "note",
    }
)  # fmt: skip
EXPECT_KEYS: frozenset[str] = frozenset({"outcome", "findings", "cap"})
SUBJECTS = ("person", "collective", "student")
_NO_CAP = object()


class ScenarioError(ValueError):
    """A malformed scenario file: names the file, the scenario and the field."""

    def __init__(self, file: str, scenario: str, field: str, message: str) -> None:
        where = f"{file}: scenario {scenario}" if scenario else file
        super().__init__(f"{where}: field '{field}': {message}" if field else f"{where}: {message}")
        self.file = file
        self.scenario = scenario
        self.field = field
        self.message = message


@dataclass(frozen=True, slots=True)
class Scenario:
    """One parsed scenario."""

    name: str
    file: str
    index: int
    case: Case
    expect: str
    findings: tuple[str, ...]
    cap: Any  # int | None, or _NO_CAP when not stated

    @property
    def cap_stated(self) -> bool:
        """Whether the scenario states an expected cap."""
        return self.cap is not _NO_CAP


@dataclass(frozen=True, slots=True)
class Result:
    """The outcome of running one scenario."""

    scenario: Scenario
    verdict: Verdict
    passed: bool
    line: str


# --- loading -------------------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """YAML 1.2 booleans (only true/false, so ``on:``, ``yes:``, ``no:`` stay keys); dates stay
    strings and are parsed by the facts parser, which names the field of a bad date."""


_DROPPED = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp"}
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _DROPPED]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def load_yaml(text: str) -> Any:
    """Parse scenario YAML (safe loader, YAML 1.2 booleans)."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass


def _label(index: int, raw: Any) -> str:
    name = raw.get("name") if isinstance(raw, Mapping) else None
    return f"#{index + 1} {name!r}" if isinstance(name, str) and name else f"#{index + 1}"


def _rule_ids(value: Any, field: str) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    out = []
    for i, rid in enumerate(items):
        if not isinstance(rid, str) or rid not in catalog.RULE_IDS:
            raise FactsError(f"{field}[{i}]", f"mã quy tắc không hợp lệ {rid!r} (xem rules.md)")
        out.append(rid)
    return tuple(out)


def parse_scenario(raw: Any, file: str, index: int) -> Scenario:
    """Validate one scenario mapping; raises ScenarioError naming the field."""
    label = _label(index, raw)
    try:
        return _parse(raw, file, index)
    except FactsError as exc:
        raise ScenarioError(file, label, exc.field, exc.message) from None
    except OverrideError as exc:
        raise ScenarioError(file, label, f"parameters.{exc.key}", exc.message) from None


def _parse(raw: Any, file: str, index: int) -> Scenario:
    if not isinstance(raw, Mapping):
        raise FactsError(
            "", f"một kịch bản phải là bảng khóa: giá trị, nhận được {type(raw).__name__}"
        )
    for key in raw:
        if key not in TOP_KEYS:
            raise FactsError(
                str(key), f"khóa không hợp lệ; các khóa được phép: {', '.join(sorted(TOP_KEYS))}"
            )
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise FactsError("name", "thiếu tên kịch bản (name)")
    title = raw.get("title")
    if title not in catalog.ALL_IDS:
        raise FactsError(
            "title",
            f"mã danh hiệu không hợp lệ {title!r}; cần một trong: {', '.join(catalog.ALL_IDS)}",
        )
    school_year = _year(raw.get("school_year"), "school_year")
    on = _date(raw["on"], "on") if raw.get("on") is not None else None
    present = [k for k in SUBJECTS if raw.get(k) is not None]
    if len(present) != 1:
        raise FactsError(
            "person" if not present else present[1],
            "cần đúng một trong person, collective, student"
            + (f" (đang có: {', '.join(present)})" if present else ""),
        )
    kind = present[0]
    if kind not in catalog.SUBJECTS[title]:
        allowed = ", ".join(sorted(catalog.SUBJECTS[title]))
        raise FactsError(kind, f"{title} chỉ xét cho: {allowed}")
    parser = {"person": parse_person, "collective": parse_collective, "student": parse_student}[
        kind
    ]
    subject = parser(raw[kind], kind)
    overrides = raw.get("parameters") or {}
    if not isinstance(overrides, Mapping):
        raise FactsError("parameters", "phải là bảng {mã tham số: giá trị}")
    expand_overrides(overrides)  # validate ids and values now
    if "expect" not in raw or raw["expect"] is None:
        raise FactsError(
            "expect", "thiếu kết quả mong đợi (eligible, ineligible, deferred, incomplete)"
        )
    expect = raw["expect"]
    findings: tuple[str, ...] = ()
    cap: Any = _NO_CAP
    if isinstance(expect, Mapping):
        for key in expect:
            if key not in EXPECT_KEYS:
                raise FactsError(
                    f"expect.{key}", "khóa không hợp lệ; được phép: outcome, findings, cap"
                )
        if "findings" in expect:
            findings += _rule_ids(expect["findings"], "expect.findings")
        if "cap" in expect:
            cap = expect["cap"]
        expect = expect.get("outcome")
    if expect not in catalog.OUTCOMES:
        raise FactsError(
            "expect",
            f"kết quả không hợp lệ {expect!r}; cần một trong: {', '.join(catalog.OUTCOMES)}",
        )
    if raw.get("findings") is not None:
        findings += _rule_ids(raw["findings"], "findings")
    if "cap" in raw:
        cap = raw["cap"]
    if (
        cap is not _NO_CAP
        and cap is not None
        and (isinstance(cap, bool) or not isinstance(cap, int) or cap < 0)
    ):
        raise FactsError("cap", f"cần số nguyên không âm hoặc null, nhận được {cap!r}")
    case = Case(
        title=title,
        school_year=school_year,
        subject=subject,
        on=on,
        proposal=parse_proposal(raw["proposal"]) if raw.get("proposal") is not None else None,
        cohort=parse_cohort(raw["cohort"]) if raw.get("cohort") is not None else None,
        council_vote=(
            parse_council_vote(raw["council_vote"]) if raw.get("council_vote") is not None else None
        ),
        parameters=dict(overrides),
    )
    return Scenario(name.strip(), file, index, case, expect, findings, cap)


def load_file(path: Path | str, display: str | None = None) -> list[Scenario]:
    """Parse and validate one scenario file; raises ScenarioError."""
    path = Path(path)
    shown = display or str(path)
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ScenarioError(shown, "", "", f"YAML không hợp lệ: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError(shown, "", "", f"không đọc được tệp: {exc}") from None
    if not isinstance(data, list) or not data:
        raise ScenarioError(shown, "", "", "tệp kịch bản phải là một danh sách YAML khác rỗng")
    scenarios = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(data):
        s = parse_scenario(raw, shown, i)
        if s.name in seen:
            raise ScenarioError(
                shown, _label(i, raw), "name", f"tên trùng với kịch bản #{seen[s.name] + 1}"
            )
        seen[s.name] = i
        scenarios.append(s)
    return scenarios


def iter_files(paths: Sequence[str]) -> Iterator[tuple[Path | None, str]]:
    """Scenario files under the given files or folders (recursing into *.yaml, *.yml);
    yields (None, path) for a path that does not exist."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml")
            )
            yield from ((p, str(p)) for p in files)
        elif path.is_file():
            yield path, raw
        else:
            yield None, raw


# --- running -------------------------------------------------------------------------------------


def run_scenario(s: Scenario) -> Result:
    """Evaluate a scenario and compare with its expectations."""
    verdict = evaluate_case(s.case)
    reasons = verdict.reasons
    problems = []
    if verdict.outcome != s.expect:
        problems.append("outcome")
    missing = [rid for rid in s.findings if rid not in reasons]
    if missing:
        problems.append("findings")
    if s.cap_stated and verdict.cap != s.cap:
        problems.append("cap")
    if not problems:
        return Result(s, verdict, True, f"PASS {s.name}")
    expected = s.expect
    if missing:
        expected += f" with findings {', '.join(missing)}"
    got = verdict.outcome
    if s.cap_stated:
        expected += f", cap {s.cap}"
        got += f", cap {verdict.cap}"
    found = ", ".join(reasons) or "none"
    return Result(
        s, verdict, False, f"FAIL {s.name}: expected {expected}, got {got} (findings {found})"
    )


def _detail(verdict: Verdict) -> list[str]:
    return [f"    {f.rule_id} {f.outcome}: {f.message_vi}" for f in verdict.findings]


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    """``thidua eligibility check [-v] PATH…``: run scenario files; see the module docstring."""
    out = stdout if stdout is not None else sys.stdout
    args = list(sys.argv[1:] if argv is None else argv)
    verbose = False
    paths: list[str] = []
    for a in args:
        if a in ("-v", "--verbose"):
            verbose = True
        elif a == "check" and not paths and not Path(a).exists():
            continue
        else:
            paths.append(a)
    if not paths:
        print("usage: thidua eligibility check [-v] PATH…", file=out)
        return 2
    passed = failed = 0
    malformed = False
    for path, shown in iter_files(paths):
        if path is None:
            print(f"ERROR {shown}: không tìm thấy tệp hoặc thư mục", file=out)
            malformed = True
            continue
        try:
            scenarios = load_file(path, shown)
        except ScenarioError as exc:
            print(f"ERROR {exc}", file=out)
            malformed = True
            continue
        for s in scenarios:
            result = run_scenario(s)
            print(result.line, file=out)
            if verbose:
                for line in _detail(result.verdict):
                    print(line, file=out)
            if result.passed:
                passed += 1
            else:
                failed += 1
    print(f"{passed} passed, {failed} failed", file=out)
    if malformed:
        return 2
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], sys.stdout))
