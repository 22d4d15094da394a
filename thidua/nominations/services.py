"""Writes on nomination rounds and proposals: propose (with the frozen verdict of the rules
engine), return and resubmit, public listing and complaints, deferral and release, council
results, and submissions to the higher unit. Every step is audited and written to the
proposal's own processing history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.policy import may, paths_of
from thidua.achievements.catalog import AwardId
from thidua.achievements.models import AwardRecord
from thidua.core.audit import audit, register_actions
from thidua.core.errors import field_error
from thidua.core.vietnamese import nfc
from thidua.org.models import SchoolYear, Unit
from thidua.people.record_services import pending_matter_close, pending_matter_open
from thidua.people.records import PendingMatterKind

from . import checks
from .authority import decides_here
from .errors import NominationError
from .models import (
    ACTIVE_STATUSES,
    RETURNABLE_STATUSES,
    Complaint,
    ComplaintStatus,
    NominationRound,
    Proposal,
    ProposalEvent,
    ProposalStatus,
    RoundKind,
    RoundStatus,
    Submission,
    SubmissionStatus,
)
from .policies import subject_paths

register_actions(
    {
        "nominations.round.open": _("Mở đợt xét khen thưởng"),
        "nominations.round.listing": _("Công khai danh sách đề nghị"),
        "nominations.round.council": _("Chuyển danh sách đề nghị sang Hội đồng"),
        "nominations.proposal.create": _("Đề nghị khen thưởng"),
        "nominations.proposal.return": _("Trả lại đề nghị"),
        "nominations.proposal.resubmit": _("Gửi lại đề nghị đã bổ sung"),
        "nominations.proposal.withdraw": _("Rút đề nghị"),
        "nominations.proposal.recheck": _("Xét lại đề nghị tạm hoãn"),
        "nominations.proposal.council": _("Ghi kết quả hội đồng cho đề nghị"),
        "nominations.proposal.awarded": _("Đề nghị được khen thưởng"),
        "nominations.complaint.raise": _("Phản ánh về đề nghị khen thưởng"),
        "nominations.complaint.resolve": _("Trả lời phản ánh"),
        "nominations.submission.create": _("Trình cấp trên đề nghị khen thưởng"),
        "nominations.submission.receive": _("Tiếp nhận tờ trình"),
        "nominations.submission.return": _("Trả lại tờ trình"),
    }
)

COUNCIL_DESK = _("Thường trực Hội đồng Thi đua – Khen thưởng")


def _refuse(message: Any, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def log(
    proposal: Proposal, actor: Any, action: str, *, status_from: str = "", note: str = ""
) -> ProposalEvent:
    """Append a step to the proposal's processing history."""
    user = _user(actor)
    return ProposalEvent.objects.create(
        proposal=proposal,
        actor=user,
        actor_name=(user.get_full_name() if user else "hệ thống"),
        action=action,
        status_from=status_from,
        status_to=proposal.status,
        holder=proposal.holder,
        note=note,
    )


# ---------------------------------------------------------------- rounds


@transaction.atomic
def round_open(
    *,
    actor: Any,
    unit: Unit,
    school_year: SchoolYear,
    title: str,
    kind: str,
    awards: Iterable[str],
    deadline: dt.datetime,
    requires_evidence: bool = True,
    listing_days: int = 5,
    movement: Any = None,
    cap_share: Any = None,
    cap_basis: str = "",
) -> NominationRound:
    """Open a round of proposals with its deadline and the awards it covers."""
    awards = [a for a in dict.fromkeys(awards) if a in AwardId.values]
    if not awards:
        raise field_error(
            "awards",
            _("Hãy chọn ít nhất một danh hiệu hoặc hình thức khen thưởng."),
            NominationError.NO_AWARDS,
        )
    nomination_round = NominationRound(
        unit=unit,
        school_year=school_year,
        title=nfc(title),
        kind=kind,
        awards=awards,
        deadline=deadline,
        requires_evidence=requires_evidence,
        listing_days=listing_days,
        movement=movement,
        cap_share=cap_share,
        cap_basis=nfc(cap_basis),
        created_by=_user(actor),
    )
    nomination_round.full_clean()
    nomination_round.save()
    audit(actor, "nominations.round.open", nomination_round, unit_path=unit.path)
    return nomination_round


