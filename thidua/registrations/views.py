"""Registration pages: my registrations, a unit's list (accept, return, consolidate, lock),
one registration, and the upper unit's consolidated view."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.accounts.policy import may, require, scope_q
from thidua.achievements.forms import RecordImportForm
from thidua.achievements.models import RecordImport, RecordImportKind, RecordImportStatus
from thidua.core.audit import ACTIONS
from thidua.core.forms import add_service_errors
from thidua.core.models import AuditEntry
from thidua.evidence.selectors import evidence_of
from thidua.org.models import SchoolYear, Unit, UnitType
from thidua.org.selectors import current_school_year
from thidua.people.imports import ImportRejected
from thidua.people.models import Person
from thidua.people.policies import prime_staff_paths
from thidua.people.record_selectors import WORKPLACE_TYPES
from thidua.people.viewkit import form_page

from . import services
from .forms import DeadlineForm, ListOpenForm, ReasonForm, RegistrationForm
from .imports import apply_registration_plan, plan_registration_import
from .models import Registration, RegistrationList, RegistrationStatus
from .policies import can_decide, can_edit_registration, can_register_for, can_view_registration
from .selectors import (
    list_page,
    lists_visible_to,
    open_lists_for_person,
    registrations_of_person,
    summary_of,
)

RETURN_LABELS = {
    RegistrationStatus.DRAFT: "secondary",
    RegistrationStatus.SUBMITTED: "info",
    RegistrationStatus.ACCEPTED: "success",
    RegistrationStatus.RETURNED: "warning",
}


def _list(pk: int) -> RegistrationList:
    return get_object_or_404(
        RegistrationList.objects.select_related("unit", "unit__parent", "school_year"), pk=pk
    )


def _registration(pk: int) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related(
            "registration_list", "registration_list__unit", "person", "collective", "school_year"
        ).prefetch_related("titles"),
        pk=pk,
    )


def _list_url(reg_list: RegistrationList) -> str:
    return reverse("registrations:list_detail", args=[reg_list.pk])


def _messages(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# ---------------------------------------------------------------- home


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """My registrations and the lists of the units I work with."""
    require(request.user, "registrations.menu")
    person = getattr(request.user, "person", None)
    year = current_school_year()
    open_lists = []
    mine = []
    if person is not None:
        mine = list(registrations_of_person(person))
        registered_lists = {r.registration_list_id for r in mine}
        open_lists = [rl for rl in open_lists_for_person(person) if rl.pk not in registered_lists]
    openable = [
        u
        for u in Unit.objects.filter(scope_q(request.user, "registrations.list.open"))
        .filter(type__in=WORKPLACE_TYPES)
        .order_by("path")[:100]
    ]
    existing = set(
        RegistrationList.objects.filter(unit__in=openable, school_year=year).values_list(
            "unit_id", flat=True
        )
    )
    summary_units = [
        u
        for u in Unit.objects.filter(scope_q(request.user, "registrations.summary.view"))
        .filter(
            type__in=[UnitType.DEPARTMENT_OF_EDUCATION, UnitType.DISTRICT_OFFICE, UnitType.WARD]
        )
        .order_by("path")[:20]
    ]
    return render(
        request,
        "registrations/home.html",
        {
            "year": year,
            "mine": mine,
            "open_lists": open_lists,
            "lists": list(lists_visible_to(request.user)[:50]),
            "openable": [u for u in openable if u.pk not in existing],
            "summary_units": summary_units,
            "today": timezone.localdate(),
        },
    )


# ---------------------------------------------------------------- lists


@require_http_methods(["GET", "POST"])
@login_required
def list_open(request: HttpRequest) -> HttpResponse:
    unit = get_object_or_404(Unit, code=request.GET.get("unit", ""))
    require(request.user, "registrations.list.open", unit)
    year = current_school_year()
    form = ListOpenForm(
        request.POST or None,
        initial={
            "school_year": year,
            "deadline": services.default_deadline(year) if year else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            reg_list = services.registration_list_open(
                actor=request.user, unit=unit, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã mở đăng ký thi đua."))
            return redirect(_list_url(reg_list))
    return form_page(
        request,
        form=form,
        title=_("Mở đăng ký thi đua"),
        subtitle=unit.name,
        cancel_url=reverse("registrations:home"),
        submit_label=_("Mở đăng ký"),
    )


@require_GET
@login_required
def list_detail(request: HttpRequest, pk: int) -> HttpResponse:
    reg_list = _list(pk)
    require(request.user, "registrations.list.view", reg_list)
    status = request.GET.get("status", "")
    status = status if status in RegistrationStatus.values else ""
    page = list_page(reg_list, status=status)
    can_manage = may(request.user, "registrations.list.manage", reg_list)
    # whom the user may register: the staff paths of every candidate primed in one query
    prime_staff_paths(page.not_registered)
    return render(
        request,
        "registrations/list_detail.html",
        {
            "reg_list": reg_list,
            "page": page,
            "status": status,
            "statuses": RegistrationStatus.choices,
            "badges": RETURN_LABELS,
            "can_manage": can_manage,
            "can_lock": may(request.user, "registrations.list.lock", reg_list),
            "issues": services.issues_before_consolidate(reg_list) if reg_list.is_open else [],
            "deadline_passed": timezone.localdate() > reg_list.deadline,
            "unregistered": [
                p for p in page.not_registered if can_register_for(request.user, person=p)
            ][:200],
            "collectives": [
                u
                for u in page.collectives_not_registered
                if can_register_for(request.user, collective=u)
            ],
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def list_deadline(request: HttpRequest, pk: int) -> HttpResponse:
    reg_list = _list(pk)
    require(request.user, "registrations.list.manage", reg_list)
    form = DeadlineForm(request.POST or None, initial={"deadline": reg_list.deadline})
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_list_set_deadline(
                actor=request.user, reg_list=reg_list, deadline=form.cleaned_data["deadline"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã đổi hạn đăng ký."))
            return redirect(_list_url(reg_list))
    return form_page(
        request,
        form=form,
        title=_("Đổi hạn đăng ký"),
        subtitle=str(reg_list),
        cancel_url=_list_url(reg_list),
    )


@require_POST
@login_required
def list_consolidate(request: HttpRequest, pk: int) -> HttpResponse:
    reg_list = _list(pk)
    require(request.user, "registrations.list.manage", reg_list)
    try:
        services.registration_list_consolidate(actor=request.user, reg_list=reg_list)
    except ValidationError as exc:
        _messages(request, exc)
    else:
        messages.success(request, _("Đã tổng hợp danh sách đăng ký."))
    return redirect(_list_url(reg_list))


@require_POST
@login_required
def list_lock(request: HttpRequest, pk: int) -> HttpResponse:
    reg_list = _list(pk)
    require(request.user, "registrations.list.lock", reg_list)
    try:
        services.registration_list_lock(actor=request.user, reg_list=reg_list)
    except ValidationError as exc:
        _messages(request, exc)
    else:
        messages.success(request, _("Đã ký, khóa danh sách đăng ký."))
    return redirect(_list_url(reg_list))


@require_http_methods(["GET", "POST"])
@login_required
def list_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    reg_list = _list(pk)
    require(request.user, "registrations.list.manage", reg_list)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_list_reopen(
                actor=request.user, reg_list=reg_list, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã mở lại danh sách đăng ký."))
            return redirect(_list_url(reg_list))
    return form_page(
        request,
        form=form,
        title=_("Mở lại danh sách đăng ký"),
        subtitle=str(reg_list),
        cancel_url=_list_url(reg_list),
        submit_label=_("Mở lại"),
    )


# ---------------------------------------------------------------- registrations


@require_http_methods(["GET", "POST"])
@login_required
def registration_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Register oneself, a member of staff (?person=) or a collective (?collective=)."""
    reg_list = _list(pk)
    person: Person | None = None
    collective: Unit | None = None
    if request.GET.get("collective"):
        collective = get_object_or_404(Unit, code=request.GET["collective"])
    elif request.GET.get("person", "").isdigit():
        person = get_object_or_404(Person, pk=request.GET["person"], staff_profile__isnull=False)
    else:
        person = getattr(request.user, "person", None)
        if person is None:
            raise PermissionDenied
    if not can_register_for(request.user, person=person, collective=collective):
        raise PermissionDenied
    form = RegistrationForm(request.POST or None, collective=collective is not None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            registration = services.registration_create(
                actor=request.user,
                reg_list=reg_list,
                person=person,
                collective=collective,
                titles=data.pop("titles"),
                **data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Đã lưu bản nháp đăng ký. Hãy kiểm tra rồi bấm “Gửi đăng ký”.")
            )
            return redirect("registrations:registration_detail", registration.pk)
    deadline_note = _("Hạn đăng ký: %(d)s.") % {"d": reg_list.deadline.strftime("%d/%m/%Y")}
    issues = []
    if timezone.localdate() > reg_list.deadline:
        issues.append(
            _("Đã hết hạn đăng ký (%(d)s): đăng ký mới sẽ không được nhận.")
            % {"d": reg_list.deadline.strftime("%d/%m/%Y")}
        )
    return form_page(
        request,
        form=form,
        title=_("Đăng ký thi đua năm học %(y)s") % {"y": reg_list.school_year_id},
        subtitle=f"{person or collective} · {reg_list.unit.name}",
        cancel_url=reverse("registrations:home"),
        intro=deadline_note,
        issues=issues,
        submit_label=_("Lưu bản nháp"),
    )


@require_GET
@login_required
def registration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _registration(pk)
    if not can_view_registration(request.user, registration):
        raise PermissionDenied
    history = list(
        AuditEntry.objects.filter(
            target_type="registrations.registration", target_id=str(registration.pk)
        ).order_by("at", "id")
    )
    for entry in history:
        entry.label = ACTIONS.get(entry.action, entry.action)
    reg_list = registration.registration_list
    can_edit = can_edit_registration(request.user, registration) and reg_list.is_open
    return render(
        request,
        "registrations/registration_detail.html",
        {
            "registration": registration,
            "reg_list": reg_list,
            "history": history,
            "evidence_items": evidence_of(registration),
            "can_edit": can_edit,
            "can_decide": can_decide(request.user, registration) and reg_list.is_open,
            "badges": RETURN_LABELS,
            "deadline_passed": timezone.localdate() > reg_list.deadline,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def registration_edit(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _registration(pk)
    if not can_edit_registration(request.user, registration):
        raise PermissionDenied
    form = RegistrationForm(
        request.POST or None,
        collective=registration.collective_id is not None,
        initial={
            "titles": [t.title for t in registration.titles.all()],
            "goals": registration.goals,
            "initiative_topic": registration.initiative_topic,
        },
    )
    back = reverse("registrations:registration_detail", args=[registration.pk])
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.registration_update(
                actor=request.user, registration=registration, titles=data.pop("titles"), **data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect(back)
    return form_page(
        request,
        form=form,
        title=_("Sửa đăng ký thi đua"),
        subtitle=f"{registration.subject_name} · {registration.school_year_id}",
        cancel_url=back,
        intro=registration.return_reason
        and _("Lý do trả lại: %(r)s") % {"r": registration.return_reason},
    )


def _transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    registration = _registration(pk)
    if action == "submit":
        allowed = can_edit_registration(request.user, registration)
    else:
        allowed = can_decide(request.user, registration)
    if not allowed:
        raise PermissionDenied
    service = {
        "submit": services.registration_submit,
        "accept": services.registration_accept,
    }[action]
    try:
        service(actor=request.user, registration=registration)
    except ValidationError as exc:
        _messages(request, exc)
    else:
        if action == "submit":
            messages.success(request, _("Đã gửi đăng ký."))
        else:
            messages.success(
                request, _("Đã duyệt đăng ký của %(s)s.") % {"s": registration.subject_name}
            )
    if action == "accept" and request.POST.get("back") == "list":
        return redirect(_list_url(registration.registration_list))
    return redirect("registrations:registration_detail", registration.pk)


@require_POST
@login_required
def registration_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, "submit")


@require_POST
@login_required
def registration_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, "accept")


@require_http_methods(["GET", "POST"])
@login_required
def registration_return(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _registration(pk)
    if not can_decide(request.user, registration):
        raise PermissionDenied
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_return(
                actor=request.user, registration=registration, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Đã trả lại đăng ký của %(s)s.") % {"s": registration.subject_name}
            )
            return redirect(_list_url(registration.registration_list))
    return form_page(
        request,
        form=form,
        title=_("Trả lại đăng ký"),
        subtitle=f"{registration.subject_name} · {registration.school_year_id}",
        cancel_url=reverse("registrations:registration_detail", args=[registration.pk]),
        submit_label=_("Trả lại"),
    )


@require_POST
@login_required
def registration_delete(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _registration(pk)
    if not can_edit_registration(request.user, registration):
        raise PermissionDenied
    try:
        services.registration_delete(actor=request.user, registration=registration)
    except ValidationError as exc:
        _messages(request, exc)
        return redirect("registrations:registration_detail", registration.pk)
    messages.success(request, _("Đã xóa bản nháp đăng ký."))
    return redirect("registrations:home")


# ---------------------------------------------------------------- summary


@require_GET
@login_required
def summary(request: HttpRequest) -> HttpResponse:
    """An upper unit's view: each unit below with its list's status and counts."""
    unit = get_object_or_404(Unit, code=request.GET.get("unit", ""))
    require(request.user, "registrations.summary.view", unit)
    year = (
        SchoolYear.objects.filter(code=request.GET.get("year", "")).first() or current_school_year()
    )
    context: dict[str, Any] = {
        "unit": unit,
        "year": year,
        "years": SchoolYear.objects.order_by("-code"),
        "summary": summary_of(unit, year),
        "statuses": RegistrationStatus.choices,
    }
    return render(request, "registrations/summary.html", context)


# ---------------------------------------------------------------- Excel import


@require_http_methods(["GET", "POST"])
@login_required
def list_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a paper registration list (Excel) and preview what would be imported."""
    reg_list = _list(pk)
    require(request.user, "registrations.list.manage", reg_list)
    form = RecordImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"reg_list": reg_list, "form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        job = RecordImport(
            kind=RecordImportKind.REGISTRATIONS,
            unit=reg_list.unit,
            school_year=reg_list.school_year,
            original_name=upload.name[:255],
            created_by=request.user,
        )
        job.file.save(upload.name, ContentFile(data), save=False)
        plan = plan_registration_import(data=data, filename=job.original_name, reg_list=reg_list)
        job.status = RecordImportStatus.PREVIEWED if plan.ok else RecordImportStatus.REJECTED
        job.summary = {"counts": plan.counts, "errors": [str(e) for e in plan.errors]}
        job.save()
        return render(
            request, "registrations/import_preview.html", {**context, "plan": plan, "job": job}
        )
    return render(request, "registrations/import_upload.html", context)


@require_POST
@login_required
def list_import_confirm(request: HttpRequest, pk: int, job_pk: int) -> HttpResponse:
    reg_list = _list(pk)
    require(request.user, "registrations.list.manage", reg_list)
    job = get_object_or_404(
        RecordImport,
        pk=job_pk,
        kind=RecordImportKind.REGISTRATIONS,
        unit=reg_list.unit,
        school_year=reg_list.school_year,
    )
    if job.created_by_id != request.user.pk:
        raise PermissionDenied
    if job.status != RecordImportStatus.PREVIEWED:
        messages.error(request, _("Danh sách này đã được xử lý, không thể nhập lại lần nữa."))
        return redirect(_list_url(reg_list))
    with job.file.open("rb") as handle:
        data = handle.read()
    plan = plan_registration_import(data=data, filename=job.original_name, reg_list=reg_list)
    try:
        apply_registration_plan(actor=request.user, plan=plan, reg_list=reg_list, job=job)
    except ImportRejected:
        job.status = RecordImportStatus.REJECTED
        job.summary = {"counts": plan.counts, "errors": [str(e) for e in plan.errors]}
        job.save(update_fields=["status", "summary", "updated_at"])
        return render(
            request,
            "registrations/import_preview.html",
            {"reg_list": reg_list, "plan": plan, "job": job},
        )
    messages.success(
        request,
        _("Đã nhập %(n)s đăng ký (đã duyệt) từ danh sách Excel.") % {"n": plan.counts["create"]},
    )
    return redirect(_list_url(reg_list))
