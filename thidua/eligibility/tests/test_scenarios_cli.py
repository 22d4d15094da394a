"""The scenario command: output format, exit codes, malformed files."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from thidua.eligibility.scenarios import main

GOOD = """
- name: Giáo viên đạt
  title: lao_dong_tien_tien
  school_year: 2023-2024
  person: {registered: [2023-2024], ratings: {2023-2024: httnv}}
  expect: eligible
- name: Sai kỳ vọng
  title: lao_dong_tien_tien
  school_year: 2023-2024
  person: {registered: [2023-2024], ratings: {2023-2024: htnv}}
  expect: eligible
- name: Thiếu mã quy tắc
  title: lao_dong_tien_tien
  school_year: 2023-2024
  person: {registered: [2023-2024], ratings: {2023-2024: htnv}}
  expect: ineligible
  findings: [R-LDTT-2]
- name: Sai giới hạn
  title: chien_si_thi_dua_co_so
  school_year: 2022-2023
  person: {registered: [2022-2023], ratings: {2022-2023: htxsnv}, initiatives: [{school_year: 2022-2023}]}
  cohort: {lao_dong_tien_tien: 40}
  expect: eligible
  cap: 5
"""


def run(*paths: str) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = main(list(paths), out)
    return code, out.getvalue().splitlines()


def test_output_format_and_exit_code(tmp_path: Path) -> None:
    f = tmp_path / "a.yaml"
    f.write_text(GOOD, encoding="utf-8")
    code, lines = run(str(f))
    assert code == 1
    assert lines[0] == "PASS Giáo viên đạt"
    assert lines[1] == "FAIL Sai kỳ vọng: expected eligible, got ineligible (findings R-LDTT-1)"
    assert lines[2] == (
        "FAIL Thiếu mã quy tắc: expected ineligible with findings R-LDTT-2, got ineligible "
        "(findings R-LDTT-1)"
    )
    assert lines[3].startswith("FAIL Sai giới hạn: expected eligible, cap 5, got eligible, cap 6")
    assert lines[-1] == "1 passed, 3 failed"


def test_all_pass_exits_zero_and_folders_recurse(tmp_path: Path) -> None:
    sub = tmp_path / "x" / "y"
    sub.mkdir(parents=True)
    (sub / "b.yml").write_text(GOOD.split("- name: Sai kỳ vọng")[0], encoding="utf-8")
    (tmp_path / "note.txt").write_text("not a scenario", encoding="utf-8")
    code, lines = run(str(tmp_path))
    assert code == 0
    assert lines == ["PASS Giáo viên đạt", "1 passed, 0 failed"]


def test_leading_check_word_is_accepted(tmp_path: Path) -> None:
    f = tmp_path / "a.yaml"
    f.write_text(GOOD.split("- name: Sai kỳ vọng")[0], encoding="utf-8")
    assert run("check", str(f))[0] == 0


BASE = """- name: S1
  title: lao_dong_tien_tien
  school_year: 2023-2024
  person: {registered: [2023-2024], ratings: {2023-2024: httnv}}
  expect: eligible
