from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BootstrapFormMixin


class CodeForm(BootstrapFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Mã phiếu của em"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "inputmode": "text",
                "class": "form-control-lg text-center code-input",
            }
        ),
        help_text=_("Gồm 8 ký tự in trên phiếu, ví dụ ABCD-EFGH."),
    )


class TieDecisionForm(BootstrapFormMixin, forms.Form):
    candidate = forms.ChoiceField(label=_("Người được chọn"))
    note = forms.CharField(label=_("Lý do quyết định"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, candidates: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["candidate"].choices = [(c.pk, c.label) for c in candidates]


class PaperCountForm(BootstrapFormMixin, forms.Form):
    ballots_issued = forms.IntegerField(label=_("Số phiếu phát ra"), min_value=0)
    blank = forms.IntegerField(label=_("Phiếu trắng"), min_value=0, initial=0)
    invalid = forms.IntegerField(label=_("Phiếu không hợp lệ"), min_value=0, initial=0)
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, candidates: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.candidate_fields = []
        for c in candidates:
            name = f"c_{c.pk}"
            self.fields[name] = forms.IntegerField(label=c.label, min_value=0, initial=0)
            self.candidate_fields.append(name)
        self.order_fields([*self.candidate_fields, "blank", "invalid", "ballots_issued", "note"])

    def counts(self) -> dict[int, int]:
        return {int(n[2:]): self.cleaned_data[n] for n in self.candidate_fields}


class ReceiptCheckForm(BootstrapFormMixin, forms.Form):
    receipt = forms.CharField(
        label=_("Mã biên nhận"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
