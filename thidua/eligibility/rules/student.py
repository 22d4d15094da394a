"""Student year-end titles: TT 22/2021 (R-HS22-*), TT 58/2011 (R-HS58-1), TT 27/2020
(R-HS27-*) and student discipline (R-HSKL-1). Which circular applies depends on the grade and
the school year (roll-out parameters read at 1 September of the year)."""

from __future__ import annotations

from datetime import date

from .. import catalog
from ..context import Ctx
from ..facts import StudentFacts
from ..params import params_at, require
from ..registry import rule
from ..results import FAIL, MISSING, PASS, Finding
from .common import cached, finding

XS = "hoc_sinh_xuat_sac"
GIOI = "hoc_sinh_gioi"
GK = "giay_khen"
STUDENT = ("student",)
SL = catalog.STUDENT_LEVEL_LABELS
S = "students."

require(
    *(
        S + n
        for n in (
            "tt22_grades", "tt27_grades", "tt22_tot_min_all", "tt22_tot_high_score",
            "tt22_tot_high_count", "tt22_kha_min_all", "tt22_kha_mid_score", "tt22_kha_mid_count",
            "tt22_dat_score", "tt22_dat_count", "tt22_dat_floor", "tt22_dat_max_comment_fail",
            "tt22_xs_score", "tt22_xs_count", "tt58_gioi_average", "tt58_gioi_core_min",
            "tt58_gioi_all_min", "tt58_core_subjects", "tt58_double_weight_subjects",
            "tt27_xs_test_min", "tt27_tot_test_min", "tt27_ht_test_min", "discipline_disqualifies",
        )
    )
)  # fmt: skip


def regulation(c: Ctx) -> str:
    """The circular that applies to the student's grade in the evaluated school year."""
    f: StudentFacts = c.f  # type: ignore[assignment]
    if f.regulation:
        return f.regulation
    rollout = params_at(date(c.y, 9, 1)).raw_values
    if f.grade <= 5:
        return "tt27" if f.grade in (rollout[S + "tt27_grades"] or ()) else "tt30"
    return "tt22" if f.grade in (rollout[S + "tt22_grades"] or ()) else "tt58"


def _reg_text(c: Ctx, reg: str) -> str:
    return f"lớp {c.f.grade}, năm học {c.sy}: {catalog.STUDENT_REGULATIONS[reg]}"  # type: ignore[union-attr]


# --- TT 22/2021 -------------------------------------------------------------------------------------------


def tt22_learning(c: Ctx) -> tuple[str | None, str]:
    """Year-end học tập level under TT 22/2021 Art. 9 (computed from averages when given)."""
    f: StudentFacts = c.f  # type: ignore[assignment]
    v = c.v
    scores = list(f.subjects.values())
    comments = list(f.comment_subjects.values())
    if not scores:
        if f.learning is not None:
            return f.learning, "theo kết quả đã nhập"
        return None, ""
    fails = sum(1 for x in comments if x == "chua_dat")
    low = min(scores)

    def count(t: float) -> int:
        return sum(1 for s in scores if s >= t)

    if (
        fails == 0
        and low >= v[S + "tt22_tot_min_all"]
        and count(v[S + "tt22_tot_high_score"]) >= v[S + "tt22_tot_high_count"]
    ):
        level = "tot"
    elif (
        fails == 0
        and low >= v[S + "tt22_kha_min_all"]
        and count(v[S + "tt22_kha_mid_score"]) >= v[S + "tt22_kha_mid_count"]
    ):
        level = "kha"
    elif (
        fails <= v[S + "tt22_dat_max_comment_fail"]
        and count(v[S + "tt22_dat_score"]) >= v[S + "tt22_dat_count"]
        and low >= v[S + "tt22_dat_floor"]
    ):
        level = "dat"
    else:
        level = "chua_dat"
    hi = count(v[S + "tt22_tot_high_score"])
    detail = (
        f"{len(scores)} môn tính điểm, thấp nhất {low:g}, {hi} môn từ "
        f"{v[S + 'tt22_tot_high_score']:g}, {fails} môn nhận xét Chưa đạt"
    ).replace(".", ",")
    return level, detail


