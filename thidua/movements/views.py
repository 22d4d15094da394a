"""Movement pages: list, detail, plan form, status, adoption, phases, criteria, targets,
progress. Views parse, check permission through the policy module, call one service and
render; a refused write re-renders the form with the Vietnamese message.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.accounts.policy import may, perms_for, require, scope_q
from thidua.core.forms import add_service_errors
from thidua.org.models import Unit, UnitType
from thidua.people.viewkit import form_page

from . import services
from .forms import (
    AdoptForm,
    CriterionForm,
    MovementForm,
    PhaseForm,
    ProgressForm,
    TargetForm,
    TransitionForm,
)
from .models import (
    Adoption,
    AdoptionStatus,
    Criterion,
    Movement,
    MovementKind,
    MovementStatus,
    Phase,
    ProgressEntry,
    Target,
)
from .policies import LAUNCHERS
from .selectors import movement_get, movement_list_for, movement_page, target_progress

MOVEMENT_ACTIONS = ["movements.movement.manage", "movements.movement.view"]
NEXT_STATUS_LABELS = {
    MovementStatus.ACCEPTING: gettext_lazy("Bắt đầu triển khai"),
    MovementStatus.UNDER_REVIEW: gettext_lazy("Chuyển sang xét khen thưởng"),
    MovementStatus.CLOSED: gettext_lazy("Kết thúc phong trào"),
}


def _movement(request: HttpRequest, pk: int) -> Movement:
    try:
        movement = movement_get(pk)
    except Movement.DoesNotExist as exc:
        raise Http404 from exc
    require(request.user, "movements.movement.view", movement)
    if movement.status == MovementStatus.DRAFT:
        require(request.user, "movements.movement.manage", movement)
    return movement


def _detail_url(movement: Movement) -> str:
    return reverse("movements:movement_detail", args=[movement.pk])


def _crumbs(movement: Movement | None = None, last: Any = "") -> list[dict[str, Any]]:
    crumbs: list[dict[str, Any]] = [
        {"label": _("Phong trào thi đua"), "url": reverse("movements:movement_list")}
    ]
    if movement is not None:
        crumbs.append({"label": movement.name, "url": _detail_url(movement)})
    if last:
        crumbs.append({"label": last, "url": ""})
    return crumbs


def launchable_units(user: Any) -> list[Unit]:
    """Units where the user may launch a movement."""
    return [
        u
        for u in Unit.objects.filter(scope_q(user, "movements.movement.create"))
        .filter(type__in=LAUNCHERS)
        .order_by("path")[:200]
        if may(user, "movements.movement.create", u)
    ]


def setting_units(user: Any, movement: Movement) -> list[Unit]:
    """Units for which the user may add criteria and targets to this movement."""
    units: list[Unit] = []
    if may(user, "movements.movement.manage", movement):
        units.append(movement.unit)
    for adoption in movement.adoptions.all():
        if adoption.status == AdoptionStatus.ADOPTED and may(
            user, "movements.criterion.add", adoption.unit
        ):
            units.append(adoption.unit)
    return units


def _pick_unit(request: HttpRequest, units: list[Unit]) -> Unit:
    code = request.GET.get("unit") or request.POST.get("unit_code")
    if code:
        for unit in units:
            if unit.code == code:
                return unit
        raise PermissionDenied
    if not units:
        raise PermissionDenied
    return units[0]


# ---------------------------------------------------------------- list and detail


@require_GET
@login_required
def movement_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "movements.movement.list")
    status = request.GET.get("status", "")
    kind = request.GET.get("kind", "")
    q = request.GET.get("q", "").strip()
    status = status if status in MovementStatus.values else ""
    kind = kind if kind in MovementKind.values else ""
    movements = movement_list_for(user=request.user, status=status, kind=kind, q=q)
    page = Paginator(movements, 30).get_page(request.GET.get("page"))
    params = "&".join(f"{k}={v}" for k, v in (("status", status), ("kind", kind), ("q", q)) if v)
    context = {
        "page_obj": page,
        "status": status,
        "kind": kind,
        "q": q,
        "statuses": MovementStatus.choices,
        "kinds": MovementKind.choices,
        "querystring_base": f"{params}&" if params else "",
        "launch_units": launchable_units(request.user),
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "movements/movement_list.html#movement-table", context)
    return render(request, "movements/movement_list.html", context)


@require_GET
@login_required
def movement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    movement = _movement(request, pk)
    page = movement_page(movement)
    can_manage = may(request.user, "movements.movement.manage", movement)
    adoptable = [
        a
        for a in page.adoptions
        if a.status == AdoptionStatus.PENDING and may(request.user, "movements.adoption.adopt", a)
    ]
    transitions = []
    if can_manage and movement.status != MovementStatus.DRAFT:
        for to in sorted(services.TRANSITIONS.get(movement.status, set())):
            needs_reason = (movement.status, to) in services.NEEDS_REASON
            label = _("Mở lại phong trào") if needs_reason else NEXT_STATUS_LABELS.get(to, to)
            transitions.append({"to": to, "label": label, "needs_reason": needs_reason})
    context = {
        "movement": movement,
        "page": page,
        "can": perms_for(request.user, movement, MOVEMENT_ACTIONS),
        "can_manage": can_manage,
        "setting_units": setting_units(request.user, movement),
        "adoptable": adoptable,
        "transitions": transitions,
        "launch_issues": services.issues_before_launch(movement)
        if movement.status == MovementStatus.DRAFT
        else [],
        "can_archive": may(request.user, "evidence.archive.view", movement),
        "evidence_for": _evidence_participants(request.user, movement),
        "parent_visible": movement.parent is not None
        and may(request.user, "movements.movement.view", movement.parent),
        "visible_children": [
            c for c in page.children if may(request.user, "movements.movement.view", c)
        ],
        "can_record_progress": movement.status
        in (MovementStatus.ACCEPTING, MovementStatus.UNDER_REVIEW)
        and may(request.user, "movements.progress.record"),
    }
    return render(request, "movements/movement_detail.html", context)


def _evidence_participants(user: Any, movement: Movement) -> set[str]:
    """The kinds of criteria the user may file evidence under (shown as buttons): those where
    the evidence page would offer the user someone or some collective to file for."""
    from thidua.evidence.selectors import criterion_subjects

    if movement.status not in (MovementStatus.ACCEPTING, MovementStatus.UNDER_REVIEW):
        return set()
    one_per_kind = {c.participant: c for c in movement.criteria.all()}
    return {kind for kind, c in one_per_kind.items() if criterion_subjects(user, c)}


# ---------------------------------------------------------------- plan


def _plan_data(form: MovementForm) -> dict[str, Any]:
    return dict(form.cleaned_data)


@require_http_methods(["GET", "POST"])
@login_required
def movement_create(request: HttpRequest) -> HttpResponse:
    units = launchable_units(request.user)
    if not units:
        raise PermissionDenied
    code = request.GET.get("unit")
    unit = next((u for u in units if u.code == code), None) if code else None
    if unit is None:
        if code or len(units) > 1:
            if code:
                raise PermissionDenied
            return render(request, "movements/movement_unit_choice.html", {"units": units})
        unit = units[0]
    require(request.user, "movements.movement.create", unit)
    form = MovementForm(
        request.POST or None,
        unit=unit,
        initial={
            "kind": MovementKind.STANDING,
            "scope": services.default_scope(unit),
            "method": "regular_annual",
            "award_timing": "at_end",
            "start_on": timezone.localdate(),
            "participants": ["teacher", "staff", "manager"],
        },
    )
    if request.method == "POST" and form.is_valid():
        data = _plan_data(form)
        try:
            movement = services.movement_create(
                actor=request.user,
                unit=unit,
                kind=data.pop("kind"),
                name=data.pop("name"),
                start_on=data.pop("start_on"),
                end_on=data.pop("end_on"),
                **data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Đã tạo bản nháp phong trào. Hãy thêm tiêu chí, chỉ tiêu rồi phát động."),
            )
            return redirect(_detail_url(movement))
    return form_page(
        request,
        form=form,
        title=_("Phong trào thi đua mới"),
        subtitle=unit.name,
        cancel_url=reverse("movements:movement_list"),
        crumbs=_crumbs(last=_("Phong trào mới")),
    )


@require_http_methods(["GET", "POST"])
@login_required
def movement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    movement = _movement(request, pk)
    require(request.user, "movements.movement.manage", movement)
    initial = {name: getattr(movement, name) for name in services.PLAN_FIELDS}
    initial["school_year"] = movement.school_year_id
    form = MovementForm(request.POST or None, unit=movement.unit, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.movement_update(actor=request.user, movement=movement, **_plan_data(form))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu kế hoạch phong trào."))
            return redirect(_detail_url(movement))
    return form_page(
        request,
        form=form,
        title=_("Sửa kế hoạch phong trào"),
        subtitle=movement.name,
        cancel_url=_detail_url(movement),
        crumbs=_crumbs(movement, _("Sửa kế hoạch")),
    )


@require_POST
@login_required
def movement_launch(request: HttpRequest, pk: int) -> HttpResponse:
    movement = _movement(request, pk)
    require(request.user, "movements.movement.manage", movement)
    try:
        movement = services.movement_launch(actor=request.user, movement=movement)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Đã phát động phong trào tới %(n)s đơn vị.") % {"n": movement.adoptions.count()},
        )
    return redirect(_detail_url(movement))


@require_http_methods(["GET", "POST"])
@login_required
def movement_transition(request: HttpRequest, pk: int) -> HttpResponse:
    movement = _movement(request, pk)
    require(request.user, "movements.movement.manage", movement)
    to = request.POST.get("to") or request.GET.get("to", "")
    if to not in MovementStatus.values:
        raise Http404
    form = TransitionForm(request.POST or None, initial={"to": to})
    if request.method == "POST" and form.is_valid():
        try:
            services.movement_transition(
                actor=request.user, movement=movement, to=to, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Phong trào chuyển sang trạng thái “%(s)s”.") % {"s": MovementStatus(to).label},
            )
            return redirect(_detail_url(movement))
    return form_page(
        request,
        form=form,
        title=_("Chuyển trạng thái: %(s)s") % {"s": MovementStatus(to).label},
        subtitle=movement.name,
        cancel_url=_detail_url(movement),
        submit_label=_("Xác nhận"),
        crumbs=_crumbs(movement, _("Trạng thái")),
    )


# ---------------------------------------------------------------- adoption


@require_http_methods(["GET", "POST"])
@login_required
def adoption_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    adoption = get_object_or_404(Adoption.objects.select_related("movement", "unit"), pk=pk)
    require(request.user, "movements.adoption.adopt", adoption)
    movement = adoption.movement
    form = AdoptForm(request.POST or None, initial={"adopted_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.adoption_adopt(actor=request.user, adoption=adoption, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "%(unit)s đã hưởng ứng phong trào. Đơn vị có thể bổ sung tiêu chí, chỉ tiêu riêng."
                )
                % {"unit": adoption.unit},
            )
            return redirect(_detail_url(movement))
    return form_page(
        request,
        form=form,
        title=_("Hưởng ứng phong trào"),
        subtitle=f"{adoption.unit} · {movement.name}",
        cancel_url=_detail_url(movement),
        submit_label=_("Xác nhận hưởng ứng"),
        crumbs=_crumbs(movement, _("Hưởng ứng")),
    )


# ---------------------------------------------------------------- phases


@require_http_methods(["GET", "POST"])
@login_required
def phase_add(request: HttpRequest, pk: int) -> HttpResponse:
    movement = _movement(request, pk)
    require(request.user, "movements.movement.manage", movement)
    form = PhaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.phase_add(actor=request.user, movement=movement, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm giai đoạn."))
            return redirect(_detail_url(movement) + "#phases")
    return form_page(
        request,
        form=form,
        title=_("Thêm giai đoạn"),
        subtitle=movement.name,
        cancel_url=_detail_url(movement),
        crumbs=_crumbs(movement, _("Giai đoạn")),
    )


@require_POST
@login_required
def phase_delete(request: HttpRequest, pk: int) -> HttpResponse:
    phase = get_object_or_404(Phase.objects.select_related("movement__unit"), pk=pk)
    require(request.user, "movements.movement.manage", phase.movement)
    services.phase_delete(actor=request.user, phase=phase)
    messages.success(request, _("Đã xóa giai đoạn."))
    return redirect(_detail_url(phase.movement) + "#phases")


# ---------------------------------------------------------------- criteria


@require_http_methods(["GET", "POST"])
@login_required
def criterion_add(request: HttpRequest, pk: int) -> HttpResponse:
    movement = _movement(request, pk)
    unit = _pick_unit(request, setting_units(request.user, movement))
    form = CriterionForm(request.POST or None, initial={"is_mandatory": True})
    if request.method == "POST" and form.is_valid():
        try:
            services.criterion_add(
                actor=request.user, movement=movement, unit=unit, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm tiêu chí."))
            return redirect(_detail_url(movement) + "#criteria")
    return form_page(
        request,
        form=form,
        title=_("Thêm tiêu chí thi đua"),
        subtitle=_("%(unit)s · %(m)s") % {"unit": unit.name, "m": movement.name},
        cancel_url=_detail_url(movement),
        crumbs=_crumbs(movement, _("Tiêu chí")),
    )


@require_POST
@login_required
def criterion_delete(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = get_object_or_404(Criterion.objects.select_related("movement", "unit"), pk=pk)
    movement = criterion.movement
    if criterion.unit_id == movement.unit_id:
        require(request.user, "movements.movement.manage", movement)
    else:
        require(request.user, "movements.criterion.add", criterion.unit)
    try:
        services.criterion_delete(actor=request.user, criterion=criterion)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã xóa tiêu chí."))
    return redirect(_detail_url(movement) + "#criteria")


# ---------------------------------------------------------------- targets and progress


@require_http_methods(["GET", "POST"])
@login_required
def target_add(request: HttpRequest, pk: int) -> HttpResponse:
    movement = _movement(request, pk)
    unit = _pick_unit(request, setting_units(request.user, movement))
    form = TargetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.target_add(
                actor=request.user, movement=movement, unit=unit, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm chỉ tiêu."))
            return redirect(_detail_url(movement) + "#targets")
    return form_page(
        request,
        form=form,
        title=_("Thêm chỉ tiêu"),
        subtitle=_("%(unit)s · %(m)s") % {"unit": unit.name, "m": movement.name},
        cancel_url=_detail_url(movement),
        crumbs=_crumbs(movement, _("Chỉ tiêu")),
    )


@require_POST
@login_required
def target_delete(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(Target.objects.select_related("movement__unit", "unit"), pk=pk)
    if target.unit_id == target.movement.unit_id:
        require(request.user, "movements.movement.manage", target.movement)
    else:
        require(request.user, "movements.criterion.add", target.unit)
    services.target_delete(actor=request.user, target=target)
    messages.success(request, _("Đã xóa chỉ tiêu."))
    return redirect(_detail_url(target.movement) + "#targets")


def reporting_units(user: Any, target: Target) -> Any:
    """Units for which the user may record this target's progress."""
    qs = Unit.objects.filter(path__startswith=target.unit.path).filter(
        scope_q(user, "movements.progress.record")
    )
    if target.per_unit_type:
        qs = qs.filter(type=target.per_unit_type)
    else:
        qs = qs.exclude(type=UnitType.CLASS)
    return qs.filter(Q(active_to__isnull=True) | Q(active_to__gte=timezone.localdate())).order_by(
        "path"
    )


