"""Staff and student pages, and the Excel import (upload → preview → confirm)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.accounts.models import User
from thidua.accounts.policy import may, perms_for, require, scope_q
from thidua.accounts.services import suggest_username, user_create
from thidua.core.forms import add_service_errors
from thidua.org.models import SchoolYear, Unit, UnitType
from thidua.org.selectors import current_school_year, school_of

from .forms import ImportUploadForm, StaffCreateForm, StaffForm, StudentForm, TransferForm
from .imports import ImportRejected, apply_plan, plan_staff_import, plan_student_import
from .models import ImportJob, ImportKind, ImportStatus, Person
from .policies import can_view_record
from .selectors import membership_history, staff_of_unit, staff_visible_to, students_of_school
from .services import staff_create, staff_transfer, staff_update, student_create, student_update

STAFF_ACTIONS = ["people.staff.view_private", "people.staff.edit"]


def _staff_person(pk: int) -> Person:
    return get_object_or_404(
        Person.objects.select_related("staff_profile"), pk=pk, staff_profile__isnull=False
    )


def _student_person(pk: int) -> Person:
    return get_object_or_404(
        Person.objects.select_related("student_profile"), pk=pk, student_profile__isnull=False
    )


@require_GET
@login_required
def staff_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "people.staff.list")
    q = request.GET.get("q", "").strip()
    unit = None
    code = request.GET.get("unit")
    if code:
        unit = get_object_or_404(Unit, code=code)
        require(request.user, "people.staff.list", unit)
        people = staff_of_unit(unit, q=q)
    else:
        people = staff_visible_to(request.user, q=q)
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    querystring = "&".join(f"{k}={v}" for k, v in (("unit", code or ""), ("q", q)) if v)
    context = {
        "page_obj": page,
        "unit": unit,
        "q": q,
        "querystring_base": f"{querystring}&" if querystring else "",
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "people/staff_list.html#staff-table", context)
    return render(request, "people/staff_list.html", context)


@require_GET
@login_required
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = _staff_person(pk)
    require(request.user, "people.staff.view", person)
    return render(
        request,
        "people/staff_detail.html",
        {
            "person": person,
            "profile": person.staff_profile,
            "memberships": membership_history(person),
            "can": perms_for(request.user, person, STAFF_ACTIONS),
            "can_view_record": can_view_record(request.user, person),
            "account": User.objects.filter(person=person).first(),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def staff_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _staff_person(pk)
    require(request.user, "people.staff.edit", person)
    profile = person.staff_profile
    initial = {
        "full_name": person.full_name,
        "gender": person.gender,
        "date_of_birth": person.date_of_birth,
        "staff_code": profile.staff_code,
        "position": profile.position,
        "job_title": profile.job_title,
        "subject": profile.subject,
        "hired_on": profile.hired_on,
    }
    form = StaffForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            staff_update(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu thông tin %(name)s.") % {"name": person})
            return redirect("people:staff_detail", person.pk)
    return render(
        request,
        "people/person_form.html",
        {"form": form, "title": _("Sửa thông tin cán bộ"), "cancel": person},
    )


@require_http_methods(["GET", "POST"])
@login_required
def staff_create_view(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_object_or_404(Unit, code=code)
    require(request.user, "people.staff.create", unit)
    form = StaffCreateForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            person = staff_create(actor=request.user, unit=unit, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm %(name)s.") % {"name": person})
            return redirect("people:staff_detail", person.pk)
    return render(
        request,
        "people/person_form.html",
        {
            "form": form,
            "title": _("Thêm cán bộ vào %(unit)s") % {"unit": unit.name},
            "cancel_unit": unit,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def staff_transfer_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = _staff_person(pk)
    require(request.user, "people.staff.edit", person)
    units = (
        Unit.objects.filter(scope_q(request.user, "people.membership.manage"))
        .filter(
            type__in=[
                UnitType.SCHOOL,
                UnitType.DISTRICT_OFFICE,
                UnitType.WARD,
                UnitType.DEPARTMENT_OF_EDUCATION,
            ]
        )
        .order_by("name")
    )
    form = TransferForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            staff_transfer(
                actor=request.user,
                person=person,
                to_unit=form.cleaned_data["to_unit"],
                on=form.cleaned_data["on"],
                job_title=form.cleaned_data["job_title"] or None,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã chuyển công tác %(name)s.") % {"name": person})
            return redirect("people:staff_detail", person.pk)
    return render(
        request,
        "people/person_form.html",
        {
            "form": form,
            "title": _("Chuyển công tác: %(name)s") % {"name": person},
            "cancel": person,
        },
    )


@require_POST
@login_required
def staff_account_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Create a login for a member of staff; the initial password is shown once."""
    person = _staff_person(pk)
    # Whoever manages the person's current units may give them a login.
    require(request.user, "people.staff.edit", person)
    try:
        user, password = user_create(
            actor=request.user, person=person, username=suggest_username(person.full_name)
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _(
                "Đã tạo tài khoản %(u)s, mật khẩu ban đầu: %(p)s — hãy ghi "
                "lại và đưa cho người dùng."
            )
            % {"u": user.username, "p": password},
        )
    return redirect("people:staff_detail", person.pk)


