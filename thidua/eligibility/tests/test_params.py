"""Parameter files: schema validation, dated resolution, caching, overrides."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from thidua.eligibility import params
from thidua.eligibility.params import (
    PARAMETERS_DIR,
    OverrideError,
    ParameterError,
    load_parameters,
    params_at,
    validate_all,
)


@pytest.fixture
def param_dir(tmp_path: Path) -> Path:
    target = tmp_path / "parameters"
    shutil.copytree(PARAMETERS_DIR, target)
    return target


def _rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_package_parameters_are_valid() -> None:
    assert validate_all() == []


def test_missing_reference_names_file_and_key(param_dir: Path) -> None:
    # given
    f = param_dir / "titles" / "lao_dong_tien_tien.yaml"
    _rewrite(
        f,
        '      2017-09-15:\n        value: 10\n        reference: {doc: "Nghị định 91/2017/NĐ-CP", article: "quy định về cá nhân mới tuyển dụng", confidence: "S"}\n',
        "      2017-09-15:\n        value: 10\n",
    )
    # when
    with pytest.raises(ParameterError) as exc:
        load_parameters(param_dir)
    # then
    assert exc.value.file == "titles/lao_dong_tien_tien.yaml"
    assert exc.value.key.startswith("new_hire_min_months.values.2017-09-15")
    assert "reference" in str(exc.value)


def test_unsorted_dates_are_rejected(param_dir: Path) -> None:
    # given a parameter whose dates go backwards
    _rewrite(
        param_dir / "council.yaml",
        "rules:\n",
        "  extra:\n    label: Thử\n    unit: days\n    values:\n"
        "      2024-01-01: {value: 1, reference: {doc: d, confidence: V}}\n"
        "      2023-01-01: {value: 2, reference: {doc: d, confidence: V}}\nrules:\n",
    )
    # when
    with pytest.raises(ParameterError) as exc:
        load_parameters(param_dir)
    # then
    assert exc.value.file == "council.yaml"
    assert exc.value.key == "extra.values.2023-01-01"
    assert "sorted" in exc.value.message


@pytest.mark.parametrize(
    ("_case", "old", "new", "key_part", "message_part"),
    [
        ("unknown unit", "unit: ratio", "unit: percent", "quorum.unit", "unknown unit"),
        ("bad ratio", 'value: "2/3"', "value: 1.5", "quorum.values", "between 0 and 1"),
        ("bad confidence", 'confidence: "?"', 'confidence: "X"', "confidence", "confidence"),
        (
            "not a date",
            '2017-09-15:\n        value: "2/3"',
            'someday:\n        value: "2/3"',
            "someday",
            "not a date",
        ),
    ],
)
def test_schema_errors_name_file_and_key(
    param_dir: Path, _case: str, old: str, new: str, key_part: str, message_part: str
) -> None:
    _rewrite(param_dir / "council.yaml", old, new)
    with pytest.raises(ParameterError) as exc:
        load_parameters(param_dir)
    assert exc.value.file == "council.yaml"
    assert key_part in exc.value.key
    assert message_part in exc.value.message


def test_invalid_yaml_names_the_file(param_dir: Path) -> None:
    (param_dir / "dossier.yaml").write_text("description: [unclosed\n", encoding="utf-8")
    errors = validate_all(param_dir)
    assert len(errors) == 1
    assert errors[0].file == "dossier.yaml"


def test_unknown_rule_basis_is_rejected(param_dir: Path) -> None:
    _rewrite(param_dir / "dossier.yaml", "  R-HS-2:", "  R-XYZ-9:")
    with pytest.raises(ParameterError) as exc:
        load_parameters(param_dir)
    assert exc.value.key == "rules.R-XYZ-9"


def test_value_in_force_changes_on_its_date() -> None:
    before = params_at(date(2023, 12, 31))
    after = params_at(date(2024, 1, 1))
    assert before["titles.lao_dong_tien_tien.new_hire_min_months"] == 10
    assert after["titles.lao_dong_tien_tien.new_hire_min_months"] == 6
    assert before["titles.chien_si_thi_dua_co_so.max_share_of_ldtt"] == params.fraction(0.15)
    assert after["titles.chien_si_thi_dua_co_so.max_share_of_ldtt"] is None
    assert "Nghị định 91/2017" in before.cite("titles.lao_dong_tien_tien.new_hire_min_months")
    assert "01/2024" in after.cite("titles.lao_dong_tien_tien.new_hire_min_months")


def test_params_at_is_cached_and_read_only() -> None:
    p = params_at(date(2024, 5, 31))
    assert params_at(date(2024, 5, 31)) is p
    with pytest.raises(TypeError):
        p.values["general.regime"] = "x"  # type: ignore[index]
    with pytest.raises(AttributeError):
        p.tree.titles.lao_dong_tien_tien.min_rating = "htnv"
    assert p.tree.titles.lao_dong_tien_tien.min_rating == "httnv"


def test_overrides_by_id_and_errors() -> None:
    p = params_at(date(2024, 5, 31), {"council_vote_threshold": 0.7, "new_hire_min_months": 10})
    assert p["titles.chien_si_thi_dua_co_so.council_vote_threshold"] == params.fraction(0.7)
    assert p["titles.chien_si_thi_dua_cap_tinh.council_vote_threshold"] == params.fraction(0.7)
    assert p["titles.lao_dong_tien_tien.new_hire_min_months"] == 10
    assert p.hash != params_at(date(2024, 5, 31)).hash
    with pytest.raises(OverrideError):
        params_at(date(2024, 5, 31), {"no_such_parameter": 1})
    with pytest.raises(OverrideError):
        params_at(date(2024, 5, 31), {"cstdcs_max_share_of_ldtt": 1.5})


def test_parameter_set_hash_is_a_content_hash(param_dir: Path) -> None:
    assert load_parameters(param_dir).hash == params.parameter_set_hash()
    _rewrite(param_dir / "dossier.yaml", "value: 5", "value: 7")
    assert load_parameters(param_dir).hash != params.parameter_set_hash()


def test_every_value_has_reference_and_vietnamese_label() -> None:
    import unicodedata

    data = load_parameters()
    for pdef in (*data.params.values(), *data.basis.values()):
        assert all(r.doc for r in pdef.references), pdef.path
        assert unicodedata.is_normalized("NFC", pdef.label), pdef.path
