"""Reads of the council pages: councils in the user's scope, a session's agenda, the turnout
while voting (never partial counts), a member's own ballot sheet and the data of the minutes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role, User
from thidua.accounts.policy import scope_q
from thidua.ballots.models import Voter
from thidua.ballots.selectors import turnout_of
from thidua.ballots.services import has_voted
from thidua.core.vietnamese import vn_date
from thidua.nominations.models import NominationRound, RoundStatus
from thidua.org.models import Unit
from thidua.people.record_selectors import WORKPLACE_TYPES

from .models import (
    Attendance,
    Council,
    CouncilMember,
    CouncilSession,
    ItemOutcome,
    MemberRole,
    Recusal,
    SessionItem,
    SessionStatus,
)
from .services import threshold_for

# Labels of the rules engine's frozen verdict (the outcome ids of eligibility.results).
VERDICT_LABELS = {
    "eligible": _("Đủ điều kiện"),
    "ineligible": _("Không đủ điều kiện"),
    "deferred": _("Tạm hoãn xét"),
    "incomplete": _("Thiếu dữ liệu"),
}
VERDICT_BADGES = {
    "eligible": "success",
    "ineligible": "danger",
    "deferred": "warning",
    "incomplete": "secondary",
}
YES_NO_LABELS = [("yes", _("Đồng ý")), ("no", _("Không đồng ý"))]
ROLE_ORDER = {
    MemberRole.CHAIR: 0,
    MemberRole.VICE_CHAIR: 1,
    MemberRole.SECRETARY: 2,
    MemberRole.MEMBER: 3,
}


def _pct(value: Any) -> str:
    """0.8 -> '80,0%' (Vietnamese decimal comma)."""
    if value is None:
        return ""
    return f"{value * 100:.1f}%".replace(".", ",")


def councils_visible_to(user: Any) -> QuerySet[Council]:
    """The councils of the units where the user may see councils."""
    return (
        Council.objects.filter(scope_q(user, "councils.council.view", "unit__path"))
        .select_related("unit")
        .order_by("unit__path", "-is_active", "name")
    )


def units_to_establish(user: Any, *, limit: int = 100) -> list[Unit]:
    """Workplaces (schools, offices) where the user may set up a council."""
    return list(
        Unit.objects.filter(scope_q(user, "councils.council.manage"))
        .filter(type__in=WORKPLACE_TYPES, active_to__isnull=True)
        .order_by("path")[:limit]
    )


def council_candidates(unit: Unit) -> QuerySet[User]:
    """Logins of staff working in the unit (or below it) who can sit on its council: they need
    a person record, because members vote with their own login."""
    working_here = Q(role_assignments__unit__path__startswith=unit.path) & ~Q(
        role_assignments__role=Role.STUDENT
    )
    return (
        User.objects.filter(working_here, is_active=True, person__isnull=False)
        .select_related("person", "person__staff_profile")
        .distinct()
        .order_by("person__full_name", "username")
    )


def members_of(council: Council) -> list[CouncilMember]:
    """The council's members in seat order, with their names and job titles."""
    return list(
        council.members.select_related("user", "user__person", "user__person__staff_profile")
    )


def sessions_of(council: Council) -> QuerySet[CouncilSession]:
    return council.sessions.select_related("round").order_by("-held_at")


def rounds_for_session(council: Council) -> QuerySet[NominationRound]:
    """Rounds of the council's unit that wait for the council and have no session under way."""
    under_way = CouncilSession.objects.filter(round=OuterRef("pk"), council=council).exclude(
        status=SessionStatus.TALLIED
    )
    return (
        NominationRound.objects.filter(unit=council.unit, status=RoundStatus.COUNCIL)
        .exclude(Exists(under_way))
        .order_by("-school_year", "title")
    )


def items_of(session: CouncilSession) -> list[SessionItem]:
    return list(
        session.items.select_related(
            "proposal",
            "proposal__round__unit",
            "proposal__person",
            "proposal__collective",
            "election",
        ).order_by("position")
    )


@dataclass
class AgendaRow:
    item: SessionItem
    verdict: str = ""
    verdict_label: Any = ""
    verdict_badge: str = "secondary"
    voted: int | None = None  # while voting: how many have voted, never how
    roll: int | None = None
    share: str = ""  # after the tally
    threshold: str = ""
    can_open: bool = False  # the reader may open the dossier (set by the view)


def agenda(session: CouncilSession) -> list[AgendaRow]:
    """The session's agenda with each proposal's frozen verdict, and the turnout while the
    ballots are open."""
    rows = []
    on = timezone.localtime(session.held_at).date()
    for item in items_of(session):
        outcome = (item.proposal.verdict or {}).get("outcome", "")
        row = AgendaRow(
            item,
            verdict=outcome,
            verdict_label=VERDICT_LABELS.get(outcome, outcome),
            verdict_badge=VERDICT_BADGES.get(outcome, "secondary"),
        )
        if session.status == SessionStatus.VOTING and item.election is not None:
            row.voted, row.roll = turnout_of(item.election)
        if session.status == SessionStatus.TALLIED:
            row.share = _pct(item.share)
            row.threshold = threshold_for(item.proposal.award, on)[1]
        rows.append(row)
    return rows


def recusals_of(session: CouncilSession) -> list[Recusal]:
    return list(
        session.recusals.select_related(
            "member__user__person", "proposal__person", "proposal__collective"
        ).order_by("member__position", "proposal_id")
    )


def attendance_of(session: CouncilSession) -> list[Attendance]:
    return list(
        session.attendance.select_related("member__user__person").order_by("member__position")
    )


@dataclass
class SheetItem:
    item: SessionItem
    voted: bool