def _apply_verdict(proposal: Proposal, actor: Any = None) -> None:
    """Freeze the rules engine's verdict on the proposal and set its status from it."""
    verdict = checks.verdict_for(proposal, actor=actor)
    proposal.verdict = verdict
    outcome = verdict["outcome"]
    if outcome == "ineligible":
        proposal.status = ProposalStatus.REFUSED
    elif outcome == "deferred":
        proposal.status = ProposalStatus.DEFERRED
    else:
        proposal.status = ProposalStatus.PROPOSED


def _check_two_forms(achievement: Any, award: str, exclude: Proposal | None = None) -> None:
    """R-GEN-1: one achievement, one award form."""
    if achievement is None:
        return
    held = AwardRecord.objects.filter(achievement=achievement, revoked_on__isnull=True).first()
    if held is not None:
        raise _refuse(
            _(
                "Thành tích này đã được khen bằng “%(form)s” (quyết định %(n)s); một "
                "thành tích không được khen nhiều hình thức (Luật Thi đua, khen thưởng "
                "2022, Điều 5)."
            )
            % {"form": held.get_award_display(), "n": held.decision_number or "—"},
            NominationError.TWO_FORMS,
        )
    other = Proposal.objects.filter(achievement=achievement, status__in=ACTIVE_STATUSES)
    if exclude is not None:
        other = other.exclude(pk=exclude.pk)
    other = other.exclude(award=award).first() or other.filter(award=award).first()
    if other is not None:
        raise _refuse(
            _(
                "Thành tích này đang được đề nghị “%(form)s” trong %(r)s; một thành tích "
                "không được đề nghị hai hình thức khen thưởng."
            )
            % {"form": other.get_award_display(), "r": other.round.title},
            NominationError.TWO_FORMS,
        )


