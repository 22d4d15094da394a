"""Import of decisions taken before the system: upload, preview, confirm."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.accounts.policy import require
from thidua.people.imports import ImportRejected

from .forms import (
    ImportForm,
)
from .imports import apply_decision_plan, plan_decision_import
from .models import (
    DecisionImport,
    DecisionImportStatus,
)
from .selectors import (
    managed_units,
)

# ---------------------------------------------------------------- history import


@require_http_methods(["GET", "POST"])
@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload the Excel list of past decisions; the preview says what importing would do."""
    units = managed_units(request.user)
    if not units:
        raise PermissionDenied
    code = request.POST.get("unit") or request.GET.get("unit") or units[0].code
    unit = next((u for u in units if u.code == code), None)
    if unit is None:
        raise PermissionDenied
    require(request.user, "decisions.manage", unit)
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form, "unit": unit, "units": units}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        job = DecisionImport(unit=unit, original_name=upload.name[:255], created_by=request.user)
        job.file.save(upload.name, ContentFile(data), save=False)
        plan = plan_decision_import(data=data, filename=job.original_name, unit=unit)
        job.status = DecisionImportStatus.PREVIEWED if plan.ok else DecisionImportStatus.REJECTED
        job.summary = {"counts": plan.counts, "errors": [str(e) for e in plan.errors]}
        job.save()
        return render(
            request, "decisions/import_preview.html", {**context, "plan": plan, "job": job}
        )
    return render(request, "decisions/import_upload.html", context)


@require_POST
@login_required
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(DecisionImport.objects.select_related("unit"), pk=pk)
    require(request.user, "decisions.manage", job.unit)
    if job.created_by_id != request.user.pk:
        raise PermissionDenied
    if job.status != DecisionImportStatus.PREVIEWED:
        messages.error(request, _("Danh sách này đã được xử lý, không thể nhập lại lần nữa."))
        return redirect("decisions:list")
    with job.file.open("rb") as handle:
        data = handle.read()
    plan = plan_decision_import(data=data, filename=job.original_name, unit=job.unit)
    try:
        apply_decision_plan(actor=request.user, plan=plan)
    except ImportRejected:
        job.status = DecisionImportStatus.REJECTED
        job.summary = {"counts": plan.counts, "errors": [str(e) for e in plan.errors]}
        job.save(update_fields=["status", "summary", "updated_at"])
        return render(
            request, "decisions/import_preview.html", {"plan": plan, "job": job, "unit": job.unit}
        )
    job.status = DecisionImportStatus.APPLIED
    job.applied_at = timezone.now()
    job.summary = {"counts": plan.counts, "decisions": plan.decision_count}
    job.save(update_fields=["status", "applied_at", "summary", "updated_at"])
    messages.success(
        request,
        _("Đã nhập %(d)s quyết định với %(c)s dòng mới (%(u)s dòng đã có trong hồ sơ).")
        % {
            "d": plan.decision_count,
            "c": plan.counts["create"],
            "u": plan.counts["update"] + plan.counts["unchanged"],
        },
    )
    return redirect(f"{reverse('decisions:list')}?unit={job.unit.code}&kind=historical")
