"""Excel imports of past titles and awards, and of annual ratings: all or nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import make_teacher
from thidua.achievements.imports import (
    apply_record_plan,
    parse_authority,
    parse_award,
    parse_rating,
    parse_years,
    plan_award_import,
    plan_rating_import,
)
from thidua.achievements.models import AwardRecord, RecordImport, RecordImportStatus
from thidua.org.models import SchoolYear
from thidua.people.imports import ImportRejected
from thidua.people.records import AnnualRating
from thidua.people.tests.sheets import workbook_bytes

pytestmark = pytest.mark.django_db

HEADINGS = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Năm học",
    "Danh hiệu/Hình thức",
    "Số quyết định",
    "Ngày quyết định",
    "Cấp quyết định",
]


def award_sheet(rows: list[list[Any]], headings: list[str] = HEADINGS) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "TRƯỜNG THCS TRẦN BỘI CƠ"
    ws["A2"] = "DANH SÁCH CÁN BỘ, GIÁO VIÊN ĐƯỢC KHEN THƯỞNG CÁC NĂM HỌC 2020-2021 ĐẾN 2023-2024"
    for col, text in enumerate(headings, start=1):
        ws.cell(4, col, text)
    for index, row in enumerate(rows, start=1):
        for col, value in enumerate([index, *row], start=1):
            ws.cell(4 + index, col, value)
    ws.cell(6 + len(rows), 6, "HIỆU TRƯỞNG")
    return workbook_bytes(wb)


@pytest.fixture
def staff(tree):  # noqa: ANN001, ANN201
    return {
        "an": make_teacher(tree["tbc"], "Nguyễn Thị Thanh An", dept=tree["tbc_math"]),
        "binh": make_teacher(tree["tbc"], "Trần Quốc Bình", dept=tree["tbc_math"]),
    }


ROWS = [
    [
        "Nguyễn Thị Thanh An",
        "12/04/1985",
        "2021-2022",
        "Lao động tiên tiến",
        "120/QĐ-THCS",
        "15/06/2022",
        "Hiệu trưởng",
    ],
    [
        "Nguyễn Thị Thanh An",
        "12/04/1985",
        "2022 - 2023",
        "CSTĐCS",
        "98/QĐ-PGDĐT",
        "20/07/2023",
        "Trưởng phòng GD&ĐT Quận 5",
    ],
    [
        "Trần Quốc Bình",
        "12/04/1985",
        "2021-2022 và 2022-2023",
        "Bằng khen của Chủ tịch UBND Thành phố",
        "4021/QĐ-UBND",
        "12/12/2023",
        "Chủ tịch UBND TP.HCM",
    ],
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lao động tiên tiến", "lao_dong_tien_tien"),
        ("LĐTT", "lao_dong_tien_tien"),
        ("CSTĐCS", "chien_si_thi_dua_co_so"),
        ("Chiến sĩ thi đua cơ sở", "chien_si_thi_dua_co_so"),
        ("Chiến sĩ thi đua cấp Thành phố", "chien_si_thi_dua_cap_tinh"),
        ("Bằng khen UBND TP", "bang_khen_cap_tinh"),
        ("Bằng khen của Bộ trưởng Bộ GD&ĐT", "bang_khen_cap_tinh"),
        ("Bằng khen của Thủ tướng Chính phủ", "bang_khen_thu_tuong"),
        ("Giấy khen Giám đốc Sở", "giay_khen"),
        ("Huân chương Lao động hạng Ba", "huan_chuong_lao_dong_hang_ba"),
        ("Khen ngợi", None),
    ],
)
def test_award_names_as_schools_write_them(text, expected):
    assert parse_award(text) == expected


def test_years_authorities_and_ratings_as_written():
    assert parse_years("2021 – 2022") == (["2021-2022"], None)
    assert parse_years("2020-2021 đến 2022-2023")[0] == ["2020-2021", "2021-2022", "2022-2023"]
    assert parse_years("2021-2023")[1] is not None
    assert parse_authority("Chủ tịch UBND Thành phố Hồ Chí Minh") == "province"
    assert parse_authority("Thủ tướng Chính phủ") == "government"
    assert parse_authority("Hiệu trưởng") == "school"
    assert parse_rating("Không hoàn thành nhiệm vụ") == "khtnv"
    assert parse_rating("HTTNV") == "httnv"
    assert parse_rating("Hoàn thành xuất sắc nhiệm vụ") == "htxsnv"


def test_a_good_history_is_previewed_then_imported(principal, tree, staff):
    # given
    plan = plan_award_import(data=award_sheet(ROWS), filename="ds.xlsx", unit=tree["tbc"])
    assert plan.ok, plan.errors
    assert plan.counts == {"create": 3, "update": 0, "unchanged": 0}
    assert AwardRecord.objects.count() == 0
    # when
    apply_record_plan(actor=principal, plan=plan)
    # then
    bang_khen = AwardRecord.objects.get(award="bang_khen_cap_tinh")
    assert bang_khen.period_codes == ["2021-2022", "2022-2023"]
    assert bang_khen.authority_level == "province"
    assert bang_khen.source == "imported"
    assert AwardRecord.objects.filter(person=staff["an"]).count() == 2
    # the past years were created with the usual calendar
    assert SchoolYear.objects.get(code="2021-2022").start_on == dt.date(2021, 9, 5)
    # re-importing the same file changes nothing
    again = plan_award_import(data=award_sheet(ROWS), filename="ds.xlsx", unit=tree["tbc"])
    assert again.counts == {"create": 0, "update": 0, "unchanged": 3}


def test_one_bad_row_imports_nothing(principal, tree, staff):
    # given: an unknown award, a future decision and a person from nowhere
    future = (dt.date.today() + dt.timedelta(days=30)).strftime("%d/%m/%Y")
    rows = [
        *ROWS,
        ["Nguyễn Thị Thanh An", "12/04/1985", "2023-2024", "Khen ngợi", "", "", ""],
        ["Trần Quốc Bình", "12/04/1985", "2023-2024", "Giấy khen", "9/QĐ", future, "Hiệu trưởng"],
        ["Lê Văn Không Có", "01/01/1980", "2023-2024", "LĐTT", "", "", ""],
    ]
    plan = plan_award_import(data=award_sheet(rows), filename="ds.xlsx", unit=tree["tbc"])
    messages = [str(e) for e in plan.errors]
    assert messages == [
        "Dòng 8: Không nhận ra danh hiệu, hình thức «Khen ngợi».",
        f"Dòng 9: Ngày quyết định {future} ở tương lai.",
        "Dòng 10: Không tìm thấy Lê Văn Không Có (01/01/1980) trong danh sách cán bộ của Trường THCS Trần Bội Cơ.",
    ]
    with pytest.raises(ImportRejected):
        apply_record_plan(actor=principal, plan=plan)
    assert AwardRecord.objects.count() == 0


def test_a_title_twice_in_the_file_is_an_error(principal, tree, staff):
    rows = [ROWS[0], ROWS[0]]
    plan = plan_award_import(data=award_sheet(rows), filename="ds.xlsx", unit=tree["tbc"])
    assert [str(e) for e in plan.errors] == ["Dòng 6: Trùng với dòng 5."]


def test_same_name_twice_without_birth_date_asks_for_it(principal, tree, staff):
    make_teacher(tree["tbc"], "Trần Quốc Bình", dept=tree["tbc_office"])
    headings = [h for h in HEADINGS if h != "Ngày sinh"]
    rows = [["Trần Quốc Bình", "2021-2022", "LĐTT", "", "", ""]]
    plan = plan_award_import(data=award_sheet(rows, headings), filename="ds.xlsx", unit=tree["tbc"])
    assert "cần thêm cột Ngày sinh hoặc Mã cán bộ" in str(plan.errors[0])


def test_missing_columns_are_named(principal, tree):
    plan = plan_award_import(
        data=award_sheet([["A", "1"]], ["STT", "Họ và tên", "Ghi chú"]),
        filename="ds.xlsx",
        unit=tree["tbc"],
    )
    assert [str(e) for e in plan.errors] == [
        "Thiếu cột bắt buộc: “Danh hiệu/Hình thức”, “Năm học”."
    ]


def rating_sheet(rows: list[list[Any]]) -> bytes:
    return award_sheet(rows, ["STT", "Họ và tên", "Ngày sinh", "Năm học", "Xếp loại"])


def test_ratings_import_refuses_a_year_not_worked(principal, tree, staff):
    rows = [
        ["Nguyễn Thị Thanh An", "12/04/1985", "2023-2024", "Hoàn thành xuất sắc nhiệm vụ"],
        ["Trần Quốc Bình", "12/04/1985", "2015-2016", "Hoàn thành tốt nhiệm vụ"],
    ]
    plan = plan_rating_import(data=rating_sheet(rows), filename="xl.xlsx", unit=tree["tbc"])
    assert [str(e) for e in plan.errors] == [
        "Dòng 6: Trần Quốc Bình không công tác tại đơn vị nào trong năm học 2015-2016."
    ]
    with pytest.raises(ImportRejected):
        apply_record_plan(actor=principal, plan=plan)
    assert AnnualRating.objects.count() == 0


def test_ratings_import_with_the_year_chosen_in_the_form(principal, tree, staff, school_year):
    wb_rows = [
        ["Nguyễn Thị Thanh An", "12/04/1985", "HTXSNV"],
        ["Trần Quốc Bình", "12/04/1985", "HTTNV"],
    ]
    data = award_sheet(wb_rows, ["STT", "Họ và tên", "Ngày sinh", "Xếp loại"])
    plan = plan_rating_import(
        data=data, filename="xl.xlsx", unit=tree["tbc"], school_year=school_year
    )
    assert plan.ok
    apply_record_plan(actor=principal, plan=plan)
    assert dict(AnnualRating.objects.values_list("person__full_name", "rating")) == {
        "Nguyễn Thị Thanh An": "htxsnv",
        "Trần Quốc Bình": "httnv",
    }


def test_import_through_the_pages(client, principal, tree, staff):
    client.force_login(principal)
    bad = [*ROWS, ["Nguyễn Thị Thanh An", "12/04/1985", "2023-2024", "Khen ngợi", "", "", ""]]
    response = client.post(
        "/achievements/imports/THCS-TBC/award_history/",
        {"file": SimpleUploadedFile("ls.xlsx", award_sheet(bad))},
    )
    page = response.content.decode()
    assert "Dòng 8: Không nhận ra danh hiệu, hình thức «Khen ngợi»." in page
    assert "Chưa có dữ liệu nào được nhập" in page
    assert RecordImport.objects.get().status == RecordImportStatus.REJECTED
    preview = client.post(
        "/achievements/imports/THCS-TBC/award_history/",
        {"file": SimpleUploadedFile("ls.xlsx", award_sheet(ROWS))},
    )
    assert "3 thêm mới" in preview.content.decode()
    job = RecordImport.objects.get(status=RecordImportStatus.PREVIEWED)
    done = client.post(f"/achievements/imports/{job.pk}/confirm/", follow=True)
    assert "Đã nhập: 3 thêm mới" in done.content.decode()
    assert AwardRecord.objects.count() == 3


@pytest.mark.parametrize("persona", ["teacher", "other_principal", "homeroom_teacher"])
def test_only_the_unit_leadership_imports(client, request, persona, tree):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/achievements/imports/THCS-TBC/award_history/").status_code == 403