def _conduct_finding(c: Ctx, rule_id: str) -> Finding:
    conduct = c.f.conduct  # type: ignore[union-attr]
    if conduct is None:
        return finding(
            c, rule_id, MISSING, f"Chưa có kết quả rèn luyện cả năm học {c.sy}.",
            "Nhập xếp loại rèn luyện (conduct: tot, kha, dat, chua_dat).",
        )  # fmt: skip
    if conduct == "tot":
        return finding(c, rule_id, PASS, f"Kết quả rèn luyện cả năm: {SL['tot']}.")
    return finding(
        c, rule_id, FAIL, f"Kết quả rèn luyện cả năm: {SL.get(conduct, conduct)} (cần {SL['tot']})."
    )


def _learning_finding(c: Ctx, rule_id: str) -> tuple[Finding, str | None]:
    level, detail = tt22_learning(c)
    if level is None:
        return (
            finding(
                c, rule_id, MISSING, f"Chưa có kết quả học tập cả năm học {c.sy}.",
                "Nhập điểm trung bình môn cả năm (subjects) hoặc xếp loại học tập (learning).",
            ),
            None,
        )  # fmt: skip
    text = f"Kết quả học tập cả năm: {SL.get(level, level)} ({detail})"
    if level == "tot":
        return finding(c, rule_id, PASS, text + "."), level
    return finding(c, rule_id, FAIL, text + f"; cần {SL['tot']}."), level


def _xs_count(c: Ctx) -> tuple[int, float, int]:
    f: StudentFacts = c.f  # type: ignore[assignment]
    score = c.v[S + "tt22_xs_score"]
    need = c.v[S + "tt22_xs_count"]
    return sum(1 for s in f.subjects.values() if s >= score), score, need


# --- TT 58/2011 -------------------------------------------------------------------------------------------


def tt58_gioi(c: Ctx) -> tuple[str, str]:
    """(outcome, text) of "học lực Giỏi" under TT 58/2011 Art. 13."""
    f: StudentFacts = c.f  # type: ignore[assignment]
    v = c.v
    scores = f.subjects
    if not scores:
        if f.learning is not None:
            ok = f.learning == "gioi"
            return (
                PASS if ok else FAIL
            ), f"học lực {SL.get(f.learning, f.learning)} (theo kết quả đã nhập)"
        return MISSING, "chưa có điểm các môn"
    double = set(v[S + "tt58_double_weight_subjects"] or ())
    if f.overall_average is not None:
        avg = f.overall_average
    else:
        total = sum(s * (2 if k in double else 1) for k, s in scores.items())
        weight = sum(2 if k in double else 1 for k in scores)
        avg = round(total / weight, 1)
    core = [scores[k] for k in (v[S + "tt58_core_subjects"] or ()) if k in scores]
    if not core:
        return MISSING, "chưa có điểm Toán, Ngữ văn"
    low = min(scores.values())
    comments_ok = all(x == "dat" for x in f.comment_subjects.values())
    ok = (
        avg >= v[S + "tt58_gioi_average"]
        and max(core) >= v[S + "tt58_gioi_core_min"]
        and low >= v[S + "tt58_gioi_all_min"]
        and comments_ok
    )
    text = (
        f"ĐTB các môn {avg:g}, Toán/Ngữ văn cao nhất {max(core):g}, môn thấp nhất {low:g}"
        + ("" if comments_ok else ", có môn nhận xét chưa đạt")
    ).replace(".", ",")
    return (PASS if ok else FAIL), f"học lực {'Giỏi' if ok else 'chưa đạt Giỏi'} ({text})"


# --- TT 27/2020 -------------------------------------------------------------------------------------------


