"""Council sessions: agenda, attendance and quorum, recusals, written opinions of absent
members, one secret yes/no ballot per proposal, the count over all members against the
title's threshold, and the cap with its ranking (R-VOTE-1..3, R-CSTDCS-2/3)."""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.achievements.catalog import AwardId
from thidua.achievements.models import AwardRecord
from thidua.ballots.models import Election, ElectionMethod, ElectionStatus
from thidua.ballots.selectors import tally
from thidua.ballots.services import (
    YES,
    CandidateSpec,
    VoterSpec,
    cast_by_person,
    election_close,
    election_create,
    election_open,
    election_publish,
    has_voted,
)
from thidua.core.audit import audit, register_actions
from thidua.core.vietnamese import nfc
from thidua.eligibility.params import params_at
from thidua.nominations.models import NominationRound, Proposal, ProposalStatus, RoundStatus
from thidua.nominations.services import proposal_council_result

from .errors import CouncilError
from .models import (
    Attendance,
    Council,
    CouncilMember,
    CouncilSession,
    ItemOutcome,
    MemberRole,
    Recusal,
    RecusalReason,
    SessionItem,
    SessionStatus,
)

register_actions(
    {
        "councils.council.create": _("Thành lập Hội đồng Thi đua – Khen thưởng"),
        "councils.session.plan": _("Lên lịch họp Hội đồng"),
        "councils.session.convene": _("Điểm danh phiên họp Hội đồng"),
        "councils.session.vote": _("Mở bỏ phiếu kín tại Hội đồng"),
        "councils.session.tally": _("Kiểm phiếu phiên họp Hội đồng"),
    }
)


def _refuse(message: Any, code: str) -> ValidationError:
    return ValidationError(message, code=code)


@transaction.atomic
def council_create(
    *, actor: Any, unit: Any, name: str, members: list[tuple[Any, str]], established_by: str = ""
) -> Council:
    """Set up the unit's council with its members (user, role)."""
    if not members:
        raise _refuse(_("Hội đồng cần có thành viên."), CouncilError.NO_MEMBERS)
    if not any(role == MemberRole.CHAIR for _u, role in members):
        raise _refuse(_("Hội đồng cần có Chủ tịch."), CouncilError.NO_CHAIR)
    council = Council.objects.create(unit=unit, name=nfc(name), established_by=nfc(established_by))
    for position, (user, role) in enumerate(members):
        CouncilMember.objects.create(council=council, user=user, role=role, position=position)
    audit(
        actor,
        "councils.council.create",
        council,
        unit_path=unit.path,
        members=[str(u) for u, _r in members],
    )
    return council


@transaction.atomic
def session_plan(
    *,
    actor: Any,
    council: Council,
    nomination_round: NominationRound,
    held_at: dt.datetime,
    place: str,
) -> CouncilSession:
    """Put every proposal before the council on a session's agenda."""
    nomination_round = NominationRound.objects.get(pk=nomination_round.pk)
    if nomination_round.status != RoundStatus.COUNCIL:
        raise _refuse(
            _("Đợt xét chưa hết thời gian công khai, chưa chuyển Hội đồng."),
            CouncilError.ROUND_NOT_IN_COUNCIL,
        )
    proposals = list(
        nomination_round.proposals.filter(status=ProposalStatus.IN_COUNCIL).order_by(
            "award", "created_at"
        )
    )
    if not proposals:
        raise _refuse(_("Không có đề nghị nào chờ Hội đồng xét."), CouncilError.NOTHING_TO_VOTE)
    session = CouncilSession.objects.create(
        council=council,
        round=nomination_round,
        held_at=held_at,
        place=nfc(place),
        member_count=council.members.count(),
    )
    SessionItem.objects.bulk_create(
        SessionItem(session=session, proposal=p, position=i) for i, p in enumerate(proposals)
    )
    audit(
        actor, "councils.session.plan", session, unit_path=council.unit.path, items=len(proposals)
    )
    return session


def quorum_for(session: CouncilSession) -> int:
    """Members who must be present for the meeting to be valid (R-VOTE-2, a parameter)."""
    share = params_at(session.held_at.date()).raw_values.get("council.quorum") or Fraction(2, 3)
    return math.ceil(session.council.members.count() * Fraction(share))


