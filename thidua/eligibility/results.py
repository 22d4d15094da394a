"""What the engine returns: findings (one per check) and verdicts (one per title)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

PASS = "pass"
FAIL = "fail"
DEFER = "defer"
MISSING = "missing"

ELIGIBLE = "eligible"
INELIGIBLE = "ineligible"
DEFERRED = "deferred"
INCOMPLETE = "incomplete"


class Finding(NamedTuple):
    """The result of one check: rule id, outcome, Vietnamese message, citations, data to add."""

    rule_id: str
    outcome: str  # pass | fail | defer | missing
    message_vi: str
    citations: tuple[str, ...] = ()
    missing: str | None = None  # what data to add (Vietnamese), for outcome "missing"

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        out: dict[str, Any] = {
            "rule_id": self.rule_id,
            "outcome": self.outcome,
            "message_vi": self.message_vi,
            "citations": list(self.citations),
        }
        if self.missing:
            out["missing"] = self.missing
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        """Inverse of ``to_dict``."""
        return cls(
            data["rule_id"],
            data["outcome"],
            data["message_vi"],
            tuple(data.get("citations") or ()),
            data.get("missing"),
        )


def outcome_of(findings: tuple[Finding, ...] | list[Finding]) -> str:
    """Precedence: any fail -> ineligible; else any defer -> deferred; else any missing ->
    incomplete; else eligible."""
    has_defer = has_missing = False
    for f in findings:
        o = f.outcome
        if o == FAIL:
            return INELIGIBLE
        if o == DEFER:
            has_defer = True
        elif o == MISSING:
            has_missing = True
    if has_defer:
        return DEFERRED
    if has_missing:
        return INCOMPLETE
    return ELIGIBLE


@dataclass(slots=True)
class Verdict:
    """The verdict on one title for one subject and school year, with every reason."""

    title: str
    outcome: str  # eligible | ineligible | deferred | incomplete
    findings: tuple[Finding, ...]
    cap: int | None
    parameters_hash: str
    rules_version: str
    school_year: str = ""
    on: date | None = None

    @property
    def reasons(self) -> tuple[str, ...]:
        """Rule ids behind the outcome: the non-pass findings, or every finding if eligible."""
        if self.outcome == ELIGIBLE:
            return tuple(dict.fromkeys(f.rule_id for f in self.findings))
        return tuple(dict.fromkeys(f.rule_id for f in self.findings if f.outcome != PASS))

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """Every rule id evaluated, in order, without duplicates."""
        return tuple(dict.fromkeys(f.rule_id for f in self.findings))

    def by_rule(self, rule_id: str) -> list[Finding]:
        """The findings of one rule id."""
        return [f for f in self.findings if f.rule_id == rule_id]

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form (stored with the facts snapshot)."""
        return {
            "title": self.title,
            "outcome": self.outcome,
            "findings": [f.to_dict() for f in self.findings],
            "cap": self.cap,
            "parameters_hash": self.parameters_hash,
            "rules_version": self.rules_version,
            "school_year": self.school_year,
            "on": self.on.isoformat() if self.on else None,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Verdict:
        """Inverse of ``to_dict``."""
        return cls(
            title=data["title"],
            outcome=data["outcome"],
            findings=tuple(Finding.from_dict(f) for f in data.get("findings") or ()),
            cap=data.get("cap"),
            parameters_hash=data.get("parameters_hash", ""),
            rules_version=data.get("rules_version", ""),
            school_year=data.get("school_year", ""),
            on=date.fromisoformat(data["on"]) if data.get("on") else None,
        )


@dataclass(slots=True)
class CohortResult:
    """Verdicts of a unit's candidates for one capped title, with the cap applied."""

    title: str
    cap: int | None
    base_count: int | None
    verdicts: tuple[Verdict, ...]
    selected: tuple[int, ...]  # indices of the candidates within the cap, in ranking order

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "title": self.title,
            "cap": self.cap,
            "base_count": self.base_count,
            "verdicts": [v.to_dict() for v in self.verdicts],
            "selected": list(self.selected),
        }
