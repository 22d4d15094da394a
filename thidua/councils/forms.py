"""Forms of the council pages: setup, session planning, attendance and the member's ballot.

They parse shape only; quorum, recusal and state rules stay in the services.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BootstrapFormMixin, DateTimeInput
from thidua.nominations.models import NominationRound

from .models import CouncilMember, MemberRole, SessionItem

ROLE_ORDER = [MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.SECRETARY, MemberRole.MEMBER]
YES_NO = [("yes", _("Đồng ý")), ("no", _("Không đồng ý"))]


class CouncilForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Tên hội đồng"), max_length=200)
    established_by = forms.CharField(
        label=_("Quyết định thành lập"),
        max_length=200,
        required=False,
        help_text=_("Ví dụ: Quyết định số 15/QĐ-THCS ngày 05/9/2024 của Hiệu trưởng."),
    )

    def __init__(self, *args: Any, candidates: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        choices = [("", _("— Không tham gia —")), *MemberRole.choices]
        for user in candidates:
            # Added after the mixin ran: the Bootstrap class is set here.
            self.fields[f"role_{user.pk}"] = forms.ChoiceField(
                label=str(user),
                choices=choices,
                required=False,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )

    @property
    def member_rows(self) -> list[tuple[Any, forms.BoundField]]:
        return [(user, self[f"role_{user.pk}"]) for user in self.candidates]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        picked = [
            (user, data.get(f"role_{user.pk}"))
            for user in self.candidates
            if data.get(f"role_{user.pk}")
        ]
        if sum(1 for _u, role in picked if role == MemberRole.CHAIR) > 1:
            raise forms.ValidationError(_("Hội đồng chỉ có một Chủ tịch."))
        # Seats in the usual order of a council's list: chair, vice-chairs, secretary, members.
        picked.sort(key=lambda pair: ROLE_ORDER.index(pair[1]))
        data["members"] = picked
        return data


class SessionPlanForm(BootstrapFormMixin, forms.Form):
    round = forms.ModelChoiceField(
        label=_("Đợt xét"), queryset=NominationRound.objects.none(), empty_label=None
    )
    held_at = forms.DateTimeField(label=_("Thời gian họp"), widget=DateTimeInput())
    place = forms.CharField(label=_("Địa điểm"), max_length=200)

    def __init__(self, *args: Any, rounds: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = rounds


class AttendanceForm(BootstrapFormMixin, forms.Form):
    """Present or absent for every member; an absent member's written opinion per item; the
    candidates a member is a close relative of."""

    def __init__(
        self, *args: Any, members: list[CouncilMember], items: list[SessionItem], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.members = members
        self.items = items
        opinion = [("", "—"), *YES_NO]
        for member in members:
            self.fields[f"present_{member.pk}"] = forms.BooleanField(
                label=_("Có mặt"),
                required=False,
                initial=True,
                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
            )
            for item in items:
                self.fields[f"written_{member.pk}_{item.proposal_id}"] = forms.ChoiceField(
                    label=str(item.proposal),
                    choices=opinion,
                    required=False,
                    widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
                )
            others = [
                (str(item.proposal_id), str(item.proposal))
                for item in items
                if not (member.user.person_id and item.proposal.person_id == member.user.person_id)
            ]
            self.fields[f"relatives_{member.pk}"] = forms.MultipleChoiceField(
                label=_("Là người thân của"),
                choices=others,
                required=False,
                widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
            )

    @property
    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "member": member,
                "present": self[f"present_{member.pk}"],
                "written": [
                    (item, self[f"written_{member.pk}_{item.proposal_id}"]) for item in self.items
                ],
                "relatives": self[f"relatives_{member.pk}"],
                # Keep the sections open when the form comes back with what was entered.
                "has_written": any(
                    self[f"written_{member.pk}_{item.proposal_id}"].value() for item in self.items
                ),
                "has_relatives": bool(self[f"relatives_{member.pk}"].value()),
            }
            for member in self.members
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        proposals = {item.proposal_id: item.proposal for item in self.items}
        present, written, relatives = [], {}, []
        for member in self.members:
            if data.get(f"present_{member.pk}"):
                present.append(member)
            opinions = {
                pid: data[f"written_{member.pk}_{pid}"]
                for pid in proposals
                if data.get(f"written_{member.pk}_{pid}")
            }
            if opinions:
                written[member.pk] = opinions
            for pid in data.get(f"relatives_{member.pk}", []):
                relatives.append((member, proposals[int(pid)]))
        data.update(present=present, written=written, relatives=relatives)
        return data


class VoteForm(forms.Form):
    """One secret yes/no mark per agenda item the member may vote on."""

    def __init__(self, *args: Any, items: list[SessionItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"item_{item.pk}"] = forms.ChoiceField(
                label=str(item.proposal),
                choices=YES_NO,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                error_messages={"required": _("Hãy chọn Đồng ý hoặc Không đồng ý.")},
            )

    @property
    def rows(self) -> list[tuple[SessionItem, forms.BoundField]]:
        return [(item, self[f"item_{item.pk}"]) for item in self.items]

    def marks(self) -> dict[int, str]:
        return {item.pk: self.cleaned_data[f"item_{item.pk}"] for item in self.items}
