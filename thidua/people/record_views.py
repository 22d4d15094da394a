"""Entry of the yearly records: ratings, discipline, pending matters, leave, training and
previous-unit comments. Each page returns to the record page it was opened from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.accounts.policy import require
from thidua.core.forms import add_service_errors
from thidua.org.models import COLLECTIVE_TYPES, Unit

from . import record_services as services
from .models import Person
from .record_forms import (
    DisciplineForm,
    LeaveForm,
    PendingCloseForm,
    PendingMatterForm,
    RatingForm,
    TrainingForm,
    TransferCommentForm,
)
from .record_selectors import people_record
from .records import AnnualRating, DisciplineRecord, LeaveRecord, PendingMatter, TrainingRecord
from .viewkit import form_page, safe_next


def _person(request: HttpRequest, pk: int) -> Person:
    person = get_object_or_404(
        Person.objects.select_related("staff_profile"), pk=pk, staff_profile__isnull=False
    )
    require(request.user, "people.record.edit", person)
    return person


def _collective(request: HttpRequest, code: str) -> Unit:
    unit = get_object_or_404(Unit, code=code, type__in=COLLECTIVE_TYPES)
    require(request.user, "people.collective_record.edit", unit)
    return unit


def _back(request: HttpRequest, person: Person | None = None, unit: Unit | None = None) -> str:
    if person is not None:
        return safe_next(request, reverse("people:staff_detail", args=[person.pk]))
    if unit is not None:
        return safe_next(request, reverse("org:unit_detail", args=[unit.code]))
    return safe_next(request, reverse("web:home"))


def _entry_page(
    request: HttpRequest,
    *,
    form: forms.Form,
    save: Callable[[dict[str, Any]], Any],
    title: Any,
    subject: Any,
    back: str,
    done: Any,
    intro: Any = "",
) -> HttpResponse:
    """Parse → service → redirect back; on refusal the form keeps what was typed."""
    if request.method == "POST" and form.is_valid():
        try:
            save(dict(form.cleaned_data))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect(back)
    return form_page(
        request, form=form, title=title, subtitle=str(subject), cancel_url=back, intro=intro
    )


def _row_subject_check(request: HttpRequest, row: Any) -> None:
    if getattr(row, "person_id", None):
        require(request.user, "people.record.edit", row.person)
    elif getattr(row, "collective_id", None):
        require(request.user, "people.collective_record.edit", row.collective)
    else:
        raise PermissionDenied


# ---------------------------------------------------------------- ratings


@require_http_methods(["GET", "POST"])
@login_required
def rating_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    form = RatingForm(request.POST or None)
    return _entry_page(
        request,
        form=form,
        save=lambda data: services.annual_rating_set(actor=request.user, person=person, **data),
        title=_("Xếp loại hằng năm"),
        subject=person,
        back=_back(request, person),
        done=_("Đã ghi xếp loại."),
        intro=_("Nếu năm học đã có xếp loại, xếp loại mới sẽ thay thế và được ghi vào nhật ký."),
    )


@require_http_methods(["GET", "POST"])
@login_required
def collective_rating_add(request: HttpRequest, code: str) -> HttpResponse:
    unit = _collective(request, code)
    form = RatingForm(request.POST or None)
    return _entry_page(
        request,
        form=form,
        save=lambda data: services.annual_rating_set(actor=request.user, collective=unit, **data),
        title=_("Xếp loại tập thể"),
        subject=unit,
        back=_back(request, unit=unit),
        done=_("Đã ghi xếp loại."),
    )


@require_POST
@login_required
def rating_delete(request: HttpRequest, pk: int) -> HttpResponse:
    rating = get_object_or_404(
        AnnualRating.objects.select_related("person", "collective", "unit"), pk=pk
    )
    _row_subject_check(request, rating)
    services.annual_rating_delete(actor=request.user, rating=rating)
    messages.success(request, _("Đã xóa xếp loại năm học %(y)s.") % {"y": rating.school_year_id})
    return redirect(_back(request, rating.person, rating.collective))


# ---------------------------------------------------------------- discipline


@require_http_methods(["GET", "POST"])
@login_required
def discipline_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    return _entry_page(
        request,
        form=DisciplineForm(request.POST or None),
        save=lambda data: services.discipline_record_create(
            actor=request.user, person=person, **data
        ),
        title=_("Ghi quyết định kỷ luật"),
        subject=person,
        back=_back(request, person),
        done=_("Đã ghi quyết định kỷ luật."),
    )


@require_POST
@login_required
def discipline_delete(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(DisciplineRecord.objects.select_related("person", "unit"), pk=pk)
    _row_subject_check(request, record)
    services.discipline_record_delete(actor=request.user, record=record)
    messages.success(request, _("Đã xóa quyết định kỷ luật."))
    return redirect(_back(request, record.person))


# ---------------------------------------------------------------- pending matters


@require_http_methods(["GET", "POST"])
@login_required
def pending_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    return _entry_page(
        request,
        form=PendingMatterForm(request.POST or None),
        save=lambda data: services.pending_matter_open(actor=request.user, person=person, **data),
        title=_("Ghi vụ việc đang xem xét"),
        subject=person,
        back=_back(request, person),
        done=_("Đã ghi vụ việc. Khen thưởng được hoãn cho đến khi vụ việc kết thúc."),
    )


@require_http_methods(["GET", "POST"])
@login_required
def collective_pending_add(request: HttpRequest, code: str) -> HttpResponse:
    unit = _collective(request, code)
    return _entry_page(
        request,
        form=PendingMatterForm(request.POST or None),
        save=lambda data: services.pending_matter_open(actor=request.user, collective=unit, **data),
        title=_("Ghi vụ việc đang xem xét"),
        subject=unit,
        back=_back(request, unit=unit),
        done=_("Đã ghi vụ việc."),
    )


@require_http_methods(["GET", "POST"])
@login_required
def pending_close(request: HttpRequest, pk: int) -> HttpResponse:
    matter = get_object_or_404(
        PendingMatter.objects.select_related("person", "collective", "unit"), pk=pk
    )
    _row_subject_check(request, matter)
    form = PendingCloseForm(request.POST or None, initial={"closed_on": timezone.localdate()})
    return _entry_page(
        request,
        form=form,
        save=lambda data: services.pending_matter_close(actor=request.user, matter=matter, **data),
        title=_("Kết thúc vụ việc"),
        subject=matter,
        back=_back(request, matter.person, matter.collective),
        done=_("Đã ghi nhận vụ việc kết thúc."),
    )


@require_POST
@login_required
def pending_delete(request: HttpRequest, pk: int) -> HttpResponse:
    matter = get_object_or_404(
        PendingMatter.objects.select_related("person", "collective", "unit"), pk=pk
    )
    _row_subject_check(request, matter)
    services.pending_matter_delete(actor=request.user, matter=matter)
    messages.success(request, _("Đã xóa vụ việc."))
    return redirect(_back(request, matter.person, matter.collective))


# ---------------------------------------------------------------- leave and training


@require_http_methods(["GET", "POST"])
@login_required
def leave_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    return _entry_page(
        request,
        form=LeaveForm(request.POST or None),
        save=lambda data: services.leave_record_create(actor=request.user, person=person, **data),
        title=_("Ghi thời gian nghỉ"),
        subject=person,
        back=_back(request, person),
        done=_("Đã ghi thời gian nghỉ."),
    )


@require_POST
@login_required
def leave_delete(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(LeaveRecord.objects.select_related("person"), pk=pk)
    _row_subject_check(request, record)
    services.leave_record_delete(actor=request.user, record=record)
    messages.success(request, _("Đã xóa thời gian nghỉ."))
    return redirect(_back(request, record.person))


@require_http_methods(["GET", "POST"])
@login_required
def training_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    return _entry_page(
        request,
        form=TrainingForm(request.POST or None),
        save=lambda data: services.training_record_create(
            actor=request.user, person=person, **data
        ),
        title=_("Ghi đào tạo, bồi dưỡng"),
        subject=person,
        back=_back(request, person),
        done=_("Đã ghi khóa đào tạo, bồi dưỡng."),
    )


@require_POST
@login_required
def training_delete(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(TrainingRecord.objects.select_related("person"), pk=pk)
    _row_subject_check(request, record)
    services.training_record_delete(actor=request.user, record=record)
    messages.success(request, _("Đã xóa khóa đào tạo, bồi dưỡng."))
    return redirect(_back(request, record.person))


# ---------------------------------------------------------------- transfers


@require_http_methods(["GET", "POST"])
@login_required
def transfer_comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the previous unit's comment for one of the person's transfers."""
    person = _person(request, pk)
    on = parse_date(request.GET.get("on", "") or request.POST.get("on", "") or "")
    code = request.GET.get("from") or request.POST.get("from") or ""
    transfer = next(
        (
            t
            for t in people_record(person).transfers
            if t.from_unit.code == code and isinstance(on, dt.date) and t.on == on
        ),
        None,
    )
    if transfer is None:
        raise Http404(_("Không có lần chuyển công tác này."))
    form = TransferCommentForm(request.POST or None, initial={"commented_on": timezone.localdate()})
    return _entry_page(
        request,
        form=form,
        save=lambda data: services.transfer_comment_create(
            actor=request.user,
            person=person,
            from_unit=transfer.from_unit,
            to_unit=transfer.to_unit,
            transferred_on=transfer.on,
            **data,
        ),
        title=_("Nhận xét của %(unit)s") % {"unit": transfer.from_unit.name},
        subject=person,
        back=_back(request, person),
        done=_("Đã ghi nhận xét của đơn vị cũ."),
    )
