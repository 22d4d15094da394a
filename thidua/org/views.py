"""Browse and maintain the unit tree within one's permissions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.accounts.forms import RoleGrantForm
from thidua.accounts.models import RoleAssignment
from thidua.accounts.policy import allowed_paths, may, perms_for, require
from thidua.core.forms import add_service_errors
from thidua.people.selectors import staff_of_unit, students_of_class

from .forms import SchoolYearForm, UnitForm
from .models import SchoolYear, Unit, UnitType
from .selectors import (
    ancestors,
    classes_of,
    current_school_year,
    departments_of,
    school_counts,
    schools_under,
)
from .services import school_year_create, unit_create, unit_update

UNIT_ACTIONS = [
    "org.unit.edit",
    "org.unit.create_child",
    "accounts.role.manage",
    "people.staff.list",
    "people.staff.create",
    "people.staff.import",
    "people.student.list",
    "people.student.create",
    "people.student.import",
]


def _crumbs(user: Any, unit: Unit) -> list[dict[str, Any]]:
    """The unit's ancestors, linked where the user may open them."""
    return [
        {"label": u.name, "url": f"/org/units/{u.code}/" if may(user, "org.unit.view", u) else ""}
        for u in ancestors(unit)
    ] + [{"label": unit.name, "url": ""}]


@require_GET
@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    """The top units the user can see, each with its direct children."""
    require(request.user, "org.unit.view")
    tops = []
    for path in allowed_paths(request.user, "org.unit.view"):
        unit = Unit.objects.filter(path=path).first()
        if unit:
            tops.append(
                (
                    unit,
                    unit.children.filter(
                        type__in=[
                            UnitType.DEPARTMENT_OF_EDUCATION,
                            UnitType.DISTRICT_OFFICE,
                            UnitType.WARD,
                            UnitType.SCHOOL,
                            UnitType.SUBJECT_DEPARTMENT,
                            UnitType.OFFICE_TEAM,
                        ]
                    ).order_by("type", "name"),
                )
            )
    return render(request, "org/unit_list.html", {"tops": tops})


@require_GET
@login_required
def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.select_related("parent", "school_year"), code=code)
    require(request.user, "org.unit.view", unit)
    perms = perms_for(request.user, unit, UNIT_ACTIONS)
    context: dict[str, Any] = {"unit": unit, "can": perms, "crumbs": _crumbs(request.user, unit)}
    year = current_school_year()
    if unit.type == UnitType.SCHOOL:
        year_code = request.GET.get("year")
        if year_code:
            year = SchoolYear.objects.filter(code=year_code).first() or year
        classes = list(classes_of(unit, year))
        grades: dict[int, list[Unit]] = {}
        for class_unit in classes:
            grades.setdefault(class_unit.grade, []).append(class_unit)
        context.update(
            {
                "year": year,
                "years": SchoolYear.objects.all(),
                "grades": sorted(grades.items()),
                "departments": departments_of(unit),
                "counts": school_counts([unit], year)[0],
            }
        )
        template = "org/unit_school.html"
    elif unit.type == UnitType.CLASS:
        context["students"] = students_of_class(unit) if perms["people_student_list"] else None
        context["student_count"] = unit.enrollments.count()
        context["homeroom"] = RoleAssignment.objects.filter(
            unit=unit, role="homeroom_teacher"
        ).select_related("user__person")
        template = "org/unit_class.html"
    elif unit.type in (UnitType.SUBJECT_DEPARTMENT, UnitType.OFFICE_TEAM):
        context["members"] = staff_of_unit(unit)
        template = "org/unit_department.html"
    else:
        schools = list(schools_under(unit))
        context["school_rows"] = school_counts(schools, year)
        context["children"] = unit.children.exclude(type=UnitType.SCHOOL).order_by("type", "name")
        context["year"] = year
        template = "org/unit_office.html"
    if perms["accounts_role_manage"]:
        context["assignments"] = (
            RoleAssignment.objects.filter(unit=unit)
            .select_related("user", "user__person")
            .order_by("role", "user__username")
        )
        context["grant_form"] = RoleGrantForm()
    return render(request, template, context)


def _unit_form_data(form: UnitForm) -> dict[str, Any]:
    data = {k: v for k, v in form.cleaned_data.items() if k != "type"}
    data["school_level"] = data.get("school_level") or ""
    return data


@require_http_methods(["GET", "POST"])
@login_required
def unit_create_view(request: HttpRequest, code: str) -> HttpResponse:
    parent = get_object_or_404(Unit, code=code)
    require(request.user, "org.unit.create_child", parent)
    form = UnitForm(
        request.POST or None, parent=parent, initial={"school_year": current_school_year()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            unit = unit_create(
                actor=request.user,
                parent=parent,
                type=form.cleaned_data["type"],
                **_unit_form_data(form),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã tạo %(name)s.") % {"name": unit.name})
            return redirect("org:unit_detail", unit.code)
    return render(
        request,
        "org/unit_form.html",
        {
            "form": form,
            "parent": parent,
            "crumbs": _crumbs(request.user, parent) + [{"label": _("Thêm đơn vị")}],
            "title": _("Thêm đơn vị trực thuộc %(name)s") % {"name": parent.name},
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def unit_edit_view(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_object_or_404(Unit, code=code)
    require(request.user, "org.unit.edit", unit)
    initial = {
        f: getattr(unit, f)
        for f in (
            "type",
            "code",
            "name",
            "short_name",
            "school_level",
            "grade",
            "address",
            "place_name",
            "active_from",
            "active_to",
        )
    }
    initial["school_year"] = unit.school_year_id
    form = UnitForm(request.POST or None, editing=unit, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            unit = unit_update(actor=request.user, unit=unit, **_unit_form_data(form))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu thông tin %(name)s.") % {"name": unit.name})
            return redirect("org:unit_detail", unit.code)
    return render(
        request,
        "org/unit_form.html",
        {
            "form": form,
            "unit": unit,
            "crumbs": _crumbs(request.user, unit) + [{"label": _("Sửa")}],
            "title": _("Sửa thông tin %(name)s") % {"name": unit.name},
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def school_year_list(request: HttpRequest) -> HttpResponse:
    can_manage = may(request.user, "org.school_year.manage")
    require(request.user, "org.unit.view")
    form = SchoolYearForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        require(request.user, "org.school_year.manage")
        if form is not None and form.is_valid():
            try:
                year = school_year_create(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Đã tạo năm học %(code)s.") % {"code": year.code})
                return redirect("org:school_year_list")
    return render(
        request,
        "org/school_year_list.html",
        {"years": SchoolYear.objects.all(), "form": form, "current": current_school_year()},
    )
