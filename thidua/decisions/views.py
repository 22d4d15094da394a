"""Decision pages: the unit's register, a decision, drafting from a round, editing a draft,
issuing, correcting and revoking, the documents (Word, PDF, certificates), the public
verification of a certificate and the import of decisions taken before the system."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.accounts.policy import may, require
from thidua.core.forms import add_service_errors
from thidua.nominations.models import NominationRound
from thidua.org.models import Unit

from . import services, texts
from .common import frozen_error
from .forms import (
    CorrectionLineForm,
    DecisionHeaderForm,
    DraftFromRoundForm,
    IssueForm,
    LineForm,
    ReasonForm,
    RegisterFilterForm,
    RevocationForm,
)
from .models import (
    Decision,
    DecisionKind,
    DecisionLine,
    DecisionStatus,
)
from .selectors import (
    decidable_proposals,
    decision_get_for,
    decision_issuers_for,
    decision_list_for,
    lines_of,
    live_line,
    managed_units,
    related_decisions,
    rounds_with_decidable,
    split_people_collectives,
)

STATUS_BADGES = {
    DecisionStatus.DRAFT: "secondary",
    DecisionStatus.ISSUED: "success",
    DecisionStatus.CORRECTED: "warning",
    DecisionStatus.REVOKED: "danger",
}
PAGE_SIZE = 30


def detail_url(decision: Decision) -> str:
    return reverse("decisions:detail", args=[decision.pk])


def _messages(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _manageable(request: HttpRequest, pk: int) -> Decision:
    decision = decision_get_for(user=request.user, pk=pk)
    require(request.user, "decisions.manage", decision)
    return decision


def document_filename(decision: Decision, ext: str) -> str:
    base = (
        decision.number_label.replace("/", "-")
        if decision.number_label
        else f"du-thao-{decision.pk}"
    )
    return f"quyet-dinh-{base}.{ext}"


def file_response(
    data: bytes, content_type: str, filename: str, *, inline: bool = False
) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


# ---------------------------------------------------------------- register


@require_GET
@login_required
def decision_list(request: HttpRequest) -> HttpResponse:
    """The register of decisions the user may read, with filters."""
    require(request.user, "decisions.menu")
    form = RegisterFilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    unit = None
    if form.is_valid():
        data = form.cleaned_data
        if data["unit"]:
            unit = Unit.objects.filter(code=data["unit"]).first()
        filters = {
            "unit": unit,
            "year": data["year"],
            "kind": data["kind"],
            "status": data["status"],
            "query": data["q"].strip(),
        }
    decisions = decision_list_for(user=request.user, **filters)
    page = Paginator(decisions, PAGE_SIZE).get_page(request.GET.get("page"))
    issuers = decision_issuers_for(user=request.user)
    manageable = managed_units(request.user)
    query = {k: v for k, v in request.GET.items() if k != "page" and v}
    context = {
        "page_obj": page,
        "decisions": page.object_list,
        "form": form,
        "unit": unit,
        "issuers": issuers,
        "manageable": manageable,
        "kinds": DecisionKind.choices,
        "statuses": DecisionStatus.choices,
        "badges": STATUS_BADGES,
        "querystring_base": f"{urlencode(query)}&" if query else "",
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "decisions/decision_list.html#register-table", context)
    return render(request, "decisions/decision_list.html", context)


# ---------------------------------------------------------------- detail and documents


@require_GET
@login_required
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = decision_get_for(user=request.user, pk=pk)
    lines = lines_of(decision)
    people, collectives = split_people_collectives(lines)
    can_manage = may(request.user, "decisions.manage", decision)
    live = [line for line in lines if live_line(line) is not None] if decision.is_signed else []
    context = {
        "decision": decision,
        "people": people,
        "collectives": collectives,
        "lines": lines,
        "related": related_decisions(decision),
        "badge": STATUS_BADGES[decision.status],
        "can_manage": can_manage,
        "can_correct": can_manage
        and decision.status == DecisionStatus.ISSUED
        and decision.kind != DecisionKind.REVOCATION,
        "can_revoke": can_manage
        and decision.is_signed
        and decision.status != DecisionStatus.REVOKED
        and decision.kind != DecisionKind.REVOCATION
        and bool(live),
        "has_certificates": decision.is_signed
        and decision.status != DecisionStatus.REVOKED
        and decision.kind in (DecisionKind.AWARD, DecisionKind.CORRECTION),
        "issue_form": IssueForm() if can_manage and decision.is_draft else None,
        "article_one": texts.article_one(decision, lines),
    }
    return render(request, "decisions/decision_detail.html", context)


# ---------------------------------------------------------------- drafting


@require_http_methods(["GET", "POST"])
@login_required
def draft_from_round(request: HttpRequest) -> HttpResponse:
    """Choose a round, then the passed proposals that go into the decision."""
    round_pk = request.GET.get("round") or request.POST.get("round")
    if not round_pk:
        if not managed_units(request.user):
            raise PermissionDenied
        return render(
            request,
            "decisions/draft_from_round.html",
            {"rounds": rounds_with_decidable(request.user)},
        )
    if not str(round_pk).isdigit():
        raise Http404
    nomination_round = get_object_or_404(
        NominationRound.objects.select_related("unit"), pk=round_pk
    )
    require(request.user, "decisions.manage", nomination_round.unit)
    proposals = decidable_proposals(nomination_round)
    choices = [
        (str(p.pk), f"{p.subject_name} – {p.get_award_display()} ({p.period_label})")
        for p in proposals
    ]
    form = DraftFromRoundForm(request.POST or None, proposal_choices=choices)
    if request.method == "POST" and form.is_valid():
        chosen_ids = {int(v) for v in form.cleaned_data["proposals"]}
        try:
            decision = services.decision_draft_from_round(
                actor=request.user,
                nomination_round=nomination_round,
                proposals=[p for p in proposals if p.pk in chosen_ids],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Đã lập dự thảo quyết định. Hãy kiểm tra nội dung trước khi ban hành.")
            )
            return redirect(reverse("decisions:edit", args=[decision.pk]))
    return render(
        request,
        "decisions/draft_from_round.html",
        {"round": nomination_round, "form": form, "proposals": proposals},
    )


LineFormSet = forms.formset_factory(LineForm, extra=0)


@require_http_methods(["GET", "POST"])
@login_required
def decision_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a draft: header, bases, articles, signer, and the lines' printed texts."""
    decision = _manageable(request, pk)
    if not decision.is_draft:
        messages.error(request, frozen_error(decision).messages[0])
        return redirect(detail_url(decision))
    lines = lines_of(decision)
    header = DecisionHeaderForm(
        request.POST or None, initial=DecisionHeaderForm.initial_for(decision), prefix="h"
    )
    formset = LineFormSet(
        request.POST or None,
        initial=[
            {
                "name": li.name,
                "position_unit": li.position_unit,
                "certificate_text": li.certificate_text,
            }
            for li in lines
        ],
        prefix="line",
    )
    if request.method == "POST" and header.is_valid() and formset.is_valid():
        if len(formset.forms) != len(lines):
            messages.error(request, _("Danh sách đã thay đổi, hãy tải lại trang."))
            return redirect(reverse("decisions:edit", args=[decision.pk]))
        try:
            with transaction.atomic():
                _save_draft(request, decision, header, lines, formset)
        except ValidationError as exc:
            add_service_errors(header, exc)
        else:
            messages.success(request, _("Đã lưu dự thảo."))
            return redirect(detail_url(decision))
    return render(
        request,
        "decisions/decision_edit.html",
        {
            "decision": decision,
            "header": header,
            "rows": list(zip(lines, formset.forms, strict=True)),
            "formset": formset,
        },
    )


