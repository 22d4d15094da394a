"""The emulation record pages (hồ sơ thi đua) and the entry of awards, achievements,
initiatives and research projects; the Excel imports of past records."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.accounts.policy import may, require, scope_q
from thidua.core.forms import add_service_errors
from thidua.movements.models import Movement, MovementStatus
from thidua.org.models import COLLECTIVE_TYPES, Unit, UnitType
from thidua.org.selectors import current_school_year
from thidua.people.imports import ImportRejected
from thidua.people.models import Membership, Person
from thidua.people.policies import can_view_record, prime_staff_paths
from thidua.people.record_selectors import staff_with_records_visible_to
from thidua.people.selectors import staff_of_unit
from thidua.people.viewkit import form_page, safe_next

from . import services
from .forms import (
    AchievementForm,
    AwardRecordForm,
    InitiativeForm,
    RecordImportForm,
    ResearchProjectForm,
    RevokeForm,
)
from .imports import apply_record_plan, plan_for_job
from .models import (
    Achievement,
    AwardRecord,
    AwardSource,
    Initiative,
    RecordImport,
    RecordImportKind,
    RecordImportStatus,
    ResearchProject,
)
from .policies import can_edit_row, can_edit_subject, can_view_subject
from .record_hooks import collective_context, person_context
from .registry import record_url
from .selectors import (
    collective_record,
    person_record,
    previous_school_year_code,
    record_list_rows,
    school_year_code_of,
)


def _staff(pk: int) -> Person:
    return get_object_or_404(
        Person.objects.select_related("staff_profile"), pk=pk, staff_profile__isnull=False
    )


def _collective(code: str) -> Unit:
    return get_object_or_404(Unit, code=code, type__in=COLLECTIVE_TYPES)


def _attach(items: list[Any], record: Any) -> None:
    for item in items:
        item.evidence_items = record.evidence_of(item)


# ---------------------------------------------------------------- record pages


@require_GET
@login_required
def record_list(request: HttpRequest) -> HttpResponse:
    """The staff whose records the user may read; a member of staff goes to their own."""
    if not may(request.user, "people.record.list"):
        person = getattr(request.user, "person", None)
        if person is not None and can_view_record(request.user, person):
            return redirect("achievements:person_record", person.pk)
        raise PermissionDenied
    q = request.GET.get("q", "").strip()
    unit = None
    if request.GET.get("unit"):
        unit = get_object_or_404(Unit, code=request.GET["unit"])
        require(request.user, "people.record.list", unit)
    people = staff_with_records_visible_to(request.user, unit=unit, q=q)
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    previous = previous_school_year_code(timezone.localdate())
    rows = record_list_rows(page, previous_year=previous)
    import_units = [
        u
        for u in Unit.objects.filter(scope_q(request.user, "achievements.import"))
        .filter(type=UnitType.SCHOOL)
        .order_by("name")[:50]
    ]
    collectives = Unit.objects.filter(scope_q(request.user, "people.record.list")).filter(
        type__in=COLLECTIVE_TYPES
    )
    if unit is not None:
        collectives = collectives.filter(path__startswith=unit.path)
    collectives = list(collectives.select_related("parent").order_by("path")[:41])
    querystring = "&".join(
        f"{k}={v}" for k, v in (("unit", unit.code if unit else ""), ("q", q)) if v
    )
    context = {
        "schools": Unit.objects.filter(scope_q(request.user, "people.record.list"))
        .filter(type=UnitType.SCHOOL)
        .order_by("name")[:200],
        "collectives": collectives[:40],
        "more_collectives": len(collectives) > 40,
        "page_obj": page,
        "rows": rows,
        "q": q,
        "unit": unit,
        "previous_year": previous,
        "import_units": import_units,
        "querystring_base": f"{querystring}&" if querystring else "",
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "achievements/record_list.html#record-table", context)
    return render(request, "achievements/record_list.html", context)


@require_GET
@login_required
def person_record_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One record per person, across every school they worked at (hồ sơ thi đua)."""
    person = _staff(pk)
    if not can_view_record(request.user, person):
        raise PermissionDenied
    record = person_record(person)
    _attach(record.awards, record)
    _attach(record.achievements, record)
    _attach(record.initiatives, record)
    _attach(record.research_projects, record)
    extra = person_context(request.user, person, record)
    rows = record.year_rows()
    registered = extra.get("registered_years")
    if registered is not None:
        for row in rows:
            row.registered = row.code in registered
    can_edit = may(request.user, "people.record.edit", person)
    context = {
        "teams": record.people.teams_on(timezone.localdate()),
        "person": person,
        "profile": person.staff_profile,
        "record": record,
        "rows": rows,
        "can_edit": can_edit,
        "is_self": request.user.person_id == person.pk,
        "here": request.get_full_path(),
        "registered_years": None,
        "eligibility_panel": None,
        "eligibility_panel_template": "eligibility/_person_panel.html",
        **extra,
    }
    return render(request, "achievements/person_record.html", context)


