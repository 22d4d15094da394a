"""Individual titles (R-LDTT-*, R-CSTDCS-*, R-CSTDT-1, R-CSTDTQ-1) and individual award forms
(R-GK-1, R-BKTINH-1, R-BKTTG-1, R-HCLD3-1)."""

from __future__ import annotations

from datetime import date, timedelta

from .. import catalog
from ..context import Ctx
from ..params import require
from ..registry import cohort_rule, history_rule, rule
from ..results import FAIL, MISSING, PASS, Finding
from .common import (
    _UNSET,
    RL,
    TL,
    add_months,
    cached,
    cohort_cap,
    consecutive_ending,
    discipline_label,
    finding,
    first_missing_rating,
    fmt,
    full_months,
    in_year,
    interval_finding,
    ladder_finding,
    last_year,
    rating_streak,
    revocation_finding,
    staff_rank,
    worst,
    years_text,
)

LDTT = "lao_dong_tien_tien"
CSTDCS = "chien_si_thi_dua_co_so"
CSTDT = "chien_si_thi_dua_cap_tinh"
CSTDTQ = "chien_si_thi_dua_toan_quoc"
BKT = "bang_khen_cap_tinh"
BKTTG = "bang_khen_thu_tuong"
HCLD3 = "huan_chuong_lao_dong_hang_ba"
LDTT_FAMILY = (LDTT, CSTDCS)
PERSON = ("person",)
RANK = catalog.RATING_RANK
SCOPE = catalog.SCOPE_RANK
P = "titles.lao_dong_tien_tien."
P_MIN_RATING = P + "min_rating"
P_DISC = P + "disqualifying_discipline_level"
P_NEW_HIRE = P + "new_hire_min_months"
P_CUTOFF = P + "new_hire_cutoff"
EMPTY_YEARS: frozenset[int] = frozenset()

require(
    *(
        P + n
        for n in (
            "min_rating", "disqualifying_discipline_level", "new_hire_min_months",
            "new_hire_cutoff", "maternity_max_months", "injury_requires_certificate",
            "long_training_min_months", "training_min_result", "short_training_requires_result",
            "transfer_comment_min_months", "max_absence_months",
        )
    ),
    "titles.chien_si_thi_dua_co_so.htxsnv_suffices",
    "titles.chien_si_thi_dua_co_so.initiative_min_scope",
    "titles.chien_si_thi_dua_co_so.max_share_of_ldtt",
    "titles.chien_si_thi_dua_cap_tinh.consecutive_cstdcs",
    "titles.chien_si_thi_dua_cap_tinh.initiative_min_scope",
    "titles.chien_si_thi_dua_cap_tinh.period_years",
    "titles.chien_si_thi_dua_toan_quoc.consecutive_cstdt",
    "titles.chien_si_thi_dua_toan_quoc.initiative_min_scope",
    "titles.chien_si_thi_dua_toan_quoc.max_years_since_last_cstdt",
    "titles.giay_khen.min_rating",
    "titles.giay_khen.requires_achievement",
)  # fmt: skip


def _scope_label(scope: str) -> str:
    return catalog.SCOPE_LABELS[scope]


def _has_work(c: Ctx, years: frozenset[str], min_scope: str) -> str | None:
    """A description of the first initiative or accepted research project in ``years`` at a
    scope at least ``min_scope``, or None."""
    f = c.f
    if not f.initiatives and not f.research_projects:  # type: ignore[union-attr]
        return None
    floor = SCOPE[min_scope]
    for i in f.initiatives:  # type: ignore[union-attr]
        if i.school_year in years and SCOPE[i.scope] >= floor:
            return f"sáng kiến được công nhận {_scope_label(i.scope)} năm học {i.school_year}"
    for r in f.research_projects:  # type: ignore[union-attr]
        if r.accepted and r.school_year in years and SCOPE[r.scope] >= floor:
            return f"đề tài khoa học {_scope_label(r.scope)} đã nghiệm thu năm học {r.school_year}"
    return None


_LABELS: dict[tuple[int, int], frozenset[str]] = {}


def _labels(years: range) -> frozenset[str]:
    """School-year labels of a range of start years (cached)."""
    key = (years.start, years.stop)
    out = _LABELS.get(key)
    if out is None:
        out = _LABELS[key] = frozenset(catalog.year_label(k) for k in years)
    return out


# --- Lao động tiên tiến ----------------------------------------------------------------------


@rule(*LDTT_FAMILY, code="R-LDTT-1", subjects=PERSON)
def rated_good_or_better(c: Ctx) -> Finding:
    """R-LDTT-1 — annual rating "Hoàn thành tốt nhiệm vụ" or higher (Luật TĐKT 2022 Art. 24(1))."""
    r = c.f.ratings.get(c.sy)  # type: ignore[union-attr]
    min_r = c.v[P_MIN_RATING]
    if r is not None:
        if RANK[r] >= RANK[min_r]:
            memo = c.p.memo
            key = ("R-LDTT-1", c.sy, r)
            f = memo.get(key)
            if f is None:
                f = memo[key] = finding(
                    c, "R-LDTT-1", PASS,
                    f"Xếp loại năm học {c.sy}: {RL[r]} (yêu cầu từ {RL[min_r]} trở lên).",
                )  # fmt: skip
            return f  # type: ignore[no-any-return]
        if training_status(c)[0]:
            return finding(
                c, "R-LDTT-1", PASS,
                f"Năm học {c.sy} đi đào tạo từ 01 năm trở lên, được tính tương đương Lao động "
                "tiên tiến (R-LDTT-6).",
            )  # fmt: skip
        return cached(
            c, ("R-LDTT-1", c.sy, r),
            lambda: finding(
                c, "R-LDTT-1", FAIL,
                f"Xếp loại năm học {c.sy}: {RL[r]}, dưới mức yêu cầu {RL[min_r]} trở lên.",
            ),
        )  # fmt: skip
    if training_status(c)[0]:
        return finding(
            c, "R-LDTT-1", PASS,
            f"Năm học {c.sy} đi đào tạo từ 01 năm trở lên, được tính tương đương Lao động tiên tiến "
            "(R-LDTT-6).",
        )  # fmt: skip
    if c.title == CSTDCS and c.y in c.derived().held.get(LDTT, EMPTY_YEARS):
        return finding(
            c, "R-LDTT-1", PASS, f"Đã được công nhận danh hiệu Lao động tiên tiến năm học {c.sy}."
        )
    return cached(
        c, ("R-LDTT-1", c.sy, None),
        lambda: finding(
            c, "R-LDTT-1", MISSING,
            f"Chưa có kết quả xếp loại năm học {c.sy}.",
            f"Nhập kết quả đánh giá, xếp loại năm học {c.sy} (htxsnv, httnv, htnv hoặc khtnv).",
        ),
    )  # fmt: skip