# ---------------------------------------------------------------- students


@require_GET
@login_required
def student_list(request: HttpRequest, code: str) -> HttpResponse:
    school = get_object_or_404(Unit, code=code, type=UnitType.SCHOOL)
    require(request.user, "people.student.list", school)
    year = (
        SchoolYear.objects.filter(code=request.GET.get("year", "")).first() or current_school_year()
    )
    q = request.GET.get("q", "").strip()
    page = Paginator(students_of_school(school, year, q=q), 50).get_page(request.GET.get("page"))
    querystring = "&".join(
        f"{k}={v}" for k, v in (("year", year.code if year else ""), ("q", q)) if v
    )
    context = {
        "school": school,
        "year": year,
        "years": SchoolYear.objects.all(),
        "q": q,
        "page_obj": page,
        "querystring_base": f"{querystring}&" if querystring else "",
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "people/student_list.html#student-table", context)
    return render(request, "people/student_list.html", context)


@require_GET
@login_required
def student_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = _student_person(pk)
    require(request.user, "people.student.view", person)
    enrollments = person.enrollments.select_related("class_unit", "class_unit__parent").order_by(
        "-school_year"
    )
    return render(
        request,
        "people/student_detail.html",
        {
            "person": person,
            "enrollments": enrollments,
            "can_edit": may(request.user, "people.student.edit", person),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def student_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _student_person(pk)
    require(request.user, "people.student.edit", person)
    initial = {
        "full_name": person.full_name,
        "gender": person.gender,
        "date_of_birth": person.date_of_birth,
        "student_code": person.student_profile.student_code,
    }
    form = StudentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            student_update(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu thông tin %(name)s.") % {"name": person})
            return redirect("people:student_detail", person.pk)
    return render(
        request,
        "people/person_form.html",
        {"form": form, "title": _("Sửa thông tin học sinh"), "cancel_student": person},
    )


@require_http_methods(["GET", "POST"])
@login_required
def student_create_view(request: HttpRequest, code: str) -> HttpResponse:
    class_unit = get_object_or_404(Unit, code=code, type=UnitType.CLASS)
    require(request.user, "people.student.create", class_unit)
    form = StudentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = student_create(actor=request.user, class_unit=class_unit, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Đã thêm %(name)s vào lớp %(c)s.") % {"name": person, "c": class_unit.name},
            )
            return redirect("org:unit_detail", class_unit.code)
    return render(
        request,
        "people/person_form.html",
        {
            "form": form,
            "title": _("Thêm học sinh vào lớp %(c)s") % {"c": class_unit.name},
            "cancel_unit": class_unit,
        },
    )


# ---------------------------------------------------------------- imports


def _import_page(request: HttpRequest, unit: Unit, kind: str) -> HttpResponse:
    is_school = unit.type == UnitType.SCHOOL
    with_year = kind == ImportKind.STUDENTS and is_school
    form = ImportUploadForm(
        request.POST or None,
        request.FILES or None,
        with_year=with_year,
        initial={"school_year": current_school_year()},
    )
    context: dict[str, Any] = {
        "unit": unit,
        "kind": kind,
        "form": form,
        "kind_label": ImportKind(kind).label,
    }
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        year = None
        if kind == ImportKind.STUDENTS:
            year = form.cleaned_data["school_year"] if with_year else unit.school_year
        job = ImportJob(
            kind=kind,
            unit=unit,
            school_year=year,
            original_name=upload.name[:255],
            created_by=request.user,
        )
        job.file.save(upload.name, ContentFile(data), save=False)
        plan = _plan(job, data)
        job.status = ImportStatus.PREVIEWED if plan.ok else ImportStatus.REJECTED
        job.summary = {"counts": plan.counts, "errors": [str(e) for e in plan.errors]}
        job.save()
        return render(request, "people/import_preview.html", {**context, "plan": plan, "job": job})
    return render(request, "people/import_upload.html", context)


def _plan(job: ImportJob, data: bytes) -> Any:
    if job.kind == ImportKind.STAFF:
        return plan_staff_import(data=data, filename=job.original_name, unit=job.unit)
    school = school_of(job.unit)
    class_unit = job.unit if job.unit.type == UnitType.CLASS else None
    return plan_student_import(
        data=data,
        filename=job.original_name,
        school=school,
        school_year=job.school_year,
        class_unit=class_unit,
    )


@require_http_methods(["GET", "POST"])
@login_required
def staff_import(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_object_or_404(Unit, code=code)
    require(request.user, "people.staff.import", unit)
    return _import_page(request, unit, ImportKind.STAFF)


@require_http_methods(["GET", "POST"])
@login_required
def student_import(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_object_or_404(Unit, code=code, type__in=[UnitType.SCHOOL, UnitType.CLASS])
    require(request.user, "people.student.import", unit)
    return _import_page(request, unit, ImportKind.STUDENTS)


@require_POST
@login_required
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply a previewed list. The file is checked again: the data may have changed since."""
    job = get_object_or_404(ImportJob.objects.select_related("unit"), pk=pk)
    action = "people.staff.import" if job.kind == ImportKind.STAFF else "people.student.import"
    require(request.user, action, job.unit)
    if job.created_by_id != request.user.pk:
        raise PermissionDenied
    if job.status != ImportStatus.PREVIEWED:
        messages.error(request, _("Danh sách này đã được xử lý, không thể nhập lại lần nữa."))
        return redirect("org:unit_detail", job.unit.code)
    with job.file.open("rb") as handle:
        data = handle.read()
    plan = _plan(job, data)
    try:
        apply_plan(actor=request.user, plan=plan, job=job)
    except ImportRejected:
        job.status = ImportStatus.REJECTED
        job.summary = {"counts": plan.counts, "errors": [str(e) for e in plan.errors]}
        job.save(update_fields=["status", "summary", "updated_at"])
        return render(
            request,
            "people/import_preview.html",
            {
                "unit": job.unit,
                "kind": job.kind,
                "kind_label": ImportKind(job.kind).label,
                "plan": plan,
                "job": job,
            },
        )
    counts = plan.counts
    messages.success(
        request,
        _("Đã nhập danh sách: %(c)s thêm mới, %(u)s cập nhật, %(n)s không thay đổi.")
        % {"c": counts["create"], "u": counts["update"], "n": counts["unchanged"]},
    )
    return redirect("org:unit_detail", job.unit.code)
