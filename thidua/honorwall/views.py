"""The public honor wall of a school, and the staff page that feeds it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.accounts.policy import may, require
from thidua.core.forms import add_service_errors
from thidua.core.vietnamese import initials
from thidua.honors.ceremonies import honorees_of
from thidua.honors.models import CommendationLetter, HonorProgram
from thidua.org.models import Unit, UnitType
from thidua.org.selectors import current_school_year
from thidua.people.models import Person

from .forms import ConsentForm, EntryForm, UnpublishForm
from .models import ParentConsent, WallEntry, WallStatus
from .services import (
    active_consent,
    consent_record,
    consent_withdraw,
    entry_publish,
    entry_save,
    entry_unpublish,
)


def _program(school: Unit) -> HonorProgram | None:
    return HonorProgram.objects.filter(school=school, school_year=current_school_year()).first()


def _honorees(program: HonorProgram | None) -> list[tuple[Person, str, str, str]]:
    """(person, level, class, period name) of the year's honorees, without duplicates."""
    rows, seen = [], set()
    if program is None:
        return rows
    for period in program.periods.order_by("-start_on"):
        for person, level, class_name in honorees_of(period):
            if (person.pk, level) not in seen:
                seen.add((person.pk, level))
                rows.append((person, level, class_name, period.name))
    return rows


@require_GET
def school_wall(request: HttpRequest, code: str) -> HttpResponse:
    """Public: cards only for students whose parents consented; initials for everyone else."""
    school = get_object_or_404(Unit, code=code, type=UnitType.SCHOOL)
    entries = [
        e
        for e in WallEntry.objects.filter(
            school=school, status=WallStatus.PUBLISHED
        ).select_related("person")
        if active_consent(e.person)
    ]
    consents = {e.person_id: active_consent(e.person) for e in entries}
    cards = [{"entry": e, "consent": consents[e.person_id]} for e in entries]
    by_class: dict[str, list[str]] = {}
    for person, _level, class_name, _period in _honorees(_program(school)):
        shown = person.full_name if active_consent(person) else initials(person.full_name)
        if shown not in by_class.setdefault(class_name, []):
            by_class[class_name].append(shown)
    return render(
        request,
        "honorwall/school_wall.html",
        {
            "school": school,
            "cards": cards,
            "by_class": sorted(by_class.items()),
            "can_manage": may(request.user, "honorwall.manage", school),
        },
    )


@require_GET
def entry_photo(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(WallEntry.objects.select_related("school", "person"), pk=pk)
    if not entry.photo:
        raise Http404
    staff = may(request.user, "honorwall.manage", entry.school)
    consent = active_consent(entry.person)
    public = entry.status == WallStatus.PUBLISHED and consent is not None and consent.allows_photo
    if not (staff or public):
        raise Http404
    try:
        handle = entry.photo.open("rb")
    except (FileNotFoundError, OSError) as exc:  # the file left the storage: not a server error
        raise Http404 from exc
    response = FileResponse(handle)
    response["Cache-Control"] = "private, no-store" if not public else "public, max-age=300"
    return response


@login_required
@require_GET
def manage(request: HttpRequest, code: str) -> HttpResponse:
    school = get_object_or_404(Unit, code=code, type=UnitType.SCHOOL)
    require(request.user, "honorwall.manage", school)
    program = _program(school)
    entries = {e.person_id: e for e in WallEntry.objects.filter(school=school)}
    rows = []
    for person, level, class_name, period_name in _honorees(program):
        rows.append(
            {
                "person": person,
                "level": level,
                "class_name": class_name,
                "period": period_name,
                "entry": entries.get(person.pk),
                "consent": active_consent(person),
            }
        )
    return render(
        request,
        "honorwall/manage.html",
        {"school": school, "rows": rows, "unpublish_form": UnpublishForm()},
    )


def _prefill(school: Unit, person: Person) -> dict[str, Any]:
    letter = (
        CommendationLetter.objects.filter(school=school, person=person)
        .order_by("-issued_on")
        .first()
    )
    return {
        "title": (_("Học sinh tiêu biểu") + f" {letter.period.name.lower()}")
        if letter
        else _("Học sinh tiêu biểu"),
        "achievement": letter.citation if letter else "",
    }


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request: HttpRequest, code: str, person_pk: int) -> HttpResponse:
    school = get_object_or_404(Unit, code=code, type=UnitType.SCHOOL)
    require(request.user, "honorwall.manage", school)
    honorees = {p.pk: (p, cls) for p, _l, cls, _n in _honorees(_program(school))}
    if person_pk not in honorees:
        raise Http404
    person, class_name = honorees[person_pk]
    entry = WallEntry.objects.filter(school=school, person=person).first() or WallEntry(
        school=school, person=person, class_name=class_name
    )
    initial = (
        {
            "title": entry.title,
            "achievement": entry.achievement,
            "own_words": entry.own_words,
            "clip_url": entry.clip_url,
        }
        if entry.pk
        else _prefill(school, person)
    )
    form = EntryForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        photo = data.pop("photo")
        try:
            entry_save(actor=request.user, entry=entry, photo=photo, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu bài của %(p)s.") % {"p": person})
            return redirect("wall:manage", code)
    return render(
        request,
        "honorwall/entry_form.html",
        {
            "school": school,
            "person": person,
            "form": form,
            "entry": entry,
            "consent": active_consent(person),
        },
    )


@login_required
@require_POST
def entry_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    entry = get_object_or_404(WallEntry.objects.select_related("school"), pk=pk)
    require(request.user, "honorwall.manage", entry.school)
    try:
        if action == "publish":
            entry_publish(actor=request.user, entry=entry)
            messages.success(request, _("Đã đăng lên bảng vinh danh."))
        elif action == "unpublish":
            entry_unpublish(actor=request.user, entry=entry, reason=request.POST.get("reason", ""))
            messages.success(request, _("Đã gỡ khỏi bảng vinh danh."))
        else:
            raise Http404
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("wall:manage", entry.school.code)


@login_required
@require_http_methods(["GET", "POST"])
def consent_page(request: HttpRequest, person_pk: int) -> HttpResponse:
    person = get_object_or_404(Person, pk=person_pk, student_profile__isnull=False)
    require(request.user, "honorwall.consent.record", person)
    form = ConsentForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("withdraw"):
            consent = get_object_or_404(ParentConsent, pk=request.POST["withdraw"], person=person)
            consent_withdraw(actor=request.user, consent=consent)
            messages.success(
                request,
                _(
                    "Đã ghi nhận phụ huynh rút lại đồng ý; thông tin của em "
                    "đã được gỡ khỏi trang công khai."
                ),
            )
            return redirect("wall:consent", person_pk)
        if form.is_valid():
            try:
                consent_record(actor=request.user, person=person, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Đã ghi nhận đồng ý của phụ huynh."))
                return redirect("wall:consent", person_pk)
    return render(
        request,
        "honorwall/consent.html",
        {
            "person": person,
            "form": form,
            "consents": person.wall_consents.all(),
            "active": active_consent(person),
        },
    )