def tt27_result(c: Ctx) -> tuple[str | None, str]:
    """Year-end result under TT 27/2020 Art. 14 (computed from the details when given)."""
    f: StudentFacts = c.f  # type: ignore[assignment]
    v = c.v
    if not (f.subject_results or f.test_scores or f.qualities or f.competencies):
        return f.result, "theo kết quả đã nhập"
    subj = list(f.subject_results.values())
    tests = list(f.test_scores.values())
    qc = list(f.qualities.values()) + list(f.competencies.values())
    low = min(tests) if tests else 10.0
    all_htt = all(s == "hoan_thanh_tot" for s in subj)
    all_tot = all(q == "tot" for q in qc)
    if all_htt and all_tot and low >= v[S + "tt27_xs_test_min"]:
        level = "hoan_thanh_xuat_sac"
    elif all_htt and all_tot and low >= v[S + "tt27_tot_test_min"]:
        level = "hoan_thanh_tot"
    elif (
        all(s != "chua_hoan_thanh" for s in subj)
        and all(q != "can_co_gang" for q in qc)
        and low >= v[S + "tt27_ht_test_min"]
    ):
        level = "hoan_thanh"
    else:
        level = "chua_hoan_thanh"
    detail = f"điểm kiểm tra cuối năm thấp nhất {low:g}".replace(".", ",")
    return level, detail


def _tt27_finding(c: Ctx) -> tuple[Finding, str | None]:
    level, detail = tt27_result(c)
    if level is None:
        return (
            finding(
                c, "R-HS27-1", MISSING, f"Chưa có kết quả cuối năm học {c.sy}.",
                "Nhập kết quả cuối năm (result) hoặc mức đạt được từng môn, điểm kiểm tra, phẩm "
                "chất, năng lực.",
            ),
            None,
        )  # fmt: skip
    return finding(c, "R-HS27-1", PASS, f"Kết quả cuối năm: {SL[level]} ({detail})."), level


# --- R-HSKL-1 ----------------------------------------------------------------------------------------------


@rule(XS, GIOI, code="R-HSKL-1", subjects=STUDENT)
def student_not_disciplined(c: Ctx) -> Finding | None:
    """R-HSKL-1 — a student disciplined in the year is not eligible for Xuất sắc/Giỏi (the
    rèn luyện rating cannot be Tốt) [M/inferred]; levels are configured (discipline.yaml)."""
    if not c.v[S + "discipline_disqualifies"]:
        return None
    records = [
        d for d in c.f.discipline  # type: ignore[union-attr]
        if d.decided_on is None or (c.first_day <= d.decided_on <= c.last_day)
    ]  # fmt: skip
    if not records:
        return cached(
            c, ("R-HSKL-1", c.sy),
            lambda: finding(c, "R-HSKL-1", PASS, f"Không bị kỷ luật trong năm học {c.sy}."),
        )  # fmt: skip
    text = "; ".join(
        catalog.STUDENT_DISCIPLINE_LABELS.get(d.level, d.level)
        + (f" ngày {catalog.fmt_date(d.decided_on)}" if d.decided_on else "")
        for d in records
    )
    return finding(
        c, "R-HSKL-1", FAIL,
        f"Bị kỷ luật trong năm học {c.sy} ({text}): không được xét {catalog.TITLE_LABELS[c.title]}.",
    )  # fmt: skip


# --- titles -------------------------------------------------------------------------------------------------


