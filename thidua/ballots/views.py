"""Ballot pages: vote by code (QR), vote with a login, kiosk mode, codes PDF, follow and
count a round, paper counts, runoff decisions, and the public receipt list."""

from __future__ import annotations

import functools
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.http import http_date, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.accounts.policy import perms_for, require
from thidua.core.forms import add_service_errors
from thidua.documents.pdf import qr_data_uri, render_pdf

from . import codes, throttle
from .errors import BallotError
from .forms import CodeForm, PaperCountForm, ReceiptCheckForm, TieDecisionForm
from .models import Election, ElectionMethod, ElectionMode, ElectionStatus, PaperCountStatus
from .selectors import current_round_of, receipts_of, series_of, tally, turnout_of
from .services import (
    BallotRefused,
    ballot_for_code,
    cast_by_code,
    cast_by_person,
    codes_issue,
    election_close,
    election_decide_tie,
    election_open,
    election_publish,
    has_voted,
    paper_count_confirm,
    paper_count_enter,
    paper_count_reject,
)

ELECTION_ACTIONS = [
    "ballots.election.manage",
    "ballots.election.view",
    "ballots.paper.confirm",
    "ballots.election.decide_tie",
]


def _ballot_context(election: Election) -> dict[str, Any]:
    return {
        "election": election,
        "candidates": list(election.candidates.order_by("position", "pk")),
        "is_yes_no": election.method == ElectionMethod.YES_NO,
    }


def _submitted(request: HttpRequest) -> tuple[list[str], dict[str, str]]:
    choices = request.POST.getlist("choice")
    marks = {k[5:]: v for k, v in request.POST.items() if k.startswith("mark_")}
    return choices, marks


# ---------------------------------------------------------------- voting by code


@never_cache
@require_http_methods(["GET", "POST"])
def vote_entry(request: HttpRequest) -> HttpResponse:
    """Type the code from the paper slip (students have no login)."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _code_ballot_page(request, form.cleaned_data["code"], form)
    return render(request, "ballots/vote_entry.html", {"form": form})


def _code_form_error(code: str, message: str) -> CodeForm:
    """The code form, bound to what was typed, carrying a refusal message."""
    form = CodeForm({"code": codes.display(codes.normalize(code))})
    form.is_valid()
    form.add_error(None, message)
    return form


def _code_ballot_page(
    request: HttpRequest,
    code: str,
    form: CodeForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    if throttle.blocked(request):
        message = _(
            "Em đã nhập sai mã quá nhiều lần. Hãy chờ 10 phút rồi thử lại hoặc nhờ thầy cô giúp."
        )
        if form is not None:
            form.add_error(None, message)
        else:
            form = _code_form_error(code, message)
        return render(request, "ballots/vote_entry.html", {"form": form}, status=429)
    try:
        found = ballot_for_code(code)
    except BallotRefused as exc:
        if exc.code == BallotError.CODE_UNKNOWN:
            throttle.record_failure(request)
        if form is not None:
            form.add_error(None, exc.messages[0])
        else:
            form = _code_form_error(code, exc.messages[0])
        return render(request, "ballots/vote_entry.html", {"form": form}, status=200)
    context = {
        **_ballot_context(found.election),
        "code": codes.display(codes.normalize(code)),
        "action": reverse("ballots:vote_code", args=[codes.normalize(code)]),
        "error": error,
    }
    return render(request, "ballots/ballot_form.html", context, status=status)


def _no_store(view: Any) -> Any:
    """never_cache's headers, written directly (the vote lane runs a city's ballots)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response.headers["Expires"] = http_date()
        response.headers["Cache-Control"] = NO_STORE
        return response

    return wrapped


NO_STORE = "max-age=0, no-cache, no-store, must-revalidate, private"


