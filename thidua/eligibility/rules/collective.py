"""Collective titles (R-TTLDTT-1, R-TTLDXS-1/2, R-CO-1), the collective disqualifier (R-GEN-8)
and collective award forms (R-BKTINH-2, R-BKTTG-2, R-HCLD3-2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from .. import catalog
from ..context import Ctx, derive
from ..facts import CollectiveFacts
from ..params import fraction, percent, require
from ..registry import cohort_rule, history_rule, rule
from ..results import FAIL, MISSING, PASS, Finding
from .common import (
    RL,
    TL,
    cached,
    cohort_cap,
    consecutive_ending,
    discipline_label,
    finding,
    fmt,
    in_year,
    interval_finding,
    ladder_finding,
    last_year,
    revocation_finding,
    staff_rank,
    years_text,
)

TTLDTT = "tap_the_lao_dong_tien_tien"
TTLDXS = "tap_the_lao_dong_xuat_sac"
CO_TINH = "co_thi_dua_cap_tinh"
CO_CP = "co_thi_dua_chinh_phu"
BKT = "bang_khen_cap_tinh"
BKTTG = "bang_khen_thu_tuong"
HCLD3 = "huan_chuong_lao_dong_hang_ba"
COLL = ("collective",)
RANK = catalog.RATING_RANK
EMPTY_YEARS: frozenset[int] = frozenset()

require(
    "general.collective_disqualifying_level",
    "general.collective_disqualifier_applies_to",
    *(
        f"titles.{t}.{n}"
        for t in (TTLDTT, TTLDXS, CO_TINH, CO_CP)
        for n in ("min_rating", "requires_effective_movement")
    ),
    "titles.tap_the_lao_dong_tien_tien.min_share_ldtt",
    "titles.tap_the_lao_dong_tien_tien.share_strict",
    "titles.tap_the_lao_dong_tien_tien.disqualifying_member_level",
    "titles.tap_the_lao_dong_xuat_sac.members_min_rating",
    "titles.tap_the_lao_dong_xuat_sac.min_share_ldtt",
    "titles.tap_the_lao_dong_xuat_sac.min_members_cstdcs",
    "titles.tap_the_lao_dong_xuat_sac.disqualifying_member_level",
    "titles.co_thi_dua_cap_tinh.required_titles_in_year",
    "titles.co_thi_dua_chinh_phu.required_titles_in_year",
)


@dataclass(frozen=True, slots=True)
class MemberStats:
    """The members' results for the evaluated year."""

    count: int
    ldtt: int
    cstdcs: int
    ranks: tuple[int | None, ...]  # rating rank per member (None = not entered)
    disciplined: tuple[tuple[int, str, date], ...]  # (member index, level, decided_on)


def member_stats(c: Ctx) -> MemberStats:
    """Members' LĐTT/CSTĐCS counts, ratings and disciplines for the year (memoised)."""
    memo = c.memo
    if memo is not None and "members" in memo:
        return memo["members"]  # type: ignore[no-any-return]
    members = c.f.members  # type: ignore[union-attr]
    y = c.y
    ldtt = cstdcs = 0
    ranks: list[int | None] = []
    disciplined: list[tuple[int, str, date]] = []
    for i, m in enumerate(members):
        d = derive(m)
        held = d.held
        # A CSTĐCS of the year also counts as LĐTT: the title is given only to those who reach
        # the LĐTT standard (Law 2022 Art. 23 cl. 1(a); Law 2003/2013 Art. 23), and the CSTĐCS
        # cap is a share of the LĐTT holders (NĐ 91/2017 Art. 9 cl. 3), so CSTĐCS ⊂ LĐTT. A
        # revoked LĐTT of the year is not brought back by an unrevoked CSTĐCS.
        if y in held.get("lao_dong_tien_tien", EMPTY_YEARS) or (
            y in held.get("chien_si_thi_dua_co_so", EMPTY_YEARS)
            and y not in d.revoked.get("lao_dong_tien_tien", EMPTY_YEARS)
        ):
            ldtt += 1
        if y in held.get("chien_si_thi_dua_co_so", EMPTY_YEARS):
            cstdcs += 1
        r = m.ratings.get(c.sy)
        ranks.append(None if r is None else RANK[r])
        for d in m.discipline:
            if in_year(c, d.decided_on):
                disciplined.append((i, d.level, d.decided_on))
    stats = MemberStats(len(members), ldtt, cstdcs, tuple(ranks), tuple(disciplined))
    if memo is None:
        c.memo = {"members": stats}
    else:
        memo["members"] = stats
    return stats


