"""Small helpers shared by the record pages of the emulation apps."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, fallback: str) -> str:
    """The `next` URL of the request when it stays on this site, else `fallback`."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


def form_page(
    request: HttpRequest,
    *,
    form: forms.Form,
    title: Any,
    cancel_url: str,
    subtitle: Any = "",
    submit_label: Any = "",
    multipart: bool = False,
    crumbs: list[dict[str, Any]] | None = None,
    intro: Any = "",
    issues: list[Any] | None = None,
) -> HttpResponse:
    """Render the shared one-form page (people/form_page.html)."""
    return render(
        request,
        "people/form_page.html",
        {
            "form": form,
            "title": title,
            "subtitle": subtitle,
            "cancel_url": cancel_url,
            "submit_label": submit_label,
            "multipart": multipart,
            "crumbs": crumbs,
            "intro": intro,
            "issues": issues or [],
        },
    )


class CheckboxList(forms.CheckboxSelectMultiple):
    """A list of Bootstrap check boxes that the shared field template shows like any field
    (the plain widget would be taken for a single check box there)."""

    input_type = "checkbox-list"
    template_name = "people/widgets/checkbox_list.html"
    option_template_name = "people/widgets/checkbox_option.html"