@transaction.atomic
def proposal_create(
    *,
    actor: Any,
    round: NominationRound,
    award: str,
    summary: str,
    period_from: SchoolYear,
    period_to: SchoolYear,
    person: Any = None,
    collective: Unit | None = None,
    achievement: Any = None,
    proposer_role: str = "",
    now: dt.datetime | None = None,
) -> Proposal:
    """Propose a person or a collective; the rules engine's verdict is frozen on it.

    An ineligible subject is refused with the reasons; one with a matter pending is deferred.
    """
    now = now or timezone.now()
    nomination_round = NominationRound.objects.select_for_update().get(pk=round.pk)
    if (person is None) == (collective is None):
        raise _refuse(_("Hãy chọn một cá nhân hoặc một tập thể."), NominationError.OUT_OF_SCOPE)
    if nomination_round.status != RoundStatus.OPEN:
        raise _refuse(_("Đợt xét đã hết nhận đề nghị."), NominationError.ROUND_CLOSED)
    if now > nomination_round.deadline:
        raise _refuse(
            _("Đã quá hạn gửi đề nghị (%(d)s).")
            % {"d": timezone.localtime(nomination_round.deadline).strftime("%H:%M ngày %d/%m/%Y")},
            NominationError.DEADLINE_PASSED,
        )
    if award not in nomination_round.awards:
        raise field_error(
            "award",
            _("Đợt xét này không xét “%(a)s”.") % {"a": AwardId(award).label},
            NominationError.AWARD_NOT_IN_ROUND,
        )
    subject = collective if collective is not None else person
    paths = paths_of(subject_paths(subject))
    inside = any(p.startswith(nomination_round.unit.path) for p in paths)
    if not inside or not may(actor, "nominations.proposal.create", subject):
        raise _refuse(
            _("%(s)s không thuộc phạm vi bạn được đề nghị khen thưởng.") % {"s": subject},
            NominationError.OUT_OF_SCOPE,
        )
    if period_to.code < period_from.code:
        raise field_error(
            "period_to",
            _("Năm học kết thúc phải sau năm học bắt đầu."),
            NominationError.PERIOD_ORDER,
        )
    if nomination_round.requires_evidence and (
        achievement is None or not achievement.evidence.exists()
    ):
        raise field_error(
            "achievement",
            _(
                "Đợt xét yêu cầu minh chứng: hãy chọn thành tích đã có "
                "tệp hoặc đường dẫn minh chứng."
            ),
            NominationError.EVIDENCE_REQUIRED,
        )
    duplicate = Proposal.objects.filter(
        round=nomination_round, award=award, status__in=ACTIVE_STATUSES
    )
    duplicate = (
        duplicate.filter(person=person) if person else duplicate.filter(collective=collective)
    )
    if duplicate.exists():
        raise _refuse(
            _("%(s)s đã được đề nghị “%(a)s” trong đợt này.")
            % {"s": subject, "a": AwardId(award).label},
            NominationError.DUPLICATE,
        )
    _check_two_forms(achievement, award)
    summary = nfc(summary)
    if len(summary) < 10:
        raise field_error(
            "summary",
            _("Hãy tóm tắt thành tích (ít nhất 10 ký tự)."),
            NominationError.REASON_REQUIRED,
        )
    proposal = Proposal(
        round=nomination_round,
        person=person,
        collective=collective,
        award=award,
        achievement=achievement,
        summary=summary,
        period_from=period_from,
        period_to=period_to,
        holder=nomination_round.unit,
        holder_note=str(COUNCIL_DESK),
        proposed_by=_user(actor),
        proposer_role=nfc(proposer_role),
    )
    _apply_verdict(proposal, actor)
    proposal.full_clean()
    proposal.save()
    if proposal.status == ProposalStatus.REFUSED:
        note = "; ".join(checks.reasons(proposal.verdict))
        log(proposal, actor, _("Đề nghị – không đủ điều kiện"), note=note)
    elif proposal.status == ProposalStatus.DEFERRED:
        log(
            proposal,
            actor,
            _("Đề nghị – tạm hoãn xét"),
            note="; ".join(checks.reasons(proposal.verdict)),
        )
    else:
        log(proposal, actor, _("Gửi đề nghị"))
    audit(
        actor,
        "nominations.proposal.create",
        proposal,
        unit_path=nomination_round.unit.path,
        outcome=proposal.verdict.get("outcome"),
    )
    return proposal


def _locked(proposal: Proposal) -> Proposal:
    return (
        Proposal.objects.select_for_update().select_related("round", "holder").get(pk=proposal.pk)
    )


@transaction.atomic
def proposal_return(*, actor: Any, proposal: Proposal, reason: str) -> Proposal:
    """A reviewer sends a proposal back to its proposer to fix, with a mandatory reason."""
    proposal = _locked(proposal)
    if proposal.status not in RETURNABLE_STATUSES:
        raise _refuse(_("Chỉ trả lại được đề nghị đang chờ xét."), NominationError.WRONG_STATE)
    reason = nfc(reason)
    if not reason:
        raise field_error("reason", _("Hãy ghi lý do trả lại."), NominationError.REASON_REQUIRED)
    before = proposal.status
    proposal.status = ProposalStatus.RETURNED
    proposal.return_reason = reason
    proposal.holder_note = str(_("Người đề nghị bổ sung"))
    proposal.save(update_fields=["status", "return_reason", "holder_note", "updated_at"])
    log(proposal, actor, _("Trả lại để bổ sung"), status_from=before, note=reason)
    audit(actor, "nominations.proposal.return", proposal, unit_path=proposal.round.unit.path)
    return proposal