@rule(*catalog.INDIVIDUAL_TITLES, code="R-LDTT-2", subjects=PERSON)
def not_disciplined(c: Ctx) -> Finding | None:
    """R-LDTT-2 — not disciplined at khiển trách or higher in the evaluation year (NĐ 91/2017;
    TT 01/2024/TT-BNV [S]); a decision for a violation already used to refuse LĐTT in an
    earlier year is not counted again."""
    records = c.f.discipline  # type: ignore[union-attr]
    if not records:
        memo = c.p.memo
        key = ("R-LDTT-2", c.sy)
        f = memo.get(key, _UNSET)
        if f is _UNSET:
            level = c.v[P_DISC]
            f = memo[key] = None if level is None else finding(
                c, "R-LDTT-2", PASS,
                f"Không bị kỷ luật từ {discipline_label(level)} trở lên trong năm học {c.sy}.",
            )  # fmt: skip
        return f  # type: ignore[no-any-return]
    level = c.v[P_DISC]
    if level is None:
        return None
    floor = staff_rank(c, level)
    hits = []
    skipped = []
    for d in records:
        if not in_year(c, d.decided_on) or staff_rank(c, d.level) < floor:
            continue
        if d.already_counted_in is not None and d.already_counted_in != c.sy:
            skipped.append(d)
            continue
        hits.append(d)
    if hits:
        text = "; ".join(f"{discipline_label(d.level)} ngày {fmt(d.decided_on)}" for d in hits)
        return finding(
            c, "R-LDTT-2", FAIL,
            f"Bị kỷ luật trong năm học {c.sy} ({text}): không xét danh hiệu khi bị kỷ luật từ "
            f"{discipline_label(level)} trở lên.",
        )  # fmt: skip
    note = ""
    if skipped:
        note = " " + "; ".join(
            f"Quyết định kỷ luật ngày {fmt(d.decided_on)} là vi phạm đã được tính khi không xét "
            f"Lao động tiên tiến năm học {d.already_counted_in}, không tính lại."
            for d in skipped
        )
    return finding(
        c, "R-LDTT-2", PASS,
        f"Không bị kỷ luật từ {discipline_label(level)} trở lên trong năm học {c.sy}.{note}",
    )  # fmt: skip


_CUTOFFS: dict[tuple[int, str], tuple[date, date]] = {}


def _cutoff(y: int, month_day: str) -> tuple[date, date]:
    """(cut-off date of the year, the same date a year earlier)."""
    key = (y, month_day)
    d = _CUTOFFS.get(key)
    if d is None:
        month = int(month_day[:2])
        cutoff = date(y if month >= 9 else y + 1, month, int(month_day[3:]))
        d = _CUTOFFS[key] = (cutoff, add_months(cutoff, -12))
    return d


@rule(*LDTT_FAMILY, code="R-LDTT-3", subjects=PERSON)
def new_hire_months(c: Ctx) -> Finding | None:
    """R-LDTT-3 — a new hire needs at least ``new_hire_min_months`` months in the year
    (10 under NĐ 91/2017, 6 under TT 01/2024/TT-BNV [?])."""
    hired = c.f.hired_on  # type: ignore[union-attr]
    if hired is None:
        return None
    cutoff, year_before = _cutoff(c.y, c.v[P_CUTOFF])
    if hired <= year_before:
        return None  # recruited before the year: not a new hire
    need = c.v[P_NEW_HIRE]
    if need is None:
        return None
    months = full_months(hired, cutoff)
    text = (
        f"Tuyển dụng ngày {fmt(hired)}, đến {fmt(cutoff)} được {months} tháng công tác "
        f"(người mới tuyển dụng cần từ {need} tháng)"
    )
    if months >= need:
        return finding(c, "R-LDTT-3", PASS, text + ".")
    return finding(c, "R-LDTT-3", FAIL, text + ": chưa đủ thời gian để xét.")


def training_status(c: Ctx) -> tuple[bool, list[Finding]]:
    """(long training equivalent to LĐTT, R-LDTT-6 findings) for the year; memoised."""
    memo = c.memo
    if memo is not None and "training" in memo:
        return memo["training"]  # type: ignore[no-any-return]
    result = _training(c)
    if memo is None:
        c.memo = {"training": result}
    else:
        memo["training"] = result
    return result


