"""A principal imports a class list in the browser: a bad row first, then the fixed file."""

from __future__ import annotations

import pytest

from thidua.people.models import Person
from thidua.people.tests.sheets import student_sheet

from .conftest import login

pytestmark = pytest.mark.browser

ROWS = [
    ["7901234567", "Trần Văn Bình", "05/09/2013", "Nam", "6A1"],
    ["7901234568", "Nguyễn Thị Ánh", "03/01/2013", "Nữ", "6A1"],
    ["7901234569", "Lê Văn Anh", "06/03/2013", "Nam", "6A1"],
    ["7901234570", "Đỗ Minh Đức", "14/11/2013", "Nam", "6A1"],
    ["7901234571", "Đặng Thị Ân", "21/07/2013", "Nữ", "6A1"],
]


@pytest.mark.django_db(transaction=True)
def test_principal_imports_a_class_list(page, tree, principal, tmp_path):
    bad_rows = [list(r) for r in ROWS]
    bad_rows[2][2] = "30/02/2013"  # sheet row 9: an impossible date
    bad = tmp_path / "lop6a1-loi.xlsx"
    bad.write_bytes(student_sheet(bad_rows))
    good = tmp_path / "lop6a1.xlsx"
    good.write_bytes(student_sheet(ROWS))

    login(page, "ht.tbc")
    page.goto(f"{page.base_url}/org/units/THCS-TBC-2024-6A1/")
    page.get_by_role("link", name="Nhập danh sách học sinh (Excel)").click()

    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(bad))
    page.get_by_role("button", name="Kiểm tra danh sách").click()
    errors = page.locator("#import-errors")
    errors.wait_for()
    assert "Dòng 9: Ngày sinh «30/02/2013» không phải là một ngày có thật." in errors.inner_text()
    assert "Chưa có dữ liệu nào được nhập" in errors.inner_text()
    assert Person.objects.filter(student_profile__isnull=False).count() == 0

    page.get_by_role("link", name="Tải lên tệp đã sửa").click()
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(good))
    page.get_by_role("button", name="Kiểm tra danh sách").click()
    assert "5 thêm mới" in page.locator("#import-summary").inner_text()
    page.get_by_role("button", name="Xác nhận nhập danh sách").click()

    page.locator("#student-table").wait_for()
    names = page.locator("#student-table td.student-name").all_inner_texts()
    assert names == ["Lê Văn Anh", "Nguyễn Thị Ánh", "Đặng Thị Ân", "Trần Văn Bình", "Đỗ Minh Đức"]
    assert "Đã nhập danh sách: 5 thêm mới" in page.content()
