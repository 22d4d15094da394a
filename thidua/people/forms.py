from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BootstrapFormMixin, DateInput
from thidua.org.models import SchoolYear, Unit, UnitType

from .models import Gender, Position


class _PersonFields(BootstrapFormMixin, forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    gender = forms.ChoiceField(
        label=_("Giới tính"), choices=[("", "—"), *Gender.choices], required=False
    )
    date_of_birth = forms.DateField(label=_("Ngày sinh"), required=False, widget=DateInput())

    def clean_date_of_birth(self) -> Any:
        value = self.cleaned_data.get("date_of_birth")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("Ngày sinh không thể ở tương lai."))
        return value


class StaffForm(_PersonFields):
    staff_code = forms.CharField(label=_("Mã cán bộ"), max_length=40, required=False)
    position = forms.ChoiceField(label=_("Vị trí việc làm"), choices=Position.choices)
    job_title = forms.CharField(
        label=_("Chức vụ"),
        max_length=100,
        required=False,
        help_text=_("Ví dụ: Hiệu trưởng, Tổ trưởng, Giáo viên, Kế toán"),
    )
    subject = forms.CharField(label=_("Môn dạy"), max_length=100, required=False)
    hired_on = forms.DateField(label=_("Ngày tuyển dụng"), required=False, widget=DateInput())


class StaffCreateForm(StaffForm):
    department = forms.ModelChoiceField(label=_("Tổ"), queryset=Unit.objects.none(), required=False)
    start_on = forms.DateField(label=_("Ngày bắt đầu công tác tại đơn vị"), widget=DateInput())

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Unit.objects.filter(
            parent=unit, type__in=[UnitType.SUBJECT_DEPARTMENT, UnitType.OFFICE_TEAM]
        )


class TransferForm(BootstrapFormMixin, forms.Form):
    to_unit = forms.ModelChoiceField(
        label=_("Chuyển đến đơn vị"), queryset=Unit.objects.none(), to_field_name="code"
    )
    on = forms.DateField(label=_("Ngày bắt đầu công tác tại đơn vị mới"), widget=DateInput())
    job_title = forms.CharField(label=_("Chức vụ tại đơn vị mới"), max_length=100, required=False)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = units


class StudentForm(_PersonFields):
    student_code = forms.CharField(label=_("Mã học sinh"), max_length=40)
    date_of_birth = forms.DateField(label=_("Ngày sinh"), widget=DateInput())


class ImportUploadForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx)"),
        help_text=_(
            "Danh sách xuất từ phần mềm quản lý trường học; dòng tiêu "
            "đề có các cột như STT, Họ và tên, Ngày sinh…"
        ),
    )

    def __init__(self, *args: Any, with_year: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if with_year:
            self.fields["school_year"] = forms.ModelChoiceField(
                label=_("Năm học"), queryset=SchoolYear.objects.all(), to_field_name="code"
            )
            self.order_fields(["school_year", "file"])

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = settings.THIDUA_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("Tệp quá lớn (%(size)s MB). Dung lượng tối đa là %(max)s MB.")
                % {"size": f"{upload.size / 1024 / 1024:.1f}", "max": f"{limit / 1024 / 1024:.0f}"}
            )
        return upload
