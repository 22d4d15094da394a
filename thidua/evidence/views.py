"""Evidence pages: add a file or a link, download through a permission check, remove, and
the inspector's archive of a movement (browse, download as zip)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.accounts.policy import require
from thidua.core.forms import add_service_errors
from thidua.movements.models import Criterion, Movement, MovementStatus
from thidua.org.models import SchoolYear, Unit
from thidua.org.selectors import current_school_year
from thidua.people.models import Person
from thidua.people.record_selectors import work_unit_during
from thidua.people.viewkit import form_page, safe_next

from .archive import archive_filename, build_archive
from .forms import CriterionEvidenceForm, EvidenceForm
from .models import Evidence
from .policies import can_delete_evidence, can_view_evidence
from .selectors import (
    archive_evidence,
    archive_facets,
    archive_movements_for,
    criterion_subjects,
)
from .services import EvidenceContext, evidence_add_file, evidence_add_link, evidence_delete
from .targets import TARGETS


def _save(request: HttpRequest, form: EvidenceForm, target: Any, context: EvidenceContext) -> bool:
    """Run the service for a valid form; put its refusal on the form. True when saved."""
    data = form.cleaned_data
    try:
        if data.get("file"):
            upload = data["file"]
            evidence_add_file(
                actor=request.user,
                target=target,
                context=context,
                filename=upload.name,
                data=upload.read(),
                title=data.get("title", ""),
            )
        else:
            evidence_add_link(
                actor=request.user,
                target=target,
                context=context,
                url=data["url"],
                title=data.get("title", ""),
            )
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False
    return True


@require_http_methods(["GET", "POST"])
@login_required
def evidence_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Attach evidence to a record of a registered kind (achievement, registration…)."""
    kind = TARGETS.get(slug)
    if kind is None:
        raise Http404
    target = get_object_or_404(kind.model, pk=pk)
    if not kind.can_attach(request.user, target):
        raise PermissionDenied
    back = safe_next(request, kind.back_url(target))
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save(request, form, target, kind.context(target))
    ):
        messages.success(request, _("Đã nộp minh chứng."))
        return HttpResponseRedirect(back)
    return form_page(
        request,
        form=form,
        title=_("Nộp minh chứng"),
        subtitle=f"{kind.label}: {kind.describe(target)}",
        cancel_url=back,
        submit_label=_("Nộp minh chứng"),
        multipart=True,
    )


@require_http_methods(["GET", "POST"])
@login_required
def criterion_evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    """File evidence of meeting a movement's criterion, for oneself or a led collective."""
    criterion = get_object_or_404(
        Criterion.objects.select_related("movement", "movement__unit", "unit"), pk=pk
    )
    movement = criterion.movement
    require(request.user, "movements.movement.view", movement)
    if movement.status not in (MovementStatus.ACCEPTING, MovementStatus.UNDER_REVIEW):
        messages.error(request, _("Phong trào không còn nhận minh chứng."))
        return redirect("movements:movement_detail", movement.pk)
    subjects = criterion_subjects(request.user, criterion)
    if not subjects:
        raise PermissionDenied
    back = reverse("movements:movement_detail", args=[movement.pk]) + "#criteria"
    form = CriterionEvidenceForm(request.POST or None, request.FILES or None, subjects=subjects)
    if request.method == "POST" and form.is_valid():
        kind, _sep, key = form.cleaned_data["subject"].partition(":")
        today = timezone.localdate()
        if kind == "unit":
            unit = get_object_or_404(Unit, code=key)
            context = EvidenceContext(
                unit=unit, school_year=current_school_year(), movement=movement, criterion=criterion
            )
        else:
            person = get_object_or_404(Person, pk=key)
            unit = work_unit_during(person, today, today)
            if unit is None:
                raise PermissionDenied
            context = EvidenceContext(
                unit=unit,
                person=person,
                school_year=current_school_year(),
                movement=movement,
                criterion=criterion,
            )
        if _save(request, form, criterion, context):
            messages.success(request, _("Đã nộp minh chứng cho tiêu chí."))
            return redirect(back)
    return form_page(
        request,
        form=form,
        title=_("Nộp minh chứng cho tiêu chí"),
        subtitle=f"{criterion.get_participant_display()}: {criterion.text[:200]}",
        cancel_url=back,
        submit_label=_("Nộp minh chứng"),
        multipart=True,
    )