@require_http_methods(["GET", "POST"])
@login_required
def target_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A target's progress by unit and its history; the form to record a new value."""
    target = get_object_or_404(Target.objects.select_related("unit"), pk=pk)
    movement = _movement(request, target.movement_id)
    units = reporting_units(request.user, target)
    can_record = (
        movement.status
        in (
            MovementStatus.ACCEPTING,
            MovementStatus.UNDER_REVIEW,
        )
        and units.exists()
    )
    form = None
    if can_record:
        form = ProgressForm(
            request.POST or None,
            units=units,
            initial={"recorded_on": timezone.localdate(), "unit": units.first()},
        )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.progress_record(actor=request.user, target=target, **data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Đã ghi kết quả thực hiện chỉ tiêu."))
                return redirect("movements:target_detail", target.pk)
    from thidua.evidence.selectors import evidence_for, evidence_key

    progress = target_progress([target])[0]
    found = evidence_for(progress.history)
    for entry in progress.history:
        entry.evidence_items = found.get(evidence_key(entry), [])  # type: ignore[attr-defined]
    return render(
        request,
        "movements/target_detail.html",
        {
            "movement": movement,
            "target": target,
            "progress": progress,
            "form": form,
            "crumbs": _crumbs(movement, target.text),
            "can_delete_entries": movement.status != MovementStatus.CLOSED
            and may(request.user, "movements.movement.manage", movement),
        },
    )


@require_POST
@login_required
def progress_delete(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(
        ProgressEntry.objects.select_related("target__movement__unit", "unit"), pk=pk
    )
    require(request.user, "movements.movement.manage", entry.target.movement)
    try:
        services.progress_delete(actor=request.user, entry=entry)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã xóa kết quả."))
    return redirect("movements:target_detail", entry.target_id)