def _training(c: Ctx) -> tuple[bool, list[Finding]]:
    trainings = c.f.training  # type: ignore[union-attr]
    if not trainings:
        return False, []
    long_min = c.v[P + "long_training_min_months"]
    min_res = c.v[P + "training_min_result"]
    short_req = c.v[P + "short_training_requires_result"]
    ranks = catalog.TRAINING_RESULT_RANK
    labels = catalog.TRAINING_RESULT_LABELS
    min_rank = ranks.get(min_res, 0)
    out: list[Finding] = []
    equivalent = False
    for t in trainings:
        if t.end < c.first_day or t.start > c.last_day:
            continue
        months = full_months(t.start, t.end)
        period = f"từ {fmt(t.start)} đến {fmt(t.end)} ({months} tháng)"
        long = long_min is not None and months >= long_min
        res = f"kết quả {labels[t.result]}" if t.result else "chưa có kết quả"
        res_ok = t.result is not None and ranks[t.result] >= min_rank
        what = f"Đào tạo, bồi dưỡng {period}"
        if t.complied is False:
            out.append(
                finding(
                    c, "R-LDTT-6", FAIL, f"{what}: không chấp hành tốt quy định của cơ sở đào tạo."
                )
            )
        elif long:
            if t.complied is None or t.result is None:
                out.append(
                    finding(
                        c,
                        "R-LDTT-6",
                        MISSING,
                        f"{what}: từ 01 năm trở lên, chưa có xác nhận chấp hành và kết quả học tập.",
                        f"Nhập xác nhận chấp hành (complied) và kết quả học tập (result) của khóa "
                        f"đào tạo {period}.",
                    )  # fmt: skip
                )
            elif res_ok:
                equivalent = True
                out.append(
                    finding(
                        c,
                        "R-LDTT-6",
                        PASS,
                        f"{what}: từ 01 năm trở lên, chấp hành tốt, {res}: năm học {c.sy} được "
                        "tính tương đương Lao động tiên tiến.",
                    )  # fmt: skip
                )
            else:
                out.append(
                    finding(
                        c,
                        "R-LDTT-6",
                        FAIL,
                        f"{what}: từ 01 năm trở lên, {res}, dưới mức {labels.get(min_res, min_res)}: "
                        "không được tính tương đương Lao động tiên tiến.",
                    )  # fmt: skip
                )
        elif t.complied is None or (short_req and t.result is None):
            out.append(
                finding(
                    c,
                    "R-LDTT-6",
                    MISSING,
                    f"{what}: chưa có xác nhận chấp hành"
                    + (" và kết quả học tập." if short_req else "."),
                    "Nhập xác nhận chấp hành (complied)"
                    + (" và kết quả học tập (result)" if short_req else "")
                    + f" của khóa đào tạo {period}.",
                )  # fmt: skip
            )
        elif short_req and not res_ok:
            out.append(
                finding(
                    c,
                    "R-LDTT-6",
                    FAIL,
                    f"{what}: dưới 01 năm, {res}, dưới mức {labels.get(min_res, min_res)}.",
                )
            )
        else:
            out.append(
                finding(
                    c,
                    "R-LDTT-6",
                    PASS,
                    f"{what}: dưới 01 năm, chấp hành tốt"
                    + (f", {res}" if t.result else "")
                    + ": kết hợp thời gian đào tạo với thời gian công tác để xét.",
                )  # fmt: skip
            )
    return equivalent, out


@rule(*LDTT_FAMILY, code="R-LDTT-6", subjects=PERSON)
def training_counts(c: Ctx) -> list[Finding] | None:
    """R-LDTT-6 — training under 1 year combines with work time; 1 year or more, complied and
    "khá" or better, counts as LĐTT (NĐ 91/2017 [S]; TT 01/2024 [M])."""
    if not c.f.training:  # type: ignore[union-attr]
        return None
    return training_status(c)[1] or None


def _overlap_days(start: date, end: date, lo: date, hi: date) -> int:
    a = max(start, lo)
    b = min(end, hi)
    return (b - a).days + 1 if b >= a else 0