@transaction.atomic
def proposal_resubmit(
    *, actor: Any, proposal: Proposal, summary: str, achievement: Any = None
) -> Proposal:
    """The proposer fixes a returned proposal and sends it again (re-checked by the engine)."""
    proposal = _locked(proposal)
    if proposal.status != ProposalStatus.RETURNED:
        raise _refuse(_("Chỉ gửi lại được đề nghị đã bị trả lại."), NominationError.WRONG_STATE)
    if (
        proposal.round.requires_evidence
        and (achievement or proposal.achievement) is not None
        and not (achievement or proposal.achievement).evidence.exists()
    ):
        raise field_error(
            "achievement", _("Đợt xét yêu cầu minh chứng."), NominationError.EVIDENCE_REQUIRED
        )
    if achievement is not None and achievement != proposal.achievement:
        _check_two_forms(achievement, proposal.award, exclude=proposal)
        proposal.achievement = achievement
    proposal.summary = nfc(summary) or proposal.summary
    before = proposal.status
    _apply_verdict(proposal, actor)
    if proposal.status == ProposalStatus.PROPOSED and proposal.round.status == RoundStatus.COUNCIL:
        # returned from the council's agenda: it goes back before the council
        proposal.status = ProposalStatus.IN_COUNCIL
    proposal.holder_note = str(COUNCIL_DESK)
    proposal.save()
    log(proposal, actor, _("Gửi lại sau khi bổ sung"), status_from=before)
    audit(actor, "nominations.proposal.resubmit", proposal, unit_path=proposal.round.unit.path)
    return proposal


@transaction.atomic
def proposal_withdraw(*, actor: Any, proposal: Proposal, reason: str = "") -> Proposal:
    proposal = _locked(proposal)
    if proposal.status in (
        ProposalStatus.AWARDED,
        ProposalStatus.FORWARDED,
        ProposalStatus.WITHDRAWN,
    ):
        raise _refuse(_("Không rút được đề nghị ở trạng thái này."), NominationError.WRONG_STATE)
    before = proposal.status
    proposal.status = ProposalStatus.WITHDRAWN
    proposal.save(update_fields=["status", "updated_at"])
    log(proposal, actor, _("Rút đề nghị"), status_from=before, note=nfc(reason))
    audit(actor, "nominations.proposal.withdraw", proposal, unit_path=proposal.round.unit.path)
    return proposal


@transaction.atomic
def proposals_recheck(*, actor: Any, nomination_round: NominationRound) -> list[Proposal]:
    """Deferred proposals come back once their pending matter is closed (R-GEN-7)."""
    released = []
    for proposal in Proposal.objects.select_for_update().filter(
        round=nomination_round, status=ProposalStatus.DEFERRED
    ):
        if proposal.complaints.filter(status=ComplaintStatus.OPEN).exists():
            continue
        before = proposal.status
        _apply_verdict(proposal, actor)
        if proposal.status == ProposalStatus.DEFERRED:
            continue
        proposal.save()
        note = "; ".join(checks.reasons(proposal.verdict))
        log(
            proposal,
            actor,
            _("Vụ việc đã kết thúc: đề nghị được xét tiếp")
            if proposal.status == ProposalStatus.PROPOSED
            else _("Xét lại: không đủ điều kiện"),
            status_from=before,
            note=note,
        )
        audit(actor, "nominations.proposal.recheck", proposal, unit_path=nomination_round.unit.path)
        released.append(proposal)
    return released


# ---------------------------------------------------------------- public listing, complaints


@transaction.atomic
def listing_start(
    *, actor: Any, nomination_round: NominationRound, now: dt.datetime | None = None
) -> NominationRound:
    """Publish the list of proposals within the unit for the set number of days (R-HS-2)."""
    nomination_round = NominationRound.objects.select_for_update().get(pk=nomination_round.pk)
    if nomination_round.status != RoundStatus.OPEN:
        raise _refuse(_("Đợt xét không ở giai đoạn nhận đề nghị."), NominationError.WRONG_STATE)
    now = now or timezone.now()
    nomination_round.status = RoundStatus.LISTING
    nomination_round.listing_started_at = now
    nomination_round.listing_ends_at = now + dt.timedelta(days=nomination_round.listing_days)
    nomination_round.save(
        update_fields=["status", "listing_started_at", "listing_ends_at", "updated_at"]
    )
    audit(
        actor, "nominations.round.listing", nomination_round, unit_path=nomination_round.unit.path
    )
    return nomination_round


