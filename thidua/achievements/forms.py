"""Forms for the award history, achievements, initiatives, research and imports."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BootstrapFormMixin, DateInput
from thidua.movements.models import Criterion, Movement
from thidua.org.models import SchoolYear

from .catalog import FOR_COLLECTIVE, FOR_PERSON, choices_for
from .models import AchievementKind, AuthorityLevel, RevocationReason, Scope


def _years() -> Any:
    return SchoolYear.objects.order_by("-code")


class AwardRecordForm(BootstrapFormMixin, forms.Form):
    award = forms.ChoiceField(label=_("Danh hiệu, hình thức khen thưởng"))
    period_from = forms.ModelChoiceField(
        label=_("Thành tích từ năm học"),
        queryset=SchoolYear.objects.none(),
        to_field_name="code",
        required=False,
        help_text=_("Danh hiệu thi đua: chỉ chọn năm học ở ô dưới."),
    )
    period_to = forms.ModelChoiceField(
        label=_("Năm học (hoặc đến năm học)"),
        queryset=SchoolYear.objects.none(),
        to_field_name="code",
        required=False,
    )
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)
    decided_on = forms.DateField(label=_("Ngày quyết định"), required=False, widget=DateInput())
    issued_by = forms.CharField(
        label=_("Cơ quan, người quyết định"),
        max_length=200,
        required=False,
        help_text=_("Ví dụ: Hiệu trưởng Trường THCS Tân Hộ Cơ; Chủ tịch UBND Thành phố."),
    )
    authority_level = forms.ChoiceField(
        label=_("Cấp quyết định"), choices=[("", "—"), *AuthorityLevel.choices], required=False
    )
    achievement = forms.ModelChoiceField(
        label=_("Thành tích được khen"), queryset=None, required=False
    )
    is_campaign = forms.BooleanField(
        label=_(
            "Khen thưởng theo đợt, chuyên đề (không tính làm điều kiện khen thưởng cấp Nhà nước)"
        ),
        required=False,
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)

    def __init__(self, *args: Any, collective: bool, achievements: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["award"].choices = choices_for(FOR_COLLECTIVE if collective else FOR_PERSON)
        self.fields["period_from"].queryset = _years()
        self.fields["period_to"].queryset = _years()
        self.fields["achievement"].queryset = achievements


class RevokeForm(BootstrapFormMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("Lý do hủy bỏ (Luật Thi đua, khen thưởng 2022, Chương VII)"),
        choices=RevocationReason.choices,
    )
    revoked_on = forms.DateField(label=_("Ngày quyết định hủy bỏ"), widget=DateInput())
    decision = forms.CharField(label=_("Số quyết định hủy bỏ"), max_length=100)
    note = forms.CharField(label=_("Nội dung"), max_length=500, required=False)


class AchievementForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Thành tích"), max_length=300)
    kind = forms.ChoiceField(label=_("Loại thành tích"), choices=AchievementKind.choices)
    scope = forms.ChoiceField(label=_("Phạm vi, cấp độ"), choices=Scope.choices)
    school_year = forms.ModelChoiceField(
        label=_("Năm học"), queryset=SchoolYear.objects.none(), to_field_name="code"
    )
    period_start = forms.DateField(label=_("Từ ngày"), required=False, widget=DateInput())
    period_end = forms.DateField(label=_("Đến ngày"), required=False, widget=DateInput())
    movement = forms.ModelChoiceField(
        label=_("Trong phong trào"), queryset=Movement.objects.none(), required=False
    )
    criterion = forms.ModelChoiceField(
        label=_("Theo tiêu chí"), queryset=Criterion.objects.none(), required=False
    )
    recognised_by = forms.CharField(label=_("Được ghi nhận bởi"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Mô tả"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, movements: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school_year"].queryset = _years()
        self.fields["movement"].queryset = movements
        self.fields["criterion"].queryset = Criterion.objects.filter(
            movement__in=movements
        ).select_related("movement")


class InitiativeForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Tên sáng kiến"), max_length=300)
    subject_area = forms.CharField(label=_("Lĩnh vực, môn"), max_length=120, required=False)
    coauthors = forms.CharField(label=_("Đồng tác giả"), max_length=300, required=False)
    school_year = forms.ModelChoiceField(
        label=_("Năm học"), queryset=SchoolYear.objects.none(), to_field_name="code"
    )
    scope = forms.ChoiceField(label=_("Phạm vi công nhận"), choices=Scope.choices)
    is_recognised = forms.BooleanField(label=_("Đã được công nhận"), required=False, initial=True)
    recognised_by = forms.CharField(label=_("Cơ quan công nhận"), max_length=200, required=False)
    decision_number = forms.CharField(
        label=_("Số quyết định công nhận"), max_length=60, required=False
    )
    recognised_on = forms.DateField(label=_("Ngày công nhận"), required=False, widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school_year"].queryset = _years()


class ResearchProjectForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Tên đề tài"), max_length=300)
    school_year = forms.ModelChoiceField(
        label=_("Năm học"), queryset=SchoolYear.objects.none(), to_field_name="code"
    )
    scope = forms.ChoiceField(label=_("Cấp đề tài"), choices=Scope.choices)
    is_accepted = forms.BooleanField(label=_("Đã nghiệm thu"), required=False)
    accepted_on = forms.DateField(label=_("Ngày nghiệm thu"), required=False, widget=DateInput())
    recognised_by = forms.CharField(label=_("Cơ quan nghiệm thu"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school_year"].queryset = _years()


class RecordImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))

    def __init__(self, *args: Any, with_year: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if with_year:
            self.fields["school_year"] = forms.ModelChoiceField(
                label=_("Năm học (khi tệp không có cột Năm học)"),
                queryset=_years(),
                to_field_name="code",
                required=False,
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
