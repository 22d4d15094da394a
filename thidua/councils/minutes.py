"""The minutes of a council meeting (biên bản họp Hội đồng Thi đua – Khen thưởng) as .docx.

Generated from the ballot data, never typed by hand (workflows §1.5, §2.5): header, time and
place, chair and secretary, attendance and quorum, absent members' written opinions,
recusals, the results over all members (R-VOTE-3), the cap note, signatures.

The page, fonts, header and tables come from the shared Decree 30/2020 builder
(`thidua.documents.docx`); the renderer takes `selectors.MinutesData` and touches no
database.
"""

from __future__ import annotations

import datetime as dt

from thidua.core.vietnamese import vn_date
from thidua.documents.docx import OfficialDocument

from .selectors import MinutesData, MinutesRow

TITLE = "BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG"
LEGAL_BASIS = "Điều 30 khoản 7 Nghị định số 98/2023/NĐ-CP"
MEMBER_COLUMNS = [
    ("STT", 12),
    ("Họ và tên", 50),
    ("Chức vụ", 40),
    ("Chức danh Hội đồng", 40),
    ("Dự họp", 23),
]
RESULT_COLUMNS = [
    ("STT", 12),
    ("Họ và tên / Tập thể", 48),
    ("Danh hiệu đề nghị", 40),
    ("Đồng ý", 26),
    ("Tỷ lệ", 18),
    ("Kết quả", 28),
]


def _time(value: dt.datetime) -> str:
    return f"{value:%H} giờ {value:%M} phút"


def _agreed(row: MinutesRow) -> str:
    text = f"{row.yes + row.written_yes}/{row.members_counted}"
    if row.written_yes:
        text += f" (trong đó {row.written_yes} bằng văn bản)"
    return text


def _subject(data: MinutesData) -> str:
    subject = data.round_title
    if data.school_year not in subject:
        subject += f" (năm học {data.school_year})"
    return f"V/v xét, đề nghị khen thưởng: {subject}"


def _attendance(doc: OfficialDocument, data: MinutesData) -> None:
    held = data.held_at
    absent = data.member_count - data.present_count
    doc.section_title("I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN")
    doc.paragraph(f"Thời gian: bắt đầu lúc {_time(held)}, {vn_date(held.date())}.")
    doc.paragraph(f"Địa điểm: {data.place}.")
    doc.paragraph(f"Chủ tọa: {data.chair or '…'} – Chủ tịch Hội đồng.")
    doc.paragraph(f"Thư ký: {data.secretary or '…'} – Thư ký Hội đồng.")
    doc.paragraph(
        f"Thành viên Hội đồng: tổng số {data.member_count} người; có mặt {data.present_count}/"
        f"{data.member_count} người, vắng mặt {absent} người. Số thành viên có mặt tối thiểu "
        f"để cuộc họp hợp lệ: {data.quorum} người. Cuộc họp đủ điều kiện tiến hành."
    )
    doc.table(
        MEMBER_COLUMNS,
        [
            [str(i), m.name, m.job_title, m.role, "Có mặt" if m.present else "Vắng mặt"]
            for i, m in enumerate(data.members, start=1)
        ],
        align=["center", "left", "left", "left", "center"],
    )
    absentees = [m for m in data.members if not m.present]
    if absentees:
        doc.paragraph("Thành viên vắng mặt và ý kiến bằng văn bản:")
        for member in absentees:
            if member.written:
                opinions = "; ".join(f"{subject}: {choice}" for subject, choice in member.written)
                doc.paragraph(
                    f"- {member.name} ({member.role}): có ý kiến bằng văn bản — {opinions}."
                )
            else:
                doc.paragraph(f"- {member.name} ({member.role}): không có ý kiến bằng văn bản.")


def _content(doc: OfficialDocument, data: MinutesData) -> None:
    doc.section_title("II. NỘI DUNG")
    doc.paragraph(
        f"Hội đồng xét {len(data.rows)} đề nghị khen thưởng của đợt “{data.round_title}”. "
        "Chủ tọa quán triệt tiêu chuẩn, điều kiện của từng danh hiệu, hình thức khen thưởng; "
        "Hội đồng thảo luận từng trường hợp và biểu quyết bằng hình thức bỏ phiếu kín. Tỷ lệ "
        "đồng ý được tính trên tổng số thành viên Hội đồng, kể cả ý kiến bằng văn bản của "
        f"thành viên vắng mặt ({LEGAL_BASIS})."
    )
    if data.recusals:
        doc.paragraph("Thành viên không tham gia biểu quyết:")
        for member, proposal, reason in data.recusals:
            doc.paragraph(f"- {member}: đối với đề nghị {proposal} ({reason}).")
    else:
        doc.paragraph("Không có thành viên nào phải rút khỏi biểu quyết.")


def _results(doc: OfficialDocument, data: MinutesData) -> None:
    doc.section_title("III. KẾT QUẢ BỎ PHIẾU")
    doc.table(
        RESULT_COLUMNS,
        [
            [
                str(row.number),
                row.subject,
                row.award,
                _agreed(row),
                row.share,
                row.outcome + (f" (xếp thứ {row.rank})" if row.rank else ""),
            ]
            for row in data.rows
        ],
        align=["center", "left", "left", "center", "center", "left"],
    )
    thresholds = dict.fromkeys(f"{row.award}: {row.threshold}" for row in data.rows)
    doc.paragraph("Ngưỡng thông qua (trên tổng số thành viên): " + "; ".join(thresholds) + ".")
    if data.cap_note:
        doc.paragraph(f"Tỷ lệ danh hiệu: {data.cap_note}.")
    for row in data.rows:
        if row.rank:
            doc.paragraph(f"- {row.subject}: {row.note}.")
    passed = sum(1 for row in data.rows if row.passed)
    doc.paragraph(
        f"Kết quả: {passed}/{len(data.rows)} đề nghị đạt tỷ lệ đồng ý theo quy định. Hội đồng "
        "thống nhất đề nghị cấp có thẩm quyền khen thưởng các trường hợp đạt nêu trên."
    )


def render_minutes(data: MinutesData) -> bytes:
    """The minutes as the bytes of a .docx file."""
    doc = OfficialDocument(
        parent_authority=data.parent_authority,
        issuing_body=data.unit_name,
        place_date=data.place_date,
        title="Biên bản họp Hội đồng Thi đua – Khen thưởng",
    )
    doc.heading(TITLE, subject=_subject(data))
    _attendance(doc, data)
    _content(doc, data)
    _results(doc, data)
    held, closed = data.held_at, data.closed_at
    if closed is None:
        when = "cùng ngày"
    elif closed.date() == held.date():
        when = f"lúc {_time(closed)} cùng ngày"
    else:
        when = f"lúc {_time(closed)}, {vn_date(closed.date())}"
    doc.paragraph(
        f"Cuộc họp kết thúc {when}. Biên bản đã được đọc lại cho các thành viên dự họp và "
        "được thống nhất thông qua."
    )
    doc.minutes_signatures([("Thư ký", data.secretary), ("Chủ tọa", data.chair)])
    return doc.to_bytes()