"""


@pytest.mark.parametrize(
    ("_case", "old", "new", "field"),
    [
        ("unknown title", "title: lao_dong_tien_tien", "title: anh_hung", "'title'"),
        ("bad school year", "school_year: 2023-2024", "school_year: 2023-2025", "'school_year'"),
        ("bad date", "  expect: eligible", "  on: 2024-02-30\n  expect: eligible", "'on'"),
        ("unknown rating", "{2023-2024: httnv}", "{2023-2024: tot}", "'person.ratings.2023-2024'"),
        (
            "unknown top-level key",
            "  expect: eligible",
            "  expected: eligible\n  expect: eligible",
            "'expected'",
        ),
        ("missing expect", "  expect: eligible\n", "", "'expect'"),
        ("bad outcome", "expect: eligible", "expect: passed", "'expect'"),
        (
            "both person and collective",
            "  expect: eligible",
            "  collective: {kind: school}\n  expect: eligible",
            "'collective'",
        ),
        (
            "no subject",
            "  person: {registered: [2023-2024], ratings: {2023-2024: httnv}}\n",
            "",
            "'person'",
        ),
        (
            "wrong subject",
            "title: lao_dong_tien_tien",
            "title: tap_the_lao_dong_tien_tien",
            "'person'",
        ),
        (
            "unknown discipline",
            "ratings: {2023-2024: httnv}}",
            "ratings: {2023-2024: httnv}, discipline: [{level: phat_tien, decided_on: 2024-01-01}]}",
            "'person.discipline[0].level'",
        ),
        (
            "unknown pending kind",
            "ratings: {2023-2024: httnv}}",
            "ratings: {2023-2024: httnv}, pending_matters: [{kind: rumour}]}",
            "'person.pending_matters[0].kind'",
        ),
        (
            "unknown person key",
            "ratings: {2023-2024: httnv}}",
            "ratings: {2023-2024: httnv}, rating: httnv}",
            "'person.rating'",
        ),
        (
            "unknown parameter",
            "  expect: eligible",
            "  parameters: {magic: 1}\n  expect: eligible",
            "'parameters.magic'",
        ),
        (
            "bad parameter value",
            "  expect: eligible",
            "  parameters: {cstdcs_max_share_of_ldtt: 2}\n  expect: eligible",
            "'parameters.cstdcs_max_share_of_ldtt'",
        ),
        (
            "unknown rule id",
            "  expect: eligible",
            "  findings: [R-FOO-1]\n  expect: eligible",
            "'findings[0]'",
        ),
        (
            "vote larger than council",
            "  expect: eligible",
            "  council_vote: {members: 5, yes: 6}\n  expect: eligible",
            "'council_vote.yes'",
        ),
        ("missing name", "- name: S1\n", "- note: x\n", "'name'"),
    ],
)
def test_malformed_file_exits_2_naming_file_scenario_field(
    tmp_path: Path, _case: str, old: str, new: str, field: str
) -> None:
    # given a good file and a broken one
    good = tmp_path / "good.yaml"
    good.write_text(BASE, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    text = BASE.replace("S1", "S2") if "name" not in field else BASE
    assert old in text
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    # when
    code, lines = run(str(good), str(bad))
    # then
    assert code == 2
    errors = [line for line in lines if line.startswith("ERROR")]
    assert len(errors) == 1, lines
    assert str(bad) in errors[0]
    assert "scenario #1" in errors[0]
    assert f"field {field}" in errors[0]
    assert "PASS S1" in lines
    assert lines[-1] == "1 passed, 0 failed"


def test_duplicate_names_and_non_list_files(tmp_path: Path) -> None:
    dup = tmp_path / "dup.yaml"
    dup.write_text(BASE + BASE, encoding="utf-8")
    code, lines = run(str(dup))
    assert code == 2
    assert "scenario #2 'S1': field 'name'" in lines[0]
    other = tmp_path / "map.yaml"
    other.write_text("name: x\n", encoding="utf-8")
    code, lines = run(str(other))
    assert code == 2 and str(other) in lines[0]
    code, lines = run(str(tmp_path / "missing.yaml"))
    assert code == 2 and "missing.yaml" in lines[0]


def test_yaml_on_yes_no_keys_are_not_booleans(tmp_path: Path) -> None:
    f = tmp_path / "v.yaml"
    f.write_text(
        BASE.replace("  expect: eligible", "  on: 2024-05-31\n  expect: eligible")
        .replace("lao_dong_tien_tien", "chien_si_thi_dua_co_so")
        .replace("httnv", "htxsnv")
        + "  council_vote: {members: 10, yes: 7, no: 3}\n",
        encoding="utf-8",
    )
    code, lines = run(str(f))
    assert lines[0].startswith("FAIL S1: expected eligible, got ineligible")
    assert code == 1


def test_module_entry_point(tmp_path: Path) -> None:
    f = tmp_path / "a.yaml"
    f.write_text(BASE, encoding="utf-8")
    root = Path(__file__).resolve().parents[3]
    proc = subprocess.run(
        [sys.executable, "-m", "thidua.eligibility.scenarios", str(f)],
        capture_output=True, text=True, cwd=root, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.splitlines() == ["PASS S1", "1 passed, 0 failed"]