@require_GET
@login_required
def evidence_download(request: HttpRequest, pk: int) -> HttpResponse:
    """Serve a file to those who may read it, never from a public URL."""
    evidence = get_object_or_404(Evidence.objects.select_related("unit", "person"), pk=pk)
    if not can_view_evidence(request.user, evidence):
        raise PermissionDenied
    if not evidence.is_file:
        return HttpResponseRedirect(evidence.url)
    try:
        handle = evidence.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404(_("Không tìm thấy tệp minh chứng.")) from exc
    inline = request.GET.get("view") == "1" and evidence.content_type in (
        "application/pdf",
        "image/png",
        "image/jpeg",
    )
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=evidence.original_name or "minh-chung",
        content_type=evidence.content_type or "application/octet-stream",
    )
    # The file is user content: never let the browser guess a type or run it in our origin.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def evidence_remove(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = get_object_or_404(Evidence.objects.select_related("unit"), pk=pk)
    if not can_delete_evidence(request.user, evidence):
        raise PermissionDenied
    evidence_delete(actor=request.user, evidence=evidence)
    messages.success(request, _("Đã xóa minh chứng “%(t)s”.") % {"t": evidence.title})
    return HttpResponseRedirect(safe_next(request, reverse("web:home")))


# ---------------------------------------------------------------- archive


@require_GET
@login_required
def archive_index(request: HttpRequest) -> HttpResponse:
    require(request.user, "evidence.archive.list")
    movements = archive_movements_for(request.user)
    page = Paginator(movements, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "evidence/archive_index.html",
        {"page_obj": page, "querystring_base": ""},
    )


def _archive_filters(request: HttpRequest, movement: Movement) -> dict[str, Any]:
    year = SchoolYear.objects.filter(code=request.GET.get("year", "")).first()
    unit = Unit.objects.filter(code=request.GET.get("unit", "")).first()
    criterion = None
    if request.GET.get("criterion", "").isdigit():
        criterion = Criterion.objects.filter(movement=movement, pk=request.GET["criterion"]).first()
    person = None
    if request.GET.get("person", "").isdigit():
        person = Person.objects.filter(pk=request.GET["person"]).first()
    return {"school_year": year, "unit": unit, "criterion": criterion, "person": person}


def _archive_movement(request: HttpRequest, pk: int) -> Movement:
    movement = get_object_or_404(
        Movement.objects.select_related("unit").prefetch_related("adoptions__unit"), pk=pk
    )
    require(request.user, "evidence.archive.view", movement)
    return movement


@require_GET
@login_required
def archive(request: HttpRequest, pk: int) -> HttpResponse:
    """Browse a movement's evidence by year, unit, criterion and person."""
    movement = _archive_movement(request, pk)
    filters = _archive_filters(request, movement)
    items = archive_evidence(user=request.user, movement=movement, **filters)
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    params = {
        "year": filters["school_year"].code if filters["school_year"] else "",
        "unit": filters["unit"].code if filters["unit"] else "",
        "criterion": filters["criterion"].pk if filters["criterion"] else "",
        "person": filters["person"].pk if filters["person"] else "",
    }
    query = "&".join(f"{k}={v}" for k, v in params.items() if v)
    return render(
        request,
        "evidence/archive.html",
        {
            "movement": movement,
            "facets": archive_facets(user=request.user, movement=movement),
            "filters": filters,
            "params": params,
            "page_obj": page,
            "querystring_base": f"{query}&" if query else "",
            "zip_query": query,
        },
    )


@require_GET
@login_required
def archive_zip(request: HttpRequest, pk: int) -> HttpResponse:
    """Download what the archive page shows as a zip with folders and a manifest."""
    movement = _archive_movement(request, pk)
    filters = _archive_filters(request, movement)
    items = list(
        archive_evidence(user=request.user, movement=movement, **filters).prefetch_related("target")
    )
    year = filters["school_year"].code if filters["school_year"] else None
    title = _("Minh chứng phong trào “%(m)s”%(y)s") % {
        "m": movement.name,
        "y": _(" năm học %(y)s") % {"y": year} if year else "",
    }
    output = build_archive(items, title=title)
    return FileResponse(
        output,
        as_attachment=True,
        filename=archive_filename(movement.name, year),
        content_type="application/zip",
    )