@require_GET
@login_required
def collective_record_view(request: HttpRequest, code: str) -> HttpResponse:
    unit = _collective(code)
    if not can_view_subject(request.user, collective=unit):
        raise PermissionDenied
    record = collective_record(unit)
    _attach(record.awards, record)
    _attach(record.achievements, record)
    extra = collective_context(request.user, unit, record)
    rows = record.year_rows()
    registered = extra.get("registered_years")
    if registered is not None:
        for row in rows:
            row.registered = row.code in registered
    members = []
    if unit.type != UnitType.SCHOOL:
        members = list(staff_of_unit(unit))
        prime_staff_paths(members)
        for member in members:
            member.record_visible = can_view_record(request.user, member)
    return render(
        request,
        "achievements/collective_record.html",
        {
            "unit": unit,
            "record": record,
            "rows": rows,
            "members": members,
            "can_edit": can_edit_subject(request.user, collective=unit),
            "here": request.get_full_path(),
            "registered_years": None,
            **extra,
        },
    )


# ---------------------------------------------------------------- awards


def _subject_from(
    request: HttpRequest, pk: int | None, code: str | None
) -> tuple[Person | None, Unit | None]:
    if pk is not None:
        person = _staff(pk)
        if not can_edit_subject(request.user, person=person):
            raise PermissionDenied
        return person, None
    assert code is not None
    unit = _collective(code)
    if not can_edit_subject(request.user, collective=unit):
        raise PermissionDenied
    return None, unit


def _back(request: HttpRequest, person: Person | None, unit: Unit | None) -> str:
    fallback = (
        reverse("achievements:person_record", args=[person.pk])
        if person
        else reverse("achievements:collective_record", args=[unit.code])  # type: ignore[union-attr]
    )
    return safe_next(request, fallback)


