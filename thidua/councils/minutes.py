"""The minutes of a council meeting (biên bản họp Hội đồng Thi đua – Khen thưởng) as .docx.

Generated from the ballot data, never typed by hand (workflows §1.5, §2.5): header, time and
place, chair and secretary, attendance and quorum, absent members' written opinions,
recusals, the results over all members (R-VOTE-3), the cap note, signatures.

Layout of Decree 30/2020/NĐ-CP (R-FMT-1): A4, margins 20/20/30/15 mm, Times New Roman
13–14 pt. Self-contained on python-docx; the renderer takes `selectors.MinutesData` and
touches no database.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from thidua.core.vietnamese import vn_date

from .selectors import MinutesData, MinutesRow

FONT = "Times New Roman"
BODY_PT = 14
HEADER_PT = 13
TABLE_PT = 12
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
TITLE = "BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG"
LEGAL_BASIS = "Điều 30 khoản 7 Nghị định số 98/2023/NĐ-CP"
RESULT_COLUMNS = [
    ("STT", 12),
    ("Họ và tên / Tập thể", 48),
    ("Danh hiệu đề nghị", 40),
    ("Đồng ý", 22),
    ("Tỷ lệ", 18),
    ("Kết quả", 25),
]


def _run(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float = BODY_PT,
) -> None:
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.size = Pt(size)
    run.font.name = FONT
    # East-Asian and complex-script slots too, so Word never falls back to another font.
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)


def _para(
    container: object,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    size: float = BODY_PT,
    align: str = "justify",
    indent: bool = False,
    after: float = 6,
) -> Paragraph:
    paragraph = container.add_paragraph()  # type: ignore[attr-defined]
    paragraph.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.space_before = Pt(0)
    if indent:
        paragraph.paragraph_format.first_line_indent = Mm(12.7)
    if text:
        _run(paragraph, text, bold=bold, italic=italic, size=size)
    return paragraph


def _cell_text(
    cell: _Cell,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    align: str = "left",
    size: float = TABLE_PT,
) -> Paragraph:
    paragraph = cell.paragraphs[0] if not cell.paragraphs[0].text else cell.add_paragraph()
    paragraph.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }[align]
    paragraph.paragraph_format.space_after = Pt(0)
    _run(paragraph, text, bold=bold, italic=italic, size=size)
    return paragraph


def _grid(
    document: object,
    columns: Sequence[tuple[str, int]],
    rows: Sequence[Sequence[str]],
    align: Sequence[str],
) -> Table:
    table = document.add_table(rows=1, cols=len(columns))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, (heading, width) in enumerate(columns):
        cell = table.rows[0].cells[index]
        cell.width = Mm(width)
        _cell_text(cell, heading, bold=True, align="center")
    for values in rows:
        cells = table.add_row().cells
        for index, value in enumerate(values):
            cells[index].width = Mm(columns[index][1])
            _cell_text(cells[index], value, align=align[index])
    return table


def _header(document: object, data: MinutesData) -> None:
    """The two-column heading of Decree 30: issuing body left, national name right."""
    table = document.add_table(rows=1, cols=2)  # type: ignore[attr-defined]
    left, right = table.rows[0].cells
    left.width, right.width = Mm(70), Mm(95)
    if data.parent_authority:
        _cell_text(left, data.parent_authority, align="center", size=HEADER_PT)
    _cell_text(left, data.unit_name, bold=True, align="center", size=HEADER_PT)
    _cell_text(left, "───────", align="center", size=HEADER_PT)
    _cell_text(right, NATIONAL_NAME, bold=True, align="center", size=HEADER_PT)
    _cell_text(right, MOTTO, bold=True, align="center", size=BODY_PT)
    _cell_text(right, "───────────────", align="center", size=HEADER_PT)
    _cell_text(right, data.place_date, italic=True, align="center", size=BODY_PT)


def _time(value: dt.datetime) -> str:
    return f"{value:%H} giờ {value:%M} phút"


def _agreed(row: MinutesRow) -> str:
    text = f"{row.yes + row.written_yes}/{row.members_counted}"
    if row.written_yes:
        text += f" (trong đó {row.written_yes} bằng văn bản)"
    return text


def render_minutes(data: MinutesData) -> bytes:
    """The minutes as the bytes of a .docx file."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    document.core_properties.title = TITLE.capitalize()
    document.core_properties.language = "vi-VN"

    _header(document, data)
    _para(document, after=0)
    _para(document, TITLE, bold=True, align="center", after=0)
    subject = data.round_title
    if data.school_year not in subject:
        subject += f" (năm học {data.school_year})"
    _para(document, f"V/v xét, đề nghị khen thưởng: {subject}", bold=True, align="center", after=12)

    _para(document, "I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN", bold=True, align="left")
    held = data.held_at
    _para(document, f"Thời gian: bắt đầu lúc {_time(held)}, {vn_date(held.date())}.", indent=True)
    _para(document, f"Địa điểm: {data.place}.", indent=True)
    _para(document, f"Chủ tọa: {data.chair or '…'} – Chủ tịch Hội đồng.", indent=True)
    _para(document, f"Thư ký: {data.secretary or '…'} – Thư ký Hội đồng.", indent=True)
    absent = data.member_count - data.present_count
    _para(
        document,
        f"Thành viên Hội đồng: tổng số {data.member_count} người; có mặt {data.present_count}/"
        f"{data.member_count} người, vắng mặt {absent} người. Số thành viên có mặt tối thiểu "
        f"để cuộc họp hợp lệ: {data.quorum} người. Cuộc họp đủ điều kiện tiến hành.",
        indent=True,
    )
    _grid(
        document,
        [
            ("STT", 12),
            ("Họ và tên", 50),
            ("Chức vụ", 40),
            ("Chức danh Hội đồng", 40),
            ("Dự họp", 23),
        ],
        [
            [str(i), m.name, m.job_title, m.role, "Có mặt" if m.present else "Vắng mặt"]
            for i, m in enumerate(data.members, start=1)
        ],
        ["center", "left", "left", "left", "center"],
    )
    _para(document, after=0)
    absentees = [m for m in data.members if not m.present]
    if absentees:
        _para(document, "Thành viên vắng mặt và ý kiến bằng văn bản:", indent=True)
        for member in absentees:
            if member.written:
                opinions = "; ".join(f"{subject}: {choice}" for subject, choice in member.written)
                text = f"- {member.name} ({member.role}): có ý kiến bằng văn bản — {opinions}."
            else:
                text = f"- {member.name} ({member.role}): không có ý kiến bằng văn bản."
            _para(document, text, indent=True)

    _para(document, "II. NỘI DUNG", bold=True, align="left")
    _para(
        document,
        f"Hội đồng xét {len(data.rows)} đề nghị khen thưởng của đợt “{data.round_title}”. "
        "Chủ tọa quán triệt tiêu chuẩn, điều kiện của từng danh hiệu, hình thức khen thưởng; "
        "Hội đồng thảo luận từng trường hợp và biểu quyết bằng hình thức bỏ phiếu kín. Tỷ lệ "
        "đồng ý được tính trên tổng số thành viên Hội đồng, kể cả ý kiến bằng văn bản của "
        f"thành viên vắng mặt ({LEGAL_BASIS}).",
        indent=True,
    )
    if data.recusals:
        _para(document, "Thành viên không tham gia biểu quyết:", indent=True)
        for member, proposal, reason in data.recusals:
            _para(document, f"- {member}: đối với đề nghị {proposal} ({reason}).", indent=True)
    else:
        _para(document, "Không có thành viên nào phải rút khỏi biểu quyết.", indent=True)

    _para(document, "III. KẾT QUẢ BỎ PHIẾU", bold=True, align="left")
    _grid(
        document,
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
        ["center", "left", "left", "center", "center", "left"],
    )
    _para(document, after=0)
    thresholds = dict.fromkeys(f"{row.award}: {row.threshold}" for row in data.rows)
    _para(
        document,
        "Ngưỡng thông qua (trên tổng số thành viên): " + "; ".join(thresholds) + ".",
        indent=True,
    )
    if data.cap_note:
        _para(document, f"Tỷ lệ danh hiệu: {data.cap_note}.", indent=True)
    noted = [row for row in data.rows if row.outcome and row.rank]
    for row in noted:
        _para(document, f"- {row.subject}: {row.note}.", indent=True)
    passed = sum(1 for row in data.rows if row.passed)
    _para(
        document,
        f"Kết quả: {passed}/{len(data.rows)} đề nghị đạt tỷ lệ đồng ý theo quy định. Hội đồng "
        "thống nhất đề nghị cấp có thẩm quyền khen thưởng các trường hợp đạt nêu trên.",
        indent=True,
    )

    closed = data.closed_at
    when = (
        f"lúc {_time(closed)} cùng ngày"
        if closed and closed.date() == held.date()
        else (f"lúc {_time(closed)}, {vn_date(closed.date())}" if closed else "cùng ngày")
    )
    _para(
        document,
        f"Cuộc họp kết thúc {when}. Biên bản đã được đọc lại cho các thành viên dự họp và "
        "được thống nhất thông qua.",
        indent=True,
        after=12,
    )

    signatures = document.add_table(rows=1, cols=2)
    for cell, role, name in zip(
        signatures.rows[0].cells,
        ("THƯ KÝ", "CHỦ TỌA"),
        (data.secretary, data.chair),
        strict=True,
    ):
        cell.width = Mm(82)
        _cell_text(cell, role, bold=True, align="center", size=BODY_PT)
        _cell_text(cell, "(Ký, ghi rõ họ tên)", italic=True, align="center", size=BODY_PT)
        for _blank in range(4):
            _cell_text(cell, " ", align="center", size=BODY_PT)
        _cell_text(cell, name, bold=True, align="center", size=BODY_PT)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
