"""Demo evidence: small PDF and PNG files generated in code (no binaries in the repository),
filed under the criteria of seed 001 at THCS Tân Hộ Cơ, the measured targets of seed 002 at
THPT Nguyễn Khuyến and the city's innovation movement at THCS Trần Bội Cơ."""

from __future__ import annotations

import datetime as dt

from thidua.movements.models import Criterion, Movement, ProgressEntry
from thidua.org.models import SchoolYear, Unit
from thidua.people.demo_cast import build_cast
from thidua.people.models import Person

from .models import Evidence
from .samples import tiny_pdf, tiny_png
from .services import EvidenceContext, evidence_add_file, evidence_add_link


def _year(code: str) -> SchoolYear | None:
    return SchoolYear.objects.filter(code=code).first()


def _seed_001() -> None:
    movement = Movement.objects.filter(unit__code="THCS-THC", kind="periodic").first()
    if movement is None or Evidence.objects.filter(movement=movement).exists():
        return
    school = movement.unit
    teacher_criterion = movement.criteria.filter(participant="teacher").first()
    department_criterion = movement.criteria.filter(participant="subject_department").first()
    school_criterion = movement.criteria.filter(participant="school").first()
    teachers = list(
        Person.objects.filter(
            memberships__unit__parent=school,
            memberships__unit__type="subject_department",
            staff_profile__position="teacher",
        )
        .distinct()
        .order_by("sort_key")[:4]
    )
    titles = [
        "Sáng kiến: Dạy học dự án môn Khoa học tự nhiên 7",
        "Sáng kiến: Ứng dụng bản đồ tư duy trong ôn tập Ngữ văn 9",
        "Giải pháp: Tổ chức câu lạc bộ Tiếng Anh cho học sinh khối 6",
        "Sáng kiến: Trò chơi học tập trong dạy học Toán 8",
    ]
    for index, (person, title) in enumerate(zip(teachers, titles, strict=False)):
        year = _year("2023-2024" if index % 2 else "2024-2025")
        evidence_add_file(
            actor=None,
            target=teacher_criterion,
            context=EvidenceContext(
                unit=school,
                person=person,
                school_year=year,
                movement=movement,
                criterion=teacher_criterion,
            ),
            filename=f"{title.split(': ')[1]}.pdf",
            data=tiny_pdf(f"Sang kien kinh nghiem {index + 1}"),
            title=title,
        )
    for department in Unit.objects.filter(parent=school, type="subject_department").order_by(
        "code"
    )[:2]:
        evidence_add_file(
            actor=None,
            target=department_criterion,
            context=EvidenceContext(
                unit=department,
                school_year=_year("2024-2025"),
                movement=movement,
                criterion=department_criterion,
            ),
            filename="anh-sinh-hoat-chuyen-mon.png",
            data=tiny_png(rgb=(30, 120, 80)),
            title=f"Ảnh sinh hoạt chuyên môn theo nghiên cứu bài học – {department.name}",
        )
    evidence_add_link(
        actor=None,
        target=school_criterion,
        context=EvidenceContext(
            unit=school,
            school_year=_year("2024-2025"),
            movement=movement,
            criterion=school_criterion,
        ),
        url="https://thcstanhoco.edu.vn/tin-tuc/tong-ket-phong-trao-doi-moi-sang-tao",
        title="Bài viết tổng kết phong trào trên trang thông tin điện tử của trường",
    )


def _seed_002() -> None:
    movement = Movement.objects.filter(unit__code="THPT-NK", plan_number="282/KH-NK").first()
    if movement is None or Evidence.objects.filter(movement=movement).exists():
        return
    year = _year("2024-2025")
    files = {
        "Đơn vị học tập": (
            "QĐ công nhận Đơn vị học tập cấp Thành phố.pdf",
            "Quyết định công nhận Đơn vị học tập cấp Thành phố",
        ),
        "Công dân học tập": (
            "Báo cáo kết quả đánh giá Công dân học tập 2024-2025.pdf",
            "Báo cáo kết quả đánh giá Công dân học tập",
        ),
        "wifi": (
            "Biên bản nghiệm thu hệ thống wifi.pdf",
            "Biên bản nghiệm thu lắp đặt wifi phòng học",
        ),
    }
    for entry in ProgressEntry.objects.filter(target__movement=movement).select_related(
        "target", "unit"
    ):
        for key, (filename, title) in files.items():
            whole = not entry.target.per_unit_type
            if (
                whole
                and key in entry.target.text
                and entry.value >= 1
                and entry.recorded_on.month in (3, 5)
            ):
                evidence_add_file(
                    actor=None,
                    target=entry,
                    context=EvidenceContext(unit=entry.unit, school_year=year, movement=movement),
                    filename=filename,
                    data=tiny_pdf(title.encode("ascii", "ignore").decode() or "Minh chung"),
                    title=title,
                )


def _innovation_at_pilot(today: dt.date) -> None:
    cast = build_cast(today)
    movement = (
        Movement.objects.filter(unit__code="SGDDT-HCM", kind="standing").order_by("id").first()
    )
    if cast is None or movement is None or "star" not in cast.roles:
        return
    criterion = Criterion.objects.filter(
        movement=movement, unit__code="THCS-TBC", participant="teacher"
    ).first()
    if criterion is None or Evidence.objects.filter(criterion=criterion).exists():
        return
    star = cast.roles["star"]
    evidence_add_file(
        actor=None,
        target=criterion,
        context=EvidenceContext(
            unit=cast.schools["THCS-TBC"],
            person=star,
            school_year=_year(cast.current),
            movement=movement,
            criterion=criterion,
        ),
        filename="Kế hoạch bài dạy STEM – Năng lượng tái tạo.pdf",
        data=tiny_pdf("Ke hoach bai day STEM"),
        title="Kế hoạch bài dạy STEM chủ đề “Năng lượng tái tạo” (học kỳ I)",
    )


def load(today: dt.date) -> list:
    """Load the demo evidence files; returns no new logins."""
    _seed_001()
    _seed_002()
    _innovation_at_pilot(today)
    return []
