"""The default wording of a decision: header, authority, subject, legal bases, articles.

Everything here only proposes the text of a draft; the issuing unit edits it before signing,
and once issued the decision keeps the text it was signed with.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Any

from thidua.achievements.catalog import ANNUAL_TITLES, label
from thidua.achievements.models import AuthorityLevel, RevocationReason
from thidua.core.vietnamese import strip_accents, vn_date
from thidua.org.models import Unit, UnitType

# The head of each kind of unit, as written before the unit's name.
HEAD_TITLES = {
    UnitType.SCHOOL: "Hiệu trưởng",
    UnitType.DISTRICT_OFFICE: "Trưởng phòng",
    UnitType.WARD: "Chủ tịch",
    UnitType.DEPARTMENT_OF_EDUCATION: "Giám đốc",
}
LEVELS = {
    UnitType.SCHOOL: AuthorityLevel.SCHOOL,
    UnitType.DISTRICT_OFFICE: AuthorityLevel.DISTRICT,
    UnitType.WARD: AuthorityLevel.DISTRICT,
    UnitType.DEPARTMENT_OF_EDUCATION: AuthorityLevel.PROVINCE,
}
LAW = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"
DECREE_98 = (
    "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi "
    "tiết thi hành một số điều của Luật Thi đua, khen thưởng"
)
DECREE_152 = (
    "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật "
    "Thi đua, khen thưởng"
)
DECREE_152_FROM = dt.date(2025, 7, 1)


def upper(text: str) -> str:
    return text.upper()


def symbol_for(unit: Unit) -> str:
    """'QĐ-THCSTBC' from the unit code 'THCS-TBC'."""
    letters = "".join(ch for ch in strip_accents(unit.code).upper() if ch.isalnum())
    return f"QĐ-{letters}"


def head_title(unit: Unit) -> str:
    return HEAD_TITLES.get(unit.type, "Thủ trưởng")


def authority_for(unit: Unit) -> str:
    """'Hiệu trưởng Trường THCS Trần Bội Cơ'; 'Trưởng phòng Giáo dục và Đào tạo Quận 5'."""
    title = head_title(unit)
    name = unit.name
    if unit.type == UnitType.DISTRICT_OFFICE and name.lower().startswith("phòng "):
        name = name[len("phòng ") :]
    if unit.type == UnitType.WARD:
        return f"{title} Ủy ban nhân dân {name}"
    return f"{title} {name}"


def number_label(number: int, symbol: str) -> str:
    """'05/QĐ-THCSTBC': numbers below 10 take a leading zero (Decree 30/2020)."""
    return f"{number:02d}/{symbol}"


def legal_bases_for(unit: Unit, on: dt.date) -> list[str]:
    """The usual 'Căn cứ …' lines for the date of the decision."""
    decree = DECREE_152 if on >= DECREE_152_FROM else DECREE_98
    return [LAW, decree, f"Căn cứ Quy chế thi đua, khen thưởng của {unit.name}"]


def proposal_basis_for(unit: Unit, submissions: Iterable[Any] = ()) -> str:
    basis = f"Xét đề nghị của Hội đồng Thi đua – Khen thưởng {unit.name}"
    letters = [
        f"Tờ trình số {s.number} ngày {s.signed_on:%d/%m/%Y} của {s.from_unit.name}"
        for s in submissions
    ]
    if letters:
        basis += " và " + "; ".join(letters)
    return basis


def subject_for(awards: Iterable[str], school_year: str) -> str:
    """The trích yếu from the awards the decision grants."""
    awards = set(awards)
    titles = awards & ANNUAL_TITLES
    forms = awards - ANNUAL_TITLES
    year = f" năm học {school_year}" if school_year else ""
    if titles and not forms:
        return f"Về việc công nhận danh hiệu thi đua{year}"
    if forms == {"giay_khen"} and not titles:
        return f"Về việc tặng Giấy khen{year}"
    if forms and not titles:
        return f"Về việc khen thưởng{year}"
    return f"Về việc công nhận danh hiệu thi đua và khen thưởng{year}"


def default_articles(kind: str) -> list[str]:
    if kind == "revocation":
        return [
            "Các cá nhân, tập thể có tên tại Điều 1 có trách nhiệm nộp lại giấy khen, hiện vật "
            "và tiền thưởng đã nhận theo quy định.",
            "Quyết định này có hiệu lực kể từ ngày ký. Các bộ phận có liên quan và các cá nhân, "
            "tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
        ]
    if kind == "correction":
        return [
            "Các nội dung khác của Quyết định được đính chính giữ nguyên giá trị thi hành.",
            "Quyết định này có hiệu lực kể từ ngày ký. Các bộ phận có liên quan và các cá nhân, "
            "tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
        ]
    return [
        "Tiền thưởng kèm theo danh hiệu, hình thức khen thưởng thực hiện theo quy định hiện "
        "hành của Nhà nước và quy chế chi tiêu nội bộ của đơn vị.",
        "Quyết định này có hiệu lực kể từ ngày ký. Các bộ phận có liên quan và các cá nhân, "
        "tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
    ]


def default_recipients(unit: Unit) -> list[str]:
    lines = ["Như Điều 3;"]
    if unit.parent is not None:
        lines.append(f"{unit.parent.name} (để báo cáo);")
    lines.append("Lưu: VT, TĐKT.")
    return lines


def _count(n: int, person: bool) -> str:
    return f"{n:02d} {'cá nhân' if person else 'tập thể'}"


def article_one(decision: Any, lines: list[Any]) -> str:
    """Điều 1, written from the lines (frozen with them when the decision is issued)."""
    if decision.kind == "correction" and decision.corrects is not None:
        target = decision.corrects
        return (
            f"Đính chính Quyết định {target.label} của {target.authority} như sau "
            f"({len(lines):02d} nội dung, chi tiết tại danh sách kèm theo)."
        )
    if decision.kind == "revocation" and decision.revokes is not None:
        target = decision.revokes
        reason = (
            RevocationReason(decision.revocation_reason).label if decision.revocation_reason else ""
        )
        who = "; ".join(f"{line.name} ({label(line.award)})" for line in lines)
        text = (
            f"Hủy bỏ khen thưởng tại Quyết định {target.label} của {target.authority} đối với: "
            f"{who}. Lý do: {reason}"
        )
        if decision.reason_text:
            text += f" – {decision.reason_text}"
        return text.rstrip(".") + "."
    groups: Counter[tuple[str, bool]] = Counter((line.award, line.is_person) for line in lines)
    parts = []
    for award in dict.fromkeys(line.award for line in lines):
        people, collectives = groups.get((award, True), 0), groups.get((award, False), 0)
        whom = " và ".join(
            c
            for c in (people and _count(people, True), collectives and _count(collectives, False))
            if c
        )
        verb = "Công nhận danh hiệu" if award in ANNUAL_TITLES else "Tặng"
        parts.append(f"{verb} “{label(award)}” cho {whom}")
    parts = parts[:1] + [p[:1].lower() + p[1:] for p in parts[1:]]
    return "; ".join(parts) + " (có danh sách kèm theo)."


def place_date(decision: Any) -> str:
    if decision.issued_on is None:
        return f"{decision.place}, ngày … tháng … năm …" if decision.place else ""
    return vn_date(decision.issued_on, place=decision.place)


def signature_lines(decision: Any) -> list[str]:
    """The signing-authority lines above the name: 'KT. HIỆU TRƯỞNG', 'PHÓ HIỆU TRƯỞNG'."""
    if decision.signing_mode:
        first = (
            f"{decision.signing_mode} {upper(decision.signing_for or head_title(decision.issuer))}"
        )
        return [first, upper(decision.signer_title)]
    return [upper(decision.signer_title)]