@transaction.atomic
def complaint_raise(*, actor: Any, proposal: Proposal, text: str) -> Complaint:
    """Anyone in the unit may object during the listing; the proposal waits for the answer."""
    proposal = _locked(proposal)
    if proposal.round.status != RoundStatus.LISTING:
        raise _refuse(
            _("Chỉ phản ánh được trong thời gian công khai danh sách."), NominationError.NOT_LISTING
        )
    if proposal.status not in (ProposalStatus.PROPOSED, ProposalStatus.DEFERRED):
        raise _refuse(
            _("Đề nghị này không còn trong danh sách công khai."), NominationError.WRONG_STATE
        )
    text = nfc(text)
    if len(text) < 10:
        raise field_error(
            "text",
            _("Hãy ghi rõ nội dung phản ánh (ít nhất 10 ký tự)."),
            NominationError.REASON_REQUIRED,
        )
    matter = pending_matter_open(
        actor=actor,
        kind=PendingMatterKind.COMPLAINT,
        opened_on=timezone.localdate(),
        person=proposal.person,
        collective=proposal.collective,
        reference=str(_("Phản ánh khi công khai %(r)s") % {"r": proposal.round.title})[:200],
        note=text[:500],
    )
    complaint = Complaint.objects.create(
        proposal=proposal, raised_by=_user(actor), text=text, pending_matter=matter
    )
    before = proposal.status
    proposal.status = ProposalStatus.DEFERRED
    proposal.save(update_fields=["status", "updated_at"])
    log(proposal, actor, _("Có phản ánh: tạm hoãn xét đến khi trả lời"), status_from=before)
    audit(actor, "nominations.complaint.raise", complaint, unit_path=proposal.round.unit.path)
    return complaint