@require_http_methods(["GET", "POST"])
@login_required
def award_add(request: HttpRequest, pk: int | None = None, code: str | None = None) -> HttpResponse:
    person, unit = _subject_from(request, pk, code)
    achievements = (
        Achievement.objects.filter(person=person)
        if person
        else Achievement.objects.filter(collective=unit)
    )
    form = AwardRecordForm(
        request.POST or None,
        collective=unit is not None,
        achievements=achievements,
        initial={"period_to": school_year_code_of(timezone.localdate())},
    )
    back = _back(request, person, unit)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.award_record_create(
                actor=request.user,
                person=person,
                collective=unit,
                source=AwardSource.ENTERED,
                **data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi danh hiệu, khen thưởng vào hồ sơ."))
            return redirect(back)
    return form_page(
        request,
        form=form,
        title=_("Ghi danh hiệu, khen thưởng"),
        subtitle=str(person or unit),
        cancel_url=back,
    )


@require_http_methods(["GET", "POST"])
@login_required
def award_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(
        AwardRecord.objects.select_related("person", "collective", "unit"), pk=pk
    )
    if not can_edit_row(request.user, record):
        raise PermissionDenied
    back = safe_next(request, record_url(record))
    form = RevokeForm(request.POST or None, initial={"revoked_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.award_record_revoke(actor=request.user, record=record, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi nhận việc hủy bỏ %(a)s.") % {"a": record.short})
            return redirect(back)
    return form_page(
        request,
        form=form,
        title=_("Hủy bỏ danh hiệu, khen thưởng"),
        subtitle=str(record),
        cancel_url=back,
        submit_label=_("Ghi nhận hủy bỏ"),
        intro=_(
            "Danh hiệu, khen thưởng bị hủy bỏ vẫn được lưu trong hồ sơ kèm lý do và quyết định "
            "hủy bỏ, nhưng không còn được tính khi xét các danh hiệu, hình thức khen thưởng sau."
        ),
    )


@require_POST
@login_required
def award_delete(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(
        AwardRecord.objects.select_related("person", "collective", "unit"), pk=pk
    )
    if not can_edit_row(request.user, record):
        raise PermissionDenied
    back = safe_next(request, record_url(record))
    try:
        services.award_record_delete(actor=request.user, record=record)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã xóa dòng nhập nhầm."))
    return redirect(back)


# ---------------------------------------------------------------- achievements


def _movements_for(person: Person | None, unit: Unit | None) -> Any:
    anchor = unit
    if person is not None:
        today = timezone.localdate()
        membership = (
            Membership.objects.filter(person=person, start_on__lte=today)
            .filter(Q(end_on__isnull=True) | Q(end_on__gte=today))
            .select_related("unit")
            .first()
        )
        anchor = membership.unit if membership else None
    if anchor is None:
        return Movement.objects.none()
    ids = anchor.ancestor_ids()
    return (
        Movement.objects.filter(Q(unit_id__in=ids) | Q(adoptions__unit_id__in=ids))
        .exclude(status=MovementStatus.DRAFT)
        .distinct()
        .order_by("-start_on")
    )


@require_http_methods(["GET", "POST"])
@login_required
def achievement_add(
    request: HttpRequest, pk: int | None = None, code: str | None = None
) -> HttpResponse:
    person, unit = _subject_from(request, pk, code)
    form = AchievementForm(
        request.POST or None,
        movements=_movements_for(person, unit),
        initial={"school_year": (current_school_year() or None)},
    )
    back = _back(request, person, unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.achievement_create(
                actor=request.user, person=person, collective=unit, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi thành tích. Có thể nộp minh chứng kèm theo."))
            return redirect(back)
    return form_page(
        request, form=form, title=_("Ghi thành tích"), subtitle=str(person or unit), cancel_url=back
    )


@require_POST
@login_required
def achievement_delete(request: HttpRequest, pk: int) -> HttpResponse:
    achievement = get_object_or_404(
        Achievement.objects.select_related("person", "collective", "unit"), pk=pk
    )
    if not can_edit_row(request.user, achievement):
        raise PermissionDenied
    back = safe_next(request, record_url(achievement))
    try:
        services.achievement_delete(actor=request.user, achievement=achievement)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã xóa thành tích."))
    return redirect(back)


@require_http_methods(["GET", "POST"])
@login_required
def initiative_add(request: HttpRequest, pk: int) -> HttpResponse:
    person, _unit = _subject_from(request, pk, None)
    assert person is not None
    form = InitiativeForm(
        request.POST or None, initial={"school_year": current_school_year(), "is_recognised": True}
    )
    back = _back(request, person, None)
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_create(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi sáng kiến."))
            return redirect(back)
    return form_page(
        request, form=form, title=_("Ghi sáng kiến"), subtitle=str(person), cancel_url=back
    )


@require_POST
@login_required
def initiative_delete(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_object_or_404(Initiative.objects.select_related("person", "unit"), pk=pk)
    if not can_edit_row(request.user, initiative):
        raise PermissionDenied
    services.initiative_delete(actor=request.user, initiative=initiative)
    messages.success(request, _("Đã xóa sáng kiến."))
    return redirect(safe_next(request, record_url(initiative)))


@require_http_methods(["GET", "POST"])
@login_required
def research_add(request: HttpRequest, pk: int) -> HttpResponse:
    person, _unit = _subject_from(request, pk, None)
    assert person is not None
    form = ResearchProjectForm(request.POST or None, initial={"school_year": current_school_year()})
    back = _back(request, person, None)
    if request.method == "POST" and form.is_valid():
        try:
            services.research_project_create(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi đề tài nghiên cứu khoa học."))
            return redirect(back)
    return form_page(
        request,
        form=form,
        title=_("Ghi đề tài nghiên cứu khoa học"),
        subtitle=str(person),
        cancel_url=back,
    )


@require_POST
@login_required
def research_delete(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(ResearchProject.objects.select_related("person", "unit"), pk=pk)
    if not can_edit_row(request.user, project):
        raise PermissionDenied
    services.research_project_delete(actor=request.user, project=project)
    messages.success(request, _("Đã xóa đề tài."))
    return redirect(safe_next(request, record_url(project)))


# ---------------------------------------------------------------- imports


IMPORT_TITLES = {
    RecordImportKind.AWARD_HISTORY: gettext_lazy("Nhập lịch sử danh hiệu, khen thưởng"),
    RecordImportKind.RATINGS: gettext_lazy("Nhập kết quả xếp loại hằng năm"),
}


@require_http_methods(["GET", "POST"])
@login_required
def record_import(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    if kind not in (RecordImportKind.AWARD_HISTORY, RecordImportKind.RATINGS):
        raise PermissionDenied
    unit = get_object_or_404(Unit, code=code)
    require(request.user, "achievements.import", unit)
    form = RecordImportForm(
        request.POST or None, request.FILES or None, with_year=kind == RecordImportKind.RATINGS
    )
    context: dict[str, Any] = {
        "unit": unit,
        "kind": kind,
        "form": form,
        "title": IMPORT_TITLES[kind],
    }
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        job = RecordImport(
            kind=kind,
            unit=unit,
            school_year=form.cleaned_data.get("school_year"),
            original_name=upload.name[:255],
            created_by=request.user,
        )
        job.file.save(upload.name, ContentFile(data), save=False)
        plan = plan_for_job(job, data)
        job.status = RecordImportStatus.PREVIEWED if plan.ok else RecordImportStatus.REJECTED
        job.summary = {"counts": plan.counts, "errors": [str(e) for e in plan.errors]}
        job.save()
        return render(
            request, "achievements/import_preview.html", {**context, "plan": plan, "job": job}
        )
    return render(request, "achievements/import_upload.html", context)


@require_POST
@login_required
def record_import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(
        RecordImport.objects.select_related("unit", "school_year"),
        pk=pk,
        kind__in=[RecordImportKind.AWARD_HISTORY, RecordImportKind.RATINGS],
    )
    require(request.user, "achievements.import", job.unit)
    if job.created_by_id != request.user.pk:
        raise PermissionDenied
    if job.status != RecordImportStatus.PREVIEWED:
        messages.error(request, _("Danh sách này đã được xử lý, không thể nhập lại lần nữa."))
        return redirect("achievements:record_list")
    with job.file.open("rb") as handle:
        data = handle.read()
    plan = plan_for_job(job, data)
    context = {"unit": job.unit, "kind": job.kind, "title": IMPORT_TITLES[job.kind], "job": job}
    try:
        apply_record_plan(actor=request.user, plan=plan, job=job)
    except ImportRejected:
        job.status = RecordImportStatus.REJECTED
        job.summary = {"counts": plan.counts, "errors": [str(e) for e in plan.errors]}
        job.save(update_fields=["status", "summary", "updated_at"])
        return render(request, "achievements/import_preview.html", {**context, "plan": plan})
    counts = plan.counts
    messages.success(
        request,
        _("Đã nhập: %(c)s thêm mới, %(u)s cập nhật, %(n)s đã có từ trước.")
        % {"c": counts["create"], "u": counts["update"], "n": counts["unchanged"]},
    )
    return redirect(f"{reverse('achievements:record_list')}?unit={job.unit.code}")