@rule(*LDTT_FAMILY, code="R-LDTT-8", subjects=PERSON, emits=("R-LDTT-4", "R-LDTT-5"))
def leave_and_absence(c: Ctx) -> list[Finding] | None:
    """R-LDTT-4, R-LDTT-5, R-LDTT-8 — statutory maternity leave and certified duty-injury
    treatment count as work time; other absence is limited only when ``max_absence_months`` is
    set (the old 40-day rule was abolished by NĐ 91/2017 [S])."""
    leaves = c.f.leave  # type: ignore[union-attr]
    if not leaves:
        return None
    lo, hi = c.first_day, c.last_day
    max_mat = c.v[P + "maternity_max_months"]
    limit = c.v[P + "max_absence_months"]
    cert_req = c.v[P + "injury_requires_certificate"]
    absence = unknown = mat_excess = injury_uncertified = 0
    maternity: list[str] = []
    injuries: list[str] = []
    for lv in leaves:
        days = _overlap_days(lv.start, lv.end, lo, hi)
        if days == 0:
            continue
        kind = catalog.LEAVE_KIND_ALIASES.get(lv.kind, "other")
        period = f"từ {fmt(lv.start)} đến {fmt(lv.end)}"
        if kind == "maternity":
            excess = 0
            if max_mat is not None:
                statutory_end = add_months(lv.start, max_mat) - timedelta(days=1)
                if lv.end > statutory_end:
                    excess = _overlap_days(statutory_end + timedelta(days=1), lv.end, lo, hi)
            mat_excess += excess
            absence += excess
            maternity.append(period + (f" (vượt chế độ {excess} ngày)" if excess else ""))
        elif kind == "injury":
            if not cert_req or lv.certified:
                injuries.append(period + " (có xác nhận)")
            elif lv.certified is False:
                absence += days
                injury_uncertified += days
                injuries.append(period + " (không có xác nhận)")
            else:
                unknown += days
                injuries.append(period + " (chưa có thông tin xác nhận)")
        else:
            absence += days
    limit_days = None if limit is None else limit * 30
    over = limit_days is not None and absence >= limit_days
    maybe = limit_days is not None and not over and absence + unknown >= limit_days
    limit_text = "" if limit is None else f" (giới hạn {limit} tháng ≈ {limit_days} ngày)"
    out: list[Finding] = []
    if maternity:
        text = f"Nghỉ thai sản {'; '.join(maternity)}"
        if mat_excess and over:
            out.append(
                finding(
                    c,
                    "R-LDTT-4",
                    FAIL,
                    f"{text}: chỉ {max_mat} tháng theo chế độ được tính là thời gian công tác; "
                    f"tổng thời gian nghỉ được tính {absence} ngày{limit_text}.",
                )  # fmt: skip
            )
        else:
            out.append(
                finding(
                    c,
                    "R-LDTT-4",
                    PASS,
                    f"{text}: thời gian nghỉ thai sản theo chế độ ({max_mat} tháng) được tính là "
                    "thời gian công tác.",
                )  # fmt: skip
            )
    if injuries:
        text = f"Điều trị do bị thương khi làm nhiệm vụ {'; '.join(injuries)}"
        if over and injury_uncertified:
            out.append(
                finding(
                    c,
                    "R-LDTT-5",
                    FAIL,
                    f"{text}: không có xác nhận của cơ sở y tế từ cấp huyện nên tính là thời gian "
                    f"nghỉ; tổng {absence} ngày{limit_text}.",
                )  # fmt: skip
            )
        elif maybe:
            out.append(
                finding(
                    c,
                    "R-LDTT-5",
                    MISSING,
                    f"{text}: cần xác nhận của cơ sở y tế từ cấp huyện để tính là thời gian công tác.",
                    "Bổ sung xác nhận của cơ sở y tế từ cấp huyện trở lên (certified) cho thời gian "
                    "điều trị.",
                )  # fmt: skip
            )
        else:
            out.append(
                finding(
                    c,
                    "R-LDTT-5",
                    PASS,
                    f"{text}: thời gian điều trị có xác nhận được tính là thời gian công tác.",
                )
            )
    if limit_days is None:
        out.append(
            finding(
                c,
                "R-LDTT-8",
                PASS,
                f"Thời gian nghỉ không được tính là công tác trong năm học {c.sy}: {absence} ngày; "
                "không áp dụng giới hạn thời gian nghỉ.",
            )  # fmt: skip
        )
    else:
        out.append(
            finding(
                c,
                "R-LDTT-8",
                FAIL if over else PASS,
                f"Thời gian nghỉ không được tính là công tác trong năm học {c.sy}: {absence} ngày"
                f"{limit_text}" + (": không được xét." if over else "."),
            )  # fmt: skip
        )
    return out


@rule(*LDTT_FAMILY, code="R-LDTT-7", subjects=PERSON)
def transfer_comment(c: Ctx) -> list[Finding] | None:
    """R-LDTT-7 — after a transfer the new unit evaluates, based on the old unit's comment when
    the person worked there ``transfer_comment_min_months`` months or more [S/M]."""
    if not c.f.transfers:  # type: ignore[union-attr]
        return None
    transfers = [t for t in c.f.transfers if c.first_day <= t.on <= c.last_day]  # type: ignore[union-attr]
    if not transfers:
        return None
    need = c.v[P + "transfer_comment_min_months"]
    out: list[Finding] = []
    start = c.first_day
    for t in sorted(transfers, key=lambda t: t.on):
        months = full_months(start, t.on - timedelta(days=1))
        start = t.on
        where = (
            f"Chuyển công tác ngày {fmt(t.on)}"
            + (f" từ {t.from_unit}" if t.from_unit else "")
            + (f" đến {t.to_unit}" if t.to_unit else "")
        )
        if t.secondment:
            out.append(
                finding(c, "R-LDTT-7", PASS, f"{where} (biệt phái): đơn vị tiếp nhận bình xét.")
            )
        elif need is None or months < need:
            out.append(
                finding(
                    c,
                    "R-LDTT-7",
                    PASS,
                    f"{where}: ở đơn vị cũ {months} tháng trong năm học, không bắt buộc ý kiến "
                    "nhận xét của đơn vị cũ; đơn vị mới bình xét.",
                )  # fmt: skip
            )
        elif t.previous_unit_comment is True:
            out.append(
                finding(
                    c,
                    "R-LDTT-7",
                    PASS,
                    f"{where}: ở đơn vị cũ {months} tháng, đã có ý kiến nhận xét của đơn vị cũ; "
                    "đơn vị mới bình xét.",
                )  # fmt: skip
            )
        elif t.previous_unit_comment is False:
            out.append(
                finding(
                    c,
                    "R-LDTT-7",
                    FAIL,
                    f"{where}: ở đơn vị cũ {months} tháng (từ {need} tháng) nhưng không có ý kiến "
                    "nhận xét của đơn vị cũ làm căn cứ bình xét.",
                )  # fmt: skip
            )
        else:
            out.append(
                finding(
                    c,
                    "R-LDTT-7",
                    MISSING,
                    f"{where}: ở đơn vị cũ {months} tháng, cần ý kiến nhận xét của đơn vị cũ.",
                    "Bổ sung ý kiến nhận xét của đơn vị cũ (previous_unit_comment).",
                )  # fmt: skip
            )
    return out


# --- Chiến sĩ thi đua cơ sở ----------------------------------------------------------------------

Q = "titles.chien_si_thi_dua_co_so."


