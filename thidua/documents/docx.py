"""Word (.docx) official documents in the layout of Decree 30/2020/NĐ-CP (Phụ lục I, R-FMT-1).

One builder serves every administrative document of the system — decisions (quyết định),
council minutes (biên bản), cover letters (tờ trình), lists (danh sách) — so that they all share
the page, the fonts, the two-column header and the signature block.

Page: A4 portrait, margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman 14 pt
(13 pt in the header), single spacing, 6 pt after each paragraph, first-line indent 1.27 cm;
page numbers centred in the top margin from page 2 on.

API (every method returns the document, so calls chain)::

    from thidua.documents.docx import OfficialDocument

    data = (
        OfficialDocument(
            parent_authority="PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN 5",  # not bold; may be ""
            issuing_body="TRƯỜNG THCS TRẦN BỘI CƠ",              # bold, short rule under it
            number="Số: 05/QĐ-THCSTBC",                         # left, under the body
            place_date="Quận 5, ngày 05 tháng 01 năm 2026",     # right, italic
            title="Quyết định số 05/QĐ-THCSTBC",                # file metadata only
        )
        .heading("QUYẾT ĐỊNH", subject="Về việc công nhận danh hiệu thi đua năm học 2024-2025")
        .heading("HIỆU TRƯỞNG TRƯỜNG THCS TRẦN BỘI CƠ")         # centred, bold
        .preamble(["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022", "Xét đề nghị …"])
        .heading("QUYẾT ĐỊNH:")
        .article(1, "Công nhận danh hiệu “Lao động tiên tiến” cho 12 cá nhân …")
        .paragraph("Any body text", indent=True)                 # justified, indented
        .signature(
            lines=["KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG"],        # mode line(s) and title
            name="Phạm Văn Hòa",
            recipients=["Như Điều 3;", "Lưu: VT, TĐKT."],       # "Nơi nhận:" block (optional)
        )
        .page_break()
        .heading("DANH SÁCH …", subject="(Kèm theo Quyết định số … ngày … của …)")
        .section_title("I. CÁ NHÂN")                             # bold, left
        .table(
            [("STT", 12), ("Họ và tên", 50), ("Chức vụ – Đơn vị", 60)],  # (heading, width mm)
            [["1", "Nguyễn Thị Ngọc Lan", "Giáo viên, Tổ Toán – Tin"]],
            align=["center", "left", "left"],                    # per column (optional)
        )
        .to_bytes()
    )

Other helpers: `.paragraph(text, bold=, italic=, align=, size=, indent=)`, `.spacer(points)`,
`.minutes_signatures([(role, name), …])` for minutes signed by two or more people side by side.
Renderers take already-selected data: nothing here touches the database.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

FONT = "Times New Roman"
BODY_PT = 14
HEADER_PT = 13
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def _set_font(run, *, size: float | None = None) -> None:  # noqa: ANN001
    run.font.name = FONT
    r_pr = run._element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    if size is not None:
        run.font.size = Pt(size)


def _rule(paragraph, *, left_cm: float, right_cm: float) -> None:  # noqa: ANN001
    """A short solid line: the top border of an otherwise empty, indented paragraph."""
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    p_pr.append(borders)
    paragraph.paragraph_format.left_indent = Cm(left_cm)
    paragraph.paragraph_format.right_indent = Cm(right_cm)
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.space_before = Pt(0)


def _no_borders(table) -> None:  # noqa: ANN001
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _grid_borders(table) -> None:  # noqa: ANN001
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:color", "000000")):
            element.set(qn(key), value)
        borders.append(element)
    tbl_pr.append(borders)


def _repeat_header(row) -> None:  # noqa: ANN001
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _page_field(paragraph) -> None:  # noqa: ANN001
    run = paragraph.add_run()
    _set_font(run, size=BODY_PT)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


class OfficialDocument:
    """A Word document in the Decree 30/2020 layout; see the module docstring."""

    def __init__(
        self,
        *,
        issuing_body: str,
        parent_authority: str = "",
        number: str = "",
        place_date: str = "",
        title: str = "",
        landscape: bool = False,
    ) -> None:
        self.document = Document()
        self._page(landscape)
        self._styles()
        if title:
            self.document.core_properties.title = title
        self._header(parent_authority, issuing_body, number, place_date)

    # ------------------------------------------------------------ page and styles

    def _page(self, landscape: bool) -> None:
        section = self.document.sections[0]
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(297), Mm(210)
        else:
            section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = Mm(20)
        section.bottom_margin = Mm(20)
        section.left_margin = Mm(30)
        section.right_margin = Mm(15)
        section.header_distance = Mm(10)
        # Page numbers from page 2: the first page has its own (empty) header.
        section.different_first_page_header_footer = True
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_field(paragraph)

    def _styles(self) -> None:
        normal = self.document.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(BODY_PT)
        r_pr = normal.element.get_or_add_rPr()
        fonts = r_pr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            r_pr.insert(0, fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), FONT)
        fmt = normal.paragraph_format
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(6)
        fmt.line_spacing = 1.0

    @property
    def _width_mm(self) -> float:
        section = self.document.sections[0]
        return (section.page_width - section.left_margin - section.right_margin) / Mm(1)

    def _cell_text(
        self,
        cell,  # noqa: ANN001
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        underline: bool = False,
        size: float = HEADER_PT,
        align: str = "center",
        first: bool = False,
    ):  # noqa: ANN202
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        paragraph.alignment = ALIGN[align]
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(text)
        run.bold, run.italic, run.underline = bold, italic, underline
        _set_font(run, size=size)
        return paragraph

    def _header(self, parent: str, body: str, number: str, place_date: str) -> None:
        width = self._width_mm
        table = self.document.add_table(rows=2, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _no_borders(table)
        left_mm, right_mm = width * 0.4, width * 0.6
        for row in table.rows:
            row.cells[0].width, row.cells[1].width = Mm(left_mm), Mm(right_mm)
        left, right = table.rows[0].cells
        if parent:
            self._cell_text(left, parent.upper(), first=True)
            self._cell_text(left, body.upper(), bold=True)
        else:
            self._cell_text(left, body.upper(), bold=True, first=True)
        _rule(left.add_paragraph(), left_cm=left_mm / 10 * 0.3, right_cm=left_mm / 10 * 0.3)
        self._cell_text(right, NATIONAL_NAME, bold=True, size=12.5, first=True)
        self._cell_text(right, MOTTO, bold=True, underline=True, size=BODY_PT)
        number_cell, date_cell = table.rows[1].cells
        if number:
            paragraph = self._cell_text(number_cell, number, first=True)
            paragraph.paragraph_format.space_before = Pt(6)
        if place_date:
            paragraph = self._cell_text(
                date_cell, place_date, italic=True, size=BODY_PT, first=True
            )
            paragraph.paragraph_format.space_before = Pt(6)
        self.spacer(6)

    # ------------------------------------------------------------ blocks

    def spacer(self, points: float = 6) -> OfficialDocument:
        paragraph = self.document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.line_spacing = Pt(points)
        return self

    def paragraph(
        self,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        align: str = "justify",
        size: float = BODY_PT,
        indent: bool = True,
        keep_with_next: bool = False,
    ) -> OfficialDocument:
        paragraph = self.document.add_paragraph()
        paragraph.alignment = ALIGN[align]
        if indent and align == "justify":
            paragraph.paragraph_format.first_line_indent = Cm(1.27)
        paragraph.paragraph_format.keep_with_next = keep_with_next
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        _set_font(run, size=size)
        return self

    def heading(self, text: str, *, subject: str = "", size: float = BODY_PT) -> OfficialDocument:
        """A centred bold title; with `subject`, the trích yếu under it and a short rule."""
        self.paragraph(text, bold=True, align="center", size=size, keep_with_next=True)
        if subject:
            paragraph = self.document.paragraphs[-1]
            paragraph.paragraph_format.space_after = Pt(0)
            self.paragraph(subject, bold=True, align="center", size=size, keep_with_next=True)
            self.document.paragraphs[-1].paragraph_format.space_after = Pt(0)
            width = self._width_mm / 10
            _rule(self.document.add_paragraph(), left_cm=width * 0.38, right_cm=width * 0.38)
            self.spacer(4)
        return self

    def section_title(self, text: str) -> OfficialDocument:
        return self.paragraph(text, bold=True, align="left", indent=False, keep_with_next=True)

    def preamble(self, lines: Iterable[str]) -> OfficialDocument:
        """'Căn cứ …;' lines in italics, each ending with a semicolon, the last with a full
        stop."""
        items = [line.strip().rstrip(";.") for line in lines if line.strip()]
        for index, line in enumerate(items):
            end = "." if index == len(items) - 1 else ";"
            self.paragraph(line + end, italic=True)
        return self

    def article(self, number: int, text: str) -> OfficialDocument:
        """'Điều 1. …' with the article number in bold."""
        paragraph = self.document.add_paragraph()
        paragraph.alignment = ALIGN["justify"]
        paragraph.paragraph_format.first_line_indent = Cm(1.27)
        run = paragraph.add_run(f"Điều {number}. ")
        run.bold = True
        _set_font(run, size=BODY_PT)
        _set_font(paragraph.add_run(text), size=BODY_PT)
        return self

    def signature(
        self, *, lines: Sequence[str], name: str, recipients: Sequence[str] = ()
    ) -> OfficialDocument:
        """The 'Nơi nhận:' block on the left and the signing authority on the right."""
        self.spacer(6)
        width = self._width_mm
        table = self.document.add_table(rows=1, cols=2)
        table.autofit = False
        _no_borders(table)
        left, right = table.rows[0].cells
        left.width, right.width = Mm(width * 0.45), Mm(width * 0.55)
        if recipients:
            self._cell_text(
                left, "Nơi nhận:", bold=True, italic=True, size=12, align="left", first=True
            )
            for item in recipients:
                self._cell_text(left, f"- {item}", size=11, align="left")
        else:
            self._cell_text(left, "", first=True)
        for index, line in enumerate(lines):
            self._cell_text(right, line.upper(), bold=True, size=BODY_PT, first=index == 0)
        for _ in range(4):
            self._cell_text(right, "", size=BODY_PT)
        self._cell_text(right, name, bold=True, size=BODY_PT)
        return self

    def minutes_signatures(self, signers: Sequence[tuple[str, str]]) -> OfficialDocument:
        """Signatures side by side (e.g. THƯ KÝ | CHỦ TỌA): [(role, name), …]."""
        self.spacer(6)
        table = self.document.add_table(rows=1, cols=max(1, len(signers)))
        table.autofit = False
        _no_borders(table)
        for cell, (role, name) in zip(table.rows[0].cells, signers, strict=False):
            self._cell_text(cell, role.upper(), bold=True, size=BODY_PT, first=True)
            for _ in range(4):
                self._cell_text(cell, "", size=BODY_PT)
            self._cell_text(cell, name, bold=True, size=BODY_PT)
        return self

    def table(
        self,
        columns: Sequence[tuple[str, float]],
        rows: Sequence[Sequence[str]],
        *,
        align: Sequence[str] | None = None,
        size: float = 13,
    ) -> OfficialDocument:
        """A bordered table: a bold heading row repeated on each page, then the rows.
        `columns` are (heading, width in mm); widths are scaled to the text width."""
        total = sum(w for _h, w in columns) or 1
        scale = self._width_mm / total
        table = self.document.add_table(rows=1, cols=len(columns))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _grid_borders(table)
        head = table.rows[0]
        _repeat_header(head)
        for cell, (heading, width) in zip(head.cells, columns, strict=True):
            cell.width = Mm(width * scale)
            self._cell_text(cell, heading, bold=True, size=size, first=True)
        aligns = list(align or ["left"] * len(columns))
        for values in rows:
            cells = table.add_row().cells
            for index, (cell, value) in enumerate(zip(cells, values, strict=True)):
                cell.width = Mm(columns[index][1] * scale)
                self._cell_text(cell, str(value), size=size, align=aligns[index], first=True)
        self.spacer(6)
        return self

    def page_break(self) -> OfficialDocument:
        paragraph = self.document.add_paragraph()
        paragraph.add_run().add_break(WD_BREAK.PAGE)
        return self

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()
