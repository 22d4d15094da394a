"""Forms of the yearly-record entry pages (they parse; the services judge)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BootstrapFormMixin, DateInput
from thidua.org.models import SchoolYear

from .records import DisciplineLevel, LeaveKind, PendingMatterKind, Rating, TrainingResult


def _years() -> Any:
    return SchoolYear.objects.order_by("-code")


class RatingForm(BootstrapFormMixin, forms.Form):
    school_year = forms.ModelChoiceField(
        label=_("Năm học"), queryset=SchoolYear.objects.none(), to_field_name="code"
    )
    rating = forms.ChoiceField(label=_("Xếp loại"), choices=Rating.choices)
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school_year"].queryset = _years()


class DisciplineForm(BootstrapFormMixin, forms.Form):
    level = forms.ChoiceField(label=_("Hình thức kỷ luật"), choices=DisciplineLevel.choices)
    decided_on = forms.DateField(label=_("Ngày quyết định"), widget=DateInput())
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)
    issued_by = forms.CharField(label=_("Cơ quan quyết định"), max_length=200, required=False)
    reason = forms.CharField(label=_("Lý do"), max_length=500, required=False)
    counted_in_year = forms.ModelChoiceField(
        label=_("Vi phạm đã được tính khi xét thi đua năm học"),
        queryset=SchoolYear.objects.none(),
        to_field_name="code",
        required=False,
        help_text=_(
            "Chỉ ghi khi vi phạm này đã là lý do không xét Lao động tiên tiến ở một năm học trước."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["counted_in_year"].queryset = _years()


class PendingMatterForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Loại vụ việc"), choices=PendingMatterKind.choices)
    opened_on = forms.DateField(label=_("Ngày bắt đầu"), widget=DateInput())
    reference = forms.CharField(label=_("Văn bản liên quan"), max_length=200, required=False)
    note = forms.CharField(label=_("Nội dung"), max_length=500, required=False)


class PendingCloseForm(BootstrapFormMixin, forms.Form):
    closed_on = forms.DateField(label=_("Ngày kết thúc"), widget=DateInput())
    outcome = forms.CharField(label=_("Kết quả giải quyết"), max_length=500, required=False)


class LeaveForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Loại nghỉ"), choices=LeaveKind.choices)
    start_on = forms.DateField(label=_("Từ ngày"), widget=DateInput())
    end_on = forms.DateField(label=_("Đến ngày"), widget=DateInput())
    certified = forms.BooleanField(
        label=_(
            "Có xác nhận của cơ sở y tế cấp huyện trở lên (điều trị do bị thương khi làm nhiệm vụ)"
        ),
        required=False,
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)


class TrainingForm(BootstrapFormMixin, forms.Form):
    program = forms.CharField(label=_("Khóa đào tạo, bồi dưỡng"), max_length=200)
    institution = forms.CharField(label=_("Cơ sở đào tạo"), max_length=200, required=False)
    start_on = forms.DateField(label=_("Từ ngày"), widget=DateInput())
    end_on = forms.DateField(label=_("Đến ngày"), widget=DateInput())
    complied = forms.TypedChoiceField(
        label=_("Chấp hành quy chế của cơ sở đào tạo"),
        choices=[("", _("Chưa rõ")), ("yes", _("Chấp hành tốt")), ("no", _("Không chấp hành tốt"))],
        coerce=lambda v: {"yes": True, "no": False}.get(v),
        empty_value=None,
        required=False,
    )
    result = forms.ChoiceField(
        label=_("Kết quả học tập"), choices=[("", "—"), *TrainingResult.choices], required=False
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)


class TransferCommentForm(BootstrapFormMixin, forms.Form):
    commented_on = forms.DateField(label=_("Ngày nhận xét"), widget=DateInput())
    comment = forms.CharField(
        label=_("Nội dung nhận xét của đơn vị cũ"), widget=forms.Textarea(attrs={"rows": 4})
    )
