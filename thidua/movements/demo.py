"""Demo movements: seed 004 (the HCMC department's theme, standing movements and emulation
works, cascaded to its schools), seed 001 (THCS Tân Hộ Cơ, 2020–2025) and seed 002
(THPT Nguyễn Khuyến, learning society 2024–2025, with its targets and measured progress).

Idempotent: a movement is looked up by its launching unit and name first. Everything is
written through the services, so the pages show real plans, adoptions and status history.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from thidua.org.models import SchoolYear, Unit

from .models import Adoption, AdoptionStatus, Movement
from .services import (
    adoption_adopt,
    criterion_add,
    movement_create,
    movement_launch,
    movement_transition,
    phase_add,
    progress_record,
    target_add,
)

HCM = "SGDDT-HCM"
INNOVATION = "Đổi mới, sáng tạo trong quản lý, giảng dạy và học tập"
LEARNING_SOCIETY = (
    "Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời giai đoạn 2023 – 2030"
)
GUIDANCE_6311 = (
    "Hướng dẫn số 6311/HD-SGDĐT năm 2023 của Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh "
    "về công tác thi đua, khen thưởng năm học 2023-2024"
)
LAW = "Luật Thi đua, khen thưởng số 06/2022/QH15"


def _unit(code: str) -> Unit | None:
    return Unit.objects.filter(code=code).first()


def _existing(unit: Unit, name: str) -> Movement | None:
    return Movement.objects.filter(unit=unit, name=name).first()


def _criteria(movement: Movement, unit: Unit, items: list[tuple[str, str, dict[str, Any]]]) -> None:
    for participant, text, extra in items:
        criterion_add(
            actor=None, movement=movement, unit=unit, participant=participant, text=text, **extra
        )


def _close(movement: Movement) -> Movement:
    movement = movement_transition(actor=None, movement=movement, to="under_review")
    return movement_transition(actor=None, movement=movement, to="closed")


# ---------------------------------------------------------------- seed 004: HCMC department


def _hcm_standing(doe: Unit) -> dict[str, Movement]:
    made: dict[str, Movement] = {}
    common_criteria = [
        (
            "school",
            "Tổ chức phong trào thiết thực, hiệu quả, gắn với nhiệm vụ năm học; có mô hình mới, "
            "cách làm hay được nhân rộng.",
            {"points": 40, "evidence_required": True, "legal_basis": GUIDANCE_6311},
        ),
        (
            "manager",
            "Có giải pháp đổi mới quản trị nhà trường theo hướng tinh gọn, hiện đại, minh bạch; "
            "tập thể do mình quản lý có phong trào thi đua thiết thực, hiệu quả.",
            {"points": 30, "evidence_required": True},
        ),
        (
            "teacher",
            "Có giải pháp, sáng kiến đổi mới phương pháp dạy học, ứng dụng công nghệ số trong "
            "giảng dạy, kiểm tra, đánh giá được tập thể ghi nhận.",
            {"points": 30, "evidence_required": True},
        ),
        (
            "staff",
            "Có giải pháp đổi mới trong thực hiện nhiệm vụ được giao, đạt hiệu quả thiết thực.",
            {"points": 20, "is_mandatory": False},
        ),
    ]
    specs = [
        {
            "name": INNOVATION,
            "kind": "standing",
            "slogan": "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
            "start_on": dt.date(2020, 11, 1),
            "end_on": dt.date(2030, 12, 31),
            "plan_number": "3650/KH-SGDĐT",
            "plan_date": dt.date(2020, 10, 26),
            "purpose": (
                "Khơi dậy tinh thần đổi mới, sáng tạo của đội ngũ nhà giáo, cán bộ quản lý giáo dục "
                "và học sinh; phát hiện, tôn vinh, nhân rộng các điển hình tiên tiến trong dạy và học."
            ),
            "legal_bases": f"{LAW}\n{GUIDANCE_6311}",
            "participants": ["school", "subject_department", "manager", "teacher", "staff"],
            "criteria": common_criteria,
        },
        {
            "name": LEARNING_SOCIETY,
            "kind": "standing",
            "start_on": dt.date(2023, 11, 9),
            "end_on": dt.date(2030, 12, 31),
            "plan_number": "4403/KH-SGDDT",
            "plan_date": dt.date(2024, 7, 19),
            "purpose": (
                "Triển khai Đề án “Xây dựng xã hội học tập giai đoạn 2021 - 2030” trong ngành Giáo "
                "dục và Đào tạo Thành phố; xây dựng mô hình Công dân học tập, Đơn vị học tập."
            ),
            "legal_bases": (
                "Quyết định số 1315/QĐ-TTg ngày 09/11/2023 của Thủ tướng Chính phủ\n"
                "Kế hoạch số 734/KH-UBND ngày 15/02/2024 của Ủy ban nhân dân Thành phố Hồ Chí Minh\n"
                "Kế hoạch số 4403/KH-SGDDT ngày 19/7/2024 của Sở Giáo dục và Đào tạo"
            ),
            "participants": ["school", "subject_department", "teacher", "staff", "student"],
            "criteria": [
                (
                    "school",
                    "Được công nhận “Đơn vị học tập” theo Thông tư số 24/2023/TT-BGDĐT.",
                    {"evidence_required": True, "legal_basis": "Thông tư 24/2023/TT-BGDĐT"},
                ),
                (
                    "teacher",
                    "Được công nhận danh hiệu “Công dân học tập” theo Quyết định số 324/QĐ-KHVN.",
                    {"evidence_required": True, "legal_basis": "Quyết định 324/QĐ-KHVN"},
                ),
            ],
        },
        {
            "name": (
                "Năng động, sáng tạo, dám nghĩ, dám làm vì lợi ích chung, vì sự phát triển của "
                "Thành phố"
            ),
            "kind": "standing",
            "start_on": dt.date(2023, 9, 5),
            "end_on": dt.date(2030, 12, 31),
            "legal_bases": GUIDANCE_6311,
            "participants": ["school", "manager", "teacher"],
            "criteria": common_criteria[:2],
        },
        {
            "name": (
                "Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, "
                "chống lãng phí"
            ),
            "kind": "standing",
            "start_on": dt.date(2023, 9, 5),
            "end_on": dt.date(2030, 12, 31),
            "legal_bases": GUIDANCE_6311,
            "participants": ["school", "staff"],
            "criteria": [
                (
                    "school",
                    "Sử dụng tiết kiệm, hiệu quả kinh phí, điện, nước; bảo quản tốt cơ sở vật chất.",
                    {"points": 20},
                ),
                (
                    "staff",
                    "Thực hành tiết kiệm trong công việc được giao, không để xảy ra lãng phí.",
                    {"points": 10},
                ),
            ],
        },
    ]
    for spec in specs:
        spec = dict(spec)
        criteria = spec.pop("criteria")
        movement = _existing(doe, spec["name"])
        if movement is None:
            movement = movement_create(
                actor=None,
                unit=doe,
                kind=spec.pop("kind"),
                name=spec.pop("name"),
                start_on=spec.pop("start_on"),
                end_on=spec.pop("end_on"),
                scope="sector_local",
                method="regular_annual",
                award_timing="in_stages",
                **spec,
            )
            _criteria(movement, doe, criteria)
            movement = movement_launch(actor=None, movement=movement)
        made[movement.name] = movement
    return made


def _hcm_theme(doe: Unit) -> None:
    name = "Chủ đề năm học 2023-2024: Chuyển đổi số giáo dục – Từ cốt lõi đến toàn diện"
    if _existing(doe, name):
        return
    movement = movement_create(
        actor=None,
        unit=doe,
        kind="theme",
        name=name,
        slogan="Chuyển đổi số giáo dục – Từ cốt lõi đến toàn diện",
        start_on=dt.date(2023, 9, 5),
        end_on=dt.date(2024, 5, 31),
        school_year=SchoolYear.objects.filter(code="2023-2024").first(),
        plan_number="6311/HD-SGDĐT",
        legal_bases=GUIDANCE_6311,
        purpose=(
            "Tiếp tục thực hiện hiệu quả chuyển đổi số, đẩy mạnh cải cách hành chính và ứng dụng "
            "công nghệ thông tin trong giáo dục và đào tạo; phát triển kho học liệu số, học liệu "
            "mở dùng chung toàn ngành."
        ),
        scope="sector_local",
        method="regular_annual",
    )
    movement = movement_launch(actor=None, movement=movement)
    _close(movement)


def _hcm_works(doe: Unit) -> None:
    name = (
        "Công trình thi đua chào mừng kỷ niệm 50 năm Ngày Giải phóng miền Nam, thống nhất đất "
        "nước (30/4/1975 – 30/4/2025)"
    )
    if _existing(doe, name):
        return
    movement = movement_create(
        actor=None,
        unit=doe,
        kind="emulation_work",
        name=name,
        start_on=dt.date(2023, 9, 5),
        end_on=dt.date(2025, 4, 30),
        plan_number="6311/HD-SGDĐT",
        legal_bases=GUIDANCE_6311,
        content=(
            "Chương trình giáo dục thông minh; Đề án xây dựng Thành phố Hồ Chí Minh – Trung tâm "
            "đào tạo nguồn nhân lực chất lượng cao; Công trình xây dựng 4.500 phòng học."
        ),
        scope="sector_local",
        method="thematic",
    )
    movement = movement_launch(actor=None, movement=movement)
    targets = [
        target_add(
            actor=None,
            movement=movement,
            unit=doe,
            text="100% cơ sở giáo dục phổ thông hoàn thiện hệ thống giáo dục số",
            measure="boolean",
            per_unit_type="school",
        ),
        target_add(
            actor=None,
            movement=movement,
            unit=doe,
            text="Xây dựng 50 trường học số",
            measure="count",
            target_value=50,
            unit_label="trường",
        ),
        target_add(
            actor=None,
            movement=movement,
            unit=doe,
            text="Xây dựng 4.500 phòng học mới đưa vào sử dụng giai đoạn 2023 – 2025",
            measure="count",
            target_value=4500,
            unit_label="phòng học",
        ),
    ]
    for code in ("THCS-TBC", "TH-BAUSEN", "THPT-NK", "THPT-BK"):
        school = _unit(code)
        if school is not None:
            progress_record(
                actor=None,
                target=targets[0],
                unit=school,
                recorded_on=dt.date(2025, 4, 15),
                value=0 if code == "THPT-BK" else 1,
                note="" if code != "THPT-BK" else "Còn thiếu hệ thống quản lý học liệu số",
            )
    for day, done in ((dt.date(2024, 6, 30), 31), (dt.date(2025, 4, 25), 52)):
        progress_record(actor=None, target=targets[1], unit=doe, recorded_on=day, value=done)
    for day, done in ((dt.date(2024, 6, 30), 2870), (dt.date(2025, 4, 25), 4312)):
        progress_record(
            actor=None,
            target=targets[2],
            unit=doe,
            recorded_on=day,
            value=done,
            period_label="Báo cáo tiến độ",
        )
    _close(movement)


def _adopt(movement: Movement, code: str, plan_number: str, on: dt.date) -> None:
    adoption = Adoption.objects.filter(movement=movement, unit__code=code).first()
    if adoption is not None and adoption.status == AdoptionStatus.PENDING:
        adoption_adopt(actor=None, adoption=adoption, adopted_on=on, plan_number=plan_number)


def _tbc_own_criteria(movement: Movement) -> None:
    tbc = _unit("THCS-TBC")
    if tbc is None or movement.criteria.filter(unit=tbc).exists():
        return
    _criteria(
        movement,
        tbc,
        [
            (
                "teacher",
                "Mỗi giáo viên thực hiện ít nhất một chuyên đề dạy học STEM hoặc bài dạy ứng dụng "
                "công nghệ số mỗi học kỳ, có sản phẩm lưu tại tổ.",
                {"evidence_required": True, "points": 10},
            ),
            (
                "subject_department",
                "Tổ chuyên môn sinh hoạt theo nghiên cứu bài học ít nhất 1 lần/tháng.",
                {"points": 10},
            ),
        ],
    )


# ---------------------------------------------------------------- seed 001: THCS Tân Hộ Cơ


SEED_001_CRITERIA = [
    (
        "school",
        "Tổ chức thực hiện Phong trào thi đua thiết thực, đạt hiệu quả cao; kiến tạo, hỗ trợ, phục "
        "vụ để mỗi nhà giáo, cán bộ quản lý giáo dục, học sinh có môi trường sư phạm thuận lợi, "
        "phát huy tối đa phẩm chất, năng lực cá nhân; khuyến khích được nhiều tập thể, cá nhân tự "
        "nguyện tham gia Phong trào thi đua.",
        {"evidence_required": True},
    ),
    (
        "subject_department",
        "Tổ chức thực hiện Phong trào thi đua thiết thực, đạt hiệu quả cao; chủ động phát hiện, "
        "xây dựng và lựa chọn những điển hình tiêu biểu có nhiều sáng tạo, sáng kiến.",
        {"evidence_required": True},
    ),
    (
        "office_team",
        "Tổ chức thực hiện Phong trào thi đua thiết thực, hiệu quả; có giải pháp đổi mới trong "
        "công tác hành chính, phục vụ dạy và học.",
        {},
    ),
    (
        "manager",
        "Có phẩm chất đạo đức tốt, gương mẫu chấp hành chủ trương của Đảng, chính sách, pháp luật "
        "của Nhà nước; tập thể do cá nhân lãnh đạo, quản lý phải có Phong trào thi đua thiết thực, "
        "hiệu quả; có nhiều giải pháp đổi mới, sáng tạo trong công tác quản lý, thực hiện tốt "
        "nhiệm vụ chính trị và các hoạt động giáo dục, được tập thể ghi nhận; đoàn kết, dân chủ, "
        "gương mẫu trong thực hiện nhiệm vụ.",
        {"evidence_required": True},
    ),
    (
        "teacher",
        "Có phẩm chất đạo đức tốt, gương mẫu chấp hành chủ trương của Đảng, chính sách, pháp luật "
        "của Nhà nước; có nhiều giải pháp đổi mới, sáng tạo trong việc chăm sóc, giáo dục, giảng "
        "dạy, nghiên cứu khoa học; tích cực học tập, nâng cao trình độ lý luận chính trị, chuyên "
        "môn, nghiệp vụ, được tập thể ghi nhận.",
        {"evidence_required": True},
    ),
    (
        "staff",
        "Có phẩm chất đạo đức tốt, gương mẫu chấp hành chủ trương của Đảng, chính sách, pháp luật "
        "của Nhà nước; có giải pháp đổi mới, sáng tạo trong thực hiện nhiệm vụ được giao, đạt hiệu "
        "quả thiết thực, được tập thể ghi nhận.",
        {},
    ),
    (
        "student",
        "Đạt thành tích xuất sắc trong học tập, rèn luyện, hoạt động trải nghiệm, sáng tạo, khởi "
        "nghiệp; đoạt giải cao trong các kỳ thi Học sinh giỏi, Hùng biện tiếng Anh, Khoa học kỹ "
        "thuật; vượt khó, vươn lên học giỏi; có hành động mưu trí, dũng cảm, nghĩa cử cao đẹp; "
        "tham gia có hiệu quả các hoạt động tình nguyện vì cộng đồng.",
        {"is_mandatory": False},
    ),
]


def _seed_001() -> None:
    school = _unit("THCS-THC")
    name = "Đổi mới, sáng tạo trong quản lý, giảng dạy và học tập giai đoạn 2020 - 2025"
    if school is None or _existing(school, name):
        return
    movement = movement_create(
        actor=None,
        unit=school,
        kind="periodic",
        name=name,
        start_on=dt.date(2020, 11, 20),
        end_on=dt.date(2025, 12, 31),
        plan_number="Kế hoạch của Trường THCS Tân Hộ Cơ",
        plan_date=dt.date(2020, 11, 20),
        purpose=(
            "Thực hiện có hiệu quả Nghị quyết số 29-NQ/TW ngày 04/11/2013 về đổi mới căn bản, toàn "
            "diện giáo dục và đào tạo.\n"
            "Tiếp tục xây dựng môi trường giáo dục mở, xanh, sạch, đẹp, thân thiện, an toàn; khơi "
            "dậy tinh thần đổi mới, sáng tạo của đội ngũ nhà giáo, cán bộ quản lý trong giảng dạy, "
            "giáo dục, quản lý và nghiên cứu khoa học; phát huy tính chủ động, sáng tạo của học "
            "sinh.\n"
            "Phát hiện, tôn vinh những tập thể, cá nhân điển hình tiên tiến, mô hình mới, nhân tố "
            "mới tiêu biểu trong dạy và học, từ đó nhân rộng."
        ),
        requirements=(
            "Thi đua đổi mới, sáng tạo gắn với nhiệm vụ trọng tâm của ngành và của nhà trường; xét "
            "khen thưởng kịp thời, chặt chẽ, đúng đối tượng, đúng thành tích, công khai, công bằng, "
            "dân chủ, đúng quy trình; thành tích đến đâu khen đến đó.\n"
            "Các tổ chuyên môn và Tổ văn phòng chủ động phát hiện, xây dựng và lựa chọn điển hình "
            "tiêu biểu; thực hiện tốt sơ kết, tổng kết theo từng năm học có chứng minh cụ thể."
        ),
        content=(
            "Đối với tập thể: quán triệt tư tưởng thi đua ái quốc của Chủ tịch Hồ Chí Minh gắn với "
            "Chỉ thị 34-CT/TW và Chỉ thị 05-CT/TW; xây dựng trường học “Xanh – Sạch – Đẹp”, “An "
            "toàn về ANTT”; tổ chức tốt hoạt động trải nghiệm sáng tạo, kỹ năng sống.\n"
            "Đối với cá nhân: cán bộ quản lý, giáo viên, nhân viên là tấm gương tự học, có nhiều "
            "giải pháp đổi mới; học sinh chủ động, tích cực, sáng tạo, vượt khó vươn lên."
        ),
        legal_bases=(
            "Kế hoạch số 1431/KH-PGDĐT ngày 16/11/2020 của Phòng Giáo dục và Đào tạo về thực hiện "
            "phong trào thi đua “Đổi mới, sáng tạo trong quản lý, giảng dạy và học tập” giai đoạn "
            "2020 - 2025\n"
            "Kết quả thực hiện phong trào thi đua “Đổi mới, sáng tạo trong dạy và học” giai đoạn "
            "2018 - 2020\n"
            "Kế hoạch số 216/KH-THCSTHC ngày 11/9/2020 về nhiệm vụ và giải pháp năm học 2020 – 2021"
        ),
        planned_awards="Khen thưởng hằng năm theo kết thúc học kỳ, năm học\nSơ kết phong trào\n"
        "Tổng kết phong trào, đề nghị khen thưởng tại Hội nghị thi đua yêu nước ngành Giáo dục "
        "lần thứ VIII (2025)",
        participants=[
            "school",
            "subject_department",
            "office_team",
            "manager",
            "teacher",
            "staff",
            "student",
        ],
        scope="unit",
        method="regular_annual",
        award_timing="in_stages",
    )
    _criteria(movement, school, SEED_001_CRITERIA)
    phases = [
        (
            "launch",
            "Triển khai kế hoạch, quán triệt đến tổ chuyên môn, tổ văn phòng",
            dt.date(2020, 11, 20),
            dt.date(2020, 12, 15),
        ),
        (
            "implementation",
            "Thực hiện và báo cáo định kỳ mỗi học kỳ, năm học",
            dt.date(2021, 1, 1),
            dt.date(2025, 5, 31),
        ),
        ("mid_term_review", "Sơ kết Phong trào thi đua", dt.date(2023, 11, 20), None),
        (
            "final_review",
            "Tổng kết, đề nghị khen thưởng tại Hội nghị thi đua yêu nước lần thứ VIII",
            dt.date(2025, 9, 1),
            dt.date(2025, 12, 31),
        ),
    ]
    for kind, phase_name, start, end in phases:
        phase_add(
            actor=None, movement=movement, kind=kind, name=phase_name, start_on=start, end_on=end
        )
    movement = movement_launch(actor=None, movement=movement)
    for adoption in movement.adoptions.select_related("unit"):
        adoption_adopt(actor=None, adoption=adoption, adopted_on=dt.date(2020, 12, 1))
    initiative_target = target_add(
        actor=None,
        movement=movement,
        unit=school,
        text="Mỗi năm học có ít nhất 5 sáng kiến, giải pháp đổi mới được công nhận cấp cơ sở",
        measure="count",
        target_value=5,
        unit_label="sáng kiến",
    )
    department_target = target_add(
        actor=None,
        movement=movement,
        unit=school,
        text="Mỗi tổ chuyên môn có ít nhất 1 mô hình, cách làm hay được nhân rộng",
        measure="count",
        target_value=1,
        unit_label="mô hình",
        per_unit_type="subject_department",
    )
    exemplar_target = target_add(
        actor=None,
        movement=movement,
        unit=school,
        text="Giới thiệu gương điển hình tiên tiến về Phòng GD&ĐT",
        measure="count",
        target_value=2,
        unit_label="gương",
    )
    for first, count in ((2021, 4), (2022, 5), (2023, 6), (2024, 7)):
        progress_record(
            actor=None,
            target=initiative_target,
            unit=school,
            recorded_on=dt.date(first + 1, 5, 25),
            value=count,
            period_label=f"Tổng kết năm học {first}-{first + 1}",
        )
    departments = list(
        Unit.objects.filter(parent=school, type="subject_department").order_by("code")
    )
    for index, department in enumerate(departments):
        progress_record(
            actor=None,
            target=department_target,
            unit=department,
            recorded_on=dt.date(2025, 5, 25),
            value=0 if index == len(departments) - 1 else 1 + index % 2,
            period_label="Tổng kết năm học 2024-2025",
        )
    progress_record(
        actor=None,
        target=exemplar_target,
        unit=school,
        recorded_on=dt.date(2025, 6, 10),
        value=3,
        note="Giới thiệu 3 gương điển hình về Phòng GD&ĐT huyện Tân Hồng",
    )
    _close(movement)


# ---------------------------------------------------------------- seed 002: THPT Nguyễn Khuyến


def _seed_002(parent: Movement | None) -> None:
    school = _unit("THPT-NK")
    name = (
        "Cả nước xây dựng xã hội học tập, đẩy mạnh học tập suốt đời giai đoạn 2023 - 2030 "
        "năm học 2024-2025 tại trường THPT Nguyễn Khuyến"
    )
    if school is None or _existing(school, name):
        return
    movement = movement_create(
        actor=None,
        unit=school,
        parent=parent,
        kind="periodic",
        name=name,
        start_on=dt.date(2024, 9, 20),
        end_on=dt.date(2025, 6, 30),
        school_year=SchoolYear.objects.filter(code="2024-2025").first(),
        plan_number="282/KH-NK",
        plan_date=dt.date(2024, 9, 20),
        purpose=(
            "Tuyên truyền, nâng cao nhận thức của cán bộ, giáo viên, nhân viên và học sinh về "
            "khuyến học, khuyến tài, học tập suốt đời, xây dựng xã hội học tập.\n"
            "Nâng cao vai trò của người đứng đầu, của các đoàn thể trong chỉ đạo Phong trào; duy trì "
            "và nâng cao chất lượng công nhận các mô hình học tập; đưa nội dung xây dựng xã hội học "
            "tập vào tiêu chí đánh giá thi đua."
        ),
        requirements=(
            "Phong trào triển khai sâu rộng đến từng cán bộ, giáo viên, nhân viên và học sinh; đánh "
            "giá gắn với kết quả nhiệm vụ chính trị, lồng ghép với Phong trào “Dạy tốt, học tốt”; "
            "thiết thực, hiệu quả, tránh trùng lặp; thường xuyên kiểm tra, định kỳ sơ kết, tổng kết."
        ),
        legal_bases=(
            "Quyết định số 1315/QĐ-TTg ngày 09/11/2023 của Thủ tướng Chính phủ\n"
            "Kế hoạch số 4344/KH-UBND ngày 22/12/2021 của Ủy ban nhân dân Thành phố Hồ Chí Minh\n"
            "Kế hoạch số 734/KH-UBND ngày 15/02/2024 của Ủy ban nhân dân Thành phố Hồ Chí Minh\n"
            "Kế hoạch số 1927/KH-UBND ngày 11/4/2024 của Ủy ban nhân dân Thành phố Hồ Chí Minh\n"
            "Kế hoạch số 1889/KH-UBND ngày 10/4/2024 của Ủy ban nhân dân Thành phố Hồ Chí Minh\n"
            "Kế hoạch số 4403/KH-SGDDT ngày 19/7/2024 của Sở Giáo dục và Đào tạo"
        ),
        planned_awards="Bằng khen của Thủ tướng Chính phủ\nBằng khen của Ủy ban nhân dân Thành phố\n"
        "Giấy khen của các cơ quan, đơn vị, địa phương",
        participants=["school", "subject_department", "teacher", "staff", "student"],
        scope="unit",
        method="regular_annual",
        award_timing="in_stages",
    )
    _criteria(
        movement,
        school,
        [
            (
                "school",
                "Ứng dụng mạnh mẽ công nghệ số và dạy học trực tuyến trong tổ chức các hoạt động giảng dạy.",
                {},
            ),
            (
                "school",
                "Có tỷ lệ cán bộ, viên chức, người lao động được công nhận “Công dân học tập” đạt và "
                "vượt mục tiêu theo Quyết định số 677/QĐ-TTg.",
                {"evidence_required": True, "legal_basis": "Quyết định 324/QĐ-KHVN"},
            ),
            (
                "school",
                "Được công nhận “Đơn vị học tập cấp thành phố” theo Thông tư số 24/2023/TT-BGDĐT.",
                {"evidence_required": True, "legal_basis": "Thông tư 24/2023/TT-BGDĐT"},
            ),
            (
                "subject_department",
                "Xây dựng và triển khai ít nhất 1 mô hình công dân học tập gắn với hoạt động chuyên môn của tổ.",
                {"evidence_required": True},
            ),
            (
                "subject_department",
                "Tham gia xây dựng kho học liệu mở phục vụ tự học và học tập suốt đời.",
                {},
            ),
            (
                "subject_department",
                "Đạt tỷ lệ 100% thành viên trong tổ được công nhận “Công dân học tập”.",
                {},
            ),
            (
                "teacher",
                "Là cá nhân tiêu biểu, có nhiều đóng góp về công sức, trí tuệ xây dựng xã hội học tập ở đơn vị.",
                {},
            ),
            (
                "teacher",
                "Có giải pháp, sáng kiến hiệu quả trong triển khai Phong trào được cấp có thẩm quyền công nhận.",
                {"evidence_required": True},
            ),
            (
                "teacher",
                "Được công nhận danh hiệu “Công dân học tập” theo Quyết định số 324/QĐ-KHVN.",
                {"evidence_required": True},
            ),
            (
                "staff",
                "Được công nhận danh hiệu “Công dân học tập” theo Quyết định số 324/QĐ-KHVN.",
                {},
            ),
            (
                "student",
                "Kết quả học tập và rèn luyện đạt yêu cầu; không bị kỷ luật từ mức khiển trách trở lên.",
                {},
            ),
            (
                "student",
                "Có năng lực tự học, tự nghiên cứu; đạt giải cấp Thành phố các cuộc thi học thuật, nghiên cứu khoa học.",
                {"is_mandatory": False},
            ),
        ],
    )
    for kind, phase_name, start, end in [
        (
            "launch",
            "Tuần lễ hưởng ứng học tập suốt đời",
            dt.date(2024, 10, 1),
            dt.date(2024, 10, 7),
        ),
        (
            "implementation",
            "Báo cáo tình hình thực hiện về Sở GD&ĐT (trước 25/11)",
            dt.date(2024, 11, 1),
            dt.date(2024, 11, 25),
        ),
        (
            "implementation",
            "Báo cáo kết quả đánh giá Công dân học tập",
            dt.date(2025, 6, 1),
            dt.date(2025, 6, 30),
        ),
        (
            "mid_term_review",
            "Sơ kết giai đoạn 2023 – 2025 (chậm nhất Quý 3/2025)",
            dt.date(2025, 7, 1),
            dt.date(2025, 9, 30),
        ),
    ]:
        phase_add(
            actor=None, movement=movement, kind=kind, name=phase_name, start_on=start, end_on=end
        )
    movement = movement_launch(actor=None, movement=movement)
    for adoption in movement.adoptions.select_related("unit"):
        adoption_adopt(actor=None, adoption=adoption, adopted_on=dt.date(2024, 9, 27))
    wifi = target_add(
        actor=None,
        movement=movement,
        unit=school,
        text="Tất cả các phòng học có wifi đảm bảo phục vụ tốt cho việc giảng dạy và học tập",
        measure="boolean",
    )
    citizens = target_add(
        actor=None,
        movement=movement,
        unit=school,
        text="Hơn 95% cán bộ quản lý, giáo viên, nhân viên và học sinh đạt danh hiệu Công dân học tập",
        measure="share",
        comparison="gt",
        target_value=95,
    )
    learning_unit = target_add(
        actor=None,
        movement=movement,
        unit=school,
        text="Trường được công nhận danh hiệu “Đơn vị học tập” cấp Thành phố",
        measure="boolean",
    )
    models = target_add(
        actor=None,
        movement=movement,
        unit=school,
        text="Mỗi tổ chuyên môn xây dựng và triển khai ít nhất 1 mô hình công dân học tập",
        measure="count",
        target_value=1,
        unit_label="mô hình",
        per_unit_type="subject_department",
    )
    members = target_add(
        actor=None,
        movement=movement,
        unit=school,
        text="100% thành viên mỗi tổ chuyên môn được công nhận Công dân học tập",
        measure="share",
        target_value=100,
        per_unit_type="subject_department",
    )
    materials = target_add(
        actor=None,
        movement=movement,
        unit=school,
        text="Đóng góp học liệu số cho kho học liệu mở",
        measure="count",
        target_value=40,
        unit_label="học liệu",
    )
    initiatives = target_add(
        actor=None,
        movement=movement,
        unit=school,
        text="Sáng kiến, giải pháp hiệu quả trong Phong trào được cấp có thẩm quyền công nhận",
        measure="count",
        target_value=3,
        unit_label="sáng kiến",
    )
    progress_record(
        actor=None,
        target=wifi,
        unit=school,
        recorded_on=dt.date(2024, 12, 10),
        value=0,
        period_label="Học kỳ I",
        note="Còn 3 phòng học khối 12 chưa phủ sóng ổn định",
    )
    progress_record(
        actor=None,
        target=wifi,
        unit=school,
        recorded_on=dt.date(2025, 3, 5),
        value=1,
        period_label="Học kỳ II",
        note="Đã lắp bổ sung 4 bộ phát wifi",
    )
    progress_record(
        actor=None,
        target=citizens,
        unit=school,
        recorded_on=dt.date(2025, 1, 10),
        value=1180,
        base=1290,
        period_label="Sơ kết học kỳ I",
    )
    progress_record(
        actor=None,
        target=citizens,
        unit=school,
        recorded_on=dt.date(2025, 5, 25),
        value=1236,
        base=1290,
        period_label="Tổng kết năm học",
    )
    progress_record(
        actor=None,
        target=learning_unit,
        unit=school,
        recorded_on=dt.date(2025, 5, 30),
        value=1,
        note="Quyết định công nhận Đơn vị học tập cấp Thành phố",
    )
    departments = list(
        Unit.objects.filter(parent=school, type="subject_department").order_by("code")
    )
    for index, department in enumerate(departments):
        progress_record(
            actor=None,
            target=models,
            unit=department,
            recorded_on=dt.date(2025, 5, 20),
            value=0 if index == 3 else 1,
            period_label="Tổng kết năm học",
        )
        size = 5 + index % 3
        progress_record(
            actor=None,
            target=members,
            unit=department,
            recorded_on=dt.date(2025, 5, 20),
            value=size - (1 if index in (1, 3) else 0),
            base=size,
            period_label="Tổng kết năm học",
        )
    progress_record(
        actor=None, target=materials, unit=school, recorded_on=dt.date(2025, 1, 10), value=18
    )
    progress_record(
        actor=None, target=materials, unit=school, recorded_on=dt.date(2025, 5, 25), value=46
    )
    progress_record(
        actor=None, target=initiatives, unit=school, recorded_on=dt.date(2025, 5, 25), value=4
    )
    _close(movement)


def load(today: dt.date) -> list:
    """Load the demo movements (seeds 001, 002, 004); returns no new logins."""
    doe = _unit(HCM)
    if doe is None:
        return []
    standing = _hcm_standing(doe)
    _hcm_theme(doe)
    _hcm_works(doe)
    innovation = standing[INNOVATION]
    learning = standing[LEARNING_SOCIETY]
    _adopt(innovation, "THCS-TBC", "125/KH-THCSTBC", dt.date(2024, 9, 25))
    _adopt(innovation, "THPT-NK", "201/KH-NK", dt.date(2024, 9, 18))
    _adopt(innovation, "PGDDT-Q5", "1520/KH-GDĐT", dt.date(2024, 9, 16))
    _adopt(learning, "THPT-NK", "282/KH-NK", dt.date(2024, 9, 20))
    _adopt(learning, "THPT-BK", "198/KH-BK", dt.date(2024, 10, 2))
    _tbc_own_criteria(Movement.objects.get(pk=innovation.pk))
    _seed_001()
    _seed_002(learning)
    return []
