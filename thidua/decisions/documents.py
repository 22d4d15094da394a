"""The decision as a Word document and as PDF, and the certificates (Giấy khen / giấy chứng
nhận danh hiệu) as PDF with a QR code to the public verification page.

`decision_document(decision, lines)` assembles the text once (no queries after it); the
renderers below only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from thidua.achievements.catalog import ANNUAL_TITLES, label
from thidua.documents.docx import OfficialDocument
from thidua.documents.pdf import qr_data_uri, render_pdf
from thidua.people.models import Gender

from . import texts
from .models import Decision, DecisionKind, DecisionLine


@dataclass
class DecisionDocument:
    parent_authority: str
    issuing_body: str
    number: str
    place_date: str
    title: str
    subject: str
    authority: str
    bases: list[str]
    articles: list[str]
    signature: list[str]
    signer_name: str
    recipients: list[str]
    annex_title: str
    annex_subtitle: str
    people: list[list[str]] = field(default_factory=list)
    collectives: list[list[str]] = field(default_factory=list)
    corrections: list[list[str]] = field(default_factory=list)
    is_draft: bool = False


def _reference(decision: Decision) -> str:
    if decision.number_label:
        day = f" ngày {decision.issued_on:%d/%m/%Y}" if decision.issued_on else ""
        return f"Quyết định số {decision.number_label}{day} của {decision.authority}"
    return f"Quyết định số       /{decision.symbol} ngày … của {decision.authority}"


def _changes(line: DecisionLine) -> tuple[str, str]:
    old = line.target
    before, after = [], []
    if old is None:
        return "", ""
    for name, caption in (
        ("name", "Họ và tên"),
        ("position_unit", "Chức vụ – Đơn vị"),
        ("award", "Danh hiệu, hình thức"),
        ("period_label", "Thành tích"),
        ("certificate_text", "Nội dung giấy khen"),
    ):
        was, now = getattr(old, name), getattr(line, name)
        if name == "award":
            was, now = label(was), label(now)
        if was != now:
            before.append(f"{caption}: {was}")
            after.append(f"{caption}: {now}")
    return "; ".join(before), "; ".join(after)


def decision_document(decision: Decision, lines: list[DecisionLine]) -> DecisionDocument:
    """Everything printed on the decision and its annex."""
    articles = [texts.article_one(decision, lines), *decision.articles]
    bases = list(decision.legal_bases)
    if decision.proposal_basis:
        bases.append(decision.proposal_basis)
    if decision.kind == DecisionKind.CORRECTION:
        annex = "DANH SÁCH NỘI DUNG ĐÍNH CHÍNH"
    elif decision.kind == DecisionKind.REVOCATION:
        annex = "DANH SÁCH CÁ NHÂN, TẬP THỂ BỊ HỦY BỎ KHEN THƯỞNG"
    else:
        annex = "DANH SÁCH CÁ NHÂN, TẬP THỂ ĐƯỢC KHEN THƯỞNG"
    doc = DecisionDocument(
        parent_authority=decision.parent_authority,
        issuing_body=decision.issuing_body,
        number=(
            f"Số: {decision.number_label}"
            if decision.number_label
            else f"Số:       /{decision.symbol}"
        ),
        place_date=texts.place_date(decision),
        title="QUYẾT ĐỊNH",
        subject=decision.subject,
        authority=decision.authority.upper(),
        bases=bases,
        articles=articles,
        signature=texts.signature_lines(decision),
        signer_name=decision.signer_name,
        recipients=list(decision.recipients),
        annex_title=annex,
        annex_subtitle=f"(Kèm theo {_reference(decision)})",
        is_draft=decision.is_draft,
    )
    if decision.kind == DecisionKind.CORRECTION:
        for line in lines:
            was, now = _changes(line)
            doc.corrections.append(
                [str(line.target.line_no if line.target else line.line_no), line.name, was, now]
            )
        return doc
    people_no = collectives_no = 0
    for line in lines:
        award = label(line.award)
        period = line.period_label.removeprefix("năm học ").removeprefix("các năm học ")
        if line.is_person:
            people_no += 1
            doc.people.append([str(people_no), line.name, line.position_unit, award, period])
        else:
            collectives_no += 1
            doc.collectives.append(
                [str(collectives_no), line.name, line.position_unit, award, period]
            )
    return doc


PEOPLE_COLUMNS = [
    ("STT", 12),
    ("Họ và tên", 45),
    ("Chức vụ – Đơn vị", 60),
    ("Danh hiệu/Hình thức", 38),
    ("Thành tích năm học", 28),
]
COLLECTIVE_COLUMNS = [
    ("STT", 12),
    ("Tên tập thể", 45),
    ("Đơn vị", 60),
    ("Danh hiệu/Hình thức", 38),
    ("Thành tích năm học", 28),
]
CORRECTION_COLUMNS = [("Dòng", 14), ("Họ và tên", 40), ("Đã ghi", 60), ("Nay sửa lại là", 60)]
ANNEX_ALIGN = ["center", "left", "left", "left", "center"]


def decision_docx(doc: DecisionDocument) -> bytes:
    """The decision and its annex as a Word document (Decree 30/2020 layout)."""
    word = OfficialDocument(
        parent_authority=doc.parent_authority,
        issuing_body=doc.issuing_body,
        number=doc.number,
        place_date=doc.place_date,
        title=f"{doc.title} {doc.number}",
    )
    if doc.is_draft:
        word.paragraph("DỰ THẢO", bold=True, align="right", indent=False)
    word.heading(doc.title, subject=doc.subject)
    word.heading(doc.authority)
    word.preamble(doc.bases)
    word.heading("QUYẾT ĐỊNH:")
    for number, text in enumerate(doc.articles, start=1):
        word.article(number, text)
    word.signature(lines=doc.signature, name=doc.signer_name, recipients=doc.recipients)
    word.page_break()
    word.heading(doc.annex_title, subject=doc.annex_subtitle)
    if doc.corrections:
        word.table(CORRECTION_COLUMNS, doc.corrections, align=["center", "left", "left", "left"])
    if doc.people:
        word.section_title("I. CÁ NHÂN")
        word.table(PEOPLE_COLUMNS, doc.people, align=ANNEX_ALIGN)
    if doc.collectives:
        word.section_title("II. TẬP THỂ" if doc.people else "I. TẬP THỂ")
        word.table(COLLECTIVE_COLUMNS, doc.collectives, align=ANNEX_ALIGN)
    return word.to_bytes()


def decision_pdf(doc: DecisionDocument) -> bytes:
    return render_pdf(
        "decisions/decision_pdf.html",
        {
            "doc": doc,
            "people_columns": [c for c, _w in PEOPLE_COLUMNS],
            "collective_columns": [c for c, _w in COLLECTIVE_COLUMNS],
            "correction_columns": [c for c, _w in CORRECTION_COLUMNS],
        },
    )


# ---------------------------------------------------------------- certificates


@dataclass(frozen=True)
class CertificateLayout:
    """Page and colours of the certificate (R-FMT-2: the official artwork is not verified,
    so it is configurable: settings.THIDUA_CERTIFICATE = {"page_size": "A3 landscape", …})."""

    page_size: str = "A4 landscape"
    margin: str = "12mm"
    frame_color: str = "#8a1c1c"
    heading_color: str = "#b00000"

    @classmethod
    def from_settings(cls) -> CertificateLayout:
        return cls(**getattr(settings, "THIDUA_CERTIFICATE", {}))


def _heading(line: DecisionLine) -> tuple[str, str]:
    """The big word of the certificate and the verb before the name."""
    if line.award == "giay_khen":
        return "GIẤY KHEN", "Tặng"
    if line.award in ANNUAL_TITLES:
        return label(line.award).upper(), "Công nhận danh hiệu cho"
    return label(line.award).upper(), "Tặng"


def _salutation(line: DecisionLine) -> str:
    if not line.is_person:
        return "Tập thể"
    gender = line.person.gender if line.person is not None else ""
    return {Gender.MALE: "Ông", Gender.FEMALE: "Bà"}.get(gender, "Ông/Bà")


def certificates_pdf(decision: Decision, lines: list[DecisionLine], verify_url: Any) -> bytes:
    """One page per line; `verify_url(token)` gives the absolute URL printed as a QR code."""
    layout = CertificateLayout.from_settings()
    pages = []
    for line in lines:
        heading, verb = _heading(line)
        url = verify_url(line.verification_token)
        pages.append(
            {
                "line": line,
                "heading": heading,
                "verb": verb,
                "salutation": _salutation(line),
                "qr": qr_data_uri(url, scale=3),
                "url": url,
            }
        )
    return render_pdf(
        "documents/certificate_pdf.html",
        {
            "pages": pages,
            "layout": layout,
            "decision": decision,
            "authority": decision.authority.upper(),
            "place_date": texts.place_date(decision),
            "signature": texts.signature_lines(decision),
        },
    )