@rule(CSTDCS, code="R-CSTDCS-1", subjects=PERSON)
def cstdcs_criteria(c: Ctx) -> Finding:
    """R-CSTDCS-1 — meets the LĐTT standard, and is rated HTXSNV or has an initiative recognised
    at grassroots level or an accepted research project (Luật TĐKT 2022 Art. 23 [S×3]; before
    2024 an initiative or research project was mandatory [V])."""
    failed = tuple(
        sorted({f.rule_id for f in c.findings if f.outcome != PASS and f.rule_id[:6] == "R-LDTT"})
    )
    part1 = worst(f.outcome for f in c.findings if f.rule_id[:6] == "R-LDTT") if failed else PASS
    suffices = c.v[Q + "htxsnv_suffices"]
    r = c.f.ratings.get(c.sy)  # type: ignore[union-attr]
    work = None
    if not (suffices and r == "htxsnv"):
        work = _has_work(c, frozenset((c.sy,)), c.v[Q + "initiative_min_scope"])
    memo = c.p.memo
    key = ("R-CSTDCS-1", c.sy, failed, part1, r, work)
    f = memo.get(key)
    if f is None:
        f = memo[key] = _cstdcs_finding(c, part1, failed, suffices, r, work)
    return f  # type: ignore[no-any-return]


def _cstdcs_finding(
    c: Ctx, part1: str, failed: tuple[str, ...], suffices: bool, r: str | None, work: str | None
) -> Finding:
    if suffices and r == "htxsnv":
        part2, why = PASS, f"xếp loại {RL['htxsnv']} năm học {c.sy}"
    elif work:
        part2, why = PASS, work
    elif suffices and r is None:
        part2, why = MISSING, f"chưa có xếp loại năm học {c.sy} và chưa có sáng kiến, đề tài"
    elif suffices:
        part2, why = (
            FAIL,
            (
                f"xếp loại {RL[r]} (không phải hoàn thành xuất sắc nhiệm vụ) và không có sáng kiến "  # type: ignore[index]
                f"được cơ sở công nhận hoặc đề tài đã nghiệm thu năm học {c.sy}"
            ),
        )
    else:
        part2, why = (
            FAIL,
            (
                f"không có sáng kiến được cơ sở công nhận hoặc đề tài đã nghiệm thu năm học {c.sy} "
                "(bắt buộc theo quy định áp dụng trước 01/01/2024)"
            ),
        )
    outcome = worst((part1, part2))
    text1 = (
        "đạt tiêu chuẩn Lao động tiên tiến"
        if part1 == PASS
        else f"chưa đạt tiêu chuẩn Lao động tiên tiến ({', '.join(failed)})"
    )
    msg = f"Chiến sĩ thi đua cơ sở năm học {c.sy}: {text1}; {why}."
    if outcome == MISSING:
        return finding(
            c, "R-CSTDCS-1", MISSING, msg,
            f"Nhập xếp loại năm học {c.sy} hoặc sáng kiến, đề tài đã được công nhận.",
        )  # fmt: skip
    return finding(c, "R-CSTDCS-1", outcome, msg)


@cohort_rule(CSTDCS, code="R-CSTDCS-2", subjects=PERSON)
def cstdcs_cap(c: Ctx) -> Finding | None:
    """R-CSTDCS-2 — at most floor(share × LĐTT of the unit) CSTĐCS (15 % under NĐ 91/2017
    Art. 9 cl. 3 before 2024 [V]; afterwards only a configured sector/local share)."""
    return cohort_cap(c)


# --- Chiến sĩ thi đua cấp tỉnh ---------------------------------------------------------------------

T = "titles.chien_si_thi_dua_cap_tinh."


@history_rule(CSTDT, code="R-CSTDT-1", subjects=PERSON, emits=("R-GEN-3", "R-GEN-4", "R-GEN-9"))
def cstdt_criteria(c: Ctx) -> list[Finding]:
    """R-CSTDT-1 — 3 consecutive CSTĐCS ending in the evaluated year, counted after the previous
    CSTĐ cấp tỉnh, and an initiative or research project of province-wide scope in that period
    (Luật TĐKT 2022 Art. 22 [S])."""
    d = c.derived()
    y = c.y
    need = c.v[T + "consecutive_cstdcs"]
    years = d.held.get(CSTDCS, EMPTY_YEARS)
    prev = last_year(d.held.get(CSTDT), y)
    streak = consecutive_ending(years, y, prev)
    raw = consecutive_ending(years, y)
    ok1 = streak >= need
    window = range(y - need + 1, y + 1)
    scope = c.v[T + "initiative_min_scope"]
    work = _has_work(c, _labels(window), scope)
    memo = c.p.memo
    key = ("R-CSTDT-1", c.sy, streak, work)
    main = memo.get(key)
    if main is None:
        if ok1:
            text1 = f"có {streak} năm liên tục đạt Chiến sĩ thi đua cơ sở đến năm học {c.sy}"
        else:
            text1 = (
                f"chỉ có {streak} năm liên tục đạt Chiến sĩ thi đua cơ sở tính đến năm học {c.sy} "
                f"(cần {need} lần liên tục, lần cuối là năm xét)"
            )
        text2 = work or (
            f"chưa có sáng kiến hoặc đề tài có phạm vi ảnh hưởng {_scope_label(scope)} trong các "
            f"năm học {years_text(window)}"
        )
        main = memo[key] = finding(
            c, "R-CSTDT-1", PASS if ok1 and work else FAIL,
            f"Chiến sĩ thi đua cấp bộ, ngành, tỉnh: {text1}; {text2}.",
        )  # fmt: skip
    out = [main, ladder_finding(c, ok1, f"{need} lần liên tục Chiến sĩ thi đua cơ sở")]
    extra = revocation_finding(c, (CSTDCS,), window, failed=not ok1)
    if extra:
        out.append(extra)
    extra = interval_finding(c, CSTDT, prev, prev or y, satisfied=ok1, blocked=raw >= need)
    if extra:
        out.append(extra)
    return out


