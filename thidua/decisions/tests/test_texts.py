"""The proposed wording of a decision: number, symbol, authority, signature, Điều 1."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.decisions import texts
from thidua.decisions.models import Decision, DecisionLine

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("_case", "number", "expected"),
    [
        ("below ten", 5, "05/QĐ-THCSTBC"),
        ("ten", 10, "10/QĐ-THCSTBC"),
        ("hundreds", 123, "123/QĐ-THCSTBC"),
    ],
)
def test_number_label_has_a_leading_zero_below_ten(_case, number, expected):
    assert texts.number_label(number, "QĐ-THCSTBC") == expected


def test_authority_and_symbol_per_level(tree):
    assert texts.symbol_for(tree["tbc"]) == "QĐ-THCSTBC"
    assert texts.authority_for(tree["tbc"]) == "Hiệu trưởng Trường THCS Trần Bội Cơ"
    assert texts.authority_for(tree["district"]) == "Trưởng phòng Giáo dục và Đào tạo Quận 5"
    assert (
        texts.authority_for(tree["doe"]) == "Giám đốc Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh"
    )


def test_legal_bases_follow_the_decree_in_force(tree):
    before = texts.legal_bases_for(tree["tbc"], dt.date(2025, 6, 30))
    after = texts.legal_bases_for(tree["tbc"], dt.date(2025, 7, 1))
    assert "98/2023/NĐ-CP" in before[1] and "152/2025/NĐ-CP" in after[1]


def test_signature_lines_and_article_one(tree):
    decision = Decision(
        issuer=tree["tbc"],
        signing_mode="KT.",
        signing_for="Hiệu trưởng",
        signer_title="Phó Hiệu trưởng",
        place="Quận 5",
        issued_on=dt.date(2026, 1, 5),
    )
    assert texts.signature_lines(decision) == ["KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG"]
    assert texts.place_date(decision) == "Quận 5, ngày 05 tháng 01 năm 2026"
    decision.signing_mode = ""
    decision.signer_title = "Hiệu trưởng"
    assert texts.signature_lines(decision) == ["HIỆU TRƯỞNG"]
    lines = [
        DecisionLine(person_id=1, award="lao_dong_tien_tien"),
        DecisionLine(person_id=2, award="lao_dong_tien_tien"),
        DecisionLine(collective_id=3, award="tap_the_lao_dong_tien_tien"),
        DecisionLine(person_id=4, award="giay_khen"),
        DecisionLine(collective_id=5, award="giay_khen"),
    ]
    assert texts.article_one(decision, lines) == (
        "Công nhận danh hiệu “Lao động tiên tiến” cho 02 cá nhân; "
        "công nhận danh hiệu “Tập thể lao động tiên tiến” cho 01 tập thể; "
        "tặng “Giấy khen” cho 01 cá nhân và 01 tập thể (có danh sách kèm theo)."
    )
