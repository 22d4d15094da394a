"""Forms of the nomination pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.achievements.catalog import AwardId
from thidua.achievements.models import Achievement
from thidua.core.forms import BootstrapFormMixin, DateInput, DateTimeInput
from thidua.movements.models import Movement
from thidua.org.models import SchoolYear
from thidua.people.viewkit import CheckboxList

from .models import RoundKind

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]


class RoundForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Tên đợt xét"), max_length=300)
    kind = forms.ChoiceField(
        label=_("Loại đợt"), choices=[c for c in RoundKind.choices if c[0] != RoundKind.RECEIVING]
    )
    school_year = forms.ModelChoiceField(
        label=_("Năm học"), queryset=SchoolYear.objects.none(), to_field_name="code"
    )
    awards = forms.MultipleChoiceField(
        label=_("Danh hiệu thi đua, hình thức khen thưởng được xét"), widget=CheckboxList
    )
    movement = forms.ModelChoiceField(
        label=_("Phong trào được sơ kết, tổng kết (nếu có)"),
        queryset=Movement.objects.none(),
        required=False,
    )
    deadline = forms.DateTimeField(
        label=_("Hạn gửi đề nghị"), widget=DateTimeInput(), input_formats=DATETIME_FORMATS
    )
    requires_evidence = forms.BooleanField(
        label=_("Bắt buộc có minh chứng kèm đề nghị"), required=False, initial=True
    )
    listing_days = forms.IntegerField(
        label=_("Số ngày công khai danh sách"), min_value=1, max_value=30, initial=5
    )
    cap_share = forms.DecimalField(
        label=_("Tỷ lệ CSTĐCS tối đa trên số LĐTT (nếu đơn vị có quy định)"),
        required=False,
        min_value=0,
        max_value=1,
        decimal_places=3,
        help_text=_("Ví dụ 0,15 cho 15%. Để trống nếu không có quy định riêng."),
    )
    cap_basis = forms.CharField(label=_("Căn cứ quy định tỷ lệ"), max_length=300, required=False)

    def __init__(self, *args: Any, unit: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school_year"].queryset = SchoolYear.objects.order_by("-code")
        self.fields["awards"].choices = AwardId.choices
        if unit is not None:
            # The unit's own movements and those of the units above it that it carries out.
            above = [unit.path[: i + 1] for i, ch in enumerate(unit.path) if ch == "/"]
            self.fields["movement"].queryset = Movement.objects.filter(
                unit__path__in=above
            ).order_by("-id")
        self.fields["cap_share"].localize = True
        self.fields["cap_share"].widget.is_localized = True


class ProposalForm(BootstrapFormMixin, forms.Form):
    award = forms.ChoiceField(label=_("Danh hiệu, hình thức đề nghị"))
    achievement = forms.ModelChoiceField(
        label=_("Thành tích làm căn cứ (kèm minh chứng)"),
        queryset=Achievement.objects.none(),
        required=False,
    )
    summary = forms.CharField(
        label=_("Tóm tắt thành tích"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
    )
    period_from = forms.ModelChoiceField(
        label=_("Thành tích từ năm học"), queryset=SchoolYear.objects.none(), to_field_name="code"
    )
    period_to = forms.ModelChoiceField(
        label=_("Đến năm học"), queryset=SchoolYear.objects.none(), to_field_name="code"
    )

    def __init__(
        self,
        *args: Any,
        awards: list[str],
        achievements: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["award"].choices = [(a, AwardId(a).label) for a in awards]
        self.fields["achievement"].queryset = achievements
        self.fields["achievement"].label_from_instance = lambda a: (
            f"{a.title} ({a.school_year_id}, {a.evidence_count} minh chứng)"
        )
        years = SchoolYear.objects.order_by("-code")
        self.fields["period_from"].queryset = years
        self.fields["period_to"].queryset = years


class ResubmitForm(BootstrapFormMixin, forms.Form):
    summary = forms.CharField(
        label=_("Tóm tắt thành tích (đã bổ sung)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
    )


class ReasonForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Lý do"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ComplaintForm(BootstrapFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Nội dung phản ánh"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Nêu rõ sự việc và căn cứ. Phản ánh được ghi nhận kèm tên người gửi."),
    )


class ComplaintAnswerForm(BootstrapFormMixin, forms.Form):
    upheld = forms.TypedChoiceField(
        label=_("Kết luận"),
        choices=[
            ("0", _("Phản ánh không đúng – tiếp tục xét đề nghị")),
            ("1", _("Phản ánh đúng – không xét đề nghị này")),
        ],
        coerce=lambda v: v == "1",
    )
    answer = forms.CharField(
        label=_("Trả lời bằng văn bản"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class SubmissionForm(BootstrapFormMixin, forms.Form):
    number = forms.CharField(
        label=_("Số tờ trình"), max_length=60, help_text=_("Ví dụ: 45/TTr-THCSTBC")
    )
    signed_on = forms.DateField(label=_("Ngày tờ trình"), widget=DateInput())
    signer_name = forms.CharField(label=_("Người ký"), max_length=150)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=100)
    proposals = forms.MultipleChoiceField(label=_("Đề nghị trình cấp trên"), widget=CheckboxList)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proposals"].choices = choices