@rule(XS, code="R-HS22-2", subjects=STUDENT, emits=("R-HS22-1", "R-HS58-1", "R-HS27-1", "R-HS27-2"))
def hoc_sinh_xuat_sac(c: Ctx) -> list[Finding]:
    """R-HS22-2 / R-HS27-2 — "Học sinh Xuất sắc": TT22 rèn luyện Tốt, học tập Tốt, ≥ 6 subjects
    ≥ 9.0 (Art. 15.1a); TT27 result Hoàn thành xuất sắc; TT58 has no such title [M]."""
    reg = regulation(c)
    if reg == "tt58":
        return [
            finding(
                c, "R-HS58-1", FAIL,
                f"{_reg_text(c, reg)}: không có danh hiệu Học sinh Xuất sắc (xét Học sinh Giỏi).",
            )
        ]  # fmt: skip
    if reg in ("tt27", "tt30"):
        f1, level = _tt27_finding(c)
        out = [f1]
        if level is not None:
            ok = level == "hoan_thanh_xuat_sac"
            out.append(
                finding(
                    c,
                    "R-HS27-2",
                    PASS if ok else FAIL,
                    f"{_reg_text(c, reg)}: Học sinh Xuất sắc cần kết quả {SL['hoan_thanh_xuat_sac']}"
                    f"; kết quả: {SL[level]}.",
                )  # fmt: skip
            )
        return out
    out = [_conduct_finding(c, "R-HS22-1")]
    f2, _ = _learning_finding(c, "R-HS22-1")
    out.append(f2)
    n, score, need = _xs_count(c)
    if not c.f.subjects:  # type: ignore[union-attr]
        out.append(
            finding(
                c,
                "R-HS22-2",
                MISSING,
                "Chưa có điểm trung bình môn cả năm.",
                "Nhập điểm trung bình môn cả năm (subjects).",
            )  # fmt: skip
        )
    else:
        out.append(
            finding(
                c,
                "R-HS22-2",
                PASS if n >= need else FAIL,
                f"{_reg_text(c, reg)}: {n} môn có điểm trung bình cả năm từ {score:g} "
                f"(cần ít nhất {need}).".replace(".0 ", " "),
            )  # fmt: skip
        )
    return out


@rule(GIOI, code="R-HS22-3", subjects=STUDENT, emits=("R-HS22-1", "R-HS58-1", "R-HS27-2"))
def hoc_sinh_gioi(c: Ctx) -> list[Finding]:
    """R-HS22-3 / R-HS58-1 — "Học sinh Giỏi": TT22 rèn luyện Tốt and học tập Tốt and not Xuất
    sắc (Art. 15.1b); TT58 hạnh kiểm Tốt and học lực Giỏi; TT27 has no such title [M]."""
    reg = regulation(c)
    if reg in ("tt27", "tt30"):
        return [
            finding(
                c, "R-HS27-2", FAIL,
                f"{_reg_text(c, reg)}: không có danh hiệu Học sinh Giỏi (xét Học sinh Xuất sắc "
                "hoặc Học sinh Tiêu biểu).",
            )
        ]  # fmt: skip
    if reg == "tt58":
        conduct = c.f.conduct  # type: ignore[union-attr]
        outcome, text = tt58_gioi(c)
        if conduct is None:
            return [
                finding(
                    c, "R-HS58-1", MISSING, f"Chưa có xếp loại hạnh kiểm năm học {c.sy}.",
                    "Nhập hạnh kiểm (conduct: tot, kha, trung_binh, yeu).",
                )
            ]  # fmt: skip
        if conduct != "tot":
            outcome = FAIL
        msg = f"{_reg_text(c, reg)}: hạnh kiểm {SL.get(conduct, conduct)}, {text}."
        if outcome == MISSING:
            return [
                finding(
                    c, "R-HS58-1", MISSING, msg, "Nhập điểm trung bình các môn cả năm (subjects)."
                )
            ]
        return [finding(c, "R-HS58-1", outcome, msg)]
    out = [_conduct_finding(c, "R-HS22-1")]
    f2, level = _learning_finding(c, "R-HS22-1")
    out.append(f2)
    n, score, need = _xs_count(c)
    if level == "tot" and c.f.conduct == "tot" and n >= need:  # type: ignore[union-attr]
        out.append(
            finding(
                c,
                "R-HS22-3",
                FAIL,
                f"{_reg_text(c, reg)}: đạt Học sinh Xuất sắc ({n} môn từ {score:g}); hai danh hiệu "
                "loại trừ nhau, xét danh hiệu cao hơn.",
            )  # fmt: skip
        )
    else:
        ok = level == "tot" and c.f.conduct == "tot"  # type: ignore[union-attr]
        out.append(
            finding(
                c,
                "R-HS22-3",
                PASS if ok else FAIL,
                f"{_reg_text(c, reg)}: Học sinh Giỏi cần rèn luyện Tốt và học tập Tốt, không đạt "
                f"Học sinh Xuất sắc" + ("." if ok else " — chưa đáp ứng."),
            )  # fmt: skip
        )
    return out


