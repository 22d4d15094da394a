"""The catalog of emulation titles and award forms (rules.md "Catalog ids").

These ids are stable: they are stored in award records and registrations, and the
eligibility engine uses the same ids.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class AwardId(models.TextChoices):
    LAO_DONG_TIEN_TIEN = "lao_dong_tien_tien", _("Lao động tiên tiến")
    CHIEN_SI_THI_DUA_CO_SO = "chien_si_thi_dua_co_so", _("Chiến sĩ thi đua cơ sở")
    CHIEN_SI_THI_DUA_CAP_TINH = (
        "chien_si_thi_dua_cap_tinh",
        _("Chiến sĩ thi đua cấp bộ, ngành, tỉnh (thành phố)"),
    )
    CHIEN_SI_THI_DUA_TOAN_QUOC = "chien_si_thi_dua_toan_quoc", _("Chiến sĩ thi đua toàn quốc")
    TAP_THE_LAO_DONG_TIEN_TIEN = "tap_the_lao_dong_tien_tien", _("Tập thể lao động tiên tiến")
    TAP_THE_LAO_DONG_XUAT_SAC = "tap_the_lao_dong_xuat_sac", _("Tập thể lao động xuất sắc")
    CO_THI_DUA_CAP_TINH = "co_thi_dua_cap_tinh", _("Cờ thi đua cấp bộ, ngành, tỉnh")
    CO_THI_DUA_CHINH_PHU = "co_thi_dua_chinh_phu", _("Cờ thi đua của Chính phủ")
    GIAY_KHEN = "giay_khen", _("Giấy khen")
    BANG_KHEN_CAP_TINH = "bang_khen_cap_tinh", _("Bằng khen cấp bộ, ngành, tỉnh (thành phố)")
    BANG_KHEN_THU_TUONG = "bang_khen_thu_tuong", _("Bằng khen của Thủ tướng Chính phủ")
    HUAN_CHUONG_LAO_DONG_HANG_BA = (
        "huan_chuong_lao_dong_hang_ba",
        _("Huân chương Lao động hạng Ba"),
    )
    HOC_SINH_XUAT_SAC = "hoc_sinh_xuat_sac", _("Học sinh Xuất sắc")
    HOC_SINH_GIOI = "hoc_sinh_gioi", _("Học sinh Giỏi")


INDIVIDUAL_TITLES: tuple[str, ...] = (
    AwardId.LAO_DONG_TIEN_TIEN,
    AwardId.CHIEN_SI_THI_DUA_CO_SO,
    AwardId.CHIEN_SI_THI_DUA_CAP_TINH,
    AwardId.CHIEN_SI_THI_DUA_TOAN_QUOC,
)
COLLECTIVE_TITLES: tuple[str, ...] = (
    AwardId.TAP_THE_LAO_DONG_TIEN_TIEN,
    AwardId.TAP_THE_LAO_DONG_XUAT_SAC,
    AwardId.CO_THI_DUA_CAP_TINH,
    AwardId.CO_THI_DUA_CHINH_PHU,
)
AWARD_FORMS: tuple[str, ...] = (
    AwardId.GIAY_KHEN,
    AwardId.BANG_KHEN_CAP_TINH,
    AwardId.BANG_KHEN_THU_TUONG,
    AwardId.HUAN_CHUONG_LAO_DONG_HANG_BA,
)
STUDENT_TITLES: tuple[str, ...] = (AwardId.HOC_SINH_XUAT_SAC, AwardId.HOC_SINH_GIOI)
#: Titles granted for one school year (danh hiệu thi đua): one per subject and year.
ANNUAL_TITLES: frozenset[str] = frozenset(INDIVIDUAL_TITLES + COLLECTIVE_TITLES + STUDENT_TITLES)
#: What a member of staff may hold or register for; what a collective may.
FOR_PERSON: tuple[str, ...] = INDIVIDUAL_TITLES + AWARD_FORMS
FOR_COLLECTIVE: tuple[str, ...] = COLLECTIVE_TITLES + AWARD_FORMS

SHORT_LABELS: dict[str, Any] = {
    "lao_dong_tien_tien": _("LĐTT"),
    "chien_si_thi_dua_co_so": _("CSTĐCS"),
    "chien_si_thi_dua_cap_tinh": _("CSTĐ cấp tỉnh"),
    "chien_si_thi_dua_toan_quoc": _("CSTĐ toàn quốc"),
    "tap_the_lao_dong_tien_tien": _("TTLĐTT"),
    "tap_the_lao_dong_xuat_sac": _("TTLĐXS"),
    "co_thi_dua_cap_tinh": _("Cờ thi đua cấp tỉnh"),
    "co_thi_dua_chinh_phu": _("Cờ thi đua Chính phủ"),
    "giay_khen": _("Giấy khen"),
    "bang_khen_cap_tinh": _("Bằng khen cấp tỉnh"),
    "bang_khen_thu_tuong": _("Bằng khen Thủ tướng"),
    "huan_chuong_lao_dong_hang_ba": _("Huân chương LĐ hạng Ba"),
    "hoc_sinh_xuat_sac": _("HS Xuất sắc"),
    "hoc_sinh_gioi": _("HS Giỏi"),
}


def choices_for(ids: tuple[str, ...]) -> list[tuple[str, str]]:
    """(id, Vietnamese label) pairs for a subset of the catalog, in catalog order."""
    labels = dict(AwardId.choices)
    return [(i, labels[i]) for i in ids]


def label(award_id: str) -> str:
    return str(dict(AwardId.choices).get(award_id, award_id))


def short_label(award_id: str) -> str:
    return str(SHORT_LABELS.get(award_id, award_id))