def _member_name(c: Ctx, i: int) -> str:
    m = c.f.members[i]  # type: ignore[union-attr]
    return m.name or m.ref or f"thành viên thứ {i + 1}"


def _disciplined_at(c: Ctx, level: str) -> list[str]:
    floor = staff_rank(c, level)
    return [
        f"{_member_name(c, i)} ({discipline_label(lv)} ngày {fmt(on)})"
        for i, lv, on in member_stats(c).disciplined
        if staff_rank(c, lv) >= floor
    ]


# --- R-GEN-8 ------------------------------------------------------------------------------------------


@rule(*catalog.COLLECTIVE_TITLES, *catalog.AWARD_FORMS, code="R-GEN-8", subjects=COLL)
def no_member_disciplined(c: Ctx) -> Finding | None:
    """R-GEN-8 — a collective with a member disciplined at cảnh cáo or higher in the year is not
    considered (6311/HD-SGDĐT nguyên tắc 2 [B]; Law Art. 27–28 for TTLĐTT/TTLĐXS)."""
    if c.title not in c.v["general.collective_disqualifier_applies_to"]:
        return None
    level = c.v["general.collective_disqualifying_level"]
    if level is None:
        return None
    hits = _disciplined_at(c, level)
    if hits:
        return finding(
            c, "R-GEN-8", FAIL,
            f"Tập thể có thành viên bị kỷ luật từ {discipline_label(level)} trở lên trong năm học "
            f"{c.sy}: {'; '.join(hits)}.",
        )  # fmt: skip
    return cached(
        c, ("R-GEN-8", c.sy),
        lambda: finding(
            c, "R-GEN-8", PASS,
            f"Không có thành viên bị kỷ luật từ {discipline_label(level)} trở lên trong năm học {c.sy}.",
        ),
    )  # fmt: skip


# --- shared clauses ----------------------------------------------------------------------------------


def _rating_clause(c: Ctx, rule_id: str, min_rating: str) -> Finding:
    r = c.f.ratings.get(c.sy)  # type: ignore[union-attr]
    if r is None:
        return finding(
            c, rule_id, MISSING, f"Chưa có kết quả xếp loại của tập thể năm học {c.sy}.",
            f"Nhập xếp loại của tập thể năm học {c.sy}.",
        )  # fmt: skip
    if RANK[r] >= RANK[min_rating]:
        return finding(
            c, rule_id, PASS, f"Tập thể xếp loại {RL[r]} năm học {c.sy} (cần từ {RL[min_rating]})."
        )
    return finding(
        c, rule_id, FAIL,
        f"Tập thể xếp loại {RL[r]} năm học {c.sy}, dưới mức {RL[min_rating]}.",
    )  # fmt: skip


def _movement_clause(c: Ctx, rule_id: str) -> Finding | None:
    if not c.v[f"titles.{c.title}.requires_effective_movement"]:
        return None
    value = c.f.has_effective_movement  # type: ignore[union-attr]
    if value is None:
        return finding(
            c, rule_id, MISSING, "Chưa có đánh giá phong trào thi đua của tập thể.",
            "Nhập has_effective_movement (phong trào thi đua thường xuyên, thiết thực, hiệu quả).",
        )  # fmt: skip
    if value:
        return finding(
            c, rule_id, PASS, "Có phong trào thi đua thường xuyên, thiết thực, hiệu quả."
        )
    return finding(
        c, rule_id, FAIL, "Phong trào thi đua của tập thể không thường xuyên, thiết thực, hiệu quả."
    )


