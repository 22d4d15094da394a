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
from thidua.honors.models import CommendationLetter
from thidua.honors.selectors import honorees_of_year, program_for
from thidua.org.models import Unit, UnitType
from thidua.org.selectors import current_school_year
from thidua.people.models import Person

from .forms import ConsentForm, EntryForm, UnpublishForm
from .models import ParentConsent, WallEntry, WallStatus
from .services import (
    active_consent,
    active_consents,
    consent_record,
    consent_withdraw,
    entry_publish,
    entry_save,
    entry_unpublish,
)


def _honorees(school: Unit) -> list[tuple[Person, str, str, str]]:
    """(person, level, class, period name) of the current year's honorees of a school."""
    program = program_for(school, current_school_year())
    return honorees_of_year(program) if program else []


@require_GET
def school_wall(request: HttpRequest, code: str) -> HttpResponse:
    """Public: cards only for students whose parents consented; initials for everyone else."""
    school = get_object_or_404(Unit, code=code, type=UnitType.SCHOOL)
    published = list(
        WallEntry.objects.filter(school=school, status=WallStatus.PUBLISHED).select_related(
            "person"
        )
    )
    honorees = _honorees(school)
    consents = active_consents([e.person for e in published] + [h[0] for h in honorees])
    cards = [
        {"entry": e, "consent": consents[e.person_id]} for e in published if e.person_id in consents
    ]
    by_class: dict[str, list[str]] = {}
    for person, _level, class_name, _period in honorees:
        shown = person.full_name if person.pk in consents else initials(person.full_name)
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
    entries = {e.person_id: e for e in WallEntry.objects.filter(school=school)}
    honorees = _honorees(school)
    consents = active_consents(person for person, *_rest in honorees)
    rows = []
    for person, level, class_name, period_name in honorees:
        rows.append(
            {
                "person": person,
                "level": level,
                "class_name": class_name,
                "period": period_name,
                "entry": entries.get(person.pk),
                "consent": consents.get(person.pk),
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
    honorees = {p.pk: (p, cls) for p, _l, cls, _n in _honorees(school)}
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
        if withdraw := request.POST.get("withdraw", ""):
            if not withdraw.isdigit():
                raise Http404
            consent = get_object_or_404(ParentConsent, pk=int(withdraw), person=person)
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