@transaction.atomic
def complaint_resolve(*, actor: Any, complaint: Complaint, answer: str, upheld: bool) -> Complaint:
    """Answer a complaint in writing; the pending matter closes and the proposal is re-judged
    (refused when the complaint is upheld)."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.status != ComplaintStatus.OPEN:
        raise _refuse(_("Phản ánh này đã được trả lời."), NominationError.COMPLAINT_NOT_OPEN)
    answer = nfc(answer)
    if len(answer) < 10:
        raise field_error(
            "answer",
            _("Hãy ghi nội dung trả lời (ít nhất 10 ký tự)."),
            NominationError.REASON_REQUIRED,
        )
    complaint.status = ComplaintStatus.RESOLVED
    complaint.answer = answer
    complaint.upheld = upheld
    complaint.resolved_by = _user(actor)
    complaint.resolved_at = timezone.now()
    complaint.save()
    if complaint.pending_matter is not None:
        pending_matter_close(
            actor=actor,
            matter=complaint.pending_matter,
            closed_on=timezone.localdate(),
            outcome=answer[:500],
        )
    proposal = _locked(complaint.proposal)
    before = proposal.status
    if upheld:
        proposal.status = ProposalStatus.REFUSED
        proposal.save(update_fields=["status", "updated_at"])
        log(proposal, actor, _("Phản ánh đúng: không xét đề nghị"), status_from=before, note=answer)
    elif not proposal.complaints.filter(status=ComplaintStatus.OPEN).exists():
        _apply_verdict(proposal, actor)
        proposal.save()
        log(
            proposal,
            actor,
            _("Đã trả lời phản ánh: đề nghị được xét tiếp")
            if proposal.status == ProposalStatus.PROPOSED
            else _("Đã trả lời phản ánh"),
            status_from=before,
            note=answer,
        )
    audit(
        actor,
        "nominations.complaint.resolve",
        complaint,
        unit_path=proposal.round.unit.path,
        upheld=upheld,
    )
    return complaint


@transaction.atomic
def round_to_council(
    *, actor: Any, nomination_round: NominationRound, now: dt.datetime | None = None
) -> NominationRound:
    """After the listing period the eligible proposals go before the council."""
    nomination_round = NominationRound.objects.select_for_update().get(pk=nomination_round.pk)
    now = now or timezone.now()
    if nomination_round.status != RoundStatus.LISTING:
        raise _refuse(
            _("Hãy công khai danh sách trước khi chuyển Hội đồng."), NominationError.NOT_LISTING
        )
    if nomination_round.listing_ends_at and now < nomination_round.listing_ends_at:
        raise _refuse(
            _("Chưa hết thời gian công khai (đến %(d)s).")
            % {
                "d": timezone.localtime(nomination_round.listing_ends_at).strftime(
                    "%H:%M ngày %d/%m/%Y"
                )
            },
            NominationError.LISTING_NOT_OVER,
        )
    proposals_recheck(actor=actor, nomination_round=nomination_round)
    nomination_round.status = RoundStatus.COUNCIL
    nomination_round.save(update_fields=["status", "updated_at"])
    for proposal in nomination_round.proposals.filter(status=ProposalStatus.PROPOSED):
        proposal.status = ProposalStatus.IN_COUNCIL
        proposal.holder_note = str(_("Hội đồng Thi đua – Khen thưởng"))
        proposal.save(update_fields=["status", "holder_note", "updated_at"])
        log(proposal, actor, _("Chuyển Hội đồng xét"), status_from=ProposalStatus.PROPOSED)
    audit(
        actor, "nominations.round.council", nomination_round, unit_path=nomination_round.unit.path
    )
    return nomination_round


@transaction.atomic
def proposal_council_result(*, actor: Any, proposal: Proposal, status: str, note: str) -> Proposal:
    """Record the council's result for a proposal (called by the councils module)."""
    proposal = _locked(proposal)
    if proposal.status != ProposalStatus.IN_COUNCIL:
        raise _refuse(_("Đề nghị không ở giai đoạn Hội đồng xét."), NominationError.WRONG_STATE)
    if status not in (ProposalStatus.PASSED, ProposalStatus.NOT_PASSED, ProposalStatus.OVER_CAP):
        raise ValueError(status)
    proposal.status = status
    proposal.council_note = nfc(note)[:300]
    proposal.holder_note = (
        str(_("Thủ trưởng đơn vị (ký quyết định)"))
        if status == ProposalStatus.PASSED
        else str(COUNCIL_DESK)
    )
    proposal.save(update_fields=["status", "council_note", "holder_note", "updated_at"])
    log(proposal, actor, _("Kết quả Hội đồng"), status_from=ProposalStatus.IN_COUNCIL, note=note)
    audit(
        actor,
        "nominations.proposal.council",
        proposal,
        unit_path=proposal.round.unit.path,
        result=status,
    )
    return proposal


@transaction.atomic
def proposal_mark_awarded(*, actor: Any, proposal: Proposal, decision_label: str) -> Proposal:
    """The award was decided (called by the decisions module); the proposals it came from,
    at lower units, are marked too so that every proposer sees the outcome."""
    current: Proposal | None = _locked(proposal)
    while current is not None:
        before = current.status
        current.status = ProposalStatus.AWARDED
        current.holder_note = str(_("Đã có quyết định"))
        current.save(update_fields=["status", "holder_note", "updated_at"])
        log(
            current,
            actor,
            _("Đã có quyết định khen thưởng"),
            status_from=before,
            note=decision_label,
        )
        audit(
            actor,
            "nominations.proposal.awarded",
            current,
            unit_path=current.round.unit.path,
            decision=decision_label,
        )
        if current.submission_id:
            Submission.objects.filter(pk=current.submission_id).update(
                status=SubmissionStatus.DECIDED
            )
        _settle(current.round)
        current = (
            Proposal.objects.filter(pk=current.origin_id).first() if current.origin_id else None
        )
    return proposal


ENDED_WITHOUT_AWARD = [
    ProposalStatus.REFUSED,
    ProposalStatus.NOT_PASSED,
    ProposalStatus.OVER_CAP,
]