def _share_clause(c: Ctx, rule_id: str, min_share: object, strict: bool) -> Finding:
    stats = member_stats(c)
    if stats.count == 0:
        return finding(
            c, rule_id, MISSING, "Chưa có danh sách thành viên của tập thể.",
            "Nhập danh sách thành viên (members) với danh hiệu năm học đang xét.",
        )  # fmt: skip
    share = Fraction(stats.ldtt, stats.count)
    bound = fraction(min_share)
    ok = share > bound if strict else share >= bound
    cmp = "trên" if strict else "từ"
    return finding(
        c, rule_id, PASS if ok else FAIL,
        f"{stats.ldtt}/{stats.count} thành viên đạt Lao động tiên tiến năm học {c.sy} "
        f"({percent(share)}); yêu cầu {cmp} {percent(bound)}.",
    )  # fmt: skip


# --- Tập thể lao động tiên tiến ------------------------------------------------------------------------


@rule(TTLDTT, code="R-TTLDTT-1", subjects=COLL)
def ttldtt_criteria(c: Ctx) -> list[Finding]:
    """R-TTLDTT-1 — good completion, an effective movement, more than 50 % of members LĐTT and
    no member disciplined at cảnh cáo or higher (Law Art. 28 [V old; S])."""
    p = "titles.tap_the_lao_dong_tien_tien."
    out = [_rating_clause(c, "R-TTLDTT-1", c.v[p + "min_rating"])]
    m = _movement_clause(c, "R-TTLDTT-1")
    if m:
        out.append(m)
    out.append(
        _share_clause(c, "R-TTLDTT-1", c.v[p + "min_share_ldtt"], bool(c.v[p + "share_strict"]))
    )
    level = c.v[p + "disqualifying_member_level"]
    if level is not None:
        hits = _disciplined_at(c, level)
        out.append(
            finding(
                c,
                "R-TTLDTT-1",
                FAIL if hits else PASS,
                f"Thành viên bị kỷ luật từ {discipline_label(level)} trở lên: {'; '.join(hits)}."
                if hits
                else f"Không có thành viên bị kỷ luật từ {discipline_label(level)} trở lên.",
            )  # fmt: skip
        )
    return out


# --- Tập thể lao động xuất sắc ----------------------------------------------------------------------------


@rule(TTLDXS, code="R-TTLDXS-1", subjects=COLL)
def ttldxs_criteria(c: Ctx) -> list[Finding]:
    """R-TTLDXS-1 — outstanding completion, effective movement, 100 % of members complete their
    tasks with at least 70 % LĐTT, at least one CSTĐCS; the old law also barred a member at
    cảnh cáo (Law 2022 Art. 27 cl. 1 [V])."""
    p = "titles.tap_the_lao_dong_xuat_sac."
    out = [_rating_clause(c, "R-TTLDXS-1", c.v[p + "min_rating"])]
    m = _movement_clause(c, "R-TTLDXS-1")
    if m:
        out.append(m)
    stats = member_stats(c)
    min_member = c.v[p + "members_min_rating"]
    if stats.count:
        missing = [_member_name(c, i) for i, r in enumerate(stats.ranks) if r is None]
        below = [
            _member_name(c, i) for i, r in enumerate(stats.ranks)
            if r is not None and r < RANK[min_member]
        ]  # fmt: skip
        if below:
            out.append(
                finding(
                    c,
                    "R-TTLDXS-1",
                    FAIL,
                    f"Không phải 100 % thành viên từ {RL[min_member]}: {', '.join(below)}.",
                )
            )
        elif missing:
            out.append(
                finding(
                    c,
                    "R-TTLDXS-1",
                    MISSING,
                    f"Chưa có xếp loại năm học {c.sy} của: {', '.join(missing)}.",
                    f"Nhập xếp loại năm học {c.sy} của mọi thành viên.",
                )  # fmt: skip
            )
        else:
            out.append(
                finding(
                    c, "R-TTLDXS-1", PASS, f"100 % thành viên từ {RL[min_member]} năm học {c.sy}."
                )
            )
    out.append(_share_clause(c, "R-TTLDXS-1", c.v[p + "min_share_ldtt"], False))
    need = c.v[p + "min_members_cstdcs"]
    if need:
        out.append(
            finding(
                c,
                "R-TTLDXS-1",
                PASS if stats.cstdcs >= need else FAIL,
                f"{stats.cstdcs} thành viên đạt Chiến sĩ thi đua cơ sở năm học {c.sy} (cần ít nhất {need}).",
            )  # fmt: skip
        )
    level = c.v[p + "disqualifying_member_level"]
    if level is not None:
        hits = _disciplined_at(c, level)
        out.append(
            finding(
                c,
                "R-TTLDXS-1",
                FAIL if hits else PASS,
                f"Thành viên bị kỷ luật từ {discipline_label(level)} trở lên: {'; '.join(hits)}."
                if hits
                else f"Không có thành viên bị kỷ luật từ {discipline_label(level)} trở lên.",
            )  # fmt: skip
        )
    return out


