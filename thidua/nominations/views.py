"""Nomination pages: rounds, proposals and their dossiers, the public listing with its
complaints, and submissions to the higher unit (with its queue)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.accounts.policy import allowed_paths, may, require, scope_q
from thidua.achievements.catalog import AwardId
from thidua.achievements.models import Achievement
from thidua.core.forms import add_service_errors
from thidua.evidence.selectors import evidence_of
from thidua.org.models import Unit
from thidua.org.selectors import current_school_year
from thidua.people.models import Person
from thidua.people.policies import can_view_record
from thidua.people.records import Rating
from thidua.people.viewkit import form_page

from . import selectors, services
from .authority import decides_here
from .forms import (
    ComplaintAnswerForm,
    ComplaintForm,
    ProposalForm,
    ReasonForm,
    ResubmitForm,
    RoundForm,
    SubmissionForm,
)
from .models import (
    ACTIVE_STATUSES,
    RETURNABLE_STATUSES,
    Complaint,
    ComplaintStatus,
    NominationRound,
    Proposal,
    ProposalStatus,
    RoundKind,
    RoundStatus,
    Submission,
)

# What anyone in the unit sees during the public listing (công khai): the proposals that
# compete, never the refused ones nor the verdict details.
PUBLIC_STATUSES = [
    ProposalStatus.PROPOSED,
    ProposalStatus.DEFERRED,
    ProposalStatus.IN_COUNCIL,
    ProposalStatus.PASSED,
    ProposalStatus.FORWARDED,
    ProposalStatus.AWARDED,
]
STATUS_BADGES = {
    ProposalStatus.PROPOSED: "primary",
    ProposalStatus.REFUSED: "danger",
    ProposalStatus.DEFERRED: "warning",
    ProposalStatus.RETURNED: "warning",
    ProposalStatus.IN_COUNCIL: "info",
    ProposalStatus.PASSED: "success",
    ProposalStatus.NOT_PASSED: "secondary",
    ProposalStatus.OVER_CAP: "secondary",
    ProposalStatus.FORWARDED: "info",
    ProposalStatus.AWARDED: "success",
    ProposalStatus.WITHDRAWN: "light",
}


VERDICT_LABELS = {
    "eligible": _lazy("Đủ điều kiện"),
    "ineligible": _lazy("Không đủ điều kiện"),
    "deferred": _lazy("Tạm hoãn xét (đang có vụ việc chưa kết thúc)"),
    "incomplete": _lazy("Thiếu dữ liệu để kết luận"),
}
FINDING_LABELS = {
    "pass": _lazy("Đạt"),
    "fail": _lazy("Không đạt"),
    "defer": _lazy("Tạm hoãn"),
    "missing": _lazy("Thiếu dữ liệu"),
}
RATING_LABELS = dict(Rating.choices)


def _round(pk: int) -> NominationRound:
    return get_object_or_404(
        NominationRound.objects.select_related("unit", "unit__parent", "school_year", "movement"),
        pk=pk,
    )


def _proposal(pk: int) -> Proposal:
    return get_object_or_404(
        Proposal.objects.select_related(
            "round",
            "round__unit",
            "person",
            "person__staff_profile",
            "collective",
            "achievement",
            "holder",
            "proposed_by",
            "origin",
            "origin__round__unit",
            "submission",
        ),
        pk=pk,
    )


def _round_url(nomination_round: NominationRound) -> str:
    return reverse("nominations:round_detail", args=[nomination_round.pk])


def _proposal_url(proposal: Proposal) -> str:
    return reverse("nominations:proposal_detail", args=[proposal.pk])


def _flash(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _crumbs(*items: tuple[str, str | None]) -> list[dict[str, Any]]:
    base = [{"label": _("Đề nghị khen thưởng"), "url": reverse("nominations:home")}]
    return base + [{"label": label, "url": url} for label, url in items]


# ---------------------------------------------------------------- home


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    require(request.user, "nominations.menu")
    rounds = list(selectors.rounds_visible_to(request.user)[:60])
    counts = dict(
        Proposal.objects.filter(round__in=rounds)
        .values("round")
        .annotate(n=Count("id"))
        .values_list("round", "n")
    )
    for r in rounds:
        r.proposal_count = counts.get(r.pk, 0)
    manageable = list(
        Unit.objects.filter(scope_q(request.user, "nominations.round.manage"))
        .filter(type__in=selectors.COLLECTIVE_TYPES)
        .exclude(type="class")
        .order_by("path")[:30]
    )
    return render(
        request,
        "nominations/home.html",
        {
            "rounds": rounds,
            "open_rounds": selectors.rounds_open_for_proposals(request.user),
            "mine": list(selectors.proposals_of_user(request.user)[:50]),
            "incoming": list(selectors.submissions_to(request.user)[:50]),
            "manageable": manageable,
            "badges": STATUS_BADGES,
            "exemplars": _exemplars_received(request.user),
        },
    )


def _exemplars_received(user: Any) -> int | None:
    """The offices also receive each school's exemplary student (honors app): how many have
    arrived this year, for the link to that inbox; None when the user has no such inbox."""
    if not apps.is_installed("thidua.honors") or not may(user, "honors.exemplar.inbox"):
        return None
    exemplar = apps.get_model("honors", "DistrictExemplar")
    return exemplar.objects.filter(
        scope_q(user, "honors.exemplar.inbox", "school__path"),
        school_year=current_school_year(),
        sent_at__isnull=False,
    ).count()


# ---------------------------------------------------------------- rounds


@require_http_methods(["GET", "POST"])
@login_required
def round_open(request: HttpRequest) -> HttpResponse:
    unit = get_object_or_404(Unit, code=request.GET.get("unit", ""))
    require(request.user, "nominations.round.manage", unit)
    year = current_school_year()
    form = RoundForm(
        request.POST or None,
        unit=unit,
        initial={
            "school_year": year.code if year else None,
            "title": _("Xét danh hiệu thi đua năm học %(y)s") % {"y": year.code if year else ""},
            "kind": RoundKind.YEARLY_TITLES,
            "awards": [AwardId.LAO_DONG_TIEN_TIEN, AwardId.CHIEN_SI_THI_DUA_CO_SO],
            "requires_evidence": True,
            "listing_days": 5,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            nomination_round = services.round_open(
                actor=request.user,
                unit=unit,
                school_year=data["school_year"],
                title=data["title"],
                kind=data["kind"],
                awards=data["awards"],
                deadline=data["deadline"],
                requires_evidence=data["requires_evidence"],
                listing_days=data["listing_days"],
                cap_share=data["cap_share"],
                cap_basis=data["cap_basis"],
                movement=data["movement"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã mở đợt xét khen thưởng."))
            return redirect(_round_url(nomination_round))
    return form_page(
        request,
        form=form,
        title=_("Mở đợt xét khen thưởng"),
        subtitle=unit.name,
        cancel_url=reverse("nominations:home"),
        submit_label=_("Mở đợt xét"),
        crumbs=_crumbs((_("Mở đợt xét"), None)),
    )


@require_GET
@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    nomination_round = _round(pk)
    require(request.user, "nominations.round.view", nomination_round)
    full = may(request.user, "nominations.proposal.review", nomination_round)
    manage = may(request.user, "nominations.round.manage", nomination_round)
    proposals = selectors.round_proposals(nomination_round)
    status = request.GET.get("status", "")
    if not full:
        mine = Q(proposed_by=request.user)
        if request.user.person_id:
            mine |= Q(person_id=request.user.person_id)
        if nomination_round.status == RoundStatus.OPEN:
            proposals = proposals.filter(mine)
        else:
            proposals = proposals.filter(Q(status__in=PUBLIC_STATUSES) | mine)
    elif status:
        proposals = proposals.filter(status=status)
    proposals = list(proposals)
    complaints = _open_complaint_counts(nomination_round)
    for p in proposals:
        p.open_complaints = complaints.get(p.pk, 0)
    now = timezone.now()
    listing_over = (
        nomination_round.status == RoundStatus.LISTING
        and nomination_round.listing_ends_at is not None
        and now >= nomination_round.listing_ends_at
    )
    beyond = services.beyond_authority(nomination_round) if manage else []
    return render(
        request,
        "nominations/round_detail.html",
        {
            "round": nomination_round,
            "individuals": [p for p in proposals if p.person_id],
            "collectives": [p for p in proposals if p.collective_id],
            "full": full,
            "manage": manage,
            "status": status,
            "statuses": ProposalStatus.choices,
            "counts": selectors.status_counts(nomination_round) if full else {},
            "can_propose": nomination_round.status == RoundStatus.OPEN
            and now <= nomination_round.deadline
            and nomination_round.kind != RoundKind.RECEIVING
            and bool(allowed_paths(request.user, "nominations.proposal.create")),
            "deadline_passed": now > nomination_round.deadline,
            "listing_over": listing_over,
            "can_complain": nomination_round.status == RoundStatus.LISTING
            and not listing_over
            and may(request.user, "nominations.complaint.raise", nomination_round),
            "open_complaints": list(selectors.open_complaints(nomination_round)) if full else [],
            "beyond": beyond,
            "submissions": [
                s
                for s in selectors.submissions_from(nomination_round)
                if _may_see_submission(request.user, s)
            ],
            "incoming": [
                s
                for s in nomination_round.received.select_related("from_unit", "source_round")
                if _may_see_submission(request.user, s)
            ],
            "awards": [AwardId(a).label for a in nomination_round.awards],
            "results": selectors.proposal_counts_by_award(nomination_round),
            "badges": STATUS_BADGES,
            "council_sessions": _sessions_of(nomination_round),
            "decisions": list(nomination_round.decisions.order_by("-created_at")),
            "can_draft_decision": manage
            and any(
                decides_here(nomination_round.unit, award)
                for award in set(
                    nomination_round.proposals.filter(status=ProposalStatus.PASSED).values_list(
                        "award", flat=True
                    )
                )
            ),
        },
    )


def _open_complaint_counts(nomination_round: NominationRound) -> dict[int, int]:
    return dict(
        Complaint.objects.filter(proposal__round=nomination_round, status=ComplaintStatus.OPEN)
        .values("proposal")
        .annotate(n=Count("id"))
        .values_list("proposal", "n")
    )


def _sessions_of(nomination_round: NominationRound) -> list[Any]:
    from thidua.councils.models import CouncilSession

    return list(
        CouncilSession.objects.filter(round=nomination_round)
        .select_related("council")
        .order_by("held_at")
    )


def _round_action(request: HttpRequest, pk: int, action: str, call: Any, done: str) -> HttpResponse:
    nomination_round = _round(pk)
    require(request.user, action, nomination_round)
    try:
        call(nomination_round)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, done)
    return redirect(_round_url(nomination_round))


@require_POST
@login_required
def round_listing(request: HttpRequest, pk: int) -> HttpResponse:
    return _round_action(
        request,
        pk,
        "nominations.round.manage",
        lambda r: services.listing_start(actor=request.user, nomination_round=r),
        _("Đã công khai danh sách đề nghị trong đơn vị."),
    )


@require_POST
@login_required
def round_council(request: HttpRequest, pk: int) -> HttpResponse:
    return _round_action(
        request,
        pk,
        "nominations.round.manage",
        lambda r: services.round_to_council(actor=request.user, nomination_round=r),
        _("Đã chuyển các đề nghị đủ điều kiện đến Hội đồng Thi đua – Khen thưởng."),
    )


@require_POST
@login_required
def round_recheck(request: HttpRequest, pk: int) -> HttpResponse:
    nomination_round = _round(pk)
    require(request.user, "nominations.round.manage", nomination_round)
    released = services.proposals_recheck(actor=request.user, nomination_round=nomination_round)
    if released:
        messages.success(
            request,
            _("%(n)s đề nghị tạm hoãn đã được xét tiếp: %(names)s")
            % {"n": len(released), "names": ", ".join(p.subject_name for p in released)},
        )
    else:
        messages.info(
            request, _("Các vụ việc còn đang xem xét; chưa có đề nghị nào được xét tiếp.")
        )
    return redirect(_round_url(nomination_round))


# ---------------------------------------------------------------- proposals


@require_http_methods(["GET", "POST"])
@login_required
def proposal_new(request: HttpRequest, pk: int) -> HttpResponse:
    nomination_round = _round(pk)
    require(request.user, "nominations.round.view", nomination_round)
    person = collective = None
    if request.GET.get("person"):
        person = get_object_or_404(Person, pk=request.GET["person"])
    elif request.GET.get("collective"):
        collective = get_object_or_404(Unit, code=request.GET["collective"])
    if person is None and collective is None:
        q = request.GET.get("q", "").strip()
        return render(
            request,
            "nominations/proposal_pick.html",
            {
                "round": nomination_round,
                "q": q,
                "candidates": selectors.candidates_for(request.user, nomination_round, q),
            },
        )
    subject = person or collective
    require(request.user, "nominations.proposal.create", subject)
    achievements = (
        (
            Achievement.objects.filter(person=person)
            if person
            else Achievement.objects.filter(collective=collective)
        )
        .annotate(evidence_count=Count("evidence"))
        .order_by("-school_year", "title")
    )
    awards = selectors.awards_for_subject(nomination_round, collective=collective is not None)
    form = ProposalForm(
        request.POST or None,
        awards=awards,
        achievements=achievements,
        initial={
            "period_from": nomination_round.school_year_id,
            "period_to": nomination_round.school_year_id,
            "award": request.GET.get("award") or (awards[0] if awards else None),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = services.proposal_create(
                actor=request.user,
                round=nomination_round,
                award=data["award"],
                summary=data["summary"],
                period_from=data["period_from"],
                period_to=data["period_to"],
                person=person,
                collective=collective,
                achievement=data["achievement"],
                proposer_role=selectors.proposer_role(request.user, subject),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if proposal.status == ProposalStatus.REFUSED:
                messages.error(
                    request,
                    _("Đề nghị không đủ điều kiện và đã bị từ chối. Lý do: %(r)s")
                    % {"r": "; ".join(services.checks.reasons(proposal.verdict))},
                )
            elif proposal.status == ProposalStatus.DEFERRED:
                messages.warning(
                    request,
                    _("Đề nghị được ghi nhận nhưng tạm hoãn xét: %(r)s")
                    % {"r": "; ".join(services.checks.reasons(proposal.verdict))},
                )
            else:
                messages.success(request, _("Đã gửi đề nghị khen thưởng."))
            return redirect(_proposal_url(proposal))
    return render(
        request,
        "nominations/proposal_form.html",
        {
            "round": nomination_round,
            "form": form,
            "subject": subject,
            "person": person,
            "collective": collective,
            "achievements": achievements,
            "no_awards": not awards,
        },
    )


@require_GET
@login_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    require(request.user, "nominations.proposal.view", proposal)
    nomination_round = proposal.round
    review = may(request.user, "nominations.proposal.review", nomination_round)
    manage = may(request.user, "nominations.round.manage", nomination_round)
    edit = may(request.user, "nominations.proposal.edit", proposal)
    verdict = proposal.verdict or {}
    facts = verdict.get("facts", {})
    titles = facts.get("titles", {})
    years = sorted(set(facts.get("ratings", {})) | set(titles), reverse=True)
    record_rows = [
        (
            year,
            RATING_LABELS.get(facts.get("ratings", {}).get(year), "—"),
            [AwardId(t).label for t in titles.get(year, []) if t in AwardId.values],
        )
        for year in years
    ]
    checked_at = parse_datetime(verdict.get("checked_at") or "")
    record_url = ""
    if proposal.person_id and can_view_record(request.user, proposal.person):
        record_url = reverse("achievements:person_record", args=[proposal.person_id])
    elif proposal.collective_id:
        record_url = reverse("achievements:collective_record", args=[proposal.collective.code])
    return render(
        request,
        "nominations/proposal_detail.html",
        {
            "proposal": proposal,
            "round": nomination_round,
            "verdict": verdict,
            "findings": verdict.get("findings", []),
            "record_rows": record_rows,
            "checked_at": checked_at,
            "outcome_label": VERDICT_LABELS.get(verdict.get("outcome"), "—"),
            "finding_labels": FINDING_LABELS,
            "head_of": verdict.get("head_of", []),
            "events": list(proposal.events.select_related("actor").order_by("at", "id")),
            "complaints": list(proposal.complaints.select_related("raised_by", "resolved_by")),
            "evidence": evidence_of(proposal.achievement) if proposal.achievement_id else [],
            "review": review,
            "manage": manage,
            "edit": edit,
            "can_return": review and proposal.status in RETURNABLE_STATUSES,
            "can_resubmit": edit and proposal.status == ProposalStatus.RETURNED,
            "can_withdraw": edit
            and proposal.status in ACTIVE_STATUSES
            and proposal.status != ProposalStatus.PASSED,
            "can_complain": nomination_round.status == RoundStatus.LISTING
            and proposal.status in (ProposalStatus.PROPOSED, ProposalStatus.DEFERRED)
            and may(request.user, "nominations.complaint.raise", nomination_round),
            "can_answer": may(request.user, "nominations.complaint.resolve", nomination_round),
            "record_url": record_url,
            "badges": STATUS_BADGES,
            "forwarded": list(
                proposal.forwarded_copies.select_related("round__unit").order_by("created_at")
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def proposal_return(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    require(request.user, "nominations.proposal.review", proposal.round)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_return(
                actor=request.user, proposal=proposal, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã trả lại đề nghị cho người đề nghị bổ sung."))
            return redirect(_proposal_url(proposal))
    return form_page(
        request,
        form=form,
        title=_("Trả lại đề nghị để bổ sung"),
        subtitle=str(proposal),
        cancel_url=_proposal_url(proposal),
        submit_label=_("Trả lại"),
        crumbs=_crumbs(
            (str(proposal.round), _round_url(proposal.round)),
            (proposal.subject_name, _proposal_url(proposal)),
            (_("Trả lại"), None),
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def proposal_resubmit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    require(request.user, "nominations.proposal.edit", proposal)
    form = ResubmitForm(request.POST or None, initial={"summary": proposal.summary})
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_resubmit(
                actor=request.user, proposal=proposal, summary=form.cleaned_data["summary"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã gửi lại đề nghị."))
            return redirect(_proposal_url(proposal))
    return form_page(
        request,
        form=form,
        title=_("Bổ sung và gửi lại đề nghị"),
        subtitle=str(proposal),
        intro=_("Lý do trả lại: %(r)s") % {"r": proposal.return_reason},
        cancel_url=_proposal_url(proposal),
        submit_label=_("Gửi lại"),
        crumbs=_crumbs(
            (str(proposal.round), _round_url(proposal.round)),
            (proposal.subject_name, _proposal_url(proposal)),
            (_("Gửi lại"), None),
        ),
    )


@require_POST
@login_required
def proposal_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    require(request.user, "nominations.proposal.edit", proposal)
    try:
        services.proposal_withdraw(
            actor=request.user, proposal=proposal, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("Đã rút đề nghị."))
    return redirect(_proposal_url(proposal))


# ---------------------------------------------------------------- complaints


@require_http_methods(["GET", "POST"])
@login_required
def complaint_new(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    require(request.user, "nominations.complaint.raise", proposal.round)
    if proposal.status not in PUBLIC_STATUSES:
        raise Http404
    form = ComplaintForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.complaint_raise(
                actor=request.user, proposal=proposal, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Đã gửi phản ánh. Đề nghị tạm hoãn xét cho đến khi có trả lời bằng văn bản."),
            )
            return redirect(_round_url(proposal.round))
    return form_page(
        request,
        form=form,
        title=_("Phản ánh về đề nghị khen thưởng"),
        subtitle=f"{proposal.subject_name} – {proposal.get_award_display()}",
        cancel_url=_round_url(proposal.round),
        submit_label=_("Gửi phản ánh"),
        crumbs=_crumbs((str(proposal.round), _round_url(proposal.round)), (_("Phản ánh"), None)),
    )


@require_http_methods(["GET", "POST"])
@login_required
def complaint_answer(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = get_object_or_404(
        Complaint.objects.select_related("proposal", "proposal__round", "proposal__round__unit"),
        pk=pk,
    )
    proposal = complaint.proposal
    require(request.user, "nominations.complaint.resolve", proposal.round)
    form = ComplaintAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.complaint_resolve(
                actor=request.user,
                complaint=complaint,
                answer=form.cleaned_data["answer"],
                upheld=form.cleaned_data["upheld"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã trả lời phản ánh."))
            return redirect(_proposal_url(proposal))
    return form_page(
        request,
        form=form,
        title=_("Trả lời phản ánh"),
        subtitle=f"{proposal.subject_name} – {proposal.get_award_display()}",
        intro=complaint.text,
        cancel_url=_proposal_url(proposal),
        submit_label=_("Gửi trả lời"),
        crumbs=_crumbs(
            (str(proposal.round), _round_url(proposal.round)),
            (proposal.subject_name, _proposal_url(proposal)),
            (_("Trả lời phản ánh"), None),
        ),
    )


# ---------------------------------------------------------------- submissions


@require_http_methods(["GET", "POST"])
@login_required
def submission_new(request: HttpRequest, pk: int) -> HttpResponse:
    nomination_round = _round(pk)
    require(request.user, "nominations.round.manage", nomination_round)
    beyond = services.beyond_authority(nomination_round)
    choices = [(str(p.pk), f"{p.subject_name} – {p.get_award_display()}") for p in beyond]
    head = request.user.person.full_name if request.user.person_id else ""
    form = SubmissionForm(
        request.POST or None,
        choices=choices,
        initial={
            "signed_on": timezone.localdate(),
            "signer_name": head,
            "signer_title": _("Hiệu trưởng")
            if nomination_round.unit.type == "school"
            else _("Trưởng phòng"),
            "proposals": [c[0] for c in choices],
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = [p for p in beyond if str(p.pk) in data["proposals"]]
        try:
            submission = services.submission_create(
                actor=request.user,
                nomination_round=nomination_round,
                number=data["number"],
                signed_on=data["signed_on"],
                signer_name=data["signer_name"],
                signer_title=data["signer_title"],
                proposals=chosen,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Đã trình %(u)s. Đề nghị đang chờ cấp trên xét.")
                % {"u": submission.to_unit.name},
            )
            return redirect("nominations:submission_detail", pk=submission.pk)
    return form_page(
        request,
        form=form,
        title=_("Lập tờ trình đề nghị cấp trên khen thưởng"),
        subtitle=_("%(u)s trình %(p)s")
        % {
            "u": nomination_round.unit.name,
            "p": nomination_round.unit.parent.name if nomination_round.unit.parent else "—",
        },
        intro=_(
            "Các đề nghị Hội đồng đã thông qua nhưng vượt thẩm quyền của đơn vị được gửi lên "
            "cấp trên kèm tờ trình, danh sách và hồ sơ."
        ),
        cancel_url=_round_url(nomination_round),
        submit_label=_("Trình cấp trên"),
        crumbs=_crumbs(
            (str(nomination_round), _round_url(nomination_round)), (_("Lập tờ trình"), None)
        ),
    )


def _submission(pk: int) -> Submission:
    return get_object_or_404(
        Submission.objects.select_related(
            "from_unit", "to_unit", "source_round", "receiving_round", "submitted_by"
        ),
        pk=pk,
    )


def _may_see_submission(user: Any, submission: Submission) -> bool:
    return may(user, "nominations.submission.manage", submission) or may(
        user, "nominations.round.manage", submission.source_round
    )


@require_GET
@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(pk)
    if not _may_see_submission(request.user, submission):
        require(request.user, "nominations.submission.manage", submission)
    receiving = may(request.user, "nominations.submission.manage", submission)
    originals = list(
        Proposal.objects.filter(submission=submission, round=submission.source_round)
        .select_related("person", "person__staff_profile", "collective")
        .order_by("award", "created_at")
    )
    copies = list(
        Proposal.objects.filter(submission=submission, round=submission.receiving_round)
        .select_related("person", "collective")
        .order_by("award", "created_at")
    )
    return render(
        request,
        "nominations/submission_detail.html",
        {
            "submission": submission,
            "originals": originals,
            "copies": copies,
            "receiving": receiving,
            "badges": STATUS_BADGES,
        },
    )


@require_POST
@login_required
def submission_receive(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(pk)
    require(request.user, "nominations.submission.manage", submission)
    try:
        services.submission_receive(actor=request.user, submission=submission)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("Đã tiếp nhận tờ trình; các đề nghị vào đợt xét của đơn vị."))
    return redirect("nominations:submission_detail", pk=submission.pk)


@require_http_methods(["GET", "POST"])
@login_required
def submission_return(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(pk)
    require(request.user, "nominations.submission.manage", submission)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submission_return(
                actor=request.user, submission=submission, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã trả lại tờ trình cho đơn vị trình."))
            return redirect("nominations:submission_detail", pk=submission.pk)
    return form_page(
        request,
        form=form,
        title=_("Trả lại tờ trình"),
        subtitle=f"{submission} – {submission.from_unit.name}",
        cancel_url=reverse("nominations:submission_detail", args=[submission.pk]),
        submit_label=_("Trả lại"),
        crumbs=_crumbs((str(submission), None)),
    )


@require_GET
@login_required
def submission_docx(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(pk)
    if not _may_see_submission(request.user, submission):
        require(request.user, "nominations.submission.manage", submission)
    from .documents import cover_letter_docx

    content = cover_letter_docx(submission)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    name = f"to-trinh-{submission.pk}.docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
