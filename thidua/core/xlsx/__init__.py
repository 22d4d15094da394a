"""Read the Excel lists schools really have.

Real sheets carry title rows above the heading row, headings merged over two rows
("Họ và tên" above "Họ đệm" | "Tên"), hints in the headings ("Ngày sinh (dd/mm/yyyy)"),
a row of column numbers under the headings, merged cells, section rows, totals and
signature lines under the list, dates typed as text or stored as Excel dates, stray
spaces and decomposed (NFD) Vietnamese; a workbook often holds one list per sheet (a
class, a group, a school year).

- `load_workbook_safely` opens an upload or explains in Vietnamese why it cannot.
- `read_tables` finds the list on every sheet that has one (`read_table`: the best one)
  by matching known Vietnamese headings, and returns every row with its Excel row number.
- `is_data_row` (`is_layout_row` + `has_data_marker`) tells the rows of the list from the
  other lines between and under them.
- `RowError` names a row ("Trang tính “6A2”, dòng 5: …") so that errors can be fixed.
- `parse_date`, `code_text`, `number_text` read cell values as schools type them.
"""

from .rows import (
    RowError,
    has_data_marker,
    has_row_number,
    is_data_row,
    is_layout_row,
    looks_like_code,
    looks_like_date,
)
from .tables import (
    MAX_HEADER_SCAN_ROWS,
    SheetRow,
    Table,
    heading_key,
    heading_keys,
    read_table,
    read_tables,
    sheet_rows,
    tidy_headings,
)
from .values import TIME_SUFFIX, DateValueError, code_text, number_text, parse_date
from .workbook import (
    XLS_SIGNATURE,
    ZIP_SIGNATURE,
    SpreadsheetError,
    load_workbook_safely,
    open_upload,
    read_bytes,
)

__all__ = [
    "MAX_HEADER_SCAN_ROWS",
    "TIME_SUFFIX",
    "XLS_SIGNATURE",
    "ZIP_SIGNATURE",
    "DateValueError",
    "RowError",
    "SheetRow",
    "SpreadsheetError",
    "Table",
    "code_text",
    "has_data_marker",
    "has_row_number",
    "heading_key",
    "heading_keys",
    "is_data_row",
    "is_layout_row",
    "load_workbook_safely",
    "looks_like_code",
    "looks_like_date",
    "number_text",
    "open_upload",
    "parse_date",
    "read_bytes",
    "read_table",
    "read_tables",
    "sheet_rows",
    "tidy_headings",
]
