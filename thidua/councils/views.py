"""Council pages: councils and their members, session planning, attendance with written
opinions and recusals, the members' secret ballot, the tally and the minutes (.docx).

Views parse, check the policy, call one service and respond; a service's refusal is shown
on the form (or as a message for one-button actions), never as an error page.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.accounts.policy import may, require
from thidua.core.forms import add_service_errors
from thidua.org.models import Unit
from thidua.people.policies import prime_staff_paths
from thidua.people.viewkit import form_page

from . import selectors, services
from .forms import AttendanceForm, CouncilForm, SessionPlanForm, VoteForm
from .minutes import render_minutes
from .models import Council, CouncilSession, SessionStatus
from .policies import can_vote_in, is_member

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _council(pk: int) -> Council:
    return get_object_or_404(Council.objects.select_related("unit", "unit__parent"), pk=pk)


def _session(pk: int) -> CouncilSession:
    return get_object_or_404(
        CouncilSession.objects.select_related(
            "council", "council__unit", "council__unit__parent", "round"
        ),
        pk=pk,
    )


def _session_url(session: CouncilSession) -> str:
    return reverse("councils:session_detail", args=[session.pk])


def _with_dossier_links(user: object, rows: list[selectors.AgendaRow]) -> list:
    """Link a row to its dossier only for those who may read it (personal data)."""
    prime_staff_paths([row.item.proposal.person for row in rows if row.item.proposal.person_id])
    for row in rows:
        row.can_open = may(user, "nominations.proposal.view", row.item.proposal)
    return rows


def _crumbs(council: Council, *tail: dict) -> list[dict]:
    return [
        {"label": _("Hội đồng TĐKT"), "url": reverse("councils:home")},
        {"label": council.name, "url": reverse("councils:council_detail", args=[council.pk])},
        *tail,
    ]


def _refused(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# ---------------------------------------------------------------- councils


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The councils the user may see, and the units where they may set one up."""
    require(request.user, "councils.council.view")
    return render(
        request,
        "councils/home.html",
        {
            "councils": list(selectors.councils_visible_to(request.user)[:200]),
            "units": selectors.units_to_establish(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def council_new(request: HttpRequest) -> HttpResponse:
    """Set up a unit's council: name, establishing decision, members with their roles."""
    unit = get_object_or_404(Unit, code=request.GET.get("unit", ""))
    require(request.user, "councils.council.manage", Council(unit=unit))
    candidates = list(selectors.council_candidates(unit)[:300])
    form = CouncilForm(
        request.POST or None,
        candidates=candidates,
        initial={"name": _("Hội đồng Thi đua – Khen thưởng %(u)s") % {"u": unit.name}},
    )
    if request.method == "POST" and form.is_valid():
        try:
            council = services.council_create(
                actor=request.user,
                unit=unit,
                name=form.cleaned_data["name"],
                established_by=form.cleaned_data["established_by"],
                members=form.cleaned_data["members"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã thành lập Hội đồng Thi đua – Khen thưởng."))
            return redirect("councils:council_detail", pk=council.pk)
    return render(request, "councils/council_form.html", {"form": form, "unit": unit})


@require_GET
@login_required
def council_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = _council(pk)
    require(request.user, "councils.council.view", council)
    can_run = may(request.user, "councils.session.run", council)
    return render(
        request,
        "councils/council_detail.html",
        {
            "council": council,
            "members": selectors.members_of(council),
            "sessions": list(selectors.sessions_of(council)),
            "can_run": can_run,
            "can_plan": can_run and selectors.rounds_for_session(council).exists(),
        },
    )


# ---------------------------------------------------------------- sessions


@require_http_methods(["GET", "POST"])
@login_required
def session_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """Put a round waiting for the council on a session's agenda."""
    council = _council(pk)
    require(request.user, "councils.session.run", council)
    form = SessionPlanForm(request.POST or None, rounds=selectors.rounds_for_session(council))
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_plan(
                actor=request.user,
                council=council,
                nomination_round=form.cleaned_data["round"],
                held_at=form.cleaned_data["held_at"],
                place=form.cleaned_data["place"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lên lịch họp Hội đồng."))
            return redirect(_session_url(session))
    return form_page(
        request,
        form=form,
        title=_("Lên lịch họp Hội đồng"),
        subtitle=council.name,
        cancel_url=reverse("councils:council_detail", args=[council.pk]),
        submit_label=_("Lên lịch"),
        crumbs=_crumbs(council, {"label": _("Lên lịch họp")}),
        intro=_("Chỉ hiện các đợt xét đã hết thời gian công khai và đã chuyển Hội đồng."),
    )


@require_GET
@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Agenda; while voting only the turnout; after the tally the results and recusals."""
    session = _session(pk)
    require(request.user, "councils.council.view", session)
    can_run = may(request.user, "councils.session.run", session)
    member = is_member(request.user, session.council)
    return render(
        request,
        "councils/session_detail.html",
        {
            "session": session,
            "council": session.council,
            "rows": _with_dossier_links(request.user, selectors.agenda(session)),
            "attendance": selectors.attendance_of(session),
            "recusals": selectors.recusals_of(session),
            "quorum": session.quorum or services.quorum_for(session),
            "can_run": can_run,
            "is_member": member,
            "can_vote": member and may(request.user, "councils.session.vote", session),
            "can_see_minutes": can_run or member,
            "statuses": SessionStatus,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def session_convene(request: HttpRequest, pk: int) -> HttpResponse:
    """Attendance (điểm danh): present or absent, absent members' written opinions, and
    the members who are close relatives of a candidate."""
    session = _session(pk)
    require(request.user, "councils.session.run", session)
    if session.status != SessionStatus.PLANNED:
        messages.info(request, _("Phiên họp đã điểm danh."))
        return redirect(_session_url(session))
    members = selectors.members_of(session.council)
    items = selectors.items_of(session)
    form = AttendanceForm(request.POST or None, members=members, items=items)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_convene(
                actor=request.user,
                session=session,
                present=form.cleaned_data["present"],
                written=form.cleaned_data["written"],
                relatives=form.cleaned_data["relatives"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã điểm danh; phiên họp đủ số lượng."))
            return redirect(_session_url(session))
    return render(
        request,
        "councils/session_attendance.html",
        {
            "session": session,
            "council": session.council,
            "form": form,
            "items": items,
            "quorum": services.quorum_for(session),
            "member_count": len(members),
        },
    )


@require_POST
@login_required
def session_open_vote(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(pk)
    require(request.user, "councils.session.run", session)
    try:
        services.session_open_vote(actor=request.user, session=session)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(
            request, _("Đã mở bỏ phiếu kín. Thành viên có mặt bỏ phiếu tại trang biểu quyết.")
        )
    return redirect(_session_url(session))


@require_http_methods(["GET", "POST"])
@login_required
def session_vote(request: HttpRequest, pk: int) -> HttpResponse:
    """A member's own secret ballot: one yes/no per item they may vote on, cast once."""
    session = _session(pk)
    if not can_vote_in(request.user, session):
        raise PermissionDenied("councils.session.vote")
    sheet = selectors.vote_sheet(session, request.user)
    is_open = session.status == SessionStatus.VOTING
    items = [entry.item for entry in sheet.to_vote] if is_open else []
    form = VoteForm(request.POST or None, items=items)
    if request.method == "POST":
        if not is_open:
            messages.error(request, _("Hội đồng chưa mở hoặc đã kết thúc bỏ phiếu."))
            return redirect("councils:session_vote", pk=session.pk)
        if not items:
            messages.info(request, _("Bạn không còn nội dung nào cần bỏ phiếu."))
            return redirect("councils:session_vote", pk=session.pk)
        if form.is_valid():
            try:
                cast = services.member_vote(session=session, user=request.user, marks=form.marks())
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Đã ghi nhận %(n)s phiếu của bạn. Phiếu kín: không ai xem được bạn chọn gì.")
                    % {"n": cast},
                )
                return redirect("councils:session_vote", pk=session.pk)
    return render(
        request,
        "councils/session_vote.html",
        {
            "session": session,
            "council": session.council,
            "sheet": sheet,
            "form": form,
            "is_open": is_open,
        },
    )


@require_POST
@login_required
def session_tally(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(pk)
    require(request.user, "councils.session.run", session)
    try:
        services.session_tally(actor=request.user, session=session)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("Đã kiểm phiếu; kết quả đã chuyển về từng đề nghị."))
    return redirect(_session_url(session))


@require_GET
@login_required
def session_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    """The minutes of the meeting (biên bản họp Hội đồng) as a Word document."""
    session = _session(pk)
    require(request.user, "councils.council.view", session)
    if not (
        may(request.user, "councils.session.run", session)
        or is_member(request.user, session.council)
    ):
        raise PermissionDenied("councils.session.minutes")
    if session.status != SessionStatus.TALLIED:
        messages.error(request, _("Biên bản chỉ có sau khi kiểm phiếu."))
        return redirect(_session_url(session))
    content = render_minutes(selectors.minutes_data(session))
    held = timezone.localtime(session.held_at)
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = (
        f'attachment; filename="bien-ban-hop-hoi-dong-{held:%Y%m%d}-{session.pk}.docx"'
    )
    return response
