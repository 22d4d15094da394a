"""Forms of the decision pages: shape only, the rules are in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.achievements.catalog import AwardId
from thidua.achievements.models import AuthorityLevel, RevocationReason
from thidua.core.forms import BootstrapFormMixin, DateInput
from thidua.org.models import SchoolYear
from thidua.people.viewkit import CheckboxList

from .models import DecisionKind, DecisionStatus, SigningMode


def _lines(value: list[str]) -> str:
    return "\n".join(value)


def _split(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class DecisionHeaderForm(BootstrapFormMixin, forms.Form):
    subject = forms.CharField(label=_("Trích yếu"), max_length=400)
    parent_authority = forms.CharField(label=_("Cơ quan chủ quản"), max_length=200, required=False)
    issuing_body = forms.CharField(label=_("Cơ quan ban hành"), max_length=200)
    authority = forms.CharField(
        label=_("Thẩm quyền ban hành"),
        max_length=200,
        help_text=_(
            "Ví dụ: Hiệu trưởng Trường THCS Trần Bội Cơ; ở đơn vị cao nhất có thể là "
            "Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh."
        ),
    )
    authority_level = forms.ChoiceField(
        label=_("Cấp quyết định"), choices=[("", "—"), *AuthorityLevel.choices], required=False
    )
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=40)
    place = forms.CharField(label=_("Địa danh"), max_length=100, required=False)
    legal_bases = forms.CharField(
        label=_("Căn cứ (mỗi dòng một căn cứ)"), widget=forms.Textarea(attrs={"rows": 4})
    )
    proposal_basis = forms.CharField(label=_("Xét đề nghị của"), max_length=400, required=False)
    articles = forms.CharField(
        label=_("Điều 2, Điều 3… (mỗi dòng một điều; Điều 1 lập từ danh sách)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    recipients = forms.CharField(
        label=_("Nơi nhận (mỗi dòng một nơi)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    signing_mode = forms.ChoiceField(
        label=_("Hình thức ký"), choices=SigningMode.choices, required=False
    )
    signing_for = forms.CharField(
        label=_("Ký thay mặt cho"),
        max_length=120,
        required=False,
        help_text=_("Dùng khi ký TM./KT./Q./TL./TUQ., ví dụ: HIỆU TRƯỞNG."),
    )
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=120)
    signer_name = forms.CharField(label=_("Họ và tên người ký"), max_length=150)

    LIST_FIELDS = ("legal_bases", "articles", "recipients")

    @classmethod
    def initial_for(cls, decision: Any) -> dict[str, Any]:
        data = {name: getattr(decision, name) for name in cls.base_fields}
        for name in cls.LIST_FIELDS:
            data[name] = _lines(getattr(decision, name))
        return data

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for name in self.LIST_FIELDS:
            data[name] = _split(data[name])
        return data


class LineForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Họ và tên, tên tập thể"), max_length=200)
    position_unit = forms.CharField(label=_("Chức vụ – Đơn vị"), max_length=300, required=False)
    certificate_text = forms.CharField(
        label=_("Nội dung ghi trên giấy khen"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    remove = forms.BooleanField(label=_("Bỏ khỏi dự thảo"), required=False)


class CorrectionLineForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Họ và tên, tên tập thể"), max_length=200)
    position_unit = forms.CharField(label=_("Chức vụ – Đơn vị"), max_length=300, required=False)
    award = forms.ChoiceField(label=_("Danh hiệu, hình thức"), choices=AwardId.choices)
    period_from = forms.ModelChoiceField(
        label=_("Thành tích từ năm học"),
        queryset=SchoolYear.objects.order_by("-code"),
        to_field_name="code",
        required=False,
    )
    period_to = forms.ModelChoiceField(
        label=_("Đến năm học"),
        queryset=SchoolYear.objects.order_by("-code"),
        to_field_name="code",
        required=False,
    )
    certificate_text = forms.CharField(
        label=_("Nội dung ghi trên giấy khen"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class ReasonForm(BootstrapFormMixin, forms.Form):
    reason_text = forms.CharField(
        label=_("Nội dung, lý do đính chính"), widget=forms.Textarea(attrs={"rows": 3})
    )


class RevocationForm(BootstrapFormMixin, forms.Form):
    revocation_reason = forms.ChoiceField(
        label=_("Căn cứ hủy bỏ (Luật Thi đua, khen thưởng 2022, Chương VII)"),
        choices=RevocationReason.choices,
        widget=forms.RadioSelect,
    )
    reason_text = forms.CharField(
        label=_("Lý do, kết luận của cơ quan có thẩm quyền"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    lines = forms.MultipleChoiceField(
        label=_("Cá nhân, tập thể bị hủy bỏ khen thưởng"), widget=CheckboxList, choices=()
    )

    def __init__(self, *args: Any, line_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lines"].choices = line_choices
        self.fields["revocation_reason"].widget.attrs["class"] = "form-check-input"


class IssueForm(BootstrapFormMixin, forms.Form):
    issued_on = forms.DateField(label=_("Ngày ký ban hành"), widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issued_on"].initial = timezone.localdate()


class DraftFromRoundForm(BootstrapFormMixin, forms.Form):
    proposals = forms.MultipleChoiceField(
        label=_("Đề nghị đưa vào quyết định"), widget=CheckboxList, choices=()
    )

    def __init__(self, *args: Any, proposal_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proposals"].choices = proposal_choices
        self.fields["proposals"].initial = [value for value, _label in proposal_choices]


class RegisterFilterForm(forms.Form):
    unit = forms.CharField(required=False)
    year = forms.IntegerField(required=False, min_value=1990, max_value=2100)
    kind = forms.ChoiceField(required=False, choices=[("", "")] + DecisionKind.choices)
    status = forms.ChoiceField(required=False, choices=[("", "")] + DecisionStatus.choices)
    q = forms.CharField(required=False, max_length=100)


class ImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx)"),
        help_text=_("Danh sách quyết định khen thưởng đã có trước khi dùng hệ thống."),
    )
