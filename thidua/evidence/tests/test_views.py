"""Evidence pages: upload, permission-checked download, and the archive with its zip."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.evidence.models import Evidence
from thidua.evidence.samples import tiny_pdf, tiny_png
from thidua.evidence.services import EvidenceContext, evidence_add_file, evidence_add_link
from thidua.movements.services import movement_transition
from thidua.movements.tests.factories import school_movement

pytestmark = pytest.mark.django_db
EXE = b"MZ\x90\x00" + b"\0" * 300


@pytest.fixture
def movement(principal, tree):  # noqa: ANN001, ANN201
    return school_movement(principal, tree["tbc"])


def _criterion(movement, participant="teacher"):  # noqa: ANN001, ANN202
    return movement.criteria.get(participant=participant)


def test_teacher_files_evidence_for_herself_under_a_criterion(client, teacher, movement, tree):
    client.force_login(teacher)
    criterion = _criterion(movement)
    page = client.get(f"/evidence/criteria/{criterion.pk}/add/").content.decode()
    assert "Bản thân: Huỳnh Thu My" in page
    response = client.post(
        f"/evidence/criteria/{criterion.pk}/add/",
        {
            "subject": f"person:{teacher.person.pk}",
            "title": "Giáo án chuyên đề STEM",
            "file": SimpleUploadedFile("giao-an.pdf", tiny_pdf("Giao an")),
        },
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert (evidence.person, evidence.unit, evidence.criterion) == (
        teacher.person,
        tree["tbc"],
        criterion,
    )


def test_a_renamed_program_is_refused_and_the_form_keeps_the_title(client, teacher, movement):
    client.force_login(teacher)
    criterion = _criterion(movement)
    response = client.post(
        f"/evidence/criteria/{criterion.pk}/add/",
        {
            "subject": f"person:{teacher.person.pk}",
            "title": "Báo cáo sáng kiến",
            "file": SimpleUploadedFile("bao-cao.pdf", EXE),
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tệp “bao-cao.pdf” mang đuôi .pdf nhưng nội dung không phải là PDF" in page
    assert 'value="Báo cáo sáng kiến"' in page
    assert not Evidence.objects.exists()


def test_too_large_upload_is_refused_before_reading(client, teacher, movement, settings):
    settings.THIDUA_EVIDENCE_MAX_BYTES = 2048
    client.force_login(teacher)
    criterion = _criterion(movement)
    response = client.post(
        f"/evidence/criteria/{criterion.pk}/add/",
        {
            "subject": f"person:{teacher.person.pk}",
            "file": SimpleUploadedFile("to.pdf", tiny_pdf() + b"\0" * 4096),
        },
    )
    assert "quá lớn" in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_teacher_cannot_file_for_a_department_she_does_not_lead(client, teacher, movement):
    client.force_login(teacher)
    criterion = _criterion(movement, "subject_department")
    assert client.get(f"/evidence/criteria/{criterion.pk}/add/").status_code == 403


def _file(principal, movement, tree, person=None, name="quyet-dinh.pdf", data=None):  # noqa: ANN001, ANN202
    criterion = _criterion(movement)
    return evidence_add_file(
        actor=principal,
        target=criterion,
        context=EvidenceContext(
            unit=tree["tbc"],
            person=person,
            school_year=tree["6a1"].school_year,
            movement=movement,
            criterion=criterion,
        ),
        filename=name,
        data=data or tiny_pdf("Quyet dinh"),
    )


@pytest.mark.parametrize(
    ("_case", "persona", "status"),
    [
        ("the school's principal", "principal", 200),
        ("a teacher of the school", "teacher", 200),
        ("the district officer", "district_officer", 200),
        ("another school's principal", "other_principal", 403),
        ("another school's teacher", "other_homeroom_teacher", 403),
        ("a student", "student", 403),
    ],
)
def test_files_are_served_only_to_those_who_may_read_them(
    client, request, principal, movement, tree, _case, persona, status
):
    evidence = _file(principal, movement, tree)
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"/evidence/{evidence.pk}/file/").status_code == status


def test_download_has_the_right_type_and_a_safe_disposition(client, principal, movement, tree):
    evidence = _file(principal, movement, tree, name="Quyết định khen thưởng.pdf")
    client.force_login(principal)
    response = client.get(f"/evidence/{evidence.pk}/file/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''Quy%E1%BA%BFt" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_anonymous_users_are_sent_to_login(client, principal, movement, tree):
    evidence = _file(principal, movement, tree)
    response = client.get(f"/evidence/{evidence.pk}/file/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_archive_zip_has_folders_and_a_manifest(client, principal, teacher, movement, tree):
    # given: a teacher's file, a collective file and a link
    _file(principal, movement, tree, person=teacher.person, name="Giáo án STEM.pdf")
    dept_criterion = _criterion(movement, "subject_department")
    evidence_add_file(
        actor=principal,
        target=dept_criterion,
        context=EvidenceContext(
            unit=tree["tbc_math"],
            school_year=tree["6a1"].school_year,
            movement=movement,
            criterion=dept_criterion,
        ),
        filename="anh-sinh-hoat-to.png",
        data=tiny_png(),
    )
    evidence_add_link(
        actor=principal,
        target=dept_criterion,
        context=EvidenceContext(
            unit=tree["tbc_math"], school_year=tree["6a1"].school_year, movement=movement
        ),
        url="https://example.edu.vn/bai-viet",
        title="Bài viết trên website",
    )
    client.force_login(principal)
    # when
    response = client.get(f"/evidence/archive/{movement.pk}/zip/?year=2024-2025")
    # then
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = sorted(archive.namelist())
    teacher_file = [n for n in names if n.endswith("Giáo án STEM.pdf")]
    assert teacher_file == [
        f"Trường THCS Trần Bội Cơ/TC{_criterion(movement).pk:03d} Giáo viên/Huỳnh Thu My/Giáo án STEM.pdf"
    ]
    assert any(
        n.startswith("Trường THCS Trần Bội Cơ/Tổ Toán – Tin/") and n.endswith(".png") for n in names
    )
    assert "DANH_MUC_MINH_CHUNG.csv" in names and "DANH_MUC_MINH_CHUNG.xlsx" in names
    rows = list(
        csv.reader(io.StringIO(archive.read("DANH_MUC_MINH_CHUNG.csv").decode("utf-8-sig")))
    )
    assert rows[0][:4] == ["STT", "Tệp trong thư mục nén / Đường dẫn", "Tên minh chứng", "Cá nhân"]
    assert len(rows) == 4
    assert any(r[1] == "https://example.edu.vn/bai-viet" for r in rows[1:])
    assert any(r[3] == "Huỳnh Thu My" and r[8] == "Phạm Văn Hòa" for r in rows[1:])
    assert archive.read(teacher_file[0]).startswith(b"%PDF-")


def test_archive_is_for_inspectors_and_shows_only_their_units(
    client, doe_officer, other_principal, teacher, tree
):
    # given: a city movement with evidence from two schools
    movement = school_movement(doe_officer, tree["doe"], name="Dạy tốt, học tốt")
    criterion = _criterion(movement)
    for unit in (tree["tbc"], tree["bausen"]):
        evidence_add_file(
            actor=doe_officer,
            target=criterion,
            context=EvidenceContext(unit=unit, movement=movement, criterion=criterion),
            filename=f"bao-cao-{unit.code}.pdf",
            data=tiny_pdf(),
        )
    # then: a teacher is no inspector; a principal sees only their school's; the city sees all
    client.force_login(teacher)
    assert client.get(f"/evidence/archive/{movement.pk}/").status_code == 403
    client.force_login(other_principal)
    page = client.get(f"/evidence/archive/{movement.pk}/").content.decode()
    assert "bao-cao-TH-BAUSEN" in page and "bao-cao-THCS-TBC" not in page
    client.force_login(doe_officer)
    page = client.get(f"/evidence/archive/{movement.pk}/").content.decode()
    assert "bao-cao-TH-BAUSEN" in page and "bao-cao-THCS-TBC" in page


def test_archive_page_query_count(
    client, principal, teacher, movement, tree, django_assert_max_num_queries
):
    for i in range(15):
        _file(principal, movement, tree, person=teacher.person, name=f"minh-chung-{i}.pdf")
    client.force_login(principal)
    with django_assert_max_num_queries(20):
        response = client.get(f"/evidence/archive/{movement.pk}/")
    assert response.content.decode().count("minh-chung-") >= 15


def test_closed_movement_no_longer_takes_criterion_evidence(client, principal, teacher, movement):
    movement_transition(actor=principal, movement=movement, to="closed")
    client.force_login(teacher)
    response = client.get(f"/evidence/criteria/{_criterion(movement).pk}/add/", follow=True)
    assert "Phong trào không còn nhận minh chứng." in response.content.decode()


def test_uploader_may_delete_own_evidence_but_not_others(
    client, principal, teacher, homeroom_teacher, movement, tree
):
    client.force_login(teacher)
    client.post(
        f"/evidence/criteria/{_criterion(movement).pk}/add/",
        {"subject": f"person:{teacher.person.pk}", "file": SimpleUploadedFile("a.png", tiny_png())},
    )
    evidence = Evidence.objects.get()
    client.force_login(homeroom_teacher)
    assert client.post(f"/evidence/{evidence.pk}/delete/").status_code == 403
    client.force_login(teacher)
    assert client.post(f"/evidence/{evidence.pk}/delete/").status_code == 302
    assert not Evidence.objects.exists()


def test_evidence_buttons_match_what_the_user_may_file(client, teacher, movement):
    client.force_login(teacher)
    page = client.get(f"/movements/{movement.pk}/").content.decode()
    assert f"/evidence/criteria/{_criterion(movement).pk}/add/" in page
    assert f"/evidence/criteria/{_criterion(movement, 'subject_department').pk}/add/" not in page


def test_a_teacher_files_nothing_under_a_staff_criterion(
    client, principal, teacher, tree, movement
):
    from thidua.movements.services import criterion_add

    staff_criterion = criterion_add(
        actor=principal,
        movement=movement,
        unit=tree["tbc"],
        participant="staff",
        text="Nhân viên có giải pháp đổi mới trong công việc",
    )
    client.force_login(teacher)
    assert client.get(f"/evidence/criteria/{staff_criterion.pk}/add/").status_code == 403


def test_progress_evidence_is_shown_and_keeps_its_entry_from_being_deleted(
    client, principal, movement, tree
):
    # given: a recorded value of a target, with a link filed as its evidence
    from thidua.movements.models import ProgressEntry
    from thidua.movements.services import progress_record, target_add

    target = target_add(
        actor=principal, movement=movement, unit=tree["tbc"], text="Wifi", measure="boolean"
    )
    entry = progress_record(
        actor=principal,
        target=target,
        unit=tree["tbc"],
        recorded_on=movement.start_on,
        value=1,
    )
    client.force_login(principal)
    response = client.post(
        f"/evidence/add/progress/{entry.pk}/",
        {"title": "Biên bản kiểm tra wifi", "url": "https://thcs-tbc.edu.vn/wifi"},
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert (evidence.movement, evidence.unit, evidence.school_year_id) == (
        movement,
        tree["tbc"],
        "2024-2025",
    )
    # when / then: the target page lists it, and the entry cannot be deleted under it
    page = client.get(f"/movements/targets/{target.pk}/").content.decode()
    assert "Biên bản kiểm tra wifi" in page
    response = client.post(f"/movements/progress/{entry.pk}/delete/", follow=True)
    assert "hãy xóa minh chứng trước" in response.content.decode()
    assert ProgressEntry.objects.filter(pk=entry.pk).exists()
    # once the evidence is removed, the entry can go
    client.post(f"/evidence/{evidence.pk}/delete/")
    client.post(f"/movements/progress/{entry.pk}/delete/")
    assert not ProgressEntry.objects.exists()
