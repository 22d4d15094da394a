"""Forms of the registration pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.achievements.catalog import FOR_COLLECTIVE, FOR_PERSON, choices_for
from thidua.core.forms import BootstrapFormMixin, DateInput
from thidua.org.models import SchoolYear
from thidua.people.viewkit import CheckboxList


class ListOpenForm(BootstrapFormMixin, forms.Form):
    school_year = forms.ModelChoiceField(
        label=_("Năm học"), queryset=SchoolYear.objects.none(), to_field_name="code"
    )
    deadline = forms.DateField(label=_("Hạn đăng ký"), widget=DateInput())
    note = forms.CharField(label=_("Ghi chú, hướng dẫn"), max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school_year"].queryset = SchoolYear.objects.order_by("-code")


class DeadlineForm(BootstrapFormMixin, forms.Form):
    deadline = forms.DateField(label=_("Hạn đăng ký mới"), widget=DateInput())


class RegistrationForm(BootstrapFormMixin, forms.Form):
    titles = forms.MultipleChoiceField(
        label=_("Danh hiệu thi đua, hình thức khen thưởng đăng ký"),
        widget=CheckboxList,
    )
    goals = forms.CharField(
        label=_("Mục tiêu, chỉ tiêu phấn đấu"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    initiative_topic = forms.CharField(
        label=_("Tên sáng kiến, đề tài đăng ký (nếu có)"), max_length=300, required=False
    )

    def __init__(self, *args: Any, collective: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["titles"].choices = choices_for(FOR_COLLECTIVE if collective else FOR_PERSON)
        if collective:
            self.fields.pop("initiative_topic")


class ReasonForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Lý do"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
