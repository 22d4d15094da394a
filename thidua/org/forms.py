from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BootstrapFormMixin, DateInput

from .models import ALLOWED_CHILDREN, SchoolLevel, SchoolYear, Unit, UnitType


class UnitForm(BootstrapFormMixin, forms.Form):
    type = forms.ChoiceField(label=_("Loại đơn vị"), choices=UnitType.choices)
    code = forms.CharField(
        label=_("Mã đơn vị"),
        max_length=40,
        help_text=_("Chữ in hoa không dấu và chữ số, ví dụ THCS-TBC."),
    )
    name = forms.CharField(label=_("Tên đơn vị"), max_length=200)
    short_name = forms.CharField(label=_("Tên ngắn"), max_length=80, required=False)
    school_level = forms.ChoiceField(
        label=_("Cấp học (với trường học)"),
        required=False,
        choices=[("", "—"), *SchoolLevel.choices],
    )
    school_year = forms.ModelChoiceField(
        label=_("Năm học (với lớp học)"),
        required=False,
        queryset=SchoolYear.objects.all(),
        to_field_name="code",
    )
    grade = forms.IntegerField(
        label=_("Khối (với lớp học)"), required=False, min_value=0, max_value=12
    )
    address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    place_name = forms.CharField(
        label=_("Địa danh ghi trên văn bản"),
        max_length=100,
        required=False,
        help_text=_("Ví dụ: Quận 5"),
    )
    active_from = forms.DateField(label=_("Hoạt động từ"), required=False, widget=DateInput())
    active_to = forms.DateField(label=_("Hoạt động đến"), required=False, widget=DateInput())

    def __init__(
        self, *args: Any, parent: Unit | None = None, editing: Unit | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if editing is not None:
            self.fields["type"].disabled = True
            self.fields["type"].required = False
        else:
            allowed = ALLOWED_CHILDREN.get(parent.type if parent else "", set())
            self.fields["type"].choices = [c for c in UnitType.choices if c[0] in allowed]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            data.get("active_from")
            and data.get("active_to")
            and data["active_to"] < data["active_from"]
        ):
            self.add_error("active_to", _("Ngày kết thúc phải sau ngày bắt đầu hoạt động."))
        return data


class SchoolYearForm(BootstrapFormMixin, forms.Form):
    code = forms.RegexField(
        label=_("Năm học"),
        regex=r"^\d{4}-\d{4}$",
        max_length=9,
        error_messages={"invalid": _("Năm học phải có dạng 2024-2025.")},
    )
    start_on = forms.DateField(label=_("Ngày bắt đầu"), widget=DateInput())
    hk1_end_on = forms.DateField(label=_("Kết thúc học kỳ I"), widget=DateInput())
    hk2_start_on = forms.DateField(label=_("Bắt đầu học kỳ II"), widget=DateInput())
    end_on = forms.DateField(label=_("Ngày kết thúc"), widget=DateInput())