# --- Chiến sĩ thi đua toàn quốc ----------------------------------------------------------------------

N = "titles.chien_si_thi_dua_toan_quoc."


def _cstdt_chain(
    years: list[int], y: int, period: int, max_age: int, after: int | None
) -> list[int]:
    cands = [k for k in years if k <= y and (after is None or k > after)]
    if not cands or y - cands[-1] > max_age:
        return []
    chain = [cands[-1]]
    for k in reversed(cands[:-1]):
        if 0 < chain[-1] - k <= period:
            chain.append(k)
        else:
            break
    return chain


@history_rule(CSTDTQ, code="R-CSTDTQ-1", subjects=PERSON, emits=("R-GEN-3", "R-GEN-4", "R-GEN-9"))
def cstdtq_criteria(c: Ctx) -> list[Finding]:
    """R-CSTDTQ-1 — 2 consecutive CSTĐ cấp tỉnh (periods without a gap), the latest in the
    evaluated or previous year, and an initiative or S&T work of nationwide scope
    (Luật TĐKT 2022 Art. 21 [S])."""
    d = c.derived()
    y = c.y
    need = c.v[N + "consecutive_cstdt"]
    period = c.v[T + "period_years"]
    max_age = c.v[N + "max_years_since_last_cstdt"]
    held = sorted(d.held.get(CSTDT, EMPTY_YEARS))
    prev = last_year(d.held.get(CSTDTQ), y)
    chain = _cstdt_chain(held, y, period, max_age, prev)
    raw = _cstdt_chain(held, y, period, max_age, None)
    ok1 = len(chain) >= need
    start = (min(chain) if chain else y - need * period + 1) - period + 1
    window = range(start, y + 1)
    scope = c.v[N + "initiative_min_scope"]
    work = _has_work(c, _labels(window), scope)
    memo = c.p.memo
    key = ("R-CSTDTQ-1", c.sy, tuple(chain), work)
    main = memo.get(key)
    if main is None:
        if ok1:
            text1 = f"có {len(chain)} lần liên tục Chiến sĩ thi đua cấp tỉnh (năm học {years_text(chain)})"
        else:
            text1 = (
                f"có {len(chain)} lần liên tục Chiến sĩ thi đua cấp tỉnh"
                + (f" (năm học {years_text(chain)})" if chain else "")
                + f", cần {need} lần liên tục, lần gần nhất không quá {max_age} năm trước năm xét"
            )
        text2 = work or (
            f"chưa có sáng kiến hoặc công trình khoa học có phạm vi ảnh hưởng {_scope_label(scope)}"
        )
        main = memo[key] = finding(
            c, "R-CSTDTQ-1", PASS if ok1 and work else FAIL,
            f"Chiến sĩ thi đua toàn quốc: {text1}; {text2}.",
        )  # fmt: skip
    out = [
        main,
        ladder_finding(c, ok1, f"{need} lần liên tục Chiến sĩ thi đua cấp bộ, ngành, tỉnh"),
    ]
    extra = revocation_finding(c, (CSTDT,), window, failed=not ok1)
    if extra:
        out.append(extra)
    extra = interval_finding(c, CSTDTQ, prev, prev or y, satisfied=ok1, blocked=len(raw) >= need)
    if extra:
        out.append(extra)
    return out


# --- Giấy khen ---------------------------------------------------------------------------------------------


@rule("giay_khen", code="R-GK-1", subjects=("person", "collective"))
def giay_khen_criteria(c: Ctx) -> Finding:
    """R-GK-1 — HTTNV or better in the year and an achievement judged in a movement or a sudden
    one; no multi-year count (Luật TĐKT 2022 Art. 75 [V in substance])."""
    f = c.f
    min_r = c.v["titles.giay_khen.min_rating"]
    r = f.ratings.get(c.sy)  # type: ignore[union-attr]
    parts: list[tuple[str, str]] = []
    if r is None:
        parts.append((MISSING, f"chưa có xếp loại năm học {c.sy}"))
    elif RANK[r] >= RANK[min_r]:
        parts.append((PASS, f"xếp loại {RL[r]} năm học {c.sy}"))
    else:
        parts.append((FAIL, f"xếp loại {RL[r]} năm học {c.sy}, dưới mức {RL[min_r]}"))
    if c.v["titles.giay_khen.requires_achievement"]:
        achs = [a for a in f.achievements if a.school_year == c.sy]  # type: ignore[union-attr]
        if achs:
            parts.append((PASS, f"có {catalog.ACHIEVEMENT_KINDS[achs[0].kind]} năm học {c.sy}"))
        elif c.proposal is not None and c.proposal.achievement:
            parts.append((PASS, f"thành tích được đề nghị: {c.proposal.achievement}"))
        else:
            parts.append((MISSING, "chưa có thành tích được bình xét hoặc thành tích đột xuất"))
    outcome = worst(o for o, _ in parts)
    msg = f"Giấy khen: {'; '.join(t for _, t in parts)}."
    if outcome == MISSING:
        return finding(
            c, "R-GK-1", MISSING, msg,
            f"Nhập xếp loại năm học {c.sy} và thành tích được đề nghị khen thưởng.",
        )  # fmt: skip
    return finding(c, "R-GK-1", outcome, msg)


# --- Bằng khen cấp tỉnh (cá nhân) --------------------------------------------------------------------

B = "titles.bang_khen_cap_tinh."


