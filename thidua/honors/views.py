"""Student honoring pages: program and criteria, periods, class and school rounds,
ceremonies and letters, the district exemplar and the office's pilot board."""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.accounts.models import Role
from thidua.accounts.policy import grants_of, may, perms_for, require, scope_q
from thidua.ballots.selectors import current_round_of, turnout_of
from thidua.core.forms import add_service_errors
from thidua.documents.pdf import render_pdf
from thidua.org.models import SchoolYear, Unit, UnitType
from thidua.org.selectors import current_school_year, school_of
from thidua.people.models import Person
from thidua.people.selectors import students_of_class

from . import ceremonies as ceremony_services
from . import outreach
from . import services as honor_services
from .forms import (
    CeremonyForm,
    CriterionForm,
    DeclineForm,
    ExemplarForm,
    NominationForm,
    PeriodForm,
    PilotForm,
    PrizeForm,
    ProgramForm,
    StartVoteForm,
)
from .models import (
    Ceremony,
    CeremonyHonoree,
    ClassRound,
    ClassRoundStatus,
    CommendationLetter,
    DistrictExemplar,
    HonorCriterion,
    HonorPeriod,
    HonorProgram,
    Nomination,
    Pilot,
    SchoolRound,
    SchoolRoundStatus,
)
from .selectors import (
    class_rows,
    criteria_by_grade,
    criteria_for_class,
    program_for,
    rosters_of,
    round_result,
    school_rounds_of,
)

STAFF_AT_SCHOOL = {
    Role.PRINCIPAL,
    Role.VICE_PRINCIPAL,
    Role.YOUNG_PIONEERS_LEADER,
    Role.STAFF,
    Role.COUNCIL_MEMBER,
    Role.UNION_CHAIR,
    Role.SYSTEM_ADMIN,
}


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# ---------------------------------------------------------------- home


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The honoring page of the user's school, class or (for students) own class."""
    year = current_school_year()
    grant = request.active_grant  # type: ignore[attr-defined]
    grants = [grant] + [g for g in grants_of(request.user) if g != grant] if grant else []
    for g in grants:
        unit = Unit.objects.get(pk=g.unit_id)
        if g.role == Role.STUDENT:
            return _student_home(request, unit, year)
        if g.role == Role.HOMEROOM_TEACHER:
            program = program_for(unit.parent, year)
            return render(
                request,
                "honors/home_class.html",
                {
                    "class_unit": unit,
                    "program": program,
                    "periods": program.periods.order_by("start_on") if program else [],
                    "rounds": {r.period_id: r for r in ClassRound.objects.filter(class_unit=unit)},
                },
            )
        if g.role in STAFF_AT_SCHOOL:
            school = school_of(unit)
            if school is not None:
                program = program_for(school, year)
                if program is None:
                    return render(
                        request,
                        "honors/program_missing.html",
                        {
                            "school": school,
                            "year": year,
                            "can_create": may(
                                request.user, "honors.program.manage", HonorProgram(school=school)
                            ),
                        },
                    )
                return redirect("honors:program_detail", program.pk)
        if g.role in (Role.DISTRICT_OFFICER, Role.DOE_OFFICER, Role.SYSTEM_ADMIN):
            # offices (and an administrator above the schools) follow the schools' exemplars
            return redirect("honors:exemplar_inbox")
    raise PermissionDenied


def _student_home(request: HttpRequest, class_unit: Unit, year: SchoolYear | None) -> HttpResponse:
    from thidua.ballots.selectors import elections_for_person

    person = request.user.person
    program = program_for(class_unit.parent, year)
    rounds = list(
        ClassRound.objects.filter(class_unit=class_unit)
        .select_related("period", "honoree", "election")
        .order_by("-period__start_on")
    )
    results = [(r, round_result(r.election)) for r in rounds if r.election_id]
    return render(
        request,
        "honors/home_student.html",
        {
            "class_unit": class_unit,
            "program": program,
            "open_rounds": [r for r in rounds if r.status == ClassRoundStatus.NOMINATING],
            "elections": elections_for_person(person) if person else [],
            "results": [(r, t) for r, t in results if t is not None],
            "school_lists": SchoolRound.objects.filter(
                school=class_unit.parent,
                status__in=[
                    SchoolRoundStatus.LIST_PUBLISHED,
                    SchoolRoundStatus.VOTING,
                    SchoolRoundStatus.DECIDED,
                ],
            )
            .select_related("period")
            .prefetch_related("nominees__person", "nominees__class_round__class_unit"),
        },
    )