@cohort_rule(TTLDXS, code="R-TTLDXS-2", subjects=COLL)
def ttldxs_cap(c: Ctx) -> Finding | None:
    """R-TTLDXS-2 — optional share cap of TTLĐXS over TTLĐTT (not found [?]; default none)."""
    return cohort_cap(c)


# --- Cờ thi đua -------------------------------------------------------------------------------------------


@rule(CO_TINH, CO_CP, code="R-CO-1", subjects=COLL, emits=("R-GEN-3",))
def co_thi_dua_criteria(c: Ctx) -> list[Finding]:
    """R-CO-1 — Cờ thi đua cấp bộ/tỉnh and của Chính phủ: outstanding completion, effective
    movement and the title they are chosen among (Law Arts. 25–26; criteria unverified [?])."""
    p = f"titles.{c.title}."
    out = [_rating_clause(c, "R-CO-1", c.v[p + "min_rating"])]
    m = _movement_clause(c, "R-CO-1")
    if m:
        out.append(m)
    required = c.v[p + "required_titles_in_year"] or ()
    held = derive(c.f).held  # type: ignore[arg-type]
    ladder_ok = True
    for req in required:
        if c.y in held.get(req, EMPTY_YEARS):
            out.append(finding(c, "R-CO-1", PASS, f"Đã đạt {TL[req]} năm học {c.sy}."))
            continue
        from ..engine import evaluate  # local import: the engine imports the rules

        v = evaluate(req, c.f, c.sy, c.on, c.p)
        if v.outcome == "eligible":
            out.append(
                finding(
                    c,
                    "R-CO-1",
                    PASS,
                    f"Chưa có quyết định {TL[req]} năm học {c.sy} nhưng đủ tiêu chuẩn danh hiệu này.",
                )  # fmt: skip
            )
        else:
            ladder_ok = False
            reasons = ", ".join(v.reasons)
            out.append(
                finding(
                    c,
                    "R-CO-1",
                    FAIL if v.outcome == "ineligible" else MISSING,
                    f"Được lựa chọn trong số tập thể đạt {TL[req]}: chưa đạt {TL[req]} năm học "
                    f"{c.sy} ({reasons}).",
                    f"Bổ sung dữ liệu để xét {TL[req]} ({reasons})."
                    if v.outcome != "ineligible"
                    else None,
                )  # fmt: skip
            )
    if required:
        out.append(
            ladder_finding(c, ladder_ok, ", ".join(TL[r] for r in required) + f" năm học {c.sy}")
        )
    return out


@cohort_rule(CO_TINH, CO_CP, code="R-CO-1", subjects=COLL)
def co_thi_dua_cap(c: Ctx) -> Finding | None:
    """R-CO-1 — optional quota of Cờ thi đua (unverified [?]; default none)."""
    return cohort_cap(c)


# --- collective award forms ------------------------------------------------------------------------------


def _good_years(c: Ctx, min_rating: str, equivalent: tuple[str, ...]) -> set[int]:
    f: CollectiveFacts = c.f  # type: ignore[assignment]
    d = derive(f)
    years = {y for y, r in d.ratings.items() if r >= RANK[min_rating]}
    for t in equivalent:
        years |= d.held.get(t, EMPTY_YEARS)
    return years