@history_rule(BKT, code="R-BKTINH-1", subjects=PERSON, emits=("R-GEN-4", "R-GEN-9"))
def bang_khen_tinh_person(c: Ctx) -> list[Finding]:
    """R-BKTINH-1 — one of: outstanding achievement at province scope; 2 consecutive CSTĐCS;
    2 consecutive years HTXSNV with 2 initiatives (or 2 accepted research projects), counted
    after the previous Bằng khen (Luật TĐKT 2022 Art. 74 [V])."""
    f = c.f
    d = c.derived()
    y = c.y
    n = c.v[B + "consecutive_years"]
    prev = last_year(d.held.get(BKT), y)
    window = range(y - n + 1, y + 1)
    labels = _labels(window)
    alts: list[tuple[str, str]] = []
    blocked = False
    min_ach = SCOPE[c.v[B + "achievement_min_scope"]]
    achs = [
        a for a in f.achievements  # type: ignore[union-attr]
        if a.school_year == c.sy and SCOPE[a.scope] >= min_ach
    ]  # fmt: skip
    if achs:
        a = achs[0]
        alts.append(
            (PASS, f"{catalog.ACHIEVEMENT_KINDS[a.kind]} {_scope_label(a.scope)} năm học {c.sy}")
        )
    cstdcs_ok = True
    if c.v[B + "accepts_consecutive_cstdcs"]:
        held = d.held.get(CSTDCS, EMPTY_YEARS)
        s = consecutive_ending(held, y, prev)
        cstdcs_ok = s >= n
        blocked |= not cstdcs_ok and consecutive_ending(held, y) >= n
        alts.append(
            (PASS if cstdcs_ok else FAIL,
             f"{s}/{n} lần liên tục Chiến sĩ thi đua cơ sở đến năm học {c.sy}")
        )  # fmt: skip
    min_rank = RANK[c.v[B + "min_rating"]]
    s = rating_streak(d.ratings, y, min_rank, prev)
    scope = SCOPE[c.v[B + "initiative_min_scope"]]
    inits = sum(1 for i in f.initiatives if i.school_year in labels and SCOPE[i.scope] >= scope)  # type: ignore[union-attr]
    research = sum(
        1 for r in f.research_projects  # type: ignore[union-attr]
        if r.accepted and r.school_year in labels and SCOPE[r.scope] >= scope
    )  # fmt: skip
    need_i = c.v[B + "min_initiatives"]
    need_r = c.v[B + "min_research"]
    works_ok = inits >= need_i or (need_r is not None and research >= need_r)
    if s >= n and works_ok:
        alts.append(
            (PASS, f"{n} năm liên tục {RL['htxsnv']} với {inits} sáng kiến, {research} đề tài")
        )
    else:
        gap = first_missing_rating(d.ratings, y, n, prev) if s < n else None
        blocked |= s < n and rating_streak(d.ratings, y, min_rank) >= n and works_ok
        alts.append(
            (
                MISSING if gap is not None else FAIL,
                f"{s}/{n} năm liên tục {RL['htxsnv']}"
                + (
                    f" (chưa có xếp loại năm học {catalog.year_label(gap)})"
                    if gap is not None
                    else ""
                )
                + f", {inits}/{need_i} sáng kiến, {research}/{need_r} đề tài trong các năm học "
                f"{years_text(window)}",
            )
        )
    if any(o == PASS for o, _ in alts):
        outcome = PASS
    elif any(o == MISSING for o, _ in alts):
        outcome = MISSING
    else:
        outcome = FAIL
    msg = (
        "Bằng khen cấp bộ, ngành, tỉnh (một trong các tiêu chuẩn): "
        + "; ".join(t for _, t in alts)
        + "."
    )
    out = [
        finding(
            c,
            "R-BKTINH-1",
            outcome,
            msg,
            f"Nhập xếp loại các năm học {years_text(window)}." if outcome == MISSING else None,
        )  # fmt: skip
    ]
    extra = revocation_finding(c, (CSTDCS, BKT), window, failed=outcome == FAIL and not cstdcs_ok)
    if extra:
        out.append(extra)
    extra = interval_finding(c, BKT, prev, prev or y, satisfied=outcome == PASS, blocked=blocked)
    if extra:
        out.append(extra)
    return out


# --- Bằng khen Thủ tướng, Huân chương Lao động hạng Ba (cá nhân) ------------------------------------


def _anchor(c: Ctx, prereq: str, own: str) -> tuple[int | None, int | None]:
    """(earliest prerequisite award ending before the year and after the previous award of
    the same form, the previous award of the same form)."""
    d = c.derived()
    prev = last_year(d.held.get(own), c.y)
    ends = [e for e in d.held.get(prereq, ()) if e < c.y and (prev is None or e > prev)]
    return (min(ends) if ends else None), prev


