"""Forms of the evidence pages: a file or a link, with a title."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BootstrapFormMixin

from .sniff import ACCEPT_ATTRIBUTE, check_size, max_bytes


class EvidenceForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(
        label=_("Tên minh chứng"),
        max_length=300,
        required=False,
        help_text=_("Để trống: dùng tên tệp."),
    )
    file = forms.FileField(
        label=_("Tệp"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )
    url = forms.CharField(
        label=_("Hoặc đường dẫn"),
        max_length=500,
        required=False,
        help_text=_("Ví dụ: bài viết trên trang web của trường, thư mục chia sẻ trực tuyến."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF, ảnh JPEG/PNG, Word (.docx, .doc), Excel (.xlsx, .xls); tối đa %(mb)s MB."
        ) % {"mb": f"{max_bytes() / 1024 / 1024:.0f}"}

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload:
            check_size(upload.name, upload.size)
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        has_file = bool(data.get("file")) or "file" in self.errors
        has_url = bool((data.get("url") or "").strip())
        if not has_file and not has_url:
            raise ValidationError(_("Hãy chọn một tệp hoặc ghi một đường dẫn."))
        if data.get("file") and has_url:
            raise ValidationError(_("Mỗi minh chứng là một tệp hoặc một đường dẫn, không cả hai."))
        return data


class CriterionEvidenceForm(EvidenceForm):
    subject = forms.ChoiceField(label=_("Minh chứng của"))

    def __init__(self, *args: Any, subjects: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = subjects
        self.order_fields(["subject", "title", "file", "url"])
