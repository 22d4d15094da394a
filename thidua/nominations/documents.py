"""The cover letter (tờ trình) of a submission, as a Word document in the Decree 30/2020
layout: the letter, then the list of proposals it sends up."""

from __future__ import annotations

from thidua.achievements.catalog import label
from thidua.core.vietnamese import strip_accents, vn_date
from thidua.documents.docx import OfficialDocument

from .models import Proposal, Submission


def _symbol(unit_code: str) -> str:
    letters = "".join(ch for ch in strip_accents(unit_code).upper() if ch.isalnum())
    return f"TTr-{letters}"


def _position(proposal: Proposal) -> str:
    if proposal.collective_id:
        return proposal.collective.parent.name if proposal.collective.parent else ""
    profile = getattr(proposal.person, "staff_profile", None)
    return profile.job_title if profile is not None else ""


def cover_letter_docx(submission: Submission) -> bytes:
    """The tờ trình with its annexed list of people and collectives proposed."""
    from_unit, to_unit = submission.from_unit, submission.to_unit
    proposals = list(
        Proposal.objects.filter(submission=submission, round=submission.source_round)
        .select_related("person__staff_profile", "collective__parent")
        .order_by("award", "created_at", "id")
    )
    people = [p for p in proposals if p.person_id]
    collectives = [p for p in proposals if p.collective_id]
    number = submission.number
    if "/" not in number:
        number = f"{number}/{_symbol(from_unit.code)}"
    place = from_unit.place_name or (from_unit.parent.place_name if from_unit.parent else "")
    awards = sorted({label(p.award) for p in proposals})
    year = submission.source_round.school_year_id
    subject = f"Về việc đề nghị khen thưởng năm học {year}"
    doc = (
        OfficialDocument(
            parent_authority=from_unit.parent.name.upper() if from_unit.parent else "",
            issuing_body=from_unit.name.upper(),
            number=f"Số: {number}",
            place_date=vn_date(submission.signed_on, place=place),
            title=f"Tờ trình số {number}",
        )
        .heading("TỜ TRÌNH", subject=subject)
        .paragraph(f"Kính gửi: {to_unit.name}", align="center")
        .preamble(
            [
                "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
                f"Căn cứ kết quả họp Hội đồng Thi đua – Khen thưởng {from_unit.name} "
                f"({submission.source_round.title})",
            ]
        )
        .paragraph(
            f"{from_unit.name} kính trình {to_unit.name} xem xét, khen thưởng "
            f"{len(people)} cá nhân và {len(collectives)} tập thể có thành tích trong năm học "
            f"{year}, gồm các hình thức: {', '.join(awards)} (danh sách kèm theo).",
            indent=True,
        )
        .paragraph(
            "Hồ sơ kèm theo gồm: báo cáo thành tích của từng cá nhân, tập thể; biên bản họp "
            "Hội đồng Thi đua – Khen thưởng; minh chứng thành tích.",
            indent=True,
        )
        .paragraph(
            f"Kính trình {to_unit.name} xem xét, quyết định./.",
            indent=True,
        )
        .signature(
            lines=[submission.signer_title.upper()],
            name=submission.signer_name,
            recipients=["Như trên;", "Lưu: VT, TĐKT."],
        )
        .page_break()
        .heading(
            "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG",
            subject=f"(Kèm theo Tờ trình số {number} ngày "
            f"{submission.signed_on:%d/%m/%Y} của {from_unit.name})",
        )
    )
    columns = [
        ("STT", 12),
        ("Họ và tên", 45),
        ("Chức vụ", 35),
        ("Hình thức đề nghị", 40),
        ("Thành tích", 33),
    ]
    if people:
        doc.section_title("I. CÁ NHÂN").table(
            columns,
            [
                [str(i), p.person.full_name, _position(p), label(p.award), p.period_label]
                for i, p in enumerate(people, start=1)
            ],
            align=["center", "left", "left", "left", "left"],
        )
    if collectives:
        doc.section_title("II. TẬP THỂ" if people else "I. TẬP THỂ").table(
            [("STT", 12), ("Tập thể", 60), ("Hình thức đề nghị", 60), ("Thành tích", 33)],
            [
                [str(i), p.collective.name, label(p.award), p.period_label]
                for i, p in enumerate(collectives, start=1)
            ],
            align=["center", "left", "left", "left"],
        )
    return doc.to_bytes()
