"""Forms of the movement pages: they parse input; the services judge it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BootstrapFormMixin, DateInput
from thidua.org.models import SchoolYear, Unit
from thidua.people.viewkit import CheckboxList

from .models import (
    AwardTiming,
    Comparison,
    Measure,
    Movement,
    MovementKind,
    MovementMethod,
    MovementScope,
    Participant,
    PhaseKind,
    Target,
)

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class MovementForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=MovementKind.choices)
    name = forms.CharField(label=_("Tên phong trào"), max_length=300)
    slogan = forms.CharField(label=_("Khẩu hiệu, chủ đề"), max_length=300, required=False)
    plan_number = forms.CharField(
        label=_("Số kế hoạch, quyết định phát động"), max_length=60, required=False
    )
    plan_date = forms.DateField(label=_("Ngày ban hành"), required=False, widget=DateInput())
    start_on = forms.DateField(label=_("Bắt đầu"), widget=DateInput())
    end_on = forms.DateField(label=_("Kết thúc"), widget=DateInput())
    school_year = forms.ModelChoiceField(
        label=_("Năm học"),
        queryset=SchoolYear.objects.all(),
        to_field_name="code",
        required=False,
        help_text=_("Với chủ đề năm học hoặc phong trào của một năm học."),
    )
    parent = forms.ModelChoiceField(
        label=_("Thực hiện phong trào của cấp trên"),
        queryset=Movement.objects.none(),
        required=False,
    )
    participants = forms.MultipleChoiceField(
        label=_("Đối tượng tham gia"),
        choices=Participant.choices,
        required=False,
        widget=CheckboxList,
    )
    scope = forms.ChoiceField(label=_("Phạm vi"), choices=MovementScope.choices)
    method = forms.ChoiceField(label=_("Phương thức tổ chức"), choices=MovementMethod.choices)
    award_timing = forms.ChoiceField(label=_("Đợt xét khen thưởng"), choices=AwardTiming.choices)
    is_campaign = forms.BooleanField(
        label=_(
            "Khen thưởng theo đợt, chuyên đề (không tính làm điều kiện khen thưởng cấp Nhà nước)"
        ),
        required=False,
    )
    purpose = forms.CharField(label=_("Mục đích"), required=False, widget=TEXTAREA)
    requirements = forms.CharField(label=_("Yêu cầu"), required=False, widget=TEXTAREA)
    content = forms.CharField(label=_("Nội dung thi đua"), required=False, widget=TEXTAREA)
    legal_bases = forms.CharField(
        label=_("Căn cứ pháp lý"),
        required=False,
        widget=TEXTAREA,
        help_text=_("Mỗi văn bản một dòng."),
    )
    planned_awards = forms.CharField(
        label=_("Hình thức khen thưởng dự kiến"),
        required=False,
        widget=TEXTAREA,
        help_text=_("Mỗi hình thức một dòng."),
    )

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        above = unit.ancestor_ids()[:-1]
        self.fields["parent"].queryset = Movement.objects.filter(unit_id__in=above).exclude(
            status="draft"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_on"), data.get("end_on")
        if start and end and end < start:
            self.add_error("end_on", _("Ngày kết thúc không thể trước ngày bắt đầu."))
        return data


class TransitionForm(BootstrapFormMixin, forms.Form):
    to = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Lý do"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PhaseForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=PhaseKind.choices)
    name = forms.CharField(label=_("Tên giai đoạn"), max_length=200)
    start_on = forms.DateField(label=_("Từ ngày"), widget=DateInput())
    end_on = forms.DateField(label=_("Đến ngày"), required=False, widget=DateInput())
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)


class CriterionForm(BootstrapFormMixin, forms.Form):
    participant = forms.ChoiceField(label=_("Đối tượng"), choices=Participant.choices)
    text = forms.CharField(label=_("Nội dung tiêu chí"), widget=forms.Textarea(attrs={"rows": 4}))
    points = forms.DecimalField(
        label=_("Điểm tối đa"), required=False, min_value=0, max_digits=6, decimal_places=2
    )
    weight = forms.DecimalField(
        label=_("Trọng số"), required=False, min_value=0, max_digits=5, decimal_places=2
    )
    is_mandatory = forms.BooleanField(label=_("Tiêu chí bắt buộc"), required=False, initial=True)
    evidence_required = forms.BooleanField(label=_("Cần nộp minh chứng"), required=False)
    legal_basis = forms.CharField(label=_("Căn cứ"), max_length=300, required=False)


class TargetForm(BootstrapFormMixin, forms.Form):
    text = forms.CharField(label=_("Chỉ tiêu"), max_length=500)
    measure = forms.ChoiceField(label=_("Cách đo"), choices=Measure.choices)
    comparison = forms.ChoiceField(label=_("So sánh"), choices=Comparison.choices)
    target_value = forms.DecimalField(
        label=_("Giá trị cần đạt"),
        min_value=0,
        max_digits=10,
        decimal_places=2,
        initial=1,
        help_text=_("Với tỷ lệ: số phần trăm (ví dụ 95). Với đạt/chưa đạt: bỏ qua."),
    )
    unit_label = forms.CharField(label=_("Đơn vị tính"), max_length=40, required=False)
    per_unit_type = forms.ChoiceField(
        label=_("Áp dụng cho"),
        choices=[("", _("Toàn đơn vị")), *Target._meta.get_field("per_unit_type").choices],
        required=False,
    )


class ProgressForm(BootstrapFormMixin, forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Đơn vị báo cáo"), queryset=Unit.objects.none(), to_field_name="code"
    )
    recorded_on = forms.DateField(label=_("Ngày ghi nhận"), widget=DateInput())
    period_label = forms.CharField(label=_("Kỳ báo cáo"), max_length=60, required=False)
    value = forms.DecimalField(
        label=_("Giá trị"),
        min_value=0,
        max_digits=10,
        decimal_places=2,
        help_text=_("Tỷ lệ: số người đạt. Số lượng: số đã đạt được. Đạt/chưa đạt: 1 hoặc 0."),
    )
    base = forms.DecimalField(
        label=_("Tổng số"),
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
        help_text=_("Chỉ với chỉ tiêu tỷ lệ: tổng số người được đánh giá."),
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class AdoptForm(BootstrapFormMixin, forms.Form):
    adopted_on = forms.DateField(label=_("Ngày triển khai tại đơn vị"), widget=DateInput())
    plan_number = forms.CharField(label=_("Số kế hoạch của đơn vị"), max_length=60, required=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)
