"""`thidua import staff FILE --unit CODE` and `thidua import students FILE --school CODE --year Y`.

All or nothing: with any bad row nothing is imported, every bad row is printed with its
row number, and the command exits with status 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.org.models import SchoolYear, Unit, UnitType
from thidua.people.imports import ImportRejected, class_by_name, import_staff, import_students


class Command(BaseCommand):
    help = "Nhập danh sách cán bộ hoặc học sinh từ tệp Excel (.xlsx)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="kind", required=True)
        staff = sub.add_parser("staff", help="Danh sách cán bộ, giáo viên, nhân viên")
        staff.add_argument("file")
        staff.add_argument("--unit", required=True, help="Mã đơn vị (ví dụ THCS-TBC)")
        students = sub.add_parser("students", help="Danh sách học sinh")
        students.add_argument("file")
        students.add_argument("--school", required=True, help="Mã trường")
        students.add_argument("--year", required=True, help="Năm học, ví dụ 2024-2025")
        students.add_argument(
            "--class", dest="class_name", default="", help="Tên lớp, khi tệp không có cột Lớp"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {path}: {exc.strerror}.") from None
        try:
            if options["kind"] == "staff":
                unit = Unit.objects.filter(code=options["unit"].upper()).first()
                if unit is None:
                    raise CommandError(f"Không có đơn vị mã {options['unit']}.")
                plan = import_staff(actor=None, data=data, filename=path.name, unit=unit)
            else:
                school = Unit.objects.filter(
                    code=options["school"].upper(), type=UnitType.SCHOOL
                ).first()
                if school is None:
                    raise CommandError(f"Không có trường mã {options['school']}.")
                # "2024 - 2025" and "2024/2025" name the year 2024-2025
                year_code = options["year"].replace("/", "-").replace(" ", "")
                year = SchoolYear.objects.filter(code=year_code).first()
                if year is None:
                    raise CommandError(f"Không có năm học {options['year']}.")
                class_unit = None
                if options["class_name"]:
                    class_unit = class_by_name(school, year, options["class_name"])
                    if class_unit is None:
                        raise CommandError(
                            f"Không có lớp {options['class_name']} năm học "
                            f"{year.code} trong {school.name}."
                        )
                plan = import_students(
                    actor=None,
                    data=data,
                    filename=path.name,
                    school=school,
                    school_year=year,
                    class_unit=class_unit,
                )
        except ImportRejected as exc:
            for error in exc.plan.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"Không nhập: tệp có {len(exc.plan.errors)} lỗi. Chưa có dữ liệu nào thay đổi."
            ) from None
        counts = plan.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nhập {path.name}: {counts['create']} thêm mới, {counts['update']} cập nhật, "
                f"{counts['unchanged']} không thay đổi."
            )
        )
