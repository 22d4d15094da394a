"""Defaults a school starts from (shared/domain/honors-and-learning.md §5): criteria per
level under the four framework groups, and the usual periods. Every item is editable."""

from __future__ import annotations

import datetime as dt

from .models import FrameworkGroup as G
from .models import PeriodKind

GOOD_DEED = "Có việc làm tốt, hành động đẹp được thầy cô, bạn bè ghi nhận (người tốt việc tốt)."

CRITERIA: dict[str, dict[str, list[str]]] = {
    "primary": {
        G.STUDENT_STUDENT: [
            "Giúp đỡ bạn trong học tập và trong cuộc sống.",
            "Lễ phép, hòa nhã với bạn bè; không trêu chọc, đánh bạn.",
            "Biết chia sẻ đồ dùng học tập, đồ chơi với bạn.",
        ],
        G.STUDENT_COLLECTIVE: [
            "Hăng hái tham gia hoạt động của lớp, Sao Nhi đồng, Đội.",
            "Làm tốt nhiệm vụ được giao (tổ trưởng, lớp trưởng, trực nhật).",
            "Tham gia các phong trào của trường: kế hoạch nhỏ, văn nghệ, thể thao.",
        ],
        G.STUDENT_ENVIRONMENT: [
            "Giữ gìn vệ sinh lớp học, sân trường; biết phân loại rác.",
            "Chăm sóc cây xanh, giữ gìn tài sản; tiết kiệm điện, nước.",
            "Chấp hành an toàn giao thông và nội quy nhà trường.",
        ],
        G.OWN_EFFORT: [
            "Tiến bộ rõ trong một môn học hoặc một thói quen tốt (đọc, viết, đúng giờ).",
            "Cố gắng vượt qua khó khăn để học tập.",
            "Trung thực: trả lại của rơi, nhận lỗi khi làm sai.",
        ],
    },
    "lower_secondary": {
        G.STUDENT_STUDENT: [
            "Kèm cặp, giúp đỡ bạn trong học tập.",
            "Lên tiếng phản đối bắt nạt, biết hòa giải mâu thuẫn.",
            "Tôn trọng, trung thực với bạn bè ở trường và trên mạng.",
        ],
        G.STUDENT_COLLECTIVE: [
            "Tích cực tham gia hoạt động của chi đội, Liên đội và các phong trào của trường.",
            "Hoàn thành tốt nhiệm vụ cán bộ lớp, cán bộ Đội.",
            "Đại diện lớp, trường tham gia cuộc thi, sự kiện.",
        ],
        G.STUDENT_ENVIRONMENT: [
            "Giữ gìn trường lớp xanh, sạch, đẹp; tham gia hoạt động bảo vệ môi trường, thiện nguyện.",
            "Chấp hành nội quy, luật giao thông; ứng xử văn minh nơi công cộng.",
            "Sử dụng Internet an toàn, văn minh.",
        ],
        G.OWN_EFFORT: [
            "Tiến bộ rõ về kết quả học tập hoặc một kỹ năng.",
            "Vượt khó vươn lên trong học tập.",
            "Đạt giải thưởng từ cấp trường trở lên.",
        ],
    },
    "upper_secondary": {
        G.STUDENT_STUDENT: [
            "Tổ chức, tham gia nhóm học tập, giúp bạn cùng tiến bộ.",
            "Hỗ trợ bạn gặp khó khăn về vật chất hoặc tinh thần.",
            "Góp phần xây dựng tập thể lớp tôn trọng, không bạo lực học đường.",
        ],
        G.STUDENT_COLLECTIVE: [
            "Tích cực trong hoạt động Đoàn, câu lạc bộ, tình nguyện.",
            "Tổ chức hoặc dẫn dắt một hoạt động của lớp, của trường.",
            "Đại diện trường tham gia cuộc thi học thuật, khoa học kỹ thuật, nghệ thuật, thể thao.",
        ],
        G.STUDENT_ENVIRONMENT: [
            "Tham gia hoạt động cộng đồng, tình nguyện, bảo vệ môi trường.",
            "Chấp hành pháp luật; không vi phạm kỷ luật trong đợt.",
            "Là công dân số có trách nhiệm.",
        ],
        G.OWN_EFFORT: [
            "Tiến bộ rõ hoặc duy trì kết quả học tập xuất sắc.",
            "Tự học, tự nghiên cứu (công dân học tập).",
            "Có định hướng nghề nghiệp, dự án cá nhân; vượt qua hoàn cảnh khó khăn.",
        ],
    },
}

HOLIDAYS = [
    (11, 20, "Ngày Nhà giáo Việt Nam 20/11"),
    (1, 9, "Ngày Học sinh – Sinh viên 9/1"),
    (3, 26, "Ngày thành lập Đoàn 26/3"),
    (4, 30, "Ngày Giải phóng miền Nam 30/4"),
    (5, 15, "Ngày thành lập Đội 15/5"),
    (5, 19, "Ngày sinh Chủ tịch Hồ Chí Minh 19/5"),
]


def criteria_for(level: str) -> dict[str, list[str]]:
    key = level if level in CRITERIA else "lower_secondary"
    return {
        group: [*texts, GOOD_DEED] if group == G.OWN_EFFORT else texts
        for group, texts in CRITERIA[key].items()
    }


def default_periods(
    start_on: dt.date, hk1_end_on: dt.date, hk2_start_on: dt.date, end_on: dt.date
) -> list[tuple[str, str, dt.date, dt.date]]:
    """Months of the school year, the two semesters and the whole year."""
    periods: list[tuple[str, str, dt.date, dt.date]] = []
    year, month = start_on.year, start_on.month
    while dt.date(year, month, 1) <= end_on:
        first = max(dt.date(year, month, 1), start_on)
        next_month = dt.date(year + (month == 12), month % 12 + 1, 1)
        last = min(next_month - dt.timedelta(days=1), end_on)
        periods.append((PeriodKind.MONTH, f"Tháng {month}/{year}", first, last))
        year, month = next_month.year, next_month.month
    periods.append((PeriodKind.SEMESTER, "Học kỳ I", start_on, hk1_end_on))
    periods.append((PeriodKind.SEMESTER, "Học kỳ II", hk2_start_on, end_on))
    periods.append(
        (PeriodKind.YEAR, f"Năm học {start_on.year}-{start_on.year + 1}", start_on, end_on)
    )
    return periods
