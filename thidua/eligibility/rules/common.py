"""General principles (R-GEN-*), council votes (R-VOTE-*), publicity (R-HS-2) and helpers.

Rule functions take the evaluation context ``c`` and return a Finding, a list of Findings or
None (not applicable). Messages are Vietnamese, with the concrete years and numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

from .. import catalog
from ..context import Ctx
from ..params import fraction, percent, require
from ..registry import exclusivity_rule, rule
from ..results import DEFER, FAIL, MISSING, PASS, Finding

INDIVIDUAL = catalog.INDIVIDUAL_TITLES
COLLECTIVE = catalog.COLLECTIVE_TITLES
AWARDS = catalog.AWARD_FORMS
STAFF_TITLES = INDIVIDUAL + COLLECTIVE + AWARDS
ALL = catalog.ALL_IDS
TL = catalog.TITLE_LABELS
RL = catalog.RATING_LABELS
fmt = catalog.fmt_date

require(
    "general.regime",
    "general.registration_required_titles",
    "general.pending_kinds",
    "general.unit_head_min_unit_rating",
    "general.unit_title_rating",
    "council.quorum",
    "dossier.publicity_min_days",
    "discipline.staff_levels",
    "discipline.student_levels",
)

# --- helpers --------------------------------------------------------------------------------


def finding(
    c: Ctx, rule_id: str, outcome: str, message: str, missing: str | None = None
) -> Finding:
    """A Finding citing the legal basis of ``rule_id`` in force at the evaluation date."""
    return Finding(rule_id, outcome, message, c.cites.get(rule_id, ()), missing)


_UNSET: Any = object()


def cached(c: Ctx, key: Any, build: Callable[[], Finding]) -> Finding:
    """A constant finding shared by every evaluation with the same parameter set."""
    memo = c.p.memo
    f = memo.get(key)
    if f is None:
        f = memo[key] = build()
    return f  # type: ignore[no-any-return]


def worst(outcomes: Iterable[str]) -> str:
    """The outcome that decides: fail > defer > missing > pass."""
    best = PASS
    for o in outcomes:
        if o == FAIL:
            return FAIL
        if o == DEFER or (o == MISSING and best == PASS):
            best = o
    return best


def years_text(years: Iterable[int]) -> str:
    """``2021-2022, 2022-2023``."""
    return ", ".join(catalog.year_label(y) for y in sorted(years))


def consecutive_ending(years: frozenset[int] | set[int], end: int, after: int | None = None) -> int:
    """How many consecutive school years end at ``end`` in ``years`` (stopping at ``after``)."""
    n = 0
    y = end
    while y in years and (after is None or y > after):
        n += 1
        y -= 1
    return n


def rating_streak(
    ratings: dict[int, int], end: int, min_rank: int, after: int | None = None
) -> int:
    """Consecutive school years ending at ``end`` rated at least ``min_rank``."""
    n = 0
    y = end
    while (after is None or y > after) and ratings.get(y, -1) >= min_rank:
        n += 1
        y -= 1
    return n


def first_missing_rating(
    ratings: dict[int, int], end: int, count: int, after: int | None
) -> int | None:
    """The latest year without a rating among the ``count`` years ending at ``end``."""
    y = end
    for _ in range(count):
        if after is not None and y <= after:
            return None
        if y not in ratings:
            return y
        y -= 1
    return None


def last_year(years: set[int] | frozenset[int] | None, upto: int) -> int | None:
    """The latest year (period end) in ``years`` at or before ``upto``."""
    if not years:
        return None
    best: int | None = None
    for k in years:
        if k <= upto and (best is None or k > best):
            best = k
    return best


def staff_rank(c: Ctx, level: str) -> int:
    """Rank of a staff discipline level (unknown levels count as the most severe)."""
    ranks = c.p.staff_rank
    return ranks.get(level, len(ranks))


def discipline_label(level: str) -> str:
    """Vietnamese label of a discipline level."""
    return catalog.DISCIPLINE_LABELS.get(level, level)


def in_year(c: Ctx, d: date | None) -> bool:
    """Whether a date falls in the evaluated school year and not after the evaluation date."""
    return d is not None and c.first_day <= d <= c.last_day and d <= c.on


def add_months(d: date, months: int) -> date:
    """``d`` plus a number of calendar months (clamped to the month's last day)."""
    m = d.month - 1 + months
    y = d.year + m // 12
    m = m % 12 + 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(y, m, day)
        except ValueError:
            continue
    raise ValueError("unreachable")


def full_months(start: date, end_inclusive: date) -> int:
    """Whole months from ``start`` up to and including ``end_inclusive``."""
    if end_inclusive < start:
        return 0
    e = end_inclusive + _ONE_DAY
    n = (e.year - start.year) * 12 + (e.month - start.month)
    if add_months(start, n) > e:
        n -= 1
    return max(n, 0)


_ONE_DAY = timedelta(days=1)


def title_param(title: str, name: str) -> str:
    """Path of a per-title parameter."""
    return f"titles.{title}.{name}"


# --- R-GEN-10: which rules apply --------------------------------------------------------------


@rule(*ALL, code="R-GEN-10", order=0)
def regime_in_force(c: Ctx) -> Finding:
    """R-GEN-10 — the year is judged under the texts in force on the evaluation date
    (Luật TĐKT 2022 and NĐ 98/2023 from 01/01/2024; NĐ 152/2025 from 01/07/2025)."""
    memo = c.p.memo
    key = ("R-GEN-10", c.sy)
    f = memo.get(key)
    if f is None:
        if c.on < c.first_day:
            f = finding(
                c, "R-GEN-10", FAIL,
                f"Ngày xét {fmt(c.on)} trước khi năm học {c.sy} bắt đầu ({fmt(c.first_day)}): "
                "chưa thể xét danh hiệu của năm học này.",
            )  # fmt: skip
        else:
            f = finding(
                c, "R-GEN-10", PASS,
                f"Năm học {c.sy} được xét theo {c.v['general.regime']} (văn bản có hiệu lực "
                f"ngày {fmt(c.on)}).",
            )  # fmt: skip
        memo[key] = f
    return f


# --- R-GEN-6: registration ------------------------------------------------------------------------


@rule(*COLLECTIVE, *INDIVIDUAL, code="R-GEN-6", subjects=("person", "collective"), order=1)
def registered_for_emulation(c: Ctx) -> Finding | None:
    """R-GEN-6 — no emulation registration for the year, no annual title (6311/HD-SGDĐT,
    nguyên tắc 2 [B])."""
    registered = c.sy in c.f.registered  # type: ignore[union-attr]
    memo = c.p.memo
    key = ("R-GEN-6", c.sy, c.title, registered)
    f = memo.get(key, _UNSET)
    if f is _UNSET:
        if c.title not in c.v["general.registration_required_titles"]:
            f = None
        elif registered:
            f = finding(c, "R-GEN-6", PASS, f"Đã đăng ký thi đua năm học {c.sy}.")
        else:
            f = finding(
                c, "R-GEN-6", FAIL,
                f"Không có đăng ký thi đua năm học {c.sy}: không được xem xét danh hiệu "
                f"{TL[c.title]} năm học này.",
            )  # fmt: skip
        memo[key] = f
    return f  # type: ignore[return-value]


# --- R-GEN-7: pending matters -----------------------------------------------------------------


@rule(*STAFF_TITLES, code="R-GEN-7", subjects=("person", "collective"), order=2)
def no_open_pending_matter(c: Ctx) -> Finding:
    """R-GEN-7 — defer while a discipline review, investigation, inspection or complaint is
    open on the evaluation date (6311/HD-SGDĐT, nguyên tắc 6 [B])."""
    matters = c.f.pending_matters  # type: ignore[union-attr]
    if not matters:
        f = c.p.memo.get("R-GEN-7")
        if f is None:
            f = c.p.memo["R-GEN-7"] = finding(
                c, "R-GEN-7", PASS,
                "Không có vụ việc đang xem xét kỷ luật, điều tra, thanh tra, kiểm tra hoặc "
                "khiếu nại, tố cáo chưa giải quyết.",
            )  # fmt: skip
        return f  # type: ignore[no-any-return]
    kinds = c.v["general.pending_kinds"] or ()
    open_ = []
    closed = []
    for m in matters:
        if m.kind not in kinds:
            continue
        if m.opened_on is not None and m.opened_on > c.on:
            continue
        if m.closed_on is not None and m.closed_on <= c.on:
            closed.append(m)
        else:
            open_.append(m)
    if open_:
        parts = []
        for m in open_:
            since = f" từ ngày {fmt(m.opened_on)}" if m.opened_on else ""
            parts.append(f"{catalog.PENDING_KINDS[m.kind]}{since}")
        return finding(
            c, "R-GEN-7", DEFER,
            f"Tạm hoãn xét: {'; '.join(parts)}, chưa kết thúc tại ngày xét {fmt(c.on)}.",
        )  # fmt: skip
    if closed:
        parts = [
            f"{catalog.PENDING_KINDS[m.kind]} (đã kết thúc ngày {fmt(m.closed_on)})"  # type: ignore[arg-type]
            for m in closed
        ]
        return finding(
            c, "R-GEN-7", PASS,
            f"Không còn vụ việc chưa giải quyết tại ngày xét {fmt(c.on)}: {'; '.join(parts)}.",
        )  # fmt: skip
    return finding(
        c, "R-GEN-7", PASS, f"Không có vụ việc chưa giải quyết tại ngày xét {fmt(c.on)}."
    )


# --- R-GEN-5: head of unit ------------------------------------------------------------------------


def _unit_level(c: Ctx) -> tuple[int | None, str]:
    f = c.f
    ur = f.unit_result  # type: ignore[union-attr]
    if ur is None:
        return None, ""
    best: int | None = None
    label = ""
    r = ur.ratings.get(c.sy)
    if r is not None:
        best = catalog.RATING_RANK[r]
        label = f"xếp loại {RL[r]}"
    eq = c.v["general.unit_title_rating"] or {}
    for t in ur.titles.get(c.sy, ()):
        er = eq.get(t)
        if er is not None and (best is None or catalog.RATING_RANK[er] > best):
            best = catalog.RATING_RANK[er]
            label = f"danh hiệu {TL[t]}"
    return best, label


@rule(*INDIVIDUAL, *AWARDS, code="R-GEN-5", subjects=("person",), order=3)
def unit_head_follows_unit(c: Ctx) -> Finding | None:
    """R-GEN-5 — a unit head's award is based on the result of the collective they lead
    (6311/HD-SGDĐT nguyên tắc 8 [B]; NĐ 65/2014 Art. 2(2))."""
    if not c.f.unit_head:  # type: ignore[union-attr]
        return None
    needed = (c.v["general.unit_head_min_unit_rating"] or {}).get(c.title)
    if needed is None:
        return None
    level, label = _unit_level(c)
    if level is None:
        return finding(
            c, "R-GEN-5", MISSING,
            f"Người đứng đầu đơn vị: chưa có kết quả năm học {c.sy} của tập thể do người này "
            "lãnh đạo.",
            f"Nhập kết quả của tập thể (unit_result: xếp loại hoặc danh hiệu năm học {c.sy}).",
        )  # fmt: skip
    if level >= catalog.RATING_RANK[needed]:
        return finding(
            c, "R-GEN-5", PASS,
            f"Người đứng đầu đơn vị: tập thể đạt {label} năm học {c.sy}, đủ để xét "
            f"{TL[c.title]} (cần tập thể từ {RL[needed]}).",
        )  # fmt: skip
    return finding(
        c, "R-GEN-5", FAIL,
        f"Người đứng đầu đơn vị: tập thể chỉ đạt {label} năm học {c.sy}; để xét "
        f"{TL[c.title]} tập thể phải từ {RL[needed]} trở lên.",
    )  # fmt: skip


# --- R-GEN-1: one achievement, one form -----------------------------------------------------------


@exclusivity_rule(STAFF_TITLES, code="R-GEN-1", subjects=("person", "collective"))
def one_achievement_one_form(c: Ctx) -> Finding | None:
    """R-GEN-1 — one achievement is not rewarded twice or with two forms (Luật TĐKT 2022
    Art. 5; 6311 nguyên tắc 7 [B])."""
    prop = c.proposal
    if prop is None or (prop.achievement is None and not prop.period):
        return None
    d = c.derived()
    period = {catalog.year_start(s) for s in prop.period}
    clashes = []
    for form in AWARDS:
        for h in d.holdings.get(form, ()):
            if h.decided_on is None and h.achievement is None:
                continue  # a title-year entry, not a recorded award decision
            if prop.achievement is not None and h.achievement == prop.achievement:
                clashes.append(
                    f"thành tích {prop.achievement} đã được khen {TL[form]}"
                    + (f" (quyết định ngày {fmt(h.decided_on)})" if h.decided_on else "")
                )
            elif period and period.intersection(h.years):
                clashes.append(
                    f"thời gian {years_text(period.intersection(h.years))} đã là căn cứ của "
                    f"{TL[form]}"
                    + (f" (quyết định ngày {fmt(h.decided_on)})" if h.decided_on else "")
                )
    if clashes:
        return finding(
            c, "R-GEN-1", FAIL,
            "Một thành tích chỉ được khen một hình thức: " + "; ".join(clashes) + ".",
        )  # fmt: skip
    what = f"thành tích {prop.achievement}" if prop.achievement else "thành tích"
    when = f" năm học {years_text(period)}" if period else ""
    return finding(
        c, "R-GEN-1", PASS, f"{what.capitalize()}{when} chưa được khen bằng hình thức nào khác."
    )


# --- R-GEN-3: no ladder ----------------------------------------------------------------------------

#: Catalog ids whose own rule requires earlier titles (R-GEN-3 is judged by that rule).
LADDER_TITLES = frozenset(
    {
        "chien_si_thi_dua_cap_tinh",
        "chien_si_thi_dua_toan_quoc",
        "bang_khen_thu_tuong",
        "huan_chuong_lao_dong_hang_ba",
        "co_thi_dua_cap_tinh",
        "co_thi_dua_chinh_phu",
    }
)


@rule(*STAFF_TITLES, code="R-GEN-3", subjects=("person", "collective"), order=5)
def no_ladder_needed(c: Ctx) -> Finding | None:
    """R-GEN-3 — a lower form is not a prerequisite unless the title's rule requires prior
    titles (NĐ 152/2025 Art. 4 [S]; NĐ 98/2023 [M])."""
    memo = c.p.memo
    key = ("R-GEN-3", c.title)
    f = memo.get(key, _UNSET)
    if f is _UNSET:
        f = memo[key] = None if c.title in LADDER_TITLES else finding(
            c, "R-GEN-3", PASS,
            f"{TL[c.title]} không đòi hỏi đã có danh hiệu hoặc hình thức khen thưởng thấp hơn.",
        )  # fmt: skip
    return f  # type: ignore[return-value]


def ladder_finding(c: Ctx, ok: bool, requirement: str) -> Finding:
    """R-GEN-3 finding for a title whose own rule requires prior titles (cached)."""
    memo = c.p.memo
    key = ("R-GEN-3", c.title, ok, requirement)
    f = memo.get(key)
    if f is None:
        if ok:
            msg = f"Đã có danh hiệu, hình thức trước đó theo yêu cầu: {requirement}."
        else:
            msg = (
                f"{TL[c.title]} là trường hợp tiêu chuẩn yêu cầu danh hiệu, hình thức trước đó: "
                f"{requirement}; chưa đáp ứng."
            )
        f = memo[key] = finding(c, "R-GEN-3", PASS if ok else FAIL, msg)
    return f  # type: ignore[no-any-return]


def revocation_finding(
    c: Ctx, ids: Iterable[str], window: Iterable[int], failed: bool
) -> Finding | None:
    """R-GEN-4 finding when revoked titles or forms touch the years a history rule counts."""
    d = c.derived()
    if not d.revoked:
        return None
    window_set = set(window)
    hits = []
    for ident in ids:
        years = d.revoked.get(ident)
        if years:
            inside = sorted(window_set.intersection(years)) if window_set else sorted(years)
            if inside:
                hits.append(f"{TL.get(ident, ident)} năm học {years_text(inside)}")
    if not hits:
        return None
    if failed:
        return finding(
            c, "R-GEN-4", FAIL,
            "Danh hiệu, hình thức đã bị hủy bỏ không được tính: " + "; ".join(hits) + ".",
        )  # fmt: skip
    return finding(
        c, "R-GEN-4", PASS,
        "Danh hiệu, hình thức đã bị hủy bỏ không được tính (" + "; ".join(hits)
        + "); vẫn đủ điều kiện mà không cần chúng.",
    )  # fmt: skip


def interval_finding(
    c: Ctx, prev_form: str, prev_end: int | None, needed_from: int, satisfied: bool, blocked: bool
) -> Finding | None:
    """R-GEN-9 finding: years are counted after the period of the previous decision."""
    if prev_end is None:
        return None
    prev = f"{TL.get(prev_form, prev_form)} (thành tích đến năm học {catalog.year_label(prev_end)})"
    if blocked and not satisfied:
        return finding(
            c, "R-GEN-9", FAIL,
            f"Thời gian được tính từ sau kỳ thành tích ghi trong quyết định trước: {prev}; "
            f"các năm từ năm học {catalog.year_label(needed_from)} trở về trước không được tính lại.",
        )  # fmt: skip
    return finding(
        c,
        "R-GEN-9",
        PASS,
        f"Thời gian được tính từ sau kỳ thành tích ghi trong quyết định trước: {prev}.",
    )


# --- R-HS-2: publicity -------------------------------------------------------------------------------


@rule(*ALL, code="R-HS-2", order=95)
def published_before_submission(c: Ctx) -> Finding | None:
    """R-HS-2 — the list of proposed subjects is published for a minimum period before
    submission (parameter dossier.publicity_min_days [?])."""
    prop = c.proposal
    if prop is None or prop.published_on is None:
        return None
    days_needed = c.v["dossier.publicity_min_days"]
    if days_needed is None:
        return None
    days = (c.on - prop.published_on).days
    if days >= days_needed:
        return finding(
            c, "R-HS-2", PASS,
            f"Danh sách đề nghị đã công khai từ ngày {fmt(prop.published_on)} ({days} ngày, "
            f"tối thiểu {days_needed} ngày).",
        )  # fmt: skip
    return finding(
        c, "R-HS-2", FAIL,
        f"Danh sách đề nghị mới công khai từ ngày {fmt(prop.published_on)} ({max(days, 0)} ngày "
        f"đến ngày xét {fmt(c.on)}); cần công khai ít nhất {days_needed} ngày.",
    )  # fmt: skip


# --- R-VOTE-*: council votes -------------------------------------------------------------------------

VOTE_TITLES = (
    "chien_si_thi_dua_co_so",
    "chien_si_thi_dua_cap_tinh",
    "chien_si_thi_dua_toan_quoc",
    "co_thi_dua_cap_tinh",
    "co_thi_dua_chinh_phu",
)
_THRESHOLD_PATH = {t: title_param(t, "council_vote_threshold") for t in ALL}
#: The rule id that states a title's threshold (CSTĐCS has its own, R-CSTDCS-3).
_THRESHOLD_IDS: dict[str, tuple[str, ...]] = {"chien_si_thi_dua_co_so": ("R-CSTDCS-3", "R-VOTE-1")}


@rule(
    *ALL, code="R-VOTE-3", subjects=("person", "collective"), order=90,
    emits=("R-VOTE-1", "R-VOTE-2", "R-CSTDCS-3"),
)  # fmt: skip
def council_vote(c: Ctx) -> list[Finding] | None:
    """R-VOTE-1, R-VOTE-2, R-VOTE-3, R-CSTDCS-3 — approval counted over ALL council members,
    written opinions of absent members included, bound included; quorum when attendance is
    given (NĐ 98/2023 Art. 30 cl. 7 [V]; NĐ 91/2017 Art. 45(8) [S])."""
    vote = c.vote
    if vote is None:
        return None
    threshold = c.v.get(_THRESHOLD_PATH[c.title])
    if threshold is None:
        return None
    out: list[Finding] = []
    if vote.present is not None:
        quorum = c.v["council.quorum"]
        if quorum is not None:
            ok = Fraction(vote.present, vote.members) >= fraction(quorum)
            out.append(
                finding(
                    c,
                    "R-VOTE-2",
                    PASS if ok else FAIL,
                    f"Có mặt {vote.present}/{vote.members} thành viên Hội đồng "
                    f"({percent(Fraction(vote.present, vote.members))}); cuộc họp "
                    f"{'hợp lệ' if ok else 'không hợp lệ'} (cần từ {percent(quorum)}).",
                )  # fmt: skip
            )
    share = Fraction(vote.yes, vote.members)
    ok = share >= fraction(threshold)
    written = (
        f", trong đó {vote.written} ý kiến bằng văn bản của thành viên vắng mặt"
        if vote.written
        else ""
    )
    computation = (
        f"Đồng ý {vote.yes}/{vote.members} thành viên Hội đồng{written} = {percent(share)} "
        "(tính trên tổng số thành viên, không chia cho số có mặt)"
    )
    verdict = (
        f"{computation}; {'đạt' if ok else 'không đạt'} ngưỡng từ {percent(threshold)} trở lên "
        f"đối với {TL[c.title]}."
    )
    outcome = PASS if ok else FAIL
    for rid in _THRESHOLD_IDS.get(c.title, ("R-VOTE-1",)):
        out.append(finding(c, rid, outcome, verdict))
    out.append(finding(c, "R-VOTE-3", outcome, computation + "."))
    return out


# --- caps (shared by R-CSTDCS-2, R-TTLDXS-2, R-CO-1) ---------------------------------------------

#: capped title -> (rule id, share parameter, cohort base title)
CAPS: dict[str, tuple[str, str, str]] = {
    "chien_si_thi_dua_co_so": (
        "R-CSTDCS-2", "titles.chien_si_thi_dua_co_so.max_share_of_ldtt", "lao_dong_tien_tien",
    ),
    "tap_the_lao_dong_xuat_sac": (
        "R-TTLDXS-2", "titles.tap_the_lao_dong_xuat_sac.max_share_of_ttldtt",
        "tap_the_lao_dong_tien_tien",
    ),
    "co_thi_dua_cap_tinh": (
        "R-CO-1", "titles.co_thi_dua_cap_tinh.max_share_of_ttldxs", "tap_the_lao_dong_xuat_sac",
    ),
    "co_thi_dua_chinh_phu": (
        "R-CO-1", "titles.co_thi_dua_chinh_phu.max_share_of_co_tinh", "co_thi_dua_cap_tinh",
    ),
}  # fmt: skip


def compute_cap(share: Any, base: int) -> int:
    """floor(share × base), exactly (rules.md R-CSTDCS-2: round down)."""
    return int(fraction(share) * base)


def cap_finding(
    c: Ctx, title: str, base: int | None, already: int, rank: int | None = None
) -> Finding | None:
    """The cap finding of a capped title; sets ``c.cap``. ``rank`` = position in the ranking."""
    rule_id, share_path, base_title = CAPS[title]
    share = c.v.get(share_path)
    if share is None:
        return finding(
            c, rule_id, PASS,
            f"Không có giới hạn tỷ lệ {TL[title]} tại ngày xét {fmt(c.on)} "
            "(chưa có quy định của ngành hoặc địa phương).",
        )  # fmt: skip
    if base is None:
        return finding(
            c, rule_id, MISSING,
            f"Chưa có số {TL[base_title]} của đơn vị để tính giới hạn {percent(share)}.",
            f"Nhập số {TL[base_title]} của đơn vị năm học {c.sy} (cohort.{base_title}).",
        )  # fmt: skip
    cap = compute_cap(share, base)
    c.cap = cap
    head = (
        f"Giới hạn {TL[title]}: {percent(share)} × {base} {TL[base_title]} = "
        f"{float(fraction(share) * base):.2f}".replace(".", ",")
        + f", làm tròn xuống còn tối đa {cap}"
    )
    if cap == 0:
        return finding(c, rule_id, FAIL, f"{head}: đơn vị không có suất nào.")
    position = already + 1 if rank is None else already + rank
    if position > cap:
        if rank is None:
            return finding(c, rule_id, FAIL, f"{head}; đã chọn {already}, hết suất.")
        return finding(
            c, rule_id, FAIL, f"{head}; đã chọn {already}, ứng viên xếp thứ {rank} vượt giới hạn."
        )
    return finding(c, rule_id, PASS, f"{head}; đã chọn {already}, còn suất.")


def cohort_cap(c: Ctx) -> Finding | None:
    """Cap finding from the scenario cohort numbers (None when no cohort is given)."""
    cohort = c.cohort
    if cohort is None:
        return None
    _, _, base_title = CAPS[c.title]
    return cap_finding(c, c.title, cohort.get(base_title), cohort.get(c.title) or 0)