@_no_store
@csrf_exempt  # the one-time code in the URL is the credential, not a cookie: no CSRF risk
@require_http_methods(["GET", "POST"])
def vote_by_code(request: HttpRequest, code: str) -> HttpResponse:
    """The QR target: the ballot for this code; POST casts it and shows the receipt once."""
    if request.method == "GET":
        return _code_ballot_page(request, code)
    if throttle.blocked(request):
        return _code_ballot_page(request, code)
    choices, marks = _submitted(request)
    try:
        receipt = cast_by_code(code=code, choices=choices, marks=marks)
    except BallotRefused as exc:
        if exc.code in (
            BallotError.ONE_CHOICE_REQUIRED,
            BallotError.NOT_A_CANDIDATE,
            BallotError.MARKS_INCOMPLETE,
        ):
            return _code_ballot_page(request, code, error=exc.messages[0], status=400)
        if exc.code == BallotError.CODE_UNKNOWN:
            throttle.record_failure(request)
        form = _code_form_error(code, exc.messages[0])
        return render(request, "ballots/vote_entry.html", {"form": form}, status=409)
    return _receipt_response(request, receipt)


_RECEIPT_PAGE = (
    '<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>'
    '<link rel="stylesheet" href="{bootstrap}"><link rel="stylesheet" href="{css}"></head>'
    '<body><nav class="navbar navbar-dark bg-primary"><div class="container-fluid">'
    '<span class="navbar-brand fw-semibold">{site}</span></div></nav>'
    '<main class="container-lg py-4"><div class="row justify-content-center">'
    '<div class="col-md-8 col-lg-6 text-center"><p class="display-6">✔</p>'
    '<h1 class="h3">{done}</h1><p class="mt-4 mb-1">{label}</p>'
    '<p class="display-6 fw-bold" id="receipt-code">{receipt}</p>'
    '<p class="small text-muted">{explain}</p></div></div></main></body></html>'
)


@functools.cache
def _static(path: str) -> str:
    """A static file's URL: fixed for the life of the process (hashed names)."""
    return static(path)


def _receipt_response(request: HttpRequest, receipt: str) -> HttpResponse:
    """The receipt page after a code vote. A whole city votes through this page in the same
    week, so it is a small fixed page filled in directly rather than a full template."""
    page = _receipt_page(translation.get_language())
    return HttpResponse(page.replace("{receipt}", escape(codes.display(receipt))))


@functools.lru_cache(maxsize=8)
def _receipt_page(language: str) -> str:
    """The receipt page in ``language`` with a ``{receipt}`` slot (built once per language)."""
    with translation.override(language):
        return _RECEIPT_PAGE.format(
            language=language,
            title=escape(_("Đã bỏ phiếu")),
            bootstrap=_static("js-lib-bootstrap5/css/bootstrap.min.css"),
            css=_static("web/thidua.css"),
            site=escape(settings.THIDUA_SITE_NAME),
            done=escape(_("Em đã bỏ phiếu xong. Cảm ơn em!")),
            label=escape(_("Mã biên nhận của em (chỉ hiện một lần):")),
            receipt="{receipt}",
            explain=escape(
                _(
                    "Sau khi công bố kết quả, em có thể kiểm tra mã này có trong danh sách "
                    "phiếu đã được đếm. Mã biên nhận không cho biết em đã chọn ai."
                )
            ),
        )


# ---------------------------------------------------------------- voting with a login


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def vote_as_user(request: HttpRequest, pk: int) -> HttpResponse:
    election = get_object_or_404(Election.objects.select_related("unit"), pk=pk)
    person = request.user.person
    if person is None:
        raise PermissionDenied
    context = {**_ballot_context(election), "action": request.path, "error": ""}
    if request.method == "POST":
        choices, marks = _submitted(request)
        try:
            receipt = cast_by_person(election=election, person=person, choices=choices, marks=marks)
        except BallotRefused as exc:
            context["error"] = exc.messages[0]
            return render(request, "ballots/ballot_form.html", context, status=400)
        return render(request, "ballots/receipt.html", {"receipt": codes.display(receipt)})
    if has_voted(election, person):
        messages.info(request, _("Em đã bỏ phiếu trong vòng này rồi."))
        return redirect("web:home")
    return render(request, "ballots/ballot_form.html", context)


