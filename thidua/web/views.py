"""The site shell: the home page of each role, the audit trail and the error pages."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from thidua.accounts.models import Role
from thidua.accounts.policy import LEADERSHIP, allowed_paths, may, require
from thidua.core.audit import ACTIONS
from thidua.core.models import AuditEntry
from thidua.org.models import Unit, UnitType
from thidua.org.selectors import (
    classes_of,
    current_school_year,
    departments_of,
    school_counts,
    school_of,
    schools_under,
)
from thidua.people.selectors import staff_of_unit, students_of_class

OFFICER_ROLES = {Role.SYSTEM_ADMIN, Role.DOE_OFFICER, Role.DISTRICT_OFFICER}


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role lands on a page with its own real data."""
    grant = request.active_grant  # type: ignore[attr-defined]
    if grant is None:
        return render(request, "web/home_no_role.html")
    unit = Unit.objects.get(pk=grant.unit_id)
    year = current_school_year()
    context: dict[str, Any] = {"unit": unit, "year": year, "grant": grant}
    if grant.role in OFFICER_ROLES:
        schools = list(schools_under(unit))
        context["school_rows"] = school_counts(schools, year)
        context["offices"] = unit.children.exclude(type=UnitType.SCHOOL).order_by("name")
        context["totals"] = {
            "schools": len(schools),
            "staff": sum(r.staff for r in context["school_rows"]),
            "students": sum(r.students for r in context["school_rows"]),
        }
        return render(request, "web/home_officer.html", context)
    if grant.role == Role.STUDENT:
        context["school"] = unit.parent
        context["homeroom_teachers"] = [
            a.user
            for a in unit.role_assignments.filter(role=Role.HOMEROOM_TEACHER).select_related(
                "user__person"
            )
        ]
        return render(request, "web/home_student.html", context)
    if grant.role == Role.HOMEROOM_TEACHER:
        context["school"] = unit.parent
        context["students"] = students_of_class(unit)
        return render(request, "web/home_class.html", context)
    if grant.role == Role.DEPARTMENT_HEAD:
        context["school"] = unit.parent
        context["members"] = staff_of_unit(unit)
        return render(request, "web/home_department.html", context)
    school = school_of(unit) or unit
    counts = school_counts([school], year)[0]
    classes = list(classes_of(school, year))
    grades: dict[int, list[Unit]] = {}
    for class_unit in classes:
        grades.setdefault(class_unit.grade, []).append(class_unit)
    context.update(
        {
            "school": school,
            "counts": counts,
            "departments": departments_of(school),
            "grades": sorted(grades.items()),
            "is_leadership": grant.role in LEADERSHIP,
            "can_see_students": may(request.user, "people.student.list", school),
            "can_import_staff": may(request.user, "people.staff.import", school),
        }
    )
    return render(request, "web/home_school.html", context)


@require_GET
@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """Who changed what and when, within the units the reader administers."""
    require(request.user, "core.audit.view")
    paths = allowed_paths(request.user, "core.audit.view")
    scope = Q()
    for path in paths:
        scope |= Q(unit_path__startswith=path)
    is_admin = may(request.user, "admin.site")
    if is_admin:
        scope |= Q(unit_path="")
    entries = AuditEntry.objects.filter(scope)
    action = request.GET.get("action", "")
    if action in ACTIONS:
        entries = entries.filter(action=action)
    q = request.GET.get("q", "").strip()
    if q:
        entries = entries.filter(Q(target_repr__icontains=q) | Q(actor_name__icontains=q))
    page = Paginator(entries.order_by("-at", "-id"), 50).get_page(request.GET.get("page"))
    rows = [
        {
            "entry": e,
            "label": ACTIONS.get(e.action, e.action),
            "changes": [
                (k, v[0] if isinstance(v, list) else "", v[1] if isinstance(v, list) else v)
                for k, v in (e.changes or {}).items()
            ],
        }
        for e in page.object_list
    ]
    querystring = "&".join(f"{k}={v}" for k, v in (("action", action), ("q", q)) if v)
    return render(
        request,
        "web/audit_log.html",
        {
            "page_obj": page,
            "rows": rows,
            "actions": sorted(ACTIONS.items(), key=lambda i: str(i[1])),
            "action": action,
            "q": q,
            "querystring_base": f"{querystring}&" if querystring else "",
        },
    )


def _error(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    template = loader.get_template("web/error.html")
    return HttpResponse(
        template.render({"status": status, "title": title, "message": message}, request),
        status=status,
    )


def error_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        400,
        _("Yêu cầu không hợp lệ"),
        _("Dữ liệu gửi lên không hợp lệ. Vui lòng kiểm tra và thử lại."),
    )


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        403,
        _("Không có quyền truy cập"),
        _("Tài khoản của bạn không có quyền xem hoặc thực hiện thao tác này."),
    )


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        404,
        _("Không tìm thấy trang"),
        _("Trang bạn tìm không có hoặc bạn không có quyền xem."),
    )


def error_500(request: HttpRequest) -> HttpResponse:
    template = loader.get_template("web/error_500.html")
    return HttpResponse(template.render({}), status=500)
