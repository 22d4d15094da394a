"""Stable ids of the eligibility engine (shared/domain/rules.md "Catalog ids").

Ids and their Vietnamese labels are not law values: the orderings that rules.md tags
[M]/[?] (staff and student discipline levels) live in the parameter files instead.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

# --- catalog ---------------------------------------------------------------------------

INDIVIDUAL_TITLES: tuple[str, ...] = (
    "lao_dong_tien_tien",
    "chien_si_thi_dua_co_so",
    "chien_si_thi_dua_cap_tinh",
    "chien_si_thi_dua_toan_quoc",
)
COLLECTIVE_TITLES: tuple[str, ...] = (
    "tap_the_lao_dong_tien_tien",
    "tap_the_lao_dong_xuat_sac",
    "co_thi_dua_cap_tinh",
    "co_thi_dua_chinh_phu",
)
AWARD_FORMS: tuple[str, ...] = (
    "giay_khen",
    "bang_khen_cap_tinh",
    "bang_khen_thu_tuong",
    "huan_chuong_lao_dong_hang_ba",
)
STUDENT_TITLES: tuple[str, ...] = ("hoc_sinh_xuat_sac", "hoc_sinh_gioi")
ALL_IDS: tuple[str, ...] = INDIVIDUAL_TITLES + COLLECTIVE_TITLES + AWARD_FORMS + STUDENT_TITLES
ANNUAL_TITLES: frozenset[str] = frozenset(INDIVIDUAL_TITLES + COLLECTIVE_TITLES)

#: The subject kinds each catalog id can be evaluated for.
SUBJECTS: dict[str, frozenset[str]] = {
    **{t: frozenset({"person"}) for t in INDIVIDUAL_TITLES},
    **{t: frozenset({"collective"}) for t in COLLECTIVE_TITLES},
    "giay_khen": frozenset({"person", "collective", "student"}),
    "bang_khen_cap_tinh": frozenset({"person", "collective"}),
    "bang_khen_thu_tuong": frozenset({"person", "collective"}),
    "huan_chuong_lao_dong_hang_ba": frozenset({"person", "collective"}),
    **{t: frozenset({"student"}) for t in STUDENT_TITLES},
}

TITLE_LABELS: dict[str, str] = {
    "lao_dong_tien_tien": "Lao động tiên tiến",
    "chien_si_thi_dua_co_so": "Chiến sĩ thi đua cơ sở",
    "chien_si_thi_dua_cap_tinh": "Chiến sĩ thi đua cấp bộ, ngành, tỉnh",
    "chien_si_thi_dua_toan_quoc": "Chiến sĩ thi đua toàn quốc",
    "tap_the_lao_dong_tien_tien": "Tập thể lao động tiên tiến",
    "tap_the_lao_dong_xuat_sac": "Tập thể lao động xuất sắc",
    "co_thi_dua_cap_tinh": "Cờ thi đua cấp bộ, ngành, tỉnh",
    "co_thi_dua_chinh_phu": "Cờ thi đua của Chính phủ",
    "giay_khen": "Giấy khen",
    "bang_khen_cap_tinh": "Bằng khen cấp bộ, ngành, tỉnh",
    "bang_khen_thu_tuong": "Bằng khen của Thủ tướng Chính phủ",
    "huan_chuong_lao_dong_hang_ba": "Huân chương Lao động hạng Ba",
    "hoc_sinh_xuat_sac": "Học sinh Xuất sắc",
    "hoc_sinh_gioi": "Học sinh Giỏi",
}

# --- ratings, scopes, positions, outcomes (ids given without a tag in rules.md) -------

RATINGS: tuple[str, ...] = ("khtnv", "htnv", "httnv", "htxsnv")  # ascending
RATING_RANK: dict[str, int] = {r: i for i, r in enumerate(RATINGS)}
RATING_LABELS: dict[str, str] = {
    "htxsnv": "Hoàn thành xuất sắc nhiệm vụ",
    "httnv": "Hoàn thành tốt nhiệm vụ",
    "htnv": "Hoàn thành nhiệm vụ",
    "khtnv": "Không hoàn thành nhiệm vụ",
}
SCOPES: tuple[str, ...] = ("co_so", "cap_tinh", "toan_quoc")  # ascending
SCOPE_RANK: dict[str, int] = {s: i for i, s in enumerate(SCOPES)}
SCOPE_LABELS: dict[str, str] = {
    "co_so": "cấp cơ sở",
    "cap_tinh": "cấp bộ, ngành, tỉnh",
    "toan_quoc": "toàn quốc",
}
#: Accepted spellings of a scope in scenario files (conventions.md uses ``school``).
SCOPE_ALIASES: dict[str, str] = {
    "co_so": "co_so",
    "school": "co_so",
    "unit": "co_so",
    "cap_tinh": "cap_tinh",
    "province": "cap_tinh",
    "city": "cap_tinh",
    "ministry": "cap_tinh",
    "toan_quoc": "toan_quoc",
    "national": "toan_quoc",
}
POSITIONS: frozenset[str] = frozenset({"manager", "teacher", "staff"})
OUTCOMES: tuple[str, ...] = ("eligible", "ineligible", "deferred", "incomplete")
FINDING_OUTCOMES: tuple[str, ...] = ("pass", "fail", "defer", "missing")
COLLECTIVE_KINDS: frozenset[str] = frozenset({"subject_department", "office_team", "school"})

PENDING_KINDS: dict[str, str] = {
    "discipline_review": "đang trong thời gian xem xét kỷ luật",
    "investigation": "đang bị điều tra có dấu hiệu vi phạm",
    "inspection": "đang bị thanh tra, kiểm tra có dấu hiệu vi phạm",
    "complaint": "có đơn thư khiếu nại, tố cáo đang được xác minh",
}

#: Staff discipline level labels; their *order* is the parameter ``discipline.staff_levels``.
DISCIPLINE_LABELS: dict[str, str] = {
    "khien_trach": "khiển trách",
    "canh_cao": "cảnh cáo",
    "ha_bac_luong": "hạ bậc lương",
    "giang_chuc": "giáng chức",
    "cach_chuc": "cách chức",
    "buoc_thoi_viec": "buộc thôi việc",
}
STUDENT_DISCIPLINE_LABELS: dict[str, str] = {
    "khien_trach_truoc_lop": "khiển trách trước lớp",
    "khien_trach_truoc_hoi_dong_ky_luat": "khiển trách trước hội đồng kỷ luật",
    "canh_cao_truoc_toan_truong": "cảnh cáo trước toàn trường",
    "tam_dung_hoc": "tạm dừng học tập (đuổi học có thời hạn)",
}
#: Short spellings accepted for student discipline levels in scenario files.
STUDENT_DISCIPLINE_ALIASES: dict[str, str] = {
    "khien_trach": "khien_trach_truoc_lop",
    "khien_trach_truoc_hoi_dong": "khien_trach_truoc_hoi_dong_ky_luat",
    "canh_cao": "canh_cao_truoc_toan_truong",
    "tam_dung_hoc_tap": "tam_dung_hoc",
    "duoi_hoc": "tam_dung_hoc",
}

# --- leave, training ------------------------------------------------------------------

#: Leave kinds with a meaning for the rules; any other kind is an ordinary absence.
LEAVE_KIND_ALIASES: dict[str, str] = {
    "maternity": "maternity",
    "thai_san": "maternity",
    "injury": "injury",
    "duty_injury": "injury",
    "work_injury": "injury",
    "brave_act": "injury",
    "injury_treatment": "injury",
    "combat_injury": "injury",
}
LEAVE_LABELS: dict[str, str] = {
    "maternity": "nghỉ thai sản",
    "injury": "điều trị, điều dưỡng do bị thương khi làm nhiệm vụ hoặc cứu người, tài sản",
    "other": "nghỉ",
}
TRAINING_RESULTS: tuple[str, ...] = (
    "kem",
    "yeu",
    "khong_dat",
    "dat",
    "trung_binh",
    "trung_binh_kha",
    "kha",
    "gioi",
    "xuat_sac",
)  # ascending
TRAINING_RESULT_RANK: dict[str, int] = {r: i for i, r in enumerate(TRAINING_RESULTS)}
TRAINING_RESULT_LABELS: dict[str, str] = {
    "kem": "kém",
    "yeu": "yếu",
    "khong_dat": "không đạt",
    "dat": "đạt",
    "trung_binh": "trung bình",
    "trung_binh_kha": "trung bình khá",
    "kha": "khá",
    "gioi": "giỏi",
    "xuat_sac": "xuất sắc",
}
ACHIEVEMENT_KINDS: dict[str, str] = {
    "movement": "thành tích trong phong trào thi đua",
    "sudden": "thành tích đột xuất",
    "other": "thành tích",
}

# --- students -------------------------------------------------------------------------

STUDENT_REGULATIONS: dict[str, str] = {
    "tt22": "Thông tư 22/2021/TT-BGDĐT",
    "tt58": "Thông tư 58/2011/TT-BGDĐT",
    "tt27": "Thông tư 27/2020/TT-BGDĐT",
    "tt30": "Thông tư 30/2014/TT-BGDĐT (sửa đổi bởi Thông tư 22/2016/TT-BGDĐT)",
}
TT22_CONDUCT: tuple[str, ...] = ("chua_dat", "dat", "kha", "tot")  # ascending
TT22_LEARNING: tuple[str, ...] = ("chua_dat", "dat", "kha", "tot")
TT58_CONDUCT: tuple[str, ...] = ("yeu", "trung_binh", "kha", "tot")
TT58_LEARNING: tuple[str, ...] = ("kem", "yeu", "trung_binh", "kha", "gioi")
STUDENT_LEVEL_LABELS: dict[str, str] = {
    "tot": "Tốt",
    "kha": "Khá",
    "dat": "Đạt",
    "chua_dat": "Chưa đạt",
    "gioi": "Giỏi",
    "trung_binh": "Trung bình",
    "yeu": "Yếu",
    "kem": "Kém",
    "hoan_thanh_xuat_sac": "Hoàn thành xuất sắc",
    "hoan_thanh_tot": "Hoàn thành tốt",
    "hoan_thanh": "Hoàn thành",
    "chua_hoan_thanh": "Chưa hoàn thành",
    "can_co_gang": "Cần cố gắng",
}
COMMENT_RESULTS: frozenset[str] = frozenset({"dat", "chua_dat"})
TT27_RESULTS: tuple[str, ...] = (
    "chua_hoan_thanh",
    "hoan_thanh",
    "hoan_thanh_tot",
    "hoan_thanh_xuat_sac",
)  # ascending
TT27_SUBJECT_LEVELS: tuple[str, ...] = ("chua_hoan_thanh", "hoan_thanh", "hoan_thanh_tot")
TT27_QUALITY_LEVELS: tuple[str, ...] = ("can_co_gang", "dat", "tot")

# --- rule ids -------------------------------------------------------------------------

#: Rule ids of shared/domain/rules.md, plus the ids this package adds for award forms,
#: whose criteria rules.md gives without an id (documented in README.md).
RULE_IDS: frozenset[str] = frozenset(
    [f"R-GEN-{i}" for i in range(1, 11)]
    + [f"R-LDTT-{i}" for i in range(1, 9)]
    + ["R-CSTDCS-1", "R-CSTDCS-2", "R-CSTDCS-3", "R-CSTDT-1", "R-CSTDTQ-1"]
    + ["R-VOTE-1", "R-VOTE-2", "R-VOTE-3"]
    + ["R-TTLDTT-1", "R-TTLDXS-1", "R-TTLDXS-2", "R-CO-1"]
    + ["R-HS22-1", "R-HS22-2", "R-HS22-3", "R-HS22-4", "R-HS58-1", "R-HS27-1", "R-HS27-2"]
    + ["R-HSKL-1", "R-CDHT-0", "R-DVHT-0", "R-HS-1", "R-HS-2", "R-FMT-1", "R-FMT-2"]
    + ["R-GK-1", "R-BKTINH-1", "R-BKTINH-2", "R-BKTTG-1", "R-BKTTG-2"]
    + ["R-HCLD3-1", "R-HCLD3-2"]
)

# --- school years -----------------------------------------------------------------------

_SCHOOL_YEAR_RE = re.compile(r"^(\d{4})-(\d{4})$")


def parse_school_year(value: object) -> int | None:
    """Return the start year of a ``YYYY-YYYY`` school year, or None when malformed."""
    if not isinstance(value, str):
        return None
    m = _SCHOOL_YEAR_RE.match(value)
    if not m:
        return None
    start, end = int(m.group(1)), int(m.group(2))
    if end != start + 1 or start < 1900:
        return None
    return start


@lru_cache(maxsize=512)
def year_start(school_year: str) -> int:
    """Start year of a well-formed school year string (cached: used in the hot path)."""
    return int(school_year[:4])


@lru_cache(maxsize=512)
def year_label(start: int) -> str:
    """``2023`` -> ``"2023-2024"``."""
    return f"{start}-{start + 1}"


def school_year_of(d: date) -> int:
    """Start year of the school year containing a date (1 September - 31 August)."""
    return d.year if d.month >= 9 else d.year - 1


def year_bounds(start: int) -> tuple[date, date]:
    """First and last day of the school year starting in ``start`` (1/9 - 31/8)."""
    return date(start, 9, 1), date(start + 1, 8, 31)


def default_evaluation_date(start: int) -> date:
    """Default evaluation date of a school year: 31 May of its end year."""
    return date(start + 1, 5, 31)


def fmt_date(d: date) -> str:
    """Vietnamese date format ``dd/mm/yyyy``."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"
