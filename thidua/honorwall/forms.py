from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BootstrapFormMixin, DateInput


class EntryForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Danh hiệu"), max_length=200)
    achievement = forms.CharField(
        label=_("Thành tích, việc làm tốt"), widget=forms.Textarea(attrs={"rows": 4})
    )
    own_words = forms.CharField(
        label=_("Chia sẻ của em"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    clip_url = forms.URLField(
        label=_("Đường dẫn đoạn phim (YouTube, Facebook…)"), required=False, assume_scheme="https"
    )
    photo = forms.ImageField(label=_("Ảnh (JPEG/PNG, tối đa 5 MB)"), required=False)


class ConsentForm(BootstrapFormMixin, forms.Form):
    given_by = forms.CharField(label=_("Họ tên cha mẹ / người giám hộ"), max_length=150)
    relationship = forms.CharField(label=_("Quan hệ với học sinh"), max_length=50, initial="Mẹ")
    given_on = forms.DateField(label=_("Ngày ký giấy đồng ý"), widget=DateInput())
    allows_photo = forms.BooleanField(label=_("Đồng ý đăng ảnh của em"), required=False)
    allows_clip = forms.BooleanField(label=_("Đồng ý đăng đoạn phim của em"), required=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)


class UnpublishForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("Lý do gỡ"), max_length=300, required=False)