def _settle(nomination_round: NominationRound) -> None:
    """A round whose council results are all decided (awarded here or sent up) is closed."""
    # read the status afresh: callers may hold a round loaded before the council step
    status = NominationRound.objects.filter(pk=nomination_round.pk).values_list("status", flat=True)
    if status.first() != RoundStatus.COUNCIL:
        return
    waiting = nomination_round.proposals.filter(
        status__in=[ProposalStatus.IN_COUNCIL, ProposalStatus.PASSED]
    )
    if not waiting.exists():
        NominationRound.objects.filter(pk=nomination_round.pk).update(
            status=RoundStatus.DECIDED, updated_at=timezone.now()
        )
        # proposals that stopped on the way no longer sit on anyone's desk
        nomination_round.proposals.filter(status__in=ENDED_WITHOUT_AWARD).update(
            holder_note=str(_("Đã kết thúc đợt xét")), updated_at=timezone.now()
        )


# ---------------------------------------------------------------- going up the hierarchy


def beyond_authority(nomination_round: NominationRound) -> list[Proposal]:
    """Proposals the council passed that the unit may not decide itself."""
    passed = list(nomination_round.proposals.filter(status=ProposalStatus.PASSED))
    unit = nomination_round.unit
    here = {award for award in {p.award for p in passed} if decides_here(unit, award)}
    return [p for p in passed if p.award not in here]


def _receiving_round(to_unit: Unit, source: NominationRound, awards: list[str]) -> NominationRound:
    existing = NominationRound.objects.filter(
        unit=to_unit,
        school_year=source.school_year,
        kind=RoundKind.RECEIVING,
        status=RoundStatus.OPEN,
    ).first()
    if existing is not None:
        missing = [a for a in awards if a not in existing.awards]
        if missing:
            existing.awards = [*existing.awards, *missing]
            existing.save(update_fields=["awards", "updated_at"])
        return existing
    return NominationRound.objects.create(
        unit=to_unit,
        school_year=source.school_year,
        kind=RoundKind.RECEIVING,
        title=str(
            _("Xét đề nghị khen thưởng của các đơn vị năm học %(y)s") % {"y": source.school_year_id}
        ),
        awards=awards,
        deadline=timezone.now() + dt.timedelta(days=30),
        requires_evidence=False,
    )


@transaction.atomic
def submission_create(
    *,
    actor: Any,
    nomination_round: NominationRound,
    number: str,
    signed_on: dt.date,
    signer_name: str,
    signer_title: str,
    proposals: list[Proposal] | None = None,
) -> Submission:
    """Send the passed proposals beyond the unit's authority up, with a cover letter (tờ trình);
    they enter the higher unit's queue, which reviews and decides with the same machinery."""
    to_unit = nomination_round.unit.parent
    if to_unit is None:
        raise _refuse(_("Đơn vị không có cấp trên để trình."), NominationError.NO_PARENT)
    chosen = proposals if proposals is not None else beyond_authority(nomination_round)
    chosen = list(
        Proposal.objects.filter(
            pk__in=[p.pk for p in chosen],
            round=nomination_round,
            status=ProposalStatus.PASSED,
        ).order_by("award", "created_at", "id")
    )
    if not chosen:
        raise _refuse(
            _("Không có đề nghị nào cần trình cấp trên."), NominationError.NOTHING_TO_SUBMIT
        )
    if not nfc(number):
        raise field_error("number", _("Hãy ghi số tờ trình."), NominationError.REASON_REQUIRED)
    receiving = _receiving_round(to_unit, nomination_round, sorted({p.award for p in chosen}))
    submission = Submission.objects.create(
        from_unit=nomination_round.unit,
        to_unit=to_unit,
        source_round=nomination_round,
        receiving_round=receiving,
        number=nfc(number),
        signed_on=signed_on,
        signer_name=nfc(signer_name),
        signer_title=nfc(signer_title),
        submitted_by=_user(actor),
    )
    for proposal in chosen:
        proposal = _locked(proposal)
        proposal.status = ProposalStatus.FORWARDED
        proposal.holder = to_unit
        proposal.holder_note = str(_("Chờ cấp trên xét"))
        proposal.submission = submission
        proposal.save(update_fields=["status", "holder", "holder_note", "submission", "updated_at"])
        log(
            proposal,
            actor,
            _("Trình %(u)s (tờ trình số %(n)s)") % {"u": to_unit.name, "n": submission.number},
            status_from=ProposalStatus.PASSED,
        )
        copy = Proposal(
            round=receiving,
            origin=proposal,
            person=proposal.person,
            collective=proposal.collective,
            award=proposal.award,
            achievement=proposal.achievement,
            summary=proposal.summary,
            period_from=proposal.period_from,
            period_to=proposal.period_to,
            holder=to_unit,
            holder_note=str(COUNCIL_DESK),
            proposed_by=proposal.proposed_by,
            proposer_role=nomination_round.unit.name,
            submission=submission,
        )
        _apply_verdict(copy, actor)
        copy.save()
        log(
            copy,
            actor,
            _("Tiếp nhận từ %(u)s (tờ trình số %(n)s)")
            % {"u": nomination_round.unit.name, "n": submission.number},
        )
    _settle(nomination_round)
    audit(
        actor,
        "nominations.submission.create",
        submission,
        unit_path=to_unit.path,
        proposals=len(chosen),
    )
    return submission


