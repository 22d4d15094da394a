import datetime as dt
import unicodedata

import pytest

from thidua.core.vietnamese import (
    collation_key,
    initials,
    name_case,
    nfc,
    person_sort_key,
    split_full_name,
    strip_accents,
    vn_date,
)


def test_nfc_composes_decomposed_text_and_collapses_spaces():
    decomposed = unicodedata.normalize("NFD", "  Nguyễn   Thị\u00a0Ánh ")
    assert decomposed != "Nguyễn Thị Ánh"
    assert nfc(decomposed) == "Nguyễn Thị Ánh"


@pytest.mark.parametrize(
    ("_case", "words", "expected"),
    [
        ("tone after plain", ["Ánh", "Anh"], ["Anh", "Ánh"]),
        ("đ after d", ["Đức", "Dũng", "Duy"], ["Dũng", "Duy", "Đức"]),
        ("ă â after a", ["Ân", "Ăn", "An"], ["An", "Ăn", "Ân"]),
        (
            "ư after u, ơ after ô after o",
            ["Ư", "U", "Ơn", "On", "Ôn"],
            ["On", "Ôn", "Ơn", "U", "Ư"],
        ),
        ("shorter first", ["Anh", "An"], ["An", "Anh"]),
        (
            "tones in dictionary order",
            ["Mạ", "Má", "Mã", "Mả", "Mà", "Ma"],
            ["Ma", "Mà", "Mả", "Mã", "Má", "Mạ"],
        ),
    ],
)
def test_collation_key_orders_the_vietnamese_way(_case, words, expected):
    assert sorted(words, key=collation_key) == expected


def test_people_sort_by_given_name_then_family_name():
    people = [("Trần Văn", "Bình"), ("Nguyễn Thị", "Ánh"), ("Lê Văn", "Anh"), ("Đỗ Thị", "Anh")]
    ordered = sorted(people, key=lambda p: person_sort_key(*p))
    assert ordered == [
        ("Đỗ Thị", "Anh"),
        ("Lê Văn", "Anh"),
        ("Nguyễn Thị", "Ánh"),
        ("Trần Văn", "Bình"),
    ]


def test_sort_key_is_digits_only_so_every_database_collation_agrees():
    key = person_sort_key("Nguyễn Thị Minh", "Ánh")
    assert key.replace("|", "").isdigit()


def test_same_name_typed_in_nfd_gets_the_same_key():
    assert collation_key(unicodedata.normalize("NFD", "Hường")) == collation_key("Hường")


def test_split_and_case():
    assert split_full_name("Nguyễn Thị Minh Anh") == ("Nguyễn Thị Minh", "Anh")
    assert name_case("NGUYỄN VĂN ĐỨC") == "Nguyễn Văn Đức"
    assert name_case("trần thị ánh") == "Trần Thị Ánh"
    assert name_case("Lê McDonald") == "Lê McDonald"
    assert strip_accents("Đặng Thị Hường") == "dang thi huong"
    assert initials("Nguyễn Thị Minh Anh") == "N.T.M. Anh"


def test_vn_date_official_form_pads_days_and_first_months():
    assert vn_date(dt.date(2024, 5, 20), place="Quận 5") == "Quận 5, ngày 20 tháng 5 năm 2024"
    assert vn_date(dt.date(2024, 1, 5)) == "ngày 05 tháng 01 năm 2024"
    assert vn_date(dt.date(2024, 11, 3)) == "ngày 03 tháng 11 năm 2024"
    assert vn_date(dt.date(2024, 1, 5), official=False) == "ngày 5 tháng 1 năm 2024"