@transaction.atomic
def session_convene(
    *,
    actor: Any,
    session: CouncilSession,
    present: list[CouncilMember],
    written: dict[int, dict[int, str]] | None = None,
    relatives: list[tuple[CouncilMember, Proposal]] | None = None,
) -> CouncilSession:
    """Record attendance (with absent members' written opinions) and recusals; refuse a
    meeting without quorum."""
    session = CouncilSession.objects.select_for_update().get(pk=session.pk)
    if session.status != SessionStatus.PLANNED:
        raise _refuse(_("Phiên họp đã điểm danh."), CouncilError.WRONG_STATE)
    members = list(session.council.members.select_related("user__person"))
    present_ids = {m.pk for m in present}
    written = written or {}
    if present_ids & set(written):
        raise _refuse(
            _("Ý kiến bằng văn bản chỉ dành cho thành viên vắng mặt."),
            CouncilError.WRITTEN_FROM_PRESENT,
        )
    quorum = quorum_for(session)
    if len(present_ids) < quorum:
        raise _refuse(
            _(
                "Phiên họp không đủ số lượng: có mặt %(p)s/%(n)s thành viên, cần ít nhất "
                "%(q)s. Chưa thể biểu quyết."
            )
            % {"p": len(present_ids), "n": len(members), "q": quorum},
            CouncilError.NO_QUORUM,
        )
    items = list(session.items.select_related("proposal"))
    for member in members:
        opinions = {str(k): v for k, v in written.get(member.pk, {}).items() if v in ("yes", "no")}
        Attendance.objects.create(
            session=session, member=member, present=member.pk in present_ids, written=opinions
        )
        for item in items:
            if member.user.person_id and item.proposal.person_id == member.user.person_id:
                Recusal.objects.create(
                    session=session,
                    member=member,
                    proposal=item.proposal,
                    reason=RecusalReason.CANDIDATE,
                )
    for member, proposal in relatives or []:
        Recusal.objects.get_or_create(
            session=session,
            member=member,
            proposal=proposal,
            defaults={"reason": RecusalReason.RELATIVE},
        )
    session.status = SessionStatus.CONVENED
    session.member_count = len(members)
    session.present_count = len(present_ids)
    session.quorum = quorum
    session.convened_at = timezone.now()
    session.save(
        update_fields=[
            "status",
            "member_count",
            "present_count",
            "quorum",
            "convened_at",
            "updated_at",
        ]
    )
    audit(
        actor,
        "councils.session.convene",
        session,
        unit_path=session.council.unit.path,
        present=len(present_ids),
        members=len(members),
    )
    return session


def _recused(session: CouncilSession) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {}
    for member_id, proposal_id in session.recusals.values_list("member_id", "proposal_id"):
        out.setdefault(proposal_id, set()).add(member_id)
    return out


@transaction.atomic
def session_open_vote(*, actor: Any, session: CouncilSession) -> CouncilSession:
    """One secret yes/no ballot per proposal, for the present members not recused from it."""
    session = CouncilSession.objects.select_for_update().get(pk=session.pk)
    if session.status != SessionStatus.CONVENED:
        raise _refuse(_("Hãy điểm danh trước khi bỏ phiếu."), CouncilError.WRONG_STATE)
    recused = _recused(session)
    present = [
        a.member
        for a in session.attendance.filter(present=True).select_related("member__user__person")
    ]
    for item in session.items.select_related("proposal"):
        voters = [m for m in present if m.pk not in recused.get(item.proposal_id, set())]
        if not voters:
            continue
        election = election_create(
            actor=actor,
            unit=session.council.unit,
            title=_("Hội đồng TĐKT biểu quyết: %(p)s") % {"p": item.proposal},
            candidates=[CandidateSpec(str(item.proposal), item.proposal.person)],
            voters=[VoterSpec(str(m.user), m.user.person) for m in voters],
            method=ElectionMethod.YES_NO,
            min_voters_for_counts=0,
            min_votes_shown=0,
        )
        election_open(actor=actor, election=election)
        item.election = election
        item.save(update_fields=["election"])
    session.status = SessionStatus.VOTING
    session.save(update_fields=["status", "updated_at"])
    audit(actor, "councils.session.vote", session, unit_path=session.council.unit.path)
    return session