@history_rule(BKT, code="R-BKTINH-2", subjects=COLL, emits=("R-GEN-9",))
def bang_khen_tinh_collective(c: Ctx) -> list[Finding]:
    """R-BKTINH-2 — a collective with 2 consecutive years HTXSNV or TTLĐXS (counted after the
    previous Bằng khen), or an outstanding province-scope achievement (Law 2022 Art. 74 [V])."""
    p = "titles.bang_khen_cap_tinh."
    n = c.v[p + "consecutive_years"]
    d = derive(c.f)  # type: ignore[arg-type]
    prev = last_year(d.held.get(BKT), c.y)
    good = _good_years(c, c.v[p + "collective_min_rating"], (TTLDXS,))
    streak = consecutive_ending(good, c.y, prev)
    raw = consecutive_ending(good, c.y)
    min_ach = catalog.SCOPE_RANK[c.v[p + "achievement_min_scope"]]
    achs = [
        a for a in c.f.achievements  # type: ignore[union-attr]
        if a.school_year == c.sy and catalog.SCOPE_RANK[a.scope] >= min_ach
    ]  # fmt: skip
    ok = streak >= n or bool(achs)
    text = (
        f"{streak}/{n} năm liên tục hoàn thành xuất sắc nhiệm vụ hoặc Tập thể lao động xuất sắc "
        f"đến năm học {c.sy}"
    )
    if achs:
        text += f"; có thành tích {catalog.SCOPE_LABELS[achs[0].scope]} năm học {c.sy}"
    out = [
        finding(
            c,
            "R-BKTINH-2",
            PASS if ok else FAIL,
            f"Bằng khen cấp bộ, ngành, tỉnh cho tập thể: {text}.",
        )
    ]
    extra = interval_finding(c, BKT, prev, prev or c.y, satisfied=ok, blocked=raw >= n)
    if extra:
        out.append(extra)
    return out


def _collective_after_award(c: Ctx, rule_id: str, own: str, prereq: str, p: str) -> list[Finding]:
    d = derive(c.f)  # type: ignore[arg-type]
    prev = last_year(d.held.get(own), c.y)
    ends = [e for e in d.held.get(prereq, ()) if e < c.y and (prev is None or e > prev)]
    label = TL[c.title]
    if not ends:
        out = [
            finding(
                c,
                rule_id,
                FAIL,
                f"{label} (tập thể): chưa được tặng {TL[prereq]} trước năm học {c.sy}.",
            ),
            ladder_finding(c, False, TL[prereq]),
        ]
        extra = revocation_finding(c, (prereq,), (), failed=True)
        if extra:
            out.append(extra)
        return out
    anchor = min(ends)
    n = c.v[p + "collective_consecutive_years"]
    good = _good_years(c, c.v[p + "collective_min_rating"], (TTLDXS,))
    streak = consecutive_ending(good, c.y, anchor)
    ok = streak >= n
    out = [
        finding(
            c, rule_id, PASS if ok else FAIL,
            f"{label} (tập thể): đã được tặng {TL[prereq]} (đến năm học {catalog.year_label(anchor)}); "
            f"sau đó {streak}/{n} năm liên tục hoàn thành xuất sắc nhiệm vụ đến năm học {c.sy}.",
        ),
        ladder_finding(c, True, f"{TL[prereq]} (năm học {catalog.year_label(anchor)})"),
    ]  # fmt: skip
    extra = interval_finding(
        c, prereq, anchor, anchor, satisfied=ok, blocked=consecutive_ending(good, c.y) >= n
    )
    if extra:
        out.append(extra)
    return out


@history_rule(BKTTG, code="R-BKTTG-2", subjects=COLL, emits=("R-GEN-3", "R-GEN-4", "R-GEN-9"))
def bang_khen_thu_tuong_collective(c: Ctx) -> list[Finding]:
    """R-BKTTG-2 — a collective with a Bằng khen cấp bộ/tỉnh, then 5 consecutive years HTXSNV
    (Law Art. 73 cl. 2; unverified [?])."""
    return _collective_after_award(c, "R-BKTTG-2", BKTTG, BKT, "titles.bang_khen_thu_tuong.")


@history_rule(HCLD3, code="R-HCLD3-2", subjects=COLL, emits=("R-GEN-3", "R-GEN-4", "R-GEN-9"))
def huan_chuong_collective(c: Ctx) -> list[Finding]:
    """R-HCLD3-2 — a collective with a Bằng khen Thủ tướng, then 5 consecutive years HTXSNV
    (unverified [?])."""
    return _collective_after_award(
        c, "R-HCLD3-2", HCLD3, BKTTG, "titles.huan_chuong_lao_dong_hang_ba."
    )


__all__ = ["member_stats", "years_text"]
