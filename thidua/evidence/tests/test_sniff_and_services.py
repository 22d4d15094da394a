"""Evidence files are checked by content, stored through the storage API, and audited."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage

from thidua.core.errors import error_codes
from thidua.core.models import AuditEntry
from thidua.evidence.models import Evidence
from thidua.evidence.samples import tiny_docx, tiny_pdf, tiny_png
from thidua.evidence.services import (
    EvidenceContext,
    EvidenceError,
    evidence_add_file,
    evidence_add_link,
    evidence_delete,
)
from thidua.evidence.sniff import EvidenceFileError, check_file, detect
from thidua.movements.tests.factories import school_movement

pytestmark = pytest.mark.django_db

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\0" * 200


def _zip(names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("_case", "data", "kind"),
    [
        ("pdf", tiny_pdf("Giay khen"), "pdf"),
        ("png", tiny_png(), "png"),
        ("jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\0" * 50, "jpeg"),
        ("docx", tiny_docx("Báo cáo thành tích"), "docx"),
        ("xlsx", _zip(["[Content_Types].xml", "xl/workbook.xml"]), "xlsx"),
        (
            "old word",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"),
            "doc",
        ),
        ("old excel", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le"), "xls"),
        ("a program", EXE, None),
        ("a plain zip", _zip(["readme.txt"]), None),
    ],
)
def test_detect_by_content(_case, data, kind):
    assert detect(data) == kind


def test_an_exe_renamed_to_pdf_is_refused_naming_the_file():
    with pytest.raises(ValidationError) as exc:
        check_file("Bao cao thanh tich.pdf", EXE)
    assert error_codes(exc.value) == [EvidenceFileError.CONTENT_MISMATCH]
    message = exc.value.messages[0]
    assert "“Bao cao thanh tich.pdf”" in message
    assert "chương trình máy tính (.exe)" in message


def test_a_zip_renamed_to_docx_is_refused():
    with pytest.raises(ValidationError) as exc:
        check_file("sang-kien.docx", _zip(["word.txt"]))
    assert error_codes(exc.value) == [EvidenceFileError.CONTENT_MISMATCH]
    assert "không phải là văn bản Word (.docx)" in exc.value.messages[0]


def test_a_real_pdf_and_png_are_accepted():
    assert check_file("Quyết định khen thưởng.PDF", tiny_pdf()).content_type == "application/pdf"
    assert check_file("anh-hoat-dong.png", tiny_png()).kind == "png"


def test_a_forbidden_type_is_refused():
    with pytest.raises(ValidationError) as exc:
        check_file("setup.exe", EXE)
    assert error_codes(exc.value) == [EvidenceFileError.FORBIDDEN_TYPE]
    assert "“setup.exe” có định dạng không được nhận" in exc.value.messages[0]


def test_too_large_is_refused(settings):
    settings.THIDUA_EVIDENCE_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as exc:
        check_file("bien-ban.pdf", tiny_pdf() + b"\0" * 2048)
    assert error_codes(exc.value) == [EvidenceFileError.TOO_LARGE]
    assert "quá lớn" in exc.value.messages[0]


def test_empty_file_is_refused():
    with pytest.raises(ValidationError) as exc:
        check_file("trong.pdf", b"")
    assert error_codes(exc.value) == [EvidenceFileError.EMPTY]


def test_adding_a_file_stores_it_under_a_random_name_and_audits(principal, tree):
    # given
    movement = school_movement(principal, tree["tbc"])
    criterion = movement.criteria.get(participant="teacher")
    context = EvidenceContext(unit=tree["tbc"], movement=movement, criterion=criterion)
    # when
    evidence = evidence_add_file(
        actor=principal,
        target=criterion,
        context=context,
        filename="Sáng kiến kinh nghiệm.pdf",
        data=tiny_pdf("Sang kien"),
    )
    # then
    assert evidence.original_name == "Sáng kiến kinh nghiệm.pdf"
    assert evidence.title == "Sáng kiến kinh nghiệm"
    assert evidence.content_type == "application/pdf"
    assert "Sáng" not in evidence.file.name and evidence.file.name.endswith(".pdf")
    assert default_storage.exists(evidence.file.name)
    assert AuditEntry.objects.get(action="evidence.add").target_id == str(evidence.pk)


def test_a_refused_file_changes_nothing(principal, tree):
    movement = school_movement(principal, tree["tbc"])
    criterion = movement.criteria.first()
    with pytest.raises(ValidationError) as exc:
        evidence_add_file(
            actor=principal,
            target=criterion,
            context=EvidenceContext(unit=tree["tbc"], movement=movement),
            filename="bao-cao.pdf",
            data=EXE,
        )
    assert error_codes(exc.value) == [EvidenceFileError.CONTENT_MISMATCH]
    assert not Evidence.objects.exists()
    assert not AuditEntry.objects.filter(action="evidence.add").exists()


def test_links_must_be_web_addresses(principal, tree):
    movement = school_movement(principal, tree["tbc"])
    criterion = movement.criteria.first()
    context = EvidenceContext(unit=tree["tbc"], movement=movement)
    with pytest.raises(ValidationError) as exc:
        evidence_add_link(
            actor=principal, target=criterion, context=context, url="javascript:alert(1)"
        )
    assert error_codes(exc.value) == [EvidenceError.URL_INVALID]
    link = evidence_add_link(
        actor=principal,
        target=criterion,
        context=context,
        url="https://thcstranboico.hcm.edu.vn/tin-tuc/hoi-giang-2024",
        title="Bài viết hội giảng",
    )
    assert link.kind == "link"


def test_deleting_evidence_removes_the_file_after_commit(
    principal, tree, django_capture_on_commit_callbacks
):
    movement = school_movement(principal, tree["tbc"])
    criterion = movement.criteria.first()
    evidence = evidence_add_file(
        actor=principal,
        target=criterion,
        context=EvidenceContext(unit=tree["tbc"], movement=movement),
        filename="anh.png",
        data=tiny_png(),
    )
    name = evidence.file.name
    with django_capture_on_commit_callbacks(execute=True):
        evidence_delete(actor=principal, evidence=evidence)
    assert not default_storage.exists(name)
    assert not Evidence.objects.exists()
