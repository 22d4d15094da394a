from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.ballots.models import ElectionMode
from thidua.core.forms import BootstrapFormMixin, DateInput
from thidua.org.models import SchoolYear

from .models import CeremonyKind, FrameworkGroup, PeriodKind, PilotPhaseKind


class ProgramForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Tên chương trình"), max_length=300)
    regulation = forms.CharField(
        label=_("Quy chế vinh danh"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    class_honorees_per_period = forms.IntegerField(
        label=_("Số học sinh tiêu biểu mỗi lớp mỗi đợt"), min_value=1, max_value=5, initial=1
    )
    representatives_per_class = forms.IntegerField(
        label=_("Số đại diện mỗi lớp bỏ phiếu cấp trường"), min_value=1, max_value=5, initial=2
    )
    send_nominees = forms.BooleanField(
        label=_("Lớp gửi cả danh sách đề cử lên Ban giám hiệu"), required=False
    )


class CriterionForm(BootstrapFormMixin, forms.Form):
    group = forms.ChoiceField(label=_("Nhóm tiêu chí khung"), choices=FrameworkGroup.choices)
    grade = forms.TypedChoiceField(
        label=_("Áp dụng cho khối"), required=False, coerce=int, empty_value=None
    )
    text = forms.CharField(label=_("Nội dung tiêu chí"), max_length=400)

    def __init__(self, *args: Any, grades: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["grade"].choices = [("", _("Mọi khối"))] + [(g, f"Khối {g}") for g in grades]


class PeriodForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Loại đợt"), choices=PeriodKind.choices)
    name = forms.CharField(
        label=_("Tên đợt"),
        max_length=120,
        help_text=_("Ví dụ: Tuần 12, Tháng 11/2026, Ngày Nhà giáo Việt Nam 20/11"),
    )
    start_on = forms.DateField(label=_("Từ ngày"), widget=DateInput())
    end_on = forms.DateField(label=_("Đến ngày"), widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("start_on") and data.get("end_on") and data["end_on"] < data["start_on"]:
            self.add_error("end_on", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data


class NominationForm(BootstrapFormMixin, forms.Form):
    nominee = forms.TypedChoiceField(label=_("Bạn được đề cử"), coerce=int)
    criterion = forms.TypedChoiceField(label=_("Theo tiêu chí"), coerce=int)
    reason = forms.CharField(
        label=_("Việc làm cụ thể của bạn"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ví dụ: Bạn giảng bài Toán cho em mỗi giờ ra chơi."),
    )

    def __init__(
        self,
        *args: Any,
        roster: list[Any],
        criteria: list[Any],
        with_proposer: bool = False,
        self_label: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nominee"].choices = [("", "—")] + [(p.pk, p.full_name) for p in roster]
        self.fields["criterion"].choices = [("", "—")] + [
            (c.pk, f"{c.get_group_display()} – {c.text}") for c in criteria
        ]
        if with_proposer:
            self.fields["proposer"] = forms.TypedChoiceField(
                label=_("Học sinh đề cử"),
                coerce=int,
                required=False,
                empty_value=None,
                choices=[("", _("— (giáo viên ghi nhận chung)"))]
                + [(p.pk, p.full_name) for p in roster],
            )
            self.order_fields(["proposer", "nominee", "criterion", "reason"])


class StartVoteForm(BootstrapFormMixin, forms.Form):
    mode = forms.ChoiceField(
        label=_("Hình thức bỏ phiếu"),
        choices=ElectionMode.choices,
        initial=ElectionMode.ELECTRONIC,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mode"].widget.attrs["class"] = "form-check-input"


class DeclineForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("Lý do không đưa vào phiếu bầu"), max_length=300)


class CeremonyForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Hình thức"), choices=CeremonyKind.choices)
    title = forms.CharField(label=_("Tên buổi lễ"), max_length=200)
    held_on = forms.DateField(label=_("Ngày tổ chức"), widget=DateInput())
    location = forms.CharField(label=_("Địa điểm"), max_length=200, required=False)
    period = forms.TypedChoiceField(
        label=_("Vinh danh học sinh của đợt"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, periods: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [("", "—")] + [(p.pk, p.name) for p in periods]


class PrizeForm(BootstrapFormMixin, forms.Form):
    prize = forms.CharField(label=_("Phần thưởng, quà tặng"), max_length=300, required=False)


class ExemplarForm(BootstrapFormMixin, forms.Form):
    person = forms.TypedChoiceField(label=_("Học sinh"), coerce=int)
    story = forms.CharField(
        label=_("Câu chuyện, thành tích của em"), widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args: Any, honorees: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "—")] + [(p.pk, p.full_name) for p in honorees]


class PilotForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Tên kế hoạch"), max_length=300)
    plan_reference = forms.CharField(label=_("Số kế hoạch"), max_length=100, required=False)
    school_year = forms.ModelChoiceField(
        label=_("Năm học"), queryset=SchoolYear.objects.all(), to_field_name="code"
    )
    schools = forms.MultipleChoiceField(
        label=_("Trường thí điểm"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, schools: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["schools"].choices = [(s.code, s.name) for s in schools]
        self.fields["schools"].widget.attrs["class"] = "form-check-input"
        for kind, label in PilotPhaseKind.choices:
            self.fields[f"{kind}_start"] = forms.DateField(
                label=f"{label}: từ ngày", widget=DateInput()
            )
            self.fields[f"{kind}_end"] = forms.DateField(
                label=f"{label}: đến ngày", widget=DateInput()
            )

    def phases(self) -> list[tuple[str, Any, Any]]:
        return [
            (kind, self.cleaned_data[f"{kind}_start"], self.cleaned_data[f"{kind}_end"])
            for kind, _label in PilotPhaseKind.choices
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for kind, _label in PilotPhaseKind.choices:
            start, end = data.get(f"{kind}_start"), data.get(f"{kind}_end")
            if start and end and end < start:
                self.add_error(f"{kind}_end", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data