def member_vote(*, session: CouncilSession, user: Any, marks: dict[int, str]) -> int:
    """A present member casts their secret yes/no ballots; returns how many were cast."""
    session = CouncilSession.objects.select_related("council").get(pk=session.pk)
    if session.status != SessionStatus.VOTING:
        raise _refuse(_("Hội đồng chưa mở hoặc đã kết thúc bỏ phiếu."), CouncilError.WRONG_STATE)
    if user.person_id is None or not session.council.members.filter(user=user).exists():
        raise _refuse(_("Bạn không phải thành viên Hội đồng này."), CouncilError.NOT_A_MEMBER)
    cast = 0
    for item in session.items.filter(election__isnull=False).select_related("election"):
        mark = marks.get(item.pk)
        if mark not in ("yes", "no") or has_voted(item.election, user.person):
            continue
        candidate = item.election.candidates.get()
        try:
            cast_by_person(
                election=item.election, person=user.person, marks={str(candidate.pk): mark}
            )
        except ValidationError:
            continue  # recused from this item: not on its roll
        cast += 1
    return cast


def threshold_for(award: str, on: dt.date) -> tuple[Fraction | None, str]:
    """The title's approval threshold over all members, or None for a simple majority."""
    value = params_at(on).raw_values.get(f"titles.{award}.council_vote_threshold")
    if value is None:
        return None, str(_("quá bán (trên 50%) tổng số thành viên"))
    share = Fraction(value)
    return share, f"{float(share * 100):.0f}%"


def cap_for(session: CouncilSession, passed_ldtt: int) -> tuple[int | None, str]:
    """How many CSTĐCS the unit may grant: a share of its LĐTT, where a rule sets one."""
    nomination_round = session.round
    year = nomination_round.school_year
    share = nomination_round.cap_share
    basis = nomination_round.cap_basis
    if share is None:
        value = params_at(year.end_on).raw_values.get(
            "titles.chien_si_thi_dua_co_so.max_share_of_ldtt"
        )
        if value is None:
            return None, ""
        share, basis = (
            Decimal(value.numerator) / Decimal(value.denominator),
            "Nghị định 91/2017/NĐ-CP, Điều 9 khoản 3",
        )
    held = (
        AwardRecord.objects.filter(
            award=AwardId.LAO_DONG_TIEN_TIEN, period_to=year, revoked_on__isnull=True
        )
        .filter(Q(unit__path__startswith=nomination_round.unit.path))
        .count()
    )
    base = held + passed_ldtt
    cap = math.floor(Decimal(share) * base)
    note = _("Tối đa %(cap)s CSTĐCS = %(pct)s%% của %(n)s LĐTT (%(basis)s)") % {
        "cap": cap,
        "pct": f"{Decimal(share) * 100:.0f}",
        "n": base,
        "basis": basis,
    }
    return cap, str(note)


def _pct(value: Fraction) -> str:
    return f"{Decimal(value.numerator) / Decimal(value.denominator) * 100:.1f}%".replace(".", ",")


