"""The system check on the parameter files, and `manage.py eligibility check`."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError, SystemCheckError

from thidua.eligibility import params
from thidua.eligibility.checks import parameters_are_valid

ROOT = Path(__file__).resolve().parents[3]
SCENARIOS = Path(__file__).resolve().parent / "scenarios"


def test_the_project_parameters_pass_the_system_check():
    assert parameters_are_valid() == []
    call_command("check", stdout=io.StringIO())


def test_a_broken_parameter_file_fails_manage_py_check(tmp_path, monkeypatch):
    # given: a copy of the parameters where a ratio is out of range
    copy = tmp_path / "parameters"
    shutil.copytree(params.PARAMETERS_DIR, copy)
    path = copy / "titles" / "chien_si_thi_dua_co_so.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("value: 0.15", "value: 1.5"), encoding="utf-8"
    )
    monkeypatch.setattr(params, "PARAMETERS_DIR", copy)
    # when
    [error] = parameters_are_valid()
    # then
    assert error.id == "eligibility.E001"
    assert "titles/chien_si_thi_dua_co_so.yaml" in error.msg and "max_share_of_ldtt" in error.msg
    with pytest.raises(SystemCheckError, match="eligibility.E001"):
        call_command("check", stdout=io.StringIO(), stderr=io.StringIO())


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_manage_py_eligibility_check_works_like_the_thidua_command(tmp_path):
    # given: a scenario file with one pass and one fail
    f = tmp_path / "two.yaml"
    f.write_text(
        "- name: Đạt\n  title: lao_dong_tien_tien\n  school_year: 2023-2024\n"
        "  person: {registered: [2023-2024], ratings: {2023-2024: httnv}}\n  expect: eligible\n"
        "- name: Sai\n  title: lao_dong_tien_tien\n  school_year: 2023-2024\n"
        "  person: {registered: [2023-2024], ratings: {2023-2024: htnv}}\n  expect: eligible\n",
        encoding="utf-8",
    )
    # when
    manage = _run("manage.py", "eligibility", "check", "-v", str(f))
    cli = _run("-m", "thidua.cli", "eligibility", "check", "-v", str(f))
    # then: same lines, same exit status
    assert manage.returncode == cli.returncode == 1
    assert manage.stdout == cli.stdout
    assert manage.stdout.splitlines()[0] == "PASS Đạt"
    assert manage.stdout.splitlines()[-1] == "1 passed, 1 failed"


def test_manage_py_eligibility_check_runs_the_project_scenarios_green():
    result = _run("manage.py", "eligibility", "check", str(SCENARIOS))
    last = result.stdout.splitlines()[-1]
    assert result.returncode == 0, result.stdout[-2000:]
    assert last.endswith(" passed, 0 failed") and int(last.split()[0]) >= 173


def test_call_command_reports_failures_with_the_exit_status(tmp_path):
    out = io.StringIO()
    call_command("eligibility", "check", str(SCENARIOS / "lao_dong_tien_tien.yaml"), stdout=out)
    assert out.getvalue().splitlines()[-1].endswith(" passed, 0 failed")
    with pytest.raises(CommandError) as exc:
        call_command("eligibility", "check", str(tmp_path / "missing.yaml"), stdout=io.StringIO())
    assert exc.value.returncode == 2
    with pytest.raises(CommandError):
        call_command("eligibility", stdout=io.StringIO())
