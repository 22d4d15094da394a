"""The decision as Word and PDF, the certificates as PDF, and the shared Word builder."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from pypdf import PdfReader

from thidua.decisions.documents import (
    certificates_pdf,
    decision_document,
    decision_docx,
    decision_pdf,
)
from thidua.decisions.selectors import lines_of
from thidua.decisions.services import decision_draft_from_round, decision_issue
from thidua.documents.docx import OfficialDocument

from .factories import school_with_passed

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(principal, tree):  # noqa: ANN001, ANN201
    nomination_round, _proposals = school_with_passed(tree)
    draft = decision_draft_from_round(actor=principal, nomination_round=nomination_round)
    return decision_issue(actor=principal, decision=draft, issued_on=dt.date(2025, 6, 2))


def _text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_decision_docx_is_a_word_file_with_the_awardee_tables(issued):
    # when
    data = decision_docx(decision_document(issued, lines_of(issued)))
    # then: python-docx opens it
    document = docx.Document(io.BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs]
    assert "QUYẾT ĐỊNH" in paragraphs
    assert "HIỆU TRƯỞNG TRƯỜNG THCS TRẦN BỘI CƠ" in paragraphs
    assert "QUYẾT ĐỊNH:" in paragraphs
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in paragraphs
    assert "DANH SÁCH CÁ NHÂN, TẬP THỂ ĐƯỢC KHEN THƯỞNG" in paragraphs
    assert (
        "(Kèm theo Quyết định số 01/QĐ-THCSTBC ngày 02/06/2025 của Hiệu trưởng Trường THCS "
        "Trần Bội Cơ)" in paragraphs
    )
    assert any(p.startswith("Điều 1. Tặng “Giấy khen” cho 01 cá nhân;") for p in paragraphs)
    # the header table: issuing body, number, national name and motto, place and date
    header = document.tables[0]
    assert "TRƯỜNG THCS TRẦN BỘI CƠ" in header.cell(0, 0).text
    assert header.cell(1, 0).text == "Số: 01/QĐ-THCSTBC"
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header.cell(0, 1).text
    assert header.cell(1, 1).text == "Quận 5, ngày 02 tháng 6 năm 2025"
    # the annex: I. Cá nhân and II. Tập thể
    people, collectives = document.tables[-2], document.tables[-1]
    assert [c.text for c in people.rows[0].cells] == [
        "STT",
        "Họ và tên",
        "Chức vụ – Đơn vị",
        "Danh hiệu/Hình thức",
        "Thành tích năm học",
    ]
    assert [r.cells[1].text for r in people.rows[1:]] == [
        "Lê Thị Thúy Hằng",
        "Nguyễn Thị Ngọc Lan",
        "Trần Quốc Dũng",
    ]
    assert people.rows[2].cells[3].text == "Lao động tiên tiến"
    assert people.rows[2].cells[4].text == "2024-2025"
    assert [r.cells[1].text for r in collectives.rows[1:]] == ["Tổ Toán – Tin"]
    # A4 portrait with the Decree 30 margins, Times New Roman
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_the_decision_pdf_holds_the_text(issued):
    text = _text(decision_pdf(decision_document(issued, lines_of(issued))))
    assert "Số: 01/QĐ-THCSTBC" in text
    assert "Nguyễn Thị Ngọc Lan" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text


def test_the_certificate_pdf_holds_the_name_with_its_diacritics(issued):
    # when
    lines = lines_of(issued)
    data = certificates_pdf(issued, lines, lambda token: f"https://thidua.example/v/{token}/")
    # then: one page per awardee, names with their diacritics
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 4
    text = _text(data)
    assert "Bà Nguyễn Thị Ngọc Lan" in text
    assert "Tập thể Tổ Toán – Tin" in text
    assert "GIẤY KHEN" in text
    assert "LAO ĐỘNG TIÊN TIẾN" in text
    assert "Quyết định số 01/QĐ-THCSTBC ngày 02/06/2025" in text
    assert "Số vào sổ: 001/2025" in text


def test_the_builder_serves_other_documents():
    # given: council minutes with two signatures, as the lead will write them
    data = (
        OfficialDocument(
            issuing_body="Trường THCS Trần Bội Cơ",
            parent_authority="Phòng Giáo dục và Đào tạo Quận 5",
            place_date="Quận 5, ngày 05 tháng 01 năm 2026",
        )
        .heading("BIÊN BẢN", subject="Họp Hội đồng Thi đua – Khen thưởng")
        .paragraph("Thời gian: 14 giờ 00, ngày 05 tháng 01 năm 2026.")
        .table([("STT", 10), ("Họ và tên", 60), ("Số phiếu", 20)], [["1", "Võ Minh Khoa", "15"]])
        .minutes_signatures([("Thư ký", "Đặng Thị Hồng"), ("Chủ tọa", "Phạm Văn Hòa")])
        .to_bytes()
    )
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    assert "BIÊN BẢN" in texts and "Họp Hội đồng Thi đua – Khen thưởng" in texts
    assert document.tables[1].cell(1, 1).text == "Võ Minh Khoa"
    assert "Phạm Văn Hòa" in document.tables[2].cell(0, 1).text
