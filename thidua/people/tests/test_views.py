"""The browser path of the import (upload → preview → confirm) and the people pages."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.people.models import ImportJob, ImportStatus, Person

from .sheets import student_sheet

ROWS = [
    ["7901234567", "Trần Văn Bình", "05/09/2013", "Nam", "6A1"],
    ["7901234568", "Nguyễn Thị Ánh", "03/01/2013", "Nữ", "6A1"],
    ["7901234569", "Lê Văn Anh", "06/03/2013", "Nam", "6A1"],
]
URL = "/people/units/THCS-TBC-2024-6A1/students/import/"


def _upload(client, data, name="ds.xlsx"):  # noqa: ANN001, ANN202
    return client.post(URL, {"file": SimpleUploadedFile(name, data)})


def test_upload_with_a_bad_row_shows_the_row_and_imports_nothing(client, principal):
    client.force_login(principal)
    rows = [*ROWS[:2], ["7901234569", "Lê Văn Anh", "31/02/2013", "Nam", "6A1"]]
    response = _upload(client, student_sheet(rows))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Dòng 9: Ngày sinh «31/02/2013» không phải là một ngày có thật." in page
    assert "Chưa có dữ liệu nào được nhập" in page
    assert 'id="confirm-import"' not in page
    assert ImportJob.objects.get().status == ImportStatus.REJECTED
    assert Person.objects.filter(student_profile__isnull=False).count() == 0


def test_preview_then_confirm_imports_and_lists_in_vietnamese_order(client, principal):
    client.force_login(principal)
    preview = _upload(client, student_sheet(ROWS))
    assert "3 thêm mới, 0 cập nhật, 0 không thay đổi" in preview.content.decode()
    assert Person.objects.filter(student_profile__isnull=False).count() == 0
    job = ImportJob.objects.get()
    response = client.post(f"/people/imports/{job.pk}/confirm/", follow=True)
    page = response.content.decode()
    assert "Đã nhập danh sách: 3 thêm mới" in page
    assert page.index("Lê Văn Anh") < page.index("Nguyễn Thị Ánh") < page.index("Trần Văn Bình")
    # a second confirmation of the same job changes nothing
    again = client.post(f"/people/imports/{job.pk}/confirm/", follow=True)
    assert "đã được xử lý" in again.content.decode()
    assert Person.objects.filter(student_profile__isnull=False).count() == 3


def test_someone_else_cannot_confirm_my_import(client, principal, homeroom_teacher):
    client.force_login(homeroom_teacher)
    _upload(client, student_sheet(ROWS))
    job = ImportJob.objects.get()
    client.force_login(principal)
    assert client.post(f"/people/imports/{job.pk}/confirm/").status_code == 403
    assert Person.objects.filter(student_profile__isnull=False).count() == 0


def test_upload_of_a_non_spreadsheet_is_a_clear_error_not_a_crash(client, principal):
    client.force_login(principal)
    response = _upload(client, b"%PDF-1.4 not a sheet", name="ds.pdf")
    assert response.status_code == 200
    assert "Tệp “ds.pdf” không phải là bảng tính Excel (.xlsx)." in response.content.decode()


def test_too_big_upload_keeps_the_form_with_a_message(client, principal):
    client.force_login(principal)
    response = _upload(client, b"PK\x03\x04" + b"\0" * (6 * 1024 * 1024))
    assert response.status_code == 200
    assert "Tệp quá lớn (6.0 MB). Dung lượng tối đa là 5 MB." in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_student_form_keeps_what_was_typed_on_error(client, principal, student):
    client.force_login(principal)
    response = client.post(
        "/people/units/THCS-TBC-2024-6A1/students/add/",
        {
            "full_name": "Lê Thị Hồng Nhung",
            "student_code": "0123456789",
            "date_of_birth": "2013-02-10",
            "gender": "female",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Mã học sinh 0123456789 đã được dùng." in page
    assert 'value="Lê Thị Hồng Nhung"' in page
    assert not Person.objects.filter(full_name="Lê Thị Hồng Nhung").exists()


def test_staff_list_query_count_does_not_grow_with_rows(
    client, principal, tree, django_assert_max_num_queries
):
    from conftest import make_teacher

    for i in range(15):
        make_teacher(tree["tbc"], f"Nguyễn Văn Số{i}", dept=tree["tbc_math"])
    client.force_login(principal)
    with django_assert_max_num_queries(12):
        response = client.get("/people/staff/?unit=THCS-TBC")
    assert response.content.decode().count("/people/staff/") >= 16


def test_staff_search_with_htmx_returns_the_table_only(client, principal, teacher):
    client.force_login(principal)
    response = client.get("/people/staff/?q=Thu+My", HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "Huỳnh Thu My" in page and "<html" not in page
