"""The decision as Word and PDF, its certificates, and the public verification page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .documents import certificates_pdf, decision_document, decision_docx, decision_pdf
from .models import (
    Decision,
    DecisionKind,
    DecisionLine,
)
from .selectors import (
    decision_get_for,
    lines_of,
    verification_for,
)
from .views import detail_url, document_filename, file_response


def _document(decision: Decision) -> Any:
    return decision_document(decision, lines_of(decision))


@require_GET
@login_required
def decision_docx_view(request: HttpRequest, pk: int) -> HttpResponse:
    decision = decision_get_for(user=request.user, pk=pk)
    return file_response(
        decision_docx(_document(decision)),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        document_filename(decision, "docx"),
    )


@require_GET
@login_required
def decision_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    decision = decision_get_for(user=request.user, pk=pk)
    return file_response(
        decision_pdf(_document(decision)),
        "application/pdf",
        document_filename(decision, "pdf"),
        inline=True,
    )


def _verify_url(request: HttpRequest) -> Any:
    return lambda token: request.build_absolute_uri(reverse("decisions:verify", args=[token]))


def _valid_lines(decision: Decision, only: int | None = None) -> list[DecisionLine]:
    """Lines whose certificate still stands: not revoked, not replaced by a correction."""
    return [
        line
        for line in lines_of(decision)
        if (only is None or line.pk == only)
        and not line.revoked_by_id
        and not line.corrected_by_id
        and line.certificate_number is not None
    ]


@require_GET
@login_required
def certificates_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Every certificate of a decision in one PDF (one page each)."""
    decision = decision_get_for(user=request.user, pk=pk)
    if not decision.is_signed or decision.kind not in (DecisionKind.AWARD, DecisionKind.CORRECTION):
        messages.error(request, _("Chỉ in giấy khen của quyết định khen thưởng đã ban hành."))
        return redirect(detail_url(decision))
    lines = _valid_lines(decision)
    if not lines:
        messages.error(request, _("Quyết định không còn giấy khen nào có giá trị để in."))
        return redirect(detail_url(decision))
    data = certificates_pdf(decision, lines, _verify_url(request))
    return file_response(
        data, "application/pdf", document_filename(decision, "giay-khen.pdf"), inline=True
    )


@require_GET
@login_required
def certificate_view(request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
    """The certificate of one awardee."""
    decision = decision_get_for(user=request.user, pk=pk)
    if not decision.is_signed or not decision.lines.filter(pk=line_pk).exists():
        raise Http404
    lines = _valid_lines(decision, only=line_pk)
    if decision.kind not in (DecisionKind.AWARD, DecisionKind.CORRECTION) or not lines:
        messages.error(request, _("Giấy khen này không còn giá trị nên không in được."))
        return redirect(detail_url(decision))
    line = lines[0]
    data = certificates_pdf(decision, lines, _verify_url(request))
    return file_response(
        data,
        "application/pdf",
        f"giay-khen-{line.certificate_label.replace('/', '-')}.pdf",
        inline=True,
    )


# ---------------------------------------------------------------- public verification


@require_GET
def verify(request: HttpRequest, token: str) -> HttpResponse:
    """Public page (no login): is this certificate genuine? Only the decision, the awardee,
    the award and its status — nothing else."""
    answer = verification_for(token)
    response = render(request, "decisions/verify.html", {"v": answer})
    response["X-Robots-Tag"] = "noindex"
    return response