@rule(GK, code="R-HS22-4", subjects=STUDENT, emits=("R-HS27-1", "R-HS27-2"))
def student_giay_khen(c: Ctx) -> list[Finding]:
    """R-HS22-4 / R-HS27-2 — the principal's other Giấy khen: outstanding achievement or marked
    progress in a subject, or a sudden achievement (TT22 Art. 15.2–15.3); primary "Học sinh Tiêu
    biểu": Hoàn thành tốt plus an outstanding subject or marked progress, recognised by the
    class (TT27 Art. 15) [M]."""
    f: StudentFacts = c.f  # type: ignore[assignment]
    reg = regulation(c)
    if reg in ("tt27", "tt30"):
        if f.sudden_achievement:
            return [
                finding(c, "R-HS27-2", PASS, "Có thành tích đột xuất: được khen thưởng kịp thời.")
            ]
        f1, level = _tt27_finding(c)
        out = [f1]
        if level is None:
            return out
        notable = bool(f.outstanding_subjects) or f.marked_progress
        if level == "hoan_thanh_xuat_sac":
            out.append(
                finding(
                    c,
                    "R-HS27-2",
                    FAIL,
                    "Kết quả Hoàn thành xuất sắc: xét Học sinh Xuất sắc, không xét thêm Học sinh "
                    "Tiêu biểu cho cùng kết quả.",
                )  # fmt: skip
            )
        elif level != "hoan_thanh_tot" or not notable:
            out.append(
                finding(
                    c,
                    "R-HS27-2",
                    FAIL,
                    f"Học sinh Tiêu biểu cần kết quả {SL['hoan_thanh_tot']} và thành tích nổi bật "
                    f"hoặc tiến bộ vượt bậc; kết quả: {SL[level]}"
                    + (
                        ""
                        if notable
                        else ", chưa ghi nhận thành tích nổi bật hoặc tiến bộ vượt bậc"
                    )
                    + ".",
                )  # fmt: skip
            )
        elif f.class_recognised is None:
            out.append(
                finding(
                    c,
                    "R-HS27-2",
                    MISSING,
                    "Chưa có kết quả công nhận của tập thể lớp.",
                    "Nhập class_recognised (tập thể lớp công nhận).",
                )  # fmt: skip
            )
        else:
            ok = f.class_recognised
            out.append(
                finding(
                    c,
                    "R-HS27-2",
                    PASS if ok else FAIL,
                    f"Học sinh Tiêu biểu: kết quả {SL['hoan_thanh_tot']}, có thành tích nổi bật hoặc "
                    f"tiến bộ vượt bậc, tập thể lớp {'đã' if ok else 'không'} công nhận.",
                )  # fmt: skip
            )
        return out
    reasons = []
    if f.outstanding_subjects:
        reasons.append(f"thành tích xuất sắc môn {', '.join(f.outstanding_subjects)}")
    if f.marked_progress:
        reasons.append("tiến bộ vượt bậc")
    if f.sudden_achievement:
        reasons.append("thành tích đột xuất")
    if reasons:
        return [finding(c, "R-HS22-4", PASS, f"Giấy khen của Hiệu trưởng: {'; '.join(reasons)}.")]
    return [
        finding(
            c, "R-HS22-4", FAIL,
            "Giấy khen của Hiệu trưởng cần thành tích xuất sắc hoặc tiến bộ vượt bậc ở ít nhất một "
            "môn, hoặc thành tích đột xuất; chưa ghi nhận.",
        )
    ]  # fmt: skip
