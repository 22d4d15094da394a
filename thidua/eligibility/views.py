"""Eligibility pages: a person's verdicts, a unit's candidates for a title, the law in force.

Views parse, authorise, call one selector or service, and render. The person's panel is
the same partial on the emulation record page (through achievements.record_hooks), on its
own page, and for htmx requests.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from thidua.accounts.policy import may, require
from thidua.org.models import SchoolYear, Unit
from thidua.people.models import Person
from thidua.people.viewkit import safe_next

from . import catalog
from .engine import default_on
from .models import EligibilityCheck
from .policies import can_view_person
from .selectors import (
    PERSON_TITLES,
    check_row,
    checks_of_unit,
    parameters_in_force,
    person_eligibility,
    review_year,
    school_year_choices,
    unit_title_candidates,
    units_for,
)
from .services import eligibility_checks_run_for_person, eligibility_checks_run_for_unit

UNIT_TITLES: tuple[str, ...] = (
    catalog.INDIVIDUAL_TITLES + catalog.COLLECTIVE_TITLES + catalog.AWARD_FORMS
)


def _year_param(request: HttpRequest, name: str = "year") -> str:
    value = (request.GET.get(name) or request.POST.get(name) or "").strip()
    if value and catalog.parse_school_year(value) is not None:
        return value
    return review_year()


def _staff(pk: int) -> Person:
    return get_object_or_404(Person.objects.select_related("staff_profile"), pk=pk)


# ---------------------------------------------------------------------------- a person


def person_panel(user: Any, person: Any, record: Any) -> dict[str, Any]:
    """Record-page provider (achievements.record_hooks): the panel for the year under
    review, built from the record the page already loaded."""
    if not can_view_person(user, person):
        return {}
    return {
        "eligibility_panel": person_eligibility(person, review_year(), user=user, record=record)
    }


@require_GET
@login_required
def person_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's eligibility for every title and award form in a chosen school year."""
    person = _staff(pk)
    if not can_view_person(request.user, person):
        raise PermissionDenied
    panel = person_eligibility(person, _year_param(request), user=request.user)
    context = {"person": person, "panel": panel, "here": request.get_full_path()}
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "eligibility/_person_panel.html", context)
    return render(request, "eligibility/person.html", context)


@require_POST
@login_required
def person_check_run(request: HttpRequest, pk: int) -> HttpResponse:
    """Store the verdict on one title (or on every title and award form) for the person."""
    person = _staff(pk)
    require(request.user, "eligibility.person.run", person)
    year = get_object_or_404(SchoolYear, code=_year_param(request))
    title = request.POST.get("title", "")
    titles = PERSON_TITLES if title == "all" else (title,)
    if title != "all" and title not in PERSON_TITLES:
        raise Http404
    eligibility_checks_run_for_person(
        actor=request.user, person=person, titles=titles, school_year=year
    )
    messages.success(
        request,
        _("Đã lưu %(n)d kết quả xét năm học %(year)s.") % {"n": len(titles), "year": year.code},
    )
    target = safe_next(
        request, f"{reverse('eligibility:person', args=[person.pk])}?year={year.code}"
    )
    if request.htmx:  # type: ignore[attr-defined]
        return HttpResponseClientRedirect(target)
    return redirect(target)


@require_GET
@login_required
def check_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One stored check: the verdict as computed then, its facts and the law version."""
    check = get_object_or_404(
        EligibilityCheck.objects.select_related("person", "collective", "unit", "school_year"),
        pk=pk,
    )
    if check.person is not None:
        if not can_view_person(request.user, check.person):
            raise PermissionDenied
    elif not may(request.user, "eligibility.unit.view", check.unit or check.collective):
        raise PermissionDenied
    facts = json.dumps(check.facts, ensure_ascii=False, indent=2, sort_keys=False)
    return render(
        request,
        "eligibility/check_detail.html",
        {"check": check, "row": check_row(check), "facts_json": facts},
    )


# ---------------------------------------------------------------------------- a unit


@require_GET
@login_required
def unit_view(request: HttpRequest) -> HttpResponse:
    """A unit's candidates for a title: verdicts, reasons and the cap (choose unit, title,
    school year)."""
    units = list(units_for(request.user))
    code = request.GET.get("unit", "").strip()
    unit: Unit | None
    if code:
        unit = get_object_or_404(Unit, code=code)
        require(request.user, "eligibility.unit.view", unit)
    else:
        unit = units[0] if units else None
        if unit is None:
            raise PermissionDenied
    if unit not in units:
        units = [unit, *units]
    title = request.GET.get("title") or catalog.INDIVIDUAL_TITLES[0]
    if title not in UNIT_TITLES:
        raise Http404
    year = _year_param(request)
    result = unit_title_candidates(unit, title, year, user=request.user)
    stored = checks_of_unit(unit, title, year)
    last = stored.first()
    context = {
        "units": units,
        "unit": unit,
        "titles": [(t, catalog.TITLE_LABELS[t]) for t in UNIT_TITLES],
        "title": title,
        "years": school_year_choices(year),
        "year": year,
        "result": result,
        "last_check": last,
        "can_run": may(request.user, "eligibility.unit.run", unit)
        and SchoolYear.objects.filter(code=year).exists(),
        "here": request.get_full_path(),
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "eligibility/unit_candidates.html#candidates", context)
    return render(request, "eligibility/unit_candidates.html", context)


@require_POST
@login_required
def unit_checks_run(request: HttpRequest) -> HttpResponse:
    """Store the verdicts of every candidate of the unit for the title (with the cap)."""
    unit = get_object_or_404(Unit, code=request.POST.get("unit", ""))
    require(request.user, "eligibility.unit.run", unit)
    title = request.POST.get("title", "")
    if title not in UNIT_TITLES:
        raise Http404
    year = get_object_or_404(SchoolYear, code=_year_param(request))
    try:
        created = eligibility_checks_run_for_unit(
            actor=request.user, unit=unit, title=title, school_year=year
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Đã lưu kết quả xét của %(n)d ứng viên.") % {"n": len(created)},
        )
    target = f"{reverse('eligibility:unit')}?unit={unit.code}&title={title}&year={year.code}"
    return redirect(target)


# ---------------------------------------------------------------------------- the law


@require_GET
@login_required
def parameters_view(request: HttpRequest) -> HttpResponse:
    """The law as data: every parameter and rule basis in force on a date, with citations."""
    require(request.user, "eligibility.parameters.view")
    raw = request.GET.get("on", "").strip()
    try:
        on = dt.date.fromisoformat(raw) if raw else timezone.localdate()
    except ValueError:
        messages.error(request, _("Ngày không hợp lệ; hiển thị quy định đang áp dụng hôm nay."))
        on = timezone.localdate()
    from .params import parameter_set_hash
    from .registry import RULES_VERSION

    return render(
        request,
        "eligibility/parameters.html",
        {
            "on": on,
            "groups": parameters_in_force(on),
            "parameters_hash": parameter_set_hash(),
            "rules_version": RULES_VERSION,
            "review_on": default_on(review_year()),
        },
    )