# ---------------------------------------------------------------- kiosk


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def kiosk(request: HttpRequest, pk: int) -> HttpResponse:
    """One classroom device: each student types their code, votes, and hands over."""
    election = get_object_or_404(Election.objects.select_related("unit"), pk=pk)
    require(request.user, "ballots.election.manage", election)
    form = CodeForm(request.POST or None)
    context: dict[str, Any] = {"election": election, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            found = ballot_for_code(form.cleaned_data["code"])
            if found.root_id != election.series_root_id:
                raise BallotRefused(
                    _("Mã này không thuộc cuộc bỏ phiếu đang mở trên máy."),
                    code=BallotError.CODE_UNKNOWN,
                )
        except BallotRefused as exc:
            form.add_error(None, exc.messages[0])
        else:
            return render(
                request,
                "ballots/ballot_form.html",
                {
                    **_ballot_context(found.election),
                    "kiosk": True,
                    "error": "",
                    "code": codes.display(codes.normalize(form.cleaned_data["code"])),
                    "action": reverse("ballots:kiosk_cast", args=[election.pk]),
                },
            )
    context["turnout"] = turnout_of(current_round_of(election))
    return render(request, "ballots/kiosk.html", context)


@never_cache
@login_required
@require_POST
def kiosk_cast(request: HttpRequest, pk: int) -> HttpResponse:
    election = get_object_or_404(Election, pk=pk)
    require(request.user, "ballots.election.manage", election)
    code = request.POST.get("code", "")
    choices, marks = _submitted(request)
    try:
        found = ballot_for_code(code)
        if found.root_id != election.series_root_id:
            raise BallotRefused(
                _("Mã này không thuộc cuộc bỏ phiếu đang mở trên máy."),
                code=BallotError.CODE_UNKNOWN,
            )
        receipt = cast_by_code(code=code, choices=choices, marks=marks)
    except BallotRefused as exc:
        if exc.code in (
            BallotError.ONE_CHOICE_REQUIRED,
            BallotError.NOT_A_CANDIDATE,
            BallotError.MARKS_INCOMPLETE,
        ):
            found = ballot_for_code(code)
            return render(
                request,
                "ballots/ballot_form.html",
                {
                    **_ballot_context(found.election),
                    "kiosk": True,
                    "error": exc.messages[0],
                    "code": codes.display(codes.normalize(code)),
                    "action": reverse("ballots:kiosk_cast", args=[election.pk]),
                },
                status=400,
            )
        form = _code_form_error("", exc.messages[0])
        return render(
            request, "ballots/kiosk.html", {"election": election, "form": form}, status=409
        )
    return render(
        request,
        "ballots/receipt.html",
        {
            "receipt": codes.display(receipt),
            "kiosk": True,
            "next_url": reverse("ballots:kiosk", args=[election.pk]),
        },
    )


# ---------------------------------------------------------------- follow, count, publish


@login_required
@require_GET
def election_detail(request: HttpRequest, pk: int) -> HttpResponse:
    election = get_object_or_404(Election.objects.select_related("unit", "root"), pk=pk)
    require(request.user, "ballots.election.view", election)
    can = perms_for(request.user, election, ELECTION_ACTIONS)
    rounds = list(series_of(election).order_by("round_number"))
    context: dict[str, Any] = {
        "election": election,
        "can": can,
        "rounds": rounds,
        "candidates": election.candidates.order_by("position"),
        "voted": election.ballot_count,
    }
    context["voted"], context["roll"] = turnout_of(election)
    if election.status in (ElectionStatus.CLOSED, ElectionStatus.PUBLISHED):
        context["tally"] = tally(election)
        if (
            can["ballots_election_decide_tie"]
            and context["tally"].tied_first
            and election.round_number > 1
            and not election.tie_winner_id
        ):
            context["tie_form"] = TieDecisionForm(candidates=context["tally"].tied_first)
    if election.mode == ElectionMode.PAPER:
        context["paper_counts"] = election.paper_counts.select_related(
            "entered_by", "confirmed_by"
        ).order_by("-created_at")
        if election.status == ElectionStatus.OPEN and can["ballots_election_manage"]:
            context["paper_form"] = PaperCountForm(candidates=list(context["candidates"]))
    return render(request, "ballots/election_detail.html", context)


def _safe_next(request: HttpRequest) -> str:
    """A same-site page to come back to (e.g. the class round page), never an outside URL."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return ""


def _action(
    request: HttpRequest, pk: int, action: str, service: Any, success: str, **kwargs: Any
) -> HttpResponse:
    election = get_object_or_404(Election, pk=pk)
    require(request.user, action, election)
    try:
        service(actor=request.user, election=election, **kwargs)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect(_safe_next(request) or reverse("ballots:election_detail", args=[pk]))


@login_required
@require_POST
def election_open_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(request, pk, "ballots.election.manage", election_open, _("Đã mở bỏ phiếu."))


@login_required
@require_POST
def election_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request, pk, "ballots.election.manage", election_close, _("Đã kết thúc bỏ phiếu.")
    )


@login_required
@require_POST
def election_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request, pk, "ballots.election.manage", election_publish, _("Đã công bố kết quả.")
    )


@login_required
@require_POST
def election_tie_view(request: HttpRequest, pk: int) -> HttpResponse:
    election = get_object_or_404(Election, pk=pk)
    require(request.user, "ballots.election.decide_tie", election)
    candidate = election.candidates.filter(pk=request.POST.get("candidate") or 0).first()
    if candidate is None:
        messages.error(request, _("Hãy chọn một người trong số những người hòa phiếu."))
        return redirect("ballots:election_detail", pk)
    return _action(
        request,
        pk,
        "ballots.election.decide_tie",
        election_decide_tie,
        _("Đã ghi quyết định."),
        candidate=candidate,
        note=request.POST.get("note", ""),
    )


@login_required
@require_POST
def codes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """New one-time codes for the roll, printed once: one slip per voter with a QR code."""
    election = get_object_or_404(Election.objects.select_related("unit", "unit__parent"), pk=pk)
    require(request.user, "ballots.election.manage", election)
    try:
        issued = codes_issue(actor=request.user, election=election)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("ballots:election_detail", pk)
    slips = []
    for voter, code in issued:
        url = request.build_absolute_uri(reverse("ballots:vote_code", args=[code]))
        slips.append(
            {
                "label": voter.label,
                "code": codes.display(code),
                "qr": qr_data_uri(url),
                "url": request.build_absolute_uri(reverse("ballots:vote_entry")),
            }
        )
    pdf = render_pdf(
        "ballots/code_sheet.html",
        {"election": election, "slips": slips, "generated_at": timezone.localtime()},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="phieu-ma-{election.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def paper_enter_view(request: HttpRequest, pk: int) -> HttpResponse:
    election = get_object_or_404(Election, pk=pk)
    require(request.user, "ballots.election.manage", election)
    candidates = list(election.candidates.order_by("position"))
    form = PaperCountForm(request.POST, candidates=candidates)
    if form.is_valid():
        try:
            paper_count_enter(
                actor=request.user,
                election=election,
                counts=form.counts(),
                ballots_issued=form.cleaned_data["ballots_issued"],
                blank=form.cleaned_data["blank"],
                invalid=form.cleaned_data["invalid"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Đã nhập kết quả kiểm phiếu. Cần một người khác xác "
                    "nhận trước khi kết quả được tính."
                ),
            )
            return redirect("ballots:election_detail", pk)
    return render(
        request, "ballots/paper_form.html", {"election": election, "form": form}, status=400
    )


@login_required
@require_POST
def paper_confirm_view(request: HttpRequest, pk: int, paper_pk: int) -> HttpResponse:
    election = get_object_or_404(Election, pk=pk)
    require(request.user, "ballots.paper.confirm", election)
    paper = get_object_or_404(election.paper_counts, pk=paper_pk, status=PaperCountStatus.ENTERED)
    try:
        if request.POST.get("decision") == "reject":
            paper_count_reject(actor=request.user, paper=paper, note=request.POST.get("note", ""))
            messages.success(request, _("Đã từ chối kết quả kiểm phiếu."))
        else:
            paper_count_confirm(actor=request.user, paper=paper)
            messages.success(request, _("Đã xác nhận kết quả kiểm phiếu."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("ballots:election_detail", pk)


# ---------------------------------------------------------------- public receipts


@require_http_methods(["GET", "POST"])
def receipts_public(request: HttpRequest, pk: int) -> HttpResponse:
    """After publication anyone can check that their receipt was counted."""
    election = get_object_or_404(Election, pk=pk)
    receipts = receipts_of(election)
    form = ReceiptCheckForm(request.POST or None)
    found = None
    if request.method == "POST" and form.is_valid():
        wanted = codes.normalize(form.cleaned_data["receipt"])
        found = wanted in set(receipts)
    return render(
        request,
        "ballots/receipts.html",
        {
            "election": election,
            "receipts": [codes.display(r) for r in receipts],
            "published": election.status == ElectionStatus.PUBLISHED,
            "form": form,
            "found": found,
        },
    )