def _save_draft(
    request: HttpRequest,
    decision: Decision,
    header: DecisionHeaderForm,
    lines: list[DecisionLine],
    formset: Any,
) -> None:
    """The header and every line in one transaction: all saved or none."""
    services.decision_update(actor=request.user, decision=decision, **header.service_fields())
    for line, line_form in zip(lines, formset.forms, strict=True):
        data = line_form.cleaned_data
        if data.get("remove"):
            services.decision_line_remove(actor=request.user, line=line)
        else:
            services.decision_line_update(
                actor=request.user,
                line=line,
                name=data["name"],
                position_unit=data["position_unit"],
                certificate_text=data["certificate_text"],
            )


@require_POST
@login_required
def decision_issue(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _manageable(request, pk)
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy ghi ngày ký ban hành."))
        return redirect(detail_url(decision))
    try:
        decision = services.decision_issue(
            actor=request.user, decision=decision, issued_on=form.cleaned_data["issued_on"]
        )
    except ValidationError as exc:
        _messages(request, exc)
    else:
        messages.success(
            request,
            _("Đã ban hành Quyết định số %(n)s. Quyết định đã được khóa, không sửa được nữa.")
            % {"n": decision.number_label},
        )
    return redirect(detail_url(decision))


@require_POST
@login_required
def decision_delete(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _manageable(request, pk)
    try:
        services.decision_delete(actor=request.user, decision=decision)
    except ValidationError as exc:
        _messages(request, exc)
        return redirect(detail_url(decision))
    messages.success(request, _("Đã xóa dự thảo."))
    return redirect("decisions:list")


# ---------------------------------------------------------------- correction, revocation


CorrectionFormSet = forms.formset_factory(CorrectionLineForm, extra=0)


@require_http_methods(["GET", "POST"])
@login_required
def decision_correct(request: HttpRequest, pk: int) -> HttpResponse:
    """Draft a correcting decision: change what was wrong on the lines, give the reason."""
    decision = _manageable(request, pk)
    lines = [li for li in lines_of(decision) if not li.corrected_by_id and not li.revoked_by_id]
    reason = ReasonForm(request.POST or None, prefix="r")
    formset = CorrectionFormSet(
        request.POST or None,
        initial=[
            {
                "name": li.name,
                "position_unit": li.position_unit,
                "award": li.award,
                "period_from": li.period_from_id,
                "period_to": li.period_to_id,
                "certificate_text": li.certificate_text,
            }
            for li in lines
        ],
        prefix="line",
    )
    if request.method == "POST" and (
        not formset.management_form.is_valid() or formset.total_form_count() != len(lines)
    ):
        # the lines changed since the page was opened, or the form was tampered with
        messages.error(
            request, _("Danh sách khen thưởng đã thay đổi. Vui lòng kiểm tra và sửa lại.")
        )
        return redirect(request.path)
    if request.method == "POST" and reason.is_valid() and formset.is_valid():
        changes = []
        for line, line_form in zip(lines, formset.forms, strict=True):
            data = line_form.cleaned_data
            changes.append(
                {
                    "line": line,
                    "name": data["name"],
                    "position_unit": data["position_unit"],
                    "award": data["award"],
                    "period_from": data["period_from"],
                    "period_to": data["period_to"],
                    "certificate_text": data["certificate_text"],
                }
            )
        try:
            correction = services.decision_correction_create(
                actor=request.user,
                decision=decision,
                changes=changes,
                reason=reason.cleaned_data["reason_text"],
            )
        except ValidationError as exc:
            add_service_errors(reason, exc)
        else:
            messages.success(
                request, _("Đã lập dự thảo quyết định đính chính. Hãy kiểm tra rồi ban hành.")
            )
            return redirect(detail_url(correction))
    return render(
        request,
        "decisions/decision_correct.html",
        {
            "decision": decision,
            "reason": reason,
            "rows": list(zip(lines, formset.forms, strict=True)),
            "formset": formset,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def decision_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Draft a revoking decision (R-GEN-4 a–d) for some or all awardees."""
    decision = _manageable(request, pk)
    lines = lines_of(decision)
    live = {line.pk: line for line in lines if live_line(line) is not None}
    choices = [
        (str(li.pk), f"{li.line_no}. {li.name} – {li.get_award_display()}")
        for li in lines
        if li.pk in live
    ]
    form = RevocationForm(request.POST or None, line_choices=choices)
    if request.method == "POST" and form.is_valid():
        chosen = [live[int(v)] for v in form.cleaned_data["lines"]]
        try:
            revocation = services.decision_revocation_create(
                actor=request.user,
                decision=decision,
                reason=form.cleaned_data["revocation_reason"],
                reason_text=form.cleaned_data["reason_text"],
                lines=chosen,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Đã lập dự thảo quyết định hủy bỏ. Hãy kiểm tra rồi ban hành.")
            )
            return redirect(detail_url(revocation))
    return render(request, "decisions/decision_revoke.html", {"decision": decision, "form": form})