@transaction.atomic
def session_tally(*, actor: Any, session: CouncilSession) -> CouncilSession:
    """Close the ballots, count each over all members (written opinions included) against the
    title's threshold, apply the cap by ranking, and send the results to the proposals."""
    session = CouncilSession.objects.select_for_update().get(pk=session.pk)
    if session.status != SessionStatus.VOTING:
        raise _refuse(_("Phiên họp chưa bỏ phiếu."), CouncilError.WRONG_STATE)
    recused = _recused(session)
    written = list(session.attendance.filter(present=False).values_list("member_id", "written"))
    on = session.held_at.date()
    items = list(session.items.select_related("proposal", "election"))
    for item in items:
        yes = no = 0
        if item.election is not None:
            election = item.election
            if election.status == ElectionStatus.OPEN:
                election_close(actor=actor, election=election)
            election = Election.objects.get(pk=election.pk)
            result = tally(election)
            if result.results:
                yes, no = result.results[0].votes, result.results[0].no_votes
            if election.status == ElectionStatus.CLOSED:
                election_publish(actor=actor, election=election)
        key = str(item.proposal_id)
        item.yes, item.no = yes, no
        barred = recused.get(item.proposal_id, set())
        opinions = [w for member_id, w in written if member_id not in barred]
        item.written_yes = sum(1 for w in opinions if w.get(key) == YES)
        item.written_no = sum(1 for w in opinions if w.get(key) == "no")
        # R-VOTE-3: the share is over the total number of members, never over those present;
        # a recused member's seat still counts in the denominator (it is simply not a yes).
        item.members_counted = session.member_count
        share = Fraction(item.yes + item.written_yes, max(item.members_counted, 1))
        threshold, label = threshold_for(item.proposal.award, on)
        passed = share >= threshold if threshold is not None else share > Fraction(1, 2)
        item.share = Decimal(share.numerator) / Decimal(share.denominator)
        item.share = item.share.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
        item.threshold = (
            Decimal(threshold.numerator) / Decimal(threshold.denominator)
            if threshold is not None
            else Decimal("0.5")
        )
        item.outcome = ItemOutcome.PASSED if passed else ItemOutcome.NOT_PASSED
        if item.proposal.status != ProposalStatus.IN_COUNCIL:
            # returned to its proposer or withdrawn after the agenda was set: no result
            item.outcome = ""
            item.note = str(
                _("Đề nghị không còn chờ Hội đồng xét (%(s)s).")
                % {"s": item.proposal.get_status_display()}
            )
            continue
        item.note = str(
            _("%(y)s/%(n)s thành viên đồng ý (%(pct)s), ngưỡng %(t)s")
            % {
                "y": item.yes + item.written_yes,
                "n": item.members_counted,
                "pct": _pct(share),
                "t": label,
            }
        )
    _apply_cap(session, items)
    for item in items:
        item.save()
        if not item.outcome:
            continue
        status = {
            ItemOutcome.PASSED: ProposalStatus.PASSED,
            ItemOutcome.NOT_PASSED: ProposalStatus.NOT_PASSED,
            ItemOutcome.OVER_CAP: ProposalStatus.OVER_CAP,
        }[item.outcome]
        proposal_council_result(actor=actor, proposal=item.proposal, status=status, note=item.note)
    session.status = SessionStatus.TALLIED
    session.tallied_at = timezone.now()
    session.save(update_fields=["status", "tallied_at", "cap", "cap_note", "updated_at"])
    audit(
        actor,
        "councils.session.tally",
        session,
        unit_path=session.council.unit.path,
        passed=sum(1 for i in items if i.outcome == ItemOutcome.PASSED),
    )
    return session


def _apply_cap(session: CouncilSession, items: list[SessionItem]) -> None:
    """When more CSTĐCS pass than the cap allows, the ranking by votes decides (R-CSTDCS-2)."""
    passed_ldtt = sum(
        1
        for i in items
        if i.outcome == ItemOutcome.PASSED and i.proposal.award == AwardId.LAO_DONG_TIEN_TIEN
    )
    cap, note = cap_for(session, passed_ldtt)
    session.cap, session.cap_note = cap, note
    capped = [
        i
        for i in items
        if i.outcome == ItemOutcome.PASSED and i.proposal.award == AwardId.CHIEN_SI_THI_DUA_CO_SO
    ]
    if cap is None or len(capped) <= cap:
        return
    capped.sort(key=lambda i: (-(i.yes + i.written_yes), -i.share, i.position))
    for rank, item in enumerate(capped, start=1):
        item.rank = rank
    boundary = capped[cap - 1].yes + capped[cap - 1].written_yes if cap > 0 else None
    for item in capped:
        votes = item.yes + item.written_yes
        over = item.rank > cap
        # A tie across the cap cannot be settled by the ranking: the tied ones wait for a
        # new vote of the council rather than being chosen arbitrarily.
        tied_at_cut = (
            boundary is not None
            and votes == boundary
            and any(
                other.rank > cap and other.yes + other.written_yes == boundary for other in capped
            )
        )
        if over or tied_at_cut:
            item.outcome = ItemOutcome.OVER_CAP
            reason = (
                _("hòa phiếu tại ngưỡng tỷ lệ, Hội đồng cần biểu quyết lại")
                if tied_at_cut
                else _("xếp thứ %(r)s theo số phiếu, vượt %(c)s suất") % {"r": item.rank, "c": cap}
            )
            item.note = f"{item.note}; {reason} ({note})"
