"""Collect every scenario file under ``scenarios/`` as pytest items named by the scenario."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from thidua.eligibility.scenarios import Scenario, load_file, run_scenario

SCENARIOS_DIR = Path(__file__).resolve().parent / "scenarios"


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    """Scenario YAML files become test files."""
    if file_path.suffix in (".yaml", ".yml") and SCENARIOS_DIR in file_path.resolve().parents:
        return ScenarioFile.from_parent(parent, path=file_path)
    return None


class ScenarioFile(pytest.File):
    """One scenario file."""

    def collect(self) -> Iterator[pytest.Item]:
        for scenario in load_file(self.path, str(self.path.relative_to(SCENARIOS_DIR.parent))):
            yield ScenarioItem.from_parent(self, name=scenario.name, scenario=scenario)


class ScenarioItem(pytest.Item):
    """One scenario, run through the same code as ``thidua eligibility check``."""

    def __init__(self, *, scenario: Scenario, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scenario = scenario

    def runtest(self) -> None:
        result = run_scenario(self.scenario)
        if not result.passed:
            details = "\n".join(
                f"  {f.rule_id} {f.outcome}: {f.message_vi}" for f in result.verdict.findings
            )
            raise AssertionError(f"{result.line}\n{details}")

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.scenario.index, f"scenario: {self.name}"
