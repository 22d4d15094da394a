"""Which unit decides which award (rules.md §4: configurable per school type and unit).

Defaults follow HCMC practice: a school's head decides the school's yearly titles and Giấy
khen (when authorised — a unit can switch any award off with DecisionAuthority); anything
above goes up to the parent unit as a submission. The top of a tree records the decisions of
the authorities above it (Chủ tịch UBND, Bộ trưởng, Thủ tướng).
"""

from __future__ import annotations

from thidua.achievements.catalog import AwardId
from thidua.org.models import Unit, UnitType

UNIT_LEVEL = {
    AwardId.GIAY_KHEN,
    AwardId.LAO_DONG_TIEN_TIEN,
    AwardId.CHIEN_SI_THI_DUA_CO_SO,
    AwardId.TAP_THE_LAO_DONG_TIEN_TIEN,
    AwardId.HOC_SINH_XUAT_SAC,
    AwardId.HOC_SINH_GIOI,
}
DEFAULTS: dict[str, set[str]] = {
    UnitType.SCHOOL: UNIT_LEVEL,
    UnitType.DISTRICT_OFFICE: UNIT_LEVEL,
    UnitType.WARD: UNIT_LEVEL,
}


def decides_here(unit: Unit, award: str) -> bool:
    """True when `unit` issues the decision for `award` itself."""
    from .models import DecisionAuthority

    override = DecisionAuthority.objects.filter(unit=unit, award=award).first()
    if override is not None:
        return override.decides
    if unit.parent_id is None:
        return True  # the top unit records the decisions of the authorities above it
    return award in DEFAULTS.get(unit.type, set())