# ---------------------------------------------------------------- program and criteria


@login_required
@require_http_methods(["GET", "POST"])
def program_create(request: HttpRequest, code: str) -> HttpResponse:
    school = get_object_or_404(Unit, code=code, type=UnitType.SCHOOL)
    require(request.user, "honors.program.manage", HonorProgram(school=school))
    year = current_school_year()
    form = ProgramForm(
        request.POST or None,
        initial={
            "title": _("Vinh danh học sinh tiêu biểu năm học %(y)s")
            % {"y": year.code if year else ""}
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            program = honor_services.program_create(
                actor=request.user, school=school, school_year=year, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Đã tạo chương trình với bộ tiêu chí và các đợt mặc định; "
                    "hãy chỉnh cho phù hợp với trường rồi công bố."
                ),
            )
            return redirect("honors:program_detail", program.pk)
    return render(request, "honors/program_form.html", {"form": form, "school": school})


@login_required
@require_GET
def program_detail(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_object_or_404(HonorProgram.objects.select_related("school", "school_year"), pk=pk)
    require(request.user, "honors.program.view", program)
    can = perms_for(request.user, program, ["honors.program.manage"])
    grades = sorted(
        set(
            Unit.objects.filter(
                parent=program.school, type=UnitType.CLASS, school_year=program.school_year
            ).values_list("grade", flat=True)
        )
    )
    periods = list(program.periods.order_by("start_on", "kind"))
    return render(
        request,
        "honors/program_detail.html",
        {
            "program": program,
            "can": can,
            "criteria": criteria_by_grade(program),
            "periods": periods,
            "criterion_form": CriterionForm(grades=grades)
            if can["honors_program_manage"]
            else None,
            "period_form": PeriodForm() if can["honors_program_manage"] else None,
            "settings_form": ProgramForm(
                initial={
                    "title": program.title,
                    "regulation": program.regulation,
                    "class_honorees_per_period": program.class_honorees_per_period,
                    "representatives_per_class": program.representatives_per_class,
                    "send_nominees": program.send_nominees,
                }
            )
            if can["honors_program_manage"]
            else None,
            "exemplar": DistrictExemplar.objects.filter(
                school=program.school, school_year=program.school_year
            ).first(),
        },
    )


def _managed_program(request: HttpRequest, pk: int) -> HonorProgram:
    program = get_object_or_404(HonorProgram.objects.select_related("school"), pk=pk)
    require(request.user, "honors.program.manage", program)
    return program


@login_required
@require_POST
def program_settings(request: HttpRequest, pk: int) -> HttpResponse:
    program = _managed_program(request, pk)
    form = ProgramForm(request.POST)
    if form.is_valid():
        honor_services.program_update(actor=request.user, program=program, **form.cleaned_data)
        messages.success(request, _("Đã lưu quy chế và thiết lập."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("honors:program_detail", pk)


@login_required
@require_POST
def program_publish(request: HttpRequest, pk: int) -> HttpResponse:
    program = _managed_program(request, pk)
    honor_services.program_publish(actor=request.user, program=program)
    messages.success(request, _("Đã công bố quy chế và tiêu chí tới học sinh, phụ huynh."))
    return redirect("honors:program_detail", pk)


@login_required
@require_POST
def criterion_add(request: HttpRequest, pk: int) -> HttpResponse:
    program = _managed_program(request, pk)
    grades = list(range(0, 13))
    form = CriterionForm(request.POST, grades=grades)
    if form.is_valid():
        try:
            honor_services.criterion_add(actor=request.user, program=program, **form.cleaned_data)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Đã thêm tiêu chí."))
    else:
        messages.error(request, _("Hãy chọn nhóm tiêu chí và ghi nội dung."))
    return redirect(reverse("honors:program_detail", args=[pk]) + "#criteria")


@login_required
@require_POST
def criterion_remove(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = get_object_or_404(HonorCriterion.objects.select_related("program__school"), pk=pk)
    require(request.user, "honors.program.manage", criterion.program)
    try:
        honor_services.criterion_remove(actor=request.user, criterion=criterion)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Đã xóa tiêu chí."))
    return redirect(reverse("honors:program_detail", args=[criterion.program_id]) + "#criteria")


@login_required
@require_POST
def period_add(request: HttpRequest, pk: int) -> HttpResponse:
    program = _managed_program(request, pk)
    form = PeriodForm(request.POST)
    if form.is_valid():
        try:
            honor_services.period_add(actor=request.user, program=program, **form.cleaned_data)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Đã thêm đợt vinh danh."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(reverse("honors:program_detail", args=[pk]) + "#periods")


@require_GET
def criteria_public(request: HttpRequest, code: str) -> HttpResponse:
    """The published regulation and criteria, readable by students and parents without login."""
    school = get_object_or_404(Unit, code=code, type=UnitType.SCHOOL)
    program = (
        HonorProgram.objects.filter(school=school, published_at__isnull=False)
        .order_by("-school_year")
        .first()
    )
    if program is None:
        raise Http404
    return render(
        request,
        "honors/criteria_public.html",
        {"program": program, "school": school, "criteria": criteria_by_grade(program)},
    )


# ---------------------------------------------------------------- periods


@login_required
@require_GET
def period_detail(request: HttpRequest, pk: int) -> HttpResponse:
    period = get_object_or_404(HonorPeriod.objects.select_related("program__school"), pk=pk)
    require(request.user, "honors.program.view", period.program)
    program = period.program
    rows = class_rows(period)
    return render(
        request,
        "honors/period_detail.html",
        {
            "period": period,
            "program": program,
            "rows": rows,
            "submitted": sum(
                1 for r in rows if r.round and r.round.status == ClassRoundStatus.SUBMITTED
            ),
            "school_rounds": school_rounds_of(period),
            "ceremonies": period.ceremonies.order_by("held_on"),
            "letters": period.letters.select_related("person").order_by("level", "class_name"),
            "honorees": ceremony_services.honorees_of(period),
            "can": perms_for(request.user, program, ["honors.program.manage"]),
            "can_letters": may(request.user, "honors.letter.issue", program.school),
            "grades": sorted({r.class_unit.grade for r in rows}),
        },
    )


# ---------------------------------------------------------------- class round


def _class_round_or_none(period: HonorPeriod, class_unit: Unit) -> ClassRound | None:
    return (
        ClassRound.objects.filter(period=period, class_unit=class_unit)
        .select_related("election", "honoree")
        .first()
    )


@login_required
@require_GET
def class_round_page(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    period = get_object_or_404(HonorPeriod.objects.select_related("program__school"), pk=pk)
    class_unit = get_object_or_404(
        Unit, code=code, type=UnitType.CLASS, parent=period.program.school
    )
    class_round = _class_round_or_none(period, class_unit)
    probe = class_round or ClassRound(period=period, class_unit=class_unit)
    can = perms_for(
        request.user,
        probe,
        ["honors.class_round.manage", "honors.class_round.view", "honors.class_round.nominate"],
    )
    if not (can["honors_class_round_view"] or can["honors_class_round_nominate"]):
        raise PermissionDenied
    roster = list(students_of_class(class_unit))
    criteria = list(criteria_for_class(period.program, class_unit))
    context: dict[str, Any] = {
        "period": period,
        "class_unit": class_unit,
        "round": class_round,
        "can": can,
        "program": period.program,
    }
    if class_round is not None:
        context["nominations"] = class_round.nominations.select_related(
            "nominee", "proposer", "criterion"
        ).order_by("created_at")
        context["nominees"] = honor_services.nominees_of(class_round)
        if class_round.status == ClassRoundStatus.NOMINATING:
            person = request.user.person
            if can["honors_class_round_manage"]:
                context["nomination_form"] = NominationForm(
                    roster=roster, criteria=criteria, with_proposer=True
                )
                context["vote_form"] = StartVoteForm()
            elif can["honors_class_round_nominate"] and person is not None:
                already = class_round.nominations.filter(proposer=person).exists()
                context["already_nominated"] = already
                if not already:
                    context["nomination_form"] = NominationForm(roster=roster, criteria=criteria)
        if class_round.election_id:
            current = current_round_of(class_round.election)
            context["current_election"] = current
            context["turnout"] = turnout_of(current)
            context["result"] = round_result(class_round.election)
    return render(request, "honors/class_round.html", context)


def _back_to_round(period_pk: int, code: str) -> HttpResponse:
    return redirect("honors:class_round", period_pk, code)


@login_required
@require_POST
def class_round_open(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    period = get_object_or_404(HonorPeriod.objects.select_related("program__school"), pk=pk)
    class_unit = get_object_or_404(
        Unit, code=code, type=UnitType.CLASS, parent=period.program.school
    )
    require(
        request.user, "honors.class_round.manage", ClassRound(period=period, class_unit=class_unit)
    )
    try:
        honor_services.class_round_open(actor=request.user, period=period, class_unit=class_unit)
        messages.success(request, _("Đã mở nhận đề cử của lớp."))
    except ValidationError as exc:
        _errors(request, exc)
    return _back_to_round(pk, code)


@login_required
@require_http_methods(["POST"])
def nomination_add(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    period = get_object_or_404(HonorPeriod.objects.select_related("program__school"), pk=pk)
    class_unit = get_object_or_404(
        Unit, code=code, type=UnitType.CLASS, parent=period.program.school
    )
    class_round = get_object_or_404(ClassRound, period=period, class_unit=class_unit)
    manager = may(request.user, "honors.class_round.manage", class_round)
    student = may(request.user, "honors.class_round.nominate", class_round)
    if not (manager or student):
        raise PermissionDenied
    roster = list(students_of_class(class_unit))
    criteria = list(criteria_for_class(period.program, class_unit))
    form = NominationForm(request.POST, roster=roster, criteria=criteria, with_proposer=manager)
    if form.is_valid():
        by_id = {p.pk: p for p in roster}
        criterion = next(c for c in criteria if c.pk == form.cleaned_data["criterion"])
        proposer = (
            by_id.get(form.cleaned_data.get("proposer") or 0) if manager else request.user.person
        )
        try:
            honor_services.nomination_add(
                actor=request.user,
                class_round=class_round,
                nominee=by_id[form.cleaned_data["nominee"]],
                criterion=criterion,
                reason=form.cleaned_data["reason"],
                proposer=proposer,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi đề cử."))
            return _back_to_round(pk, code)
    # Re-render with the submitted form so that what was typed is kept.
    context = {
        "period": period,
        "class_unit": class_unit,
        "round": class_round,
        "program": period.program,
        "nomination_form": form,
        "nominations": class_round.nominations.select_related(
            "nominee", "proposer", "criterion"
        ).order_by("created_at"),
        "nominees": honor_services.nominees_of(class_round),
        "can": perms_for(
            request.user,
            class_round,
            ["honors.class_round.manage", "honors.class_round.view", "honors.class_round.nominate"],
        ),
        "vote_form": StartVoteForm() if manager else None,
    }
    return render(request, "honors/class_round.html", context, status=400)


@login_required
@require_POST
def nomination_decline(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = get_object_or_404(
        Nomination.objects.select_related("class_round__class_unit", "class_round__period"), pk=pk
    )
    require(request.user, "honors.class_round.manage", nomination.class_round)
    form = DeclineForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Hãy ghi lý do."))
        honor_services.nomination_decline(
            actor=request.user, nomination=nomination, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Đã để đề cử này ngoài phiếu bầu."))
    except ValidationError as exc:
        _errors(request, exc)
    return _back_to_round(nomination.class_round.period_id, nomination.class_round.class_unit.code)


def _round(request: HttpRequest, pk: int, code: str, action: str) -> ClassRound:
    class_round = get_object_or_404(
        ClassRound.objects.select_related("class_unit", "period__program__school", "election"),
        period_id=pk,
        class_unit__code=code,
    )
    require(request.user, action, class_round)
    return class_round


@login_required
@require_POST
def class_round_vote(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    class_round = _round(request, pk, code, "honors.class_round.manage")
    form = StartVoteForm(request.POST)
    mode = form.cleaned_data["mode"] if form.is_valid() else "electronic"
    try:
        honor_services.class_round_start_vote(
            actor=request.user, class_round=class_round, mode=mode
        )
        messages.success(
            request,
            _("Đã mở bỏ phiếu kín. In phiếu mã cho học sinh hoặc dùng máy bỏ phiếu chung của lớp."),
        )
    except ValidationError as exc:
        _errors(request, exc)
    return _back_to_round(pk, code)


@login_required
@require_POST
def class_round_submit(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    class_round = _round(request, pk, code, "honors.class_round.manage")
    try:
        honor_services.class_round_submit(actor=request.user, class_round=class_round)
        messages.success(request, _("Đã gửi kết quả của lớp lên Ban giám hiệu."))
    except ValidationError as exc:
        _errors(request, exc)
    return _back_to_round(pk, code)


# ---------------------------------------------------------------- school round


def _grade_param(request: HttpRequest) -> int | None:
    raw = request.GET.get("grade") or request.POST.get("grade") or ""
    return int(raw) if raw.isdigit() else None


@login_required
@require_GET
def school_round_page(request: HttpRequest, pk: int) -> HttpResponse:
    period = get_object_or_404(HonorPeriod.objects.select_related("program__school"), pk=pk)
    school = period.program.school
    grade = _grade_param(request)
    school_round = SchoolRound.objects.filter(period=period, school=school, grade=grade).first()
    probe = school_round or SchoolRound(period=period, school=school, grade=grade)
    can = perms_for(request.user, probe, ["honors.school_round.manage", "honors.school_round.view"])
    if not can["honors_school_round_view"]:
        raise PermissionDenied
    context: dict[str, Any] = {
        "period": period,
        "school": school,
        "grade": grade,
        "round": school_round,
        "can": can,
    }
    if school_round is not None:
        context["nominees"] = school_round.nominees.select_related(
            "person", "class_round__class_unit"
        )
        reps: dict[int, list[Any]] = {}
        for r in school_round.representatives.select_related("person", "class_unit"):
            reps.setdefault(r.class_unit_id, []).append(r.person)
        classes = [
            row.class_unit
            for row in class_rows(period)
            if grade is None or row.class_unit.grade == grade
        ]
        choosing = can["honors_school_round_manage"] and school_round.status in (
            SchoolRoundStatus.PREPARING,
            SchoolRoundStatus.LIST_PUBLISHED,
        )
        rosters = rosters_of(classes) if choosing else {}
        context["rep_rows"] = [
            {"class_unit": c, "chosen": reps.get(c.pk, []), "roster": rosters.get(c.pk, [])}
            for c in classes
        ]
        if school_round.election_id:
            current = current_round_of(school_round.election)
            context["current_election"] = current
            context["turnout"] = turnout_of(current)
            context["result"] = round_result(school_round.election)
    return render(request, "honors/school_round.html", context)


def _school_round(request: HttpRequest, pk: int) -> SchoolRound:
    period = get_object_or_404(HonorPeriod.objects.select_related("program__school"), pk=pk)
    school_round = get_object_or_404(
        SchoolRound, period=period, school=period.program.school, grade=_grade_param(request)
    )
    require(request.user, "honors.school_round.manage", school_round)
    return school_round


def _back_to_school_round(pk: int, grade: int | None) -> HttpResponse:
    url = reverse("honors:school_round", args=[pk])
    return redirect(f"{url}?grade={grade}" if grade else url)


@login_required
@require_POST
def school_round_prepare(request: HttpRequest, pk: int) -> HttpResponse:
    period = get_object_or_404(HonorPeriod.objects.select_related("program__school"), pk=pk)
    grade = _grade_param(request)
    require(
        request.user,
        "honors.school_round.manage",
        SchoolRound(period=period, school=period.program.school, grade=grade),
    )
    try:
        honor_services.school_round_prepare(actor=request.user, period=period, grade=grade)
        messages.success(request, _("Đã tổng hợp đề cử của các lớp."))
    except ValidationError as exc:
        _errors(request, exc)
    return _back_to_school_round(pk, grade)


@login_required
@require_POST
def school_round_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    school_round = _school_round(request, pk)
    try:
        if step == "publish":
            honor_services.school_round_publish_list(actor=request.user, school_round=school_round)
            messages.success(request, _("Đã công khai danh sách đề cử cấp trường."))
        elif step == "vote":
            honor_services.school_round_start_vote(actor=request.user, school_round=school_round)
            messages.success(request, _("Đã mở bỏ phiếu kín cấp trường cho đại diện các lớp."))
        elif step == "decide":
            honor_services.school_round_decide(actor=request.user, school_round=school_round)
            messages.success(request, _("Đã ghi kết quả bầu chọn cấp trường."))
        else:
            raise Http404
    except ValidationError as exc:
        _errors(request, exc)
    return _back_to_school_round(pk, school_round.grade)


@login_required
@require_POST
def representatives_save(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    school_round = _school_round(request, pk)
    class_unit = get_object_or_404(Unit, code=code, type=UnitType.CLASS, parent=school_round.school)
    ids = [int(v) for v in request.POST.getlist("person") if v.isdigit()]
    people = list(Person.objects.filter(pk__in=ids))
    try:
        honor_services.representatives_set(
            actor=request.user, school_round=school_round, class_unit=class_unit, people=people
        )
        messages.success(request, _("Đã lưu đại diện lớp %(c)s.") % {"c": class_unit.name})
    except ValidationError as exc:
        _errors(request, exc)
    return _back_to_school_round(pk, school_round.grade)


# ---------------------------------------------------------------- ceremonies and letters


@login_required
@require_http_methods(["GET", "POST"])
def ceremony_list(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_object_or_404(HonorProgram.objects.select_related("school"), pk=pk)
    require(request.user, "honors.program.view", program)
    can_manage = may(request.user, "honors.ceremony.manage", program.school)
    periods = list(program.periods.order_by("start_on"))
    form = CeremonyForm(request.POST or None, periods=periods)
    if request.method == "POST":
        require(request.user, "honors.ceremony.manage", program.school)
        if form.is_valid():
            data = form.cleaned_data
            period = next((p for p in periods if p.pk == data["period"]), None)
            try:
                ceremony = ceremony_services.ceremony_create(
                    actor=request.user,
                    school=program.school,
                    kind=data["kind"],
                    title=data["title"],
                    held_on=data["held_on"],
                    location=data["location"],
                    period=period,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Đã lập kế hoạch buổi lễ."))
                return redirect("honors:ceremony_detail", ceremony.pk)
    ceremonies = (
        Ceremony.objects.filter(
            school=program.school,
            held_on__gte=program.school_year.start_on,
            held_on__lte=program.school_year.end_on,
        )
        .select_related("period")
        .prefetch_related("honorees")
    )
    return render(
        request,
        "honors/ceremony_list.html",
        {"program": program, "ceremonies": ceremonies, "form": form if can_manage else None},
    )


@login_required
@require_GET
def ceremony_detail(request: HttpRequest, pk: int) -> HttpResponse:
    ceremony = get_object_or_404(
        Ceremony.objects.select_related("school", "period__program"), pk=pk
    )
    require(request.user, "org.unit.view", ceremony.school)
    attached = list(ceremony.honorees.select_related("person"))
    letters = (
        {
            (lt.person_id, lt.level): lt
            for lt in CommendationLetter.objects.filter(
                period=ceremony.period, person__in=[a.person for a in attached]
            )
        }
        if ceremony.period
        else {}
    )
    return render(
        request,
        "honors/ceremony_detail.html",
        {
            "ceremony": ceremony,
            "rows": [(a, letters.get((a.person_id, a.level))) for a in attached],
            "can_manage": may(request.user, "honors.ceremony.manage", ceremony.school),
            "can_letters": may(request.user, "honors.letter.issue", ceremony.school),
            "prize_form": PrizeForm(),
        },
    )


@login_required
@require_POST
def ceremony_prize(request: HttpRequest, pk: int) -> HttpResponse:
    attached = get_object_or_404(CeremonyHonoree.objects.select_related("ceremony__school"), pk=pk)
    require(request.user, "honors.ceremony.manage", attached.ceremony.school)
    form = PrizeForm(request.POST)
    if form.is_valid():
        ceremony_services.ceremony_attach(
            actor=request.user,
            ceremony=attached.ceremony,
            person=attached.person,
            level=attached.level,
            prize=form.cleaned_data["prize"],
        )
        messages.success(request, _("Đã ghi phần thưởng."))
    return redirect("honors:ceremony_detail", attached.ceremony_id)


@login_required
@require_POST
def letters_issue(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue the letters of every honoree of a ceremony (or one, with ?person=)."""
    ceremony = get_object_or_404(Ceremony.objects.select_related("school", "period"), pk=pk)
    require(request.user, "honors.letter.issue", ceremony.school)
    attached = ceremony.honorees.select_related("person")
    wanted = request.POST.get("person", "")
    if wanted:
        if not wanted.isdigit():
            raise Http404
        attached = attached.filter(person_id=int(wanted))
    count = 0
    try:
        for a in attached:
            ceremony_services.letter_issue(
                actor=request.user,
                person=a.person,
                period=ceremony.period,
                level=a.level,
                issued_on=ceremony.held_on,
            )
            count += 1
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Đã cấp %(n)s thư khen.") % {"n": count})
    return redirect("honors:ceremony_detail", pk)


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_required
@require_GET
def letter_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    letter = get_object_or_404(
        CommendationLetter.objects.select_related("school__parent", "person", "period"), pk=pk
    )
    require(request.user, "org.unit.view", letter.school)
    return _pdf_response(ceremony_services.letters_pdf([letter]), f"thu-khen-{letter.pk}.pdf")


@login_required
@require_GET
def ceremony_letters_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    ceremony = get_object_or_404(Ceremony.objects.select_related("school", "period"), pk=pk)
    require(request.user, "org.unit.view", ceremony.school)
    people = ceremony.honorees.values_list("person_id", flat=True)
    letters = list(
        CommendationLetter.objects.filter(period=ceremony.period, person_id__in=people)
        .select_related("school__parent", "person", "period")
        .order_by("level", "class_name", "person__sort_key")
    )
    if not letters:
        messages.error(request, _("Chưa có thư khen nào cho buổi lễ này: hãy bấm “Cấp thư khen”."))
        return redirect("honors:ceremony_detail", pk)
    return _pdf_response(ceremony_services.letters_pdf(letters), f"thu-khen-le-{ceremony.pk}.pdf")


# ---------------------------------------------------------------- district exemplar (S9)


@login_required
@require_http_methods(["GET", "POST"])
def exemplar_page(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_object_or_404(HonorProgram.objects.select_related("school__parent"), pk=pk)
    require(request.user, "honors.exemplar.manage", program.school)
    exemplar = DistrictExemplar.objects.filter(
        school=program.school, school_year=program.school_year
    ).first()
    honorees = outreach.honored_in_year(program)
    form = ExemplarForm(
        request.POST or None,
        honorees=honorees,
        initial={
            "person": exemplar.person_id if exemplar else None,
            "story": exemplar.story if exemplar else "",
        },
    )
    if request.method == "POST":
        if request.POST.get("send") and exemplar is not None:
            try:
                outreach.exemplar_send(actor=request.user, exemplar=exemplar)
                messages.success(
                    request,
                    _("Đã gửi gương học sinh tiêu biểu lên %(u)s.")
                    % {"u": exemplar.recipient.name},
                )
                return redirect("honors:exemplar", pk)
            except ValidationError as exc:
                _errors(request, exc)
        elif form.is_valid():
            person = next(p for p in honorees if p.pk == form.cleaned_data["person"])
            try:
                exemplar = outreach.exemplar_save(
                    actor=request.user,
                    program=program,
                    person=person,
                    story=form.cleaned_data["story"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Đã lưu. Kiểm tra lại rồi bấm “Gửi lên cấp trên”."))
                return redirect("honors:exemplar", pk)
    return render(
        request,
        "honors/exemplar.html",
        {"program": program, "exemplar": exemplar, "form": form, "honorees": honorees},
    )


@login_required
@require_GET
def exemplar_inbox(request: HttpRequest) -> HttpResponse:
    """The office sees every school's exemplar with its story and can download them."""
    require(request.user, "honors.exemplar.inbox")
    year = (
        SchoolYear.objects.filter(code=request.GET.get("year", "")).first() or current_school_year()
    )
    exemplars = list(
        DistrictExemplar.objects.filter(
            scope_q(request.user, "honors.exemplar.inbox", "school__path"),
            school_year=year,
            sent_at__isnull=False,
        )
        .select_related("school", "person", "recipient")
        .order_by("school__name")
    )
    fmt = request.GET.get("format")
    if fmt == "xlsx":
        return _exemplars_xlsx(exemplars, year)
    if fmt == "pdf":
        pdf = render_pdf("honors/exemplars_pdf.html", {"exemplars": exemplars, "year": year})
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="guong-tieu-bieu-{year.code}.pdf"'
        return response
    schools = Unit.objects.filter(
        scope_q(request.user, "honors.exemplar.inbox"), type=UnitType.SCHOOL
    ).order_by("name")
    sent = {e.school_id for e in exemplars}
    return render(
        request,
        "honors/exemplar_inbox.html",
        {
            "exemplars": exemplars,
            "year": year,
            "years": SchoolYear.objects.all(),
            "missing": [s for s in schools if s.pk not in sent],
            "pilots": Pilot.objects.filter(
                scope_q(request.user, "honors.pilot.view", "office__path")
            ),
        },
    )


def _exemplars_xlsx(exemplars: list[DistrictExemplar], year: SchoolYear) -> HttpResponse:
    import openpyxl
    from openpyxl.styles import Alignment, Font

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Guong tieu bieu"
    ws.append([f"DANH SÁCH GƯƠNG HỌC SINH TIÊU BIỂU NĂM HỌC {year.code}"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    ws.append(["STT", "Trường", "Họ và tên", "Lớp", "Câu chuyện, thành tích", "Ngày gửi"])
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for i, e in enumerate(exemplars, start=1):
        ws.append(
            [
                i,
                e.school.name,
                e.person.full_name,
                e.class_name,
                e.story,
                e.sent_at.strftime("%d/%m/%Y") if e.sent_at else "",
            ]
        )
    for column, width in zip("ABCDEF", (6, 32, 26, 8, 80, 12), strict=True):
        ws.column_dimensions[column].width = width
    for row in ws.iter_rows(min_row=4):
        row[4].alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    wb.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type=("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    )
    response["Content-Disposition"] = f'attachment; filename="guong-tieu-bieu-{year.code}.xlsx"'
    return response


# ---------------------------------------------------------------- pilot (S11)


@login_required
@require_http_methods(["GET", "POST"])
def pilot_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "honors.pilot.manage")
    grant = request.active_grant  # type: ignore[attr-defined]
    office = Unit.objects.get(pk=grant.unit_id) if grant else None
    if office is None or not may(request.user, "honors.pilot.manage", office):
        raise PermissionDenied
    schools = list(
        Unit.objects.filter(path__startswith=office.path, type=UnitType.SCHOOL).order_by("name")
    )
    form = PilotForm(
        request.POST or None, schools=schools, initial={"school_year": current_school_year()}
    )
    if request.method == "POST" and form.is_valid():
        chosen = [s for s in schools if s.code in form.cleaned_data["schools"]]
        try:
            pilot = outreach.pilot_create(
                actor=request.user,
                office=office,
                school_year=form.cleaned_data["school_year"],
                title=form.cleaned_data["title"],
                schools=chosen,
                phases=form.phases(),
                plan_reference=form.cleaned_data["plan_reference"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã tạo kế hoạch thí điểm."))
            return redirect("honors:pilot_detail", pilot.pk)
    return render(request, "honors/pilot_form.html", {"form": form, "office": office})


@login_required
@require_GET
def pilot_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pilot = get_object_or_404(Pilot.objects.select_related("office", "school_year"), pk=pk)
    require(request.user, "honors.pilot.view", pilot.office)
    return render(
        request,
        "honors/pilot_detail.html",
        {"pilot": pilot, "phases": pilot.phases.all(), "rows": outreach.pilot_progress(pilot)},
    )