def _after_award_rule(
    c: Ctx,
    *,
    rule_id: str,
    own: str,
    prereq: str,
    n: int,
    min_rating: str,
    extra_checks: list[tuple[str, int | None, int]],
) -> list[Finding]:
    """Common shape of "already holds X, then N consecutive years rated ≥ R with … in that
    period" (Bằng khen Thủ tướng, Huân chương). ``extra_checks`` = (label, needed, have)."""
    d = c.derived()
    y = c.y
    anchor, prev = _anchor(c, prereq, own)
    label = TL[c.title]
    if anchor is None:
        before = f" sau {TL[own]} lần trước" if prev is not None else ""
        out = [
            finding(
                c,
                rule_id,
                FAIL,
                f"{label}: chưa được tặng {TL[prereq]}{before} trước năm học {c.sy}.",
            ),
            ladder_finding(c, False, TL[prereq]),
        ]
        extra = revocation_finding(c, (prereq,), (), failed=True)
        if extra:
            out.append(extra)
        return out
    min_rank = RANK[min_rating]
    streak = rating_streak(d.ratings, y, min_rank, anchor)
    period = list(range(y - streak + 1, y + 1))
    parts = [
        f"đã được tặng {TL[prereq]} (thành tích đến năm học {catalog.year_label(anchor)})",
        f"sau đó {streak}/{n} năm liên tục từ {RL[min_rating]} trở lên đến năm học {c.sy}",
    ]
    ok = streak >= n
    gap = first_missing_rating(d.ratings, y, n, anchor) if not ok else None
    alternatives = [chk for chk in extra_checks if chk[1] is not None]
    if alternatives:
        met = [chk for chk in alternatives if chk[2] >= chk[1]]  # type: ignore[operator]
        parts.append(
            " hoặc ".join(f"{have}/{needed} {what}" for what, needed, have in alternatives)
            + (f" trong các năm học {years_text(period)}" if period else "")
        )
        ok = ok and bool(met)
    outcome = PASS if ok else (MISSING if gap is not None else FAIL)
    msg = f"{label}: {'; '.join(parts)}."
    out = [
        finding(
            c,
            rule_id,
            outcome,
            msg,
            f"Nhập xếp loại năm học {catalog.year_label(gap)}." if gap is not None else None,
        ),  # fmt: skip
        ladder_finding(c, True, f"{TL[prereq]} (năm học {catalog.year_label(anchor)})"),
    ]
    blocked = streak < n and rating_streak(d.ratings, y, min_rank) >= n
    extra = interval_finding(c, prereq, anchor, anchor, satisfied=streak >= n, blocked=blocked)
    if extra:
        out.append(extra)
    return out


def _count_in(years: frozenset[int], period: range) -> int:
    return sum(1 for k in period if k in years)


def _count_works(c: Ctx, period: range, min_scope: str) -> int:
    labels = _labels(period)
    floor = SCOPE[min_scope]
    return sum(1 for i in c.f.initiatives if i.school_year in labels and SCOPE[i.scope] >= floor)  # type: ignore[union-attr]


@history_rule(BKTTG, code="R-BKTTG-1", subjects=PERSON, emits=("R-GEN-3", "R-GEN-4", "R-GEN-9"))
def bang_khen_thu_tuong_person(c: Ctx) -> list[Finding]:
    """R-BKTTG-1 — already holds a Bằng khen cấp bộ/tỉnh, then 5 consecutive years HTTNV or
    better with 3 CSTĐCS in that period (Luật TĐKT 2022 Art. 73 cl. 1(b) [S]; NĐ 91/2017:
    HTXSNV with 5 initiatives [M])."""
    p = "titles.bang_khen_thu_tuong."
    n = c.v[p + "consecutive_years"]
    min_rating = c.v[p + "min_rating"]
    d = c.derived()
    anchor, _ = _anchor(c, BKT, BKTTG)
    streak = rating_streak(d.ratings, c.y, RANK[min_rating], anchor) if anchor is not None else 0
    period = range(c.y - streak + 1, c.y + 1)
    checks: list[tuple[str, int | None, int]] = []
    need_cstdcs = c.v[p + "min_cstdcs_in_period"]
    need_inits = c.v[p + "min_initiatives_in_period"]
    if need_cstdcs is not None:
        checks.append(
            (
                "lần Chiến sĩ thi đua cơ sở",
                need_cstdcs,
                _count_in(d.held.get(CSTDCS, EMPTY_YEARS), period),
            )
        )
    out = _after_award_rule(
        c, rule_id="R-BKTTG-1", own=BKTTG, prereq=BKT, n=n, min_rating=min_rating,
        extra_checks=checks,
    )  # fmt: skip
    if need_inits is not None and anchor is not None:
        have = _count_works(c, period, c.v[p + "initiative_min_scope"])
        if have < need_inits and out[0].outcome == PASS:
            out[0] = finding(
                c,
                "R-BKTTG-1",
                FAIL,
                out[0].message_vi[:-1]
                + f"; chỉ có {have}/{need_inits} sáng kiến trong thời gian đó.",
            )
    return out


@history_rule(HCLD3, code="R-HCLD3-1", subjects=PERSON, emits=("R-GEN-3", "R-GEN-4", "R-GEN-9"))
def huan_chuong_person(c: Ctx) -> list[Finding]:
    """R-HCLD3-1 — already holds a Bằng khen Thủ tướng, then 5 consecutive years HTXSNV with
    province-scope initiatives or 2 CSTĐ cấp tỉnh in that period (rules.md §4 [M])."""
    p = "titles.huan_chuong_lao_dong_hang_ba."
    n = c.v[p + "consecutive_years"]
    min_rating = c.v[p + "min_rating"]
    d = c.derived()
    anchor, _ = _anchor(c, BKTTG, HCLD3)
    streak = rating_streak(d.ratings, c.y, RANK[min_rating], anchor) if anchor is not None else 0
    period = range(c.y - streak + 1, c.y + 1)
    checks = [
        (
            f"sáng kiến {_scope_label(c.v[p + 'initiative_min_scope'])}",
            c.v[p + "min_initiatives_in_period"],
            _count_works(c, period, c.v[p + "initiative_min_scope"]),
        ),
        (
            "lần Chiến sĩ thi đua cấp tỉnh",
            c.v[p + "alt_min_cstdt"],
            _count_in(d.held.get(CSTDT, EMPTY_YEARS), period),
        ),
    ]
    return _after_award_rule(
        c, rule_id="R-HCLD3-1", own=HCLD3, prereq=BKTTG, n=n, min_rating=min_rating,
        extra_checks=checks,
    )  # fmt: skip