@dataclass
class VoteSheet:
    """What one member sees on the vote page: only their own items and whether they voted."""

    member: CouncilMember | None
    present: bool | None
    to_vote: list[SheetItem] = field(default_factory=list)
    voted: list[SheetItem] = field(default_factory=list)
    recused: int = 0

    @property
    def done(self) -> bool:
        return bool(self.voted) and not self.to_vote


def vote_sheet(session: CouncilSession, user: Any) -> VoteSheet:
    """The member's ballot sheet: items they are on the roll for (never the ones they are
    recused from), each marked voted or not — without any count or choice."""
    member = session.council.members.filter(user=user).first()
    attendance = session.attendance.filter(member=member).first() if member is not None else None
    sheet = VoteSheet(member, attendance.present if attendance else None)
    if member is None or user.person_id is None:
        return sheet
    recused = set(session.recusals.filter(member=member).values_list("proposal_id", flat=True))
    sheet.recused = len(recused)
    on_roll = Voter.objects.filter(election_id=OuterRef("election_id"), person_id=user.person_id)
    items = (
        session.items.filter(election__isnull=False)
        .exclude(proposal_id__in=recused)
        .annotate(on_roll=Exists(on_roll))
        .filter(on_roll=True)
        .select_related("proposal", "proposal__person", "proposal__collective", "election")
        .order_by("position")
    )
    for item in items:
        entry = SheetItem(item, has_voted(item.election, user.person))
        (sheet.voted if entry.voted else sheet.to_vote).append(entry)
    return sheet


def role_sort_key(member: CouncilMember) -> tuple[int, int]:
    return ROLE_ORDER.get(member.role, 9), member.position


# ---------------------------------------------------------------- minutes


@dataclass(frozen=True)
class MinutesMember:
    name: str
    role: str
    job_title: str
    present: bool
    written: tuple[tuple[str, str], ...] = ()  # (proposal, "Đồng ý" | "Không đồng ý")


@dataclass(frozen=True)
class MinutesRow:
    number: int
    subject: str
    award: str
    yes: int
    written_yes: int
    members_counted: int
    share: str
    threshold: str
    outcome: str
    passed: bool
    rank: int | None
    note: str


@dataclass(frozen=True)
class MinutesData:
    """Everything the minutes say, selected once; the renderer does no query."""

    parent_authority: str
    unit_name: str
    place_date: str
    held_at: dt.datetime  # local time
    place: str
    round_title: str
    school_year: str
    chair: str
    secretary: str
    members: tuple[MinutesMember, ...]
    member_count: int
    present_count: int
    quorum: int
    recusals: tuple[tuple[str, str, str], ...]  # (member, proposal, reason)
    rows: tuple[MinutesRow, ...]
    cap_note: str
    closed_at: dt.datetime | None  # local time


def minutes_data(session: CouncilSession) -> MinutesData:
    """The tallied session as the minutes of the meeting (biên bản họp Hội đồng)."""
    unit = session.council.unit
    held = timezone.localtime(session.held_at)
    items = items_of(session)
    labels = {item.proposal_id: str(item.proposal) for item in items}
    yes_no = dict(YES_NO_LABELS)
    members = []
    attendance = {a.member_id: a for a in session.attendance.all()}
    seated = sorted(members_of(session.council), key=role_sort_key)
    for member in seated:
        row = attendance.get(member.pk)
        present = bool(row and row.present)
        written = tuple(
            (labels[int(pid)], str(yes_no[value]))
            for pid, value in sorted(
                (row.written if row else {}).items(), key=lambda kv: int(kv[0])
            )
            if int(pid) in labels and value in yes_no
        )
        profile = getattr(member.user.person, "staff_profile", None) if member.user.person else None
        members.append(
            MinutesMember(
                name=member.user.get_full_name() or member.user.username,
                role=str(member.get_role_display()),
                job_title=profile.job_title if profile else "",
                present=present,
                written=() if present else written,
            )
        )
    by_role = {}
    for member, entry in zip(seated, members, strict=True):
        if entry.present:
            by_role.setdefault(member.role, entry.name)
    chair = by_role.get(MemberRole.CHAIR) or by_role.get(MemberRole.VICE_CHAIR, "")
    secretary = by_role.get(MemberRole.SECRETARY, "")
    rows = []
    for number, item in enumerate(items, start=1):
        _share, threshold = threshold_for(item.proposal.award, held.date())
        rows.append(
            MinutesRow(
                number=number,
                subject=item.proposal.subject_name,
                award=str(item.proposal.get_award_display()),
                yes=item.yes,
                written_yes=item.written_yes,
                members_counted=item.members_counted,
                share=_pct(item.share),
                threshold=threshold,
                outcome=str(item.get_outcome_display()),
                passed=item.outcome == ItemOutcome.PASSED,
                rank=item.rank,
                note=item.note,
            )
        )
    recusals = tuple(
        (
            r.member.user.get_full_name() or r.member.user.username,
            labels.get(r.proposal_id, str(r.proposal)),
            str(r.get_reason_display()),
        )
        for r in recusals_of(session)
    )
    parent = unit.parent
    return MinutesData(
        parent_authority=parent.name.upper() if parent else "",
        unit_name=unit.name.upper(),
        place_date=vn_date(held.date(), place=unit.place_name),
        held_at=held,
        place=session.place,
        round_title=session.round.title,
        school_year=session.round.school_year_id,
        chair=chair,
        secretary=secretary,
        members=tuple(members),
        member_count=session.member_count,
        present_count=session.present_count,
        quorum=session.quorum,
        recusals=recusals,
        rows=tuple(rows),
        cap_note=session.cap_note,
        closed_at=timezone.localtime(session.tallied_at) if session.tallied_at else None,
    )