@transaction.atomic
def submission_return(*, actor: Any, submission: Submission, reason: str) -> Submission:
    """The higher unit sends a submission back; the proposals return to the sender's desk."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.status not in (SubmissionStatus.SUBMITTED, SubmissionStatus.RECEIVED):
        raise _refuse(_("Tờ trình đã được xử lý."), NominationError.WRONG_STATE)
    reason = nfc(reason)
    if not reason:
        raise field_error("reason", _("Hãy ghi lý do trả lại."), NominationError.REASON_REQUIRED)
    submission.status = SubmissionStatus.RETURNED
    submission.return_reason = reason
    submission.save(update_fields=["status", "return_reason", "updated_at"])
    for copy in submission.proposals.filter(round=submission.receiving_round):
        copy.status = ProposalStatus.WITHDRAWN
        copy.save(update_fields=["status", "updated_at"])
        log(copy, actor, _("Trả lại tờ trình"), status_from=ProposalStatus.PROPOSED, note=reason)
    for origin in Proposal.objects.filter(submission=submission, round=submission.source_round):
        origin.status = ProposalStatus.PASSED
        origin.holder = submission.from_unit
        origin.holder_note = str(COUNCIL_DESK)
        origin.return_reason = reason
        origin.save(
            update_fields=["status", "holder", "holder_note", "return_reason", "updated_at"]
        )
        log(
            origin,
            actor,
            _("Cấp trên trả lại tờ trình"),
            status_from=ProposalStatus.FORWARDED,
            note=reason,
        )
    NominationRound.objects.filter(
        pk=submission.source_round_id, status=RoundStatus.DECIDED
    ).update(status=RoundStatus.COUNCIL, updated_at=timezone.now())
    audit(actor, "nominations.submission.return", submission, unit_path=submission.to_unit.path)
    return submission


@transaction.atomic
def submission_receive(*, actor: Any, submission: Submission) -> Submission:
    """The higher unit acknowledges the submission: it is now in its review queue."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.status != SubmissionStatus.SUBMITTED:
        raise _refuse(_("Tờ trình đã được tiếp nhận hoặc xử lý."), NominationError.WRONG_STATE)
    submission.status = SubmissionStatus.RECEIVED
    submission.save(update_fields=["status", "updated_at"])
    for origin in Proposal.objects.filter(submission=submission, round=submission.source_round):
        origin.holder_note = str(_("Cấp trên đã tiếp nhận, đang xét"))
        origin.save(update_fields=["holder_note", "updated_at"])
        log(origin, actor, _("Cấp trên tiếp nhận tờ trình"), status_from=origin.status)
    audit(actor, "nominations.submission.receive", submission, unit_path=submission.to_unit.path)
    return submission
