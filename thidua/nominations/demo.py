"""Demo of the nomination path at THCS Trần Bội Cơ, for the school year under review:

- a finished year-end round ("Tổng kết năm học"): Giấy khen proposed for three teachers
  (one refused by the rules engine) and the Ngữ văn department, voted by the school's council, decided by the principal, with
  certificates; the star teacher's Bằng khen cấp tỉnh went up to PGDĐT Quận 5 as a
  submission that is waiting there;
- the yearly titles round in progress: proposals with their frozen verdicts (some refused
  with the reason, one deferred by a pending complaint), publicly listed, one complaint
  raised during the listing and waiting for the principal's written answer.

It runs after the people, records and achievements demos (INSTALLED_APPS order) and before
the decisions demo; it uses the council and decision services as a person would.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from thidua.accounts.models import User
from thidua.accounts.policy import may
from thidua.achievements.catalog import AwardId
from thidua.achievements.models import Achievement
from thidua.achievements.services import achievement_create
from thidua.evidence.samples import tiny_pdf
from thidua.evidence.services import EvidenceContext, evidence_add_file
from thidua.org.models import SchoolYear, Unit
from thidua.people.demo_cast import PILOT, SCRIPTED, build_cast

from .models import Complaint, NominationRound, Proposal, ProposalEvent, ProposalStatus

YEAR_END_TITLE = "Tổng kết năm học %s: khen thưởng cá nhân, tập thể tiêu biểu"
TITLES_TITLE = "Xét công nhận danh hiệu thi đua năm học %s"
COUNCIL_NAME = "Hội đồng Thi đua – Khen thưởng Trường THCS Trần Bội Cơ"
COUNCIL_LOGINS = [
    ("ht.tranboico", "chair"),
    ("pht.tranboico", "vice_chair"),
    ("hd.tranboico", "secretary"),
    ("cd.tranboico", "member"),
    ("tt.tranboico", "member"),
    ("tpt.tranboico", "member"),
]
GIAY_KHEN_ACHIEVEMENTS = [
    (
        "Hướng dẫn học sinh đạt giải Ba Cuộc thi Khoa học kỹ thuật cấp Thành phố",
        "Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh",
    ),
    (
        "Giáo viên chủ nhiệm giỏi cấp trường, lớp chủ nhiệm đạt danh hiệu Chi đội mạnh",
        "Trường THCS Trần Bội Cơ",
    ),
    (
        "Dẫn đầu phong trào đổi mới phương pháp dạy học, 6 tiết thao giảng xếp loại Giỏi",
        "Trường THCS Trần Bội Cơ",
    ),
]


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).select_related("person").first()


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _with_file(achievement: Achievement, unit: Unit, year: SchoolYear, title: str) -> None:
    if achievement.evidence.exists():
        return
    evidence_add_file(
        actor=None,
        target=achievement,
        context=EvidenceContext(unit=unit, person=achievement.person, school_year=year),
        filename=f"{title}.pdf",
        data=tiny_pdf(title),
        title=title,
    )


def _backdate(proposals: list[Proposal], day: dt.date) -> None:
    """The demo happens in the past: date the proposals and their history accordingly."""
    for offset, proposal in enumerate(proposals):
        at = _at(day, 8) + dt.timedelta(minutes=7 * offset)
        Proposal.objects.filter(pk=proposal.pk).update(created_at=at)
        ProposalEvent.objects.filter(proposal=proposal, action__startswith="Gửi").update(at=at)
        ProposalEvent.objects.filter(proposal=proposal, action__startswith="Đề nghị").update(at=at)


def _date_events_since(last_id: int, at: dt.datetime) -> int:
    """Date the history written by one demo step (events after ``last_id``) at ``at``."""
    ProposalEvent.objects.filter(pk__gt=last_id).update(at=at)
    return _last_event_id()


def _last_event_id() -> int:
    last = ProposalEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
    return last or 0


def _council(principal: User, school: Unit) -> Any:
    from thidua.councils.models import Council
    from thidua.councils.services import council_create

    council = Council.objects.filter(unit=school).first()
    if council is not None:
        return council
    members = [(u, role) for name, role in COUNCIL_LOGINS if (u := _user(name)) is not None]
    return council_create(
        actor=principal,
        unit=school,
        name=COUNCIL_NAME,
        members=members,
        established_by="Quyết định số 02/QĐ-THCSTBC ngày 05/9 của Hiệu trưởng",
    )


def _year_end_round(cast: Any, principal: User, year: SchoolYear, council: Any) -> None:
    from thidua.councils.services import (
        member_vote,
        session_convene,
        session_open_vote,
        session_plan,
        session_tally,
    )
    from thidua.decisions.services import decision_draft_from_round, decision_issue

    from . import services

    school = cast.schools[PILOT]
    end = year.end_on
    nomination_round = services.round_open(
        actor=principal,
        unit=school,
        school_year=year,
        title=YEAR_END_TITLE % year.code,
        kind="year_end",
        awards=[AwardId.GIAY_KHEN, AwardId.BANG_KHEN_CAP_TINH],
        deadline=_at(end - dt.timedelta(days=20), 17),
        requires_evidence=True,
        listing_days=5,
    )
    before = _at(end - dt.timedelta(days=22))
    proposals = []
    star = cast.roles.get("star")
    prize = (
        Achievement.objects.filter(person=star, school_year=year).order_by("id").first()
        if star
        else None
    )
    if star is not None and prize is not None:
        _with_file(prize, school, year, "Giấy chứng nhận giải Nhất GVDG cấp quận")
        proposals.append(
            services.proposal_create(
                actor=principal,
                round=nomination_round,
                award=AwardId.BANG_KHEN_CAP_TINH,
                person=star,
                achievement=prize,
                summary=(
                    "Hai năm liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở; sáng kiến được "
                    "công nhận cấp Thành phố; giải Nhất Hội thi giáo viên dạy giỏi cấp quận "
                    "môn Toán."
                ),
                period_from=SchoolYear.objects.get(code=cast.history[-2]),
                period_to=year,
                proposer_role="Hiệu trưởng, Trường THCS Trần Bội Cơ",
                now=before,
            )
        )
    # Teachers who are not proposed for a title this year (a Giấy khen covering the year
    # would block the title, R-GEN-1).
    teachers = _pool(cast)[8:11]
    for person, (title, by) in zip(teachers, GIAY_KHEN_ACHIEVEMENTS, strict=False):
        achievement = achievement_create(
            actor=None,
            title=title,
            school_year=year,
            person=person,
            recognised_by=by,
            description=title,
        )
        _with_file(achievement, school, year, title)
        proposals.append(
            services.proposal_create(
                actor=principal,
                round=nomination_round,
                award=AwardId.GIAY_KHEN,
                person=person,
                achievement=achievement,
                summary=title + ".",
                period_from=year,
                period_to=year,
                proposer_role="Hiệu trưởng, Trường THCS Trần Bội Cơ",
                now=before,
            )
        )
    department = Unit.objects.filter(code=f"{PILOT}-VAN").first()
    if department is not None:
        achievement = achievement_create(
            actor=None,
            title="Tổ dẫn đầu phong trào thi đua “Dạy tốt – Học tốt”, 100% học sinh lớp 9 "
            "đạt điểm Ngữ văn tuyển sinh lớp 10 từ 5,0 trở lên",
            school_year=year,
            collective=department,
            recognised_by="Trường THCS Trần Bội Cơ",
        )
        _with_file(achievement, school, year, "Báo cáo thành tích Tổ Ngữ văn")
        proposals.append(
            services.proposal_create(
                actor=principal,
                round=nomination_round,
                award=AwardId.GIAY_KHEN,
                collective=department,
                achievement=achievement,
                summary="Tổ dẫn đầu phong trào thi đua “Dạy tốt – Học tốt” năm học "
                f"{year.code}; 100% học sinh lớp 9 đạt điểm Ngữ văn tuyển sinh lớp 10 từ 5,0.",
                period_from=year,
                period_to=year,
                proposer_role="Hiệu trưởng, Trường THCS Trần Bội Cơ",
                now=before,
            )
        )
    _backdate(proposals, before.date())
    mark = _last_event_id()
    listed_at = _at(end - dt.timedelta(days=19))
    services.listing_start(actor=principal, nomination_round=nomination_round, now=listed_at)
    mark = _date_events_since(mark, listed_at)
    sent_at = _at(end - dt.timedelta(days=13))
    services.round_to_council(actor=principal, nomination_round=nomination_round, now=sent_at)
    mark = _date_events_since(mark, sent_at)
    session = session_plan(
        actor=principal,
        council=council,
        nomination_round=nomination_round,
        held_at=_at(end - dt.timedelta(days=10), 14),
        place="Phòng họp Hội đồng, Trường THCS Trần Bội Cơ",
    )
    members = list(council.members.select_related("user__person").order_by("position"))
    session_convene(actor=principal, session=session, present=members)
    session_open_vote(actor=principal, session=session)
    for index, member in enumerate(members):
        items = session.items.all()
        # one member votes against the department's Giấy khen: 5 of 6 still pass it
        marks = {i.pk: "no" if index == 5 and i.proposal.collective_id else "yes" for i in items}
        member_vote(session=session, user=member.user, marks=marks)
    session_tally(actor=principal, session=session)
    mark = _date_events_since(mark, _at(end - dt.timedelta(days=10), 16))
    decision = decision_draft_from_round(
        actor=principal, nomination_round=nomination_round, council_session_id=session.pk
    )
    decision_issue(actor=principal, decision=decision, issued_on=end - dt.timedelta(days=7))
    mark = _date_events_since(mark, _at(end - dt.timedelta(days=7), 10))
    beyond = services.beyond_authority(nomination_round)
    if beyond:
        services.submission_create(
            actor=principal,
            nomination_round=nomination_round,
            number="52/TTr-THCSTBC",
            signed_on=end - dt.timedelta(days=5),
            signer_name=principal.person.full_name if principal.person_id else "",
            signer_title="Hiệu trưởng",
            proposals=beyond,
        )
        _date_events_since(mark, _at(end - dt.timedelta(days=5), 10))


def _scripted(cast: Any) -> list[Any]:
    return [cast.roles[name] for name in SCRIPTED if name in cast.roles]


def _pool(cast: Any) -> list[Any]:
    """Ordinary teachers of the pilot school: no demo login, no scripted record."""
    taken = {p.pk for p in cast.roles.values()}
    with_login = set(User.objects.filter(person__isnull=False).values_list("person_id", flat=True))
    return [p for p in cast.staff[PILOT] if p.pk not in taken and p.pk not in with_login]


def _titles_round(cast: Any, principal: User, year: SchoolYear, today: dt.date) -> None:
    from . import services

    school = cast.schools[PILOT]
    nomination_round = services.round_open(
        actor=principal,
        unit=school,
        school_year=year,
        title=TITLES_TITLE % year.code,
        kind="yearly_titles",
        awards=[AwardId.LAO_DONG_TIEN_TIEN, AwardId.CHIEN_SI_THI_DUA_CO_SO],
        deadline=_at(today - dt.timedelta(days=3), 17),
        requires_evidence=False,
        listing_days=5,
    )
    proposed_at = _at(today - dt.timedelta(days=8))
    department_head = _user("tt.tranboico")
    scripted = _scripted(cast)
    named = [cast.roles[n] for n in ("star", "veteran", "mother") if n in cast.roles]
    others = _pool(cast)[:8]
    summary = (
        "Hoàn thành tốt nhiệm vụ được giao, chấp hành tốt chủ trương, chính sách của Đảng, "
        "pháp luật của Nhà nước; tích cực tham gia phong trào thi đua."
    )
    proposals = []
    for person in named + others + scripted:
        # The department head proposes the department's members, the principal the others.
        by_head = department_head is not None and may(
            department_head, "nominations.proposal.create", person
        )
        proposals.append(
            services.proposal_create(
                actor=department_head if by_head else principal,
                round=nomination_round,
                award=AwardId.LAO_DONG_TIEN_TIEN,
                person=person,
                summary=summary,
                period_from=year,
                period_to=year,
                proposer_role="Tổ trưởng, Tổ Toán – Tin"
                if by_head
                else "Hiệu trưởng, Trường THCS Trần Bội Cơ",
                now=proposed_at,
            )
        )
    star = cast.roles.get("star")
    if star is not None:
        proposals.append(
            services.proposal_create(
                actor=principal,
                round=nomination_round,
                award=AwardId.CHIEN_SI_THI_DUA_CO_SO,
                person=star,
                summary="Hoàn thành xuất sắc nhiệm vụ; sáng kiến “Dạy học phân hóa môn Toán "
                "bằng phiếu học tập số” được công nhận cấp Thành phố.",
                period_from=year,
                period_to=year,
                proposer_role="Hiệu trưởng, Trường THCS Trần Bội Cơ",
                now=proposed_at,
            )
        )
    _backdate(proposals, proposed_at.date())
    mark = _last_event_id()
    listed_at = _at(today - dt.timedelta(days=2))
    services.listing_start(actor=principal, nomination_round=nomination_round, now=listed_at)
    mark = _date_events_since(mark, listed_at)
    objector = _user("cd.tranboico")
    target = next(
        (p for p in proposals if p.status == ProposalStatus.PROPOSED and p.person in others),
        None,
    )
    if objector is not None and target is not None:
        complaint = services.complaint_raise(
            actor=objector,
            proposal=target,
            text="Đề nghị Hội đồng xem lại ngày công: trong học kỳ II đồng chí nghỉ việc riêng "
            "nhiều ngày, chưa rõ có vượt quá số ngày nghỉ cho phép hay không.",
        )
        raised_at = _at(today - dt.timedelta(days=1), 15)
        _date_events_since(mark, raised_at)
        Complaint.objects.filter(pk=complaint.pk).update(created_at=raised_at)


def load(today: dt.date) -> list:
    """Load the demo nomination rounds; returns no new logins."""
    cast = build_cast(today)
    principal = _user("ht.tranboico")
    if cast is None or principal is None or "star" not in cast.roles:
        return []
    year = SchoolYear.objects.filter(code=cast.review).first()
    if year is None:
        return []
    school = cast.schools[PILOT]
    if NominationRound.objects.filter(unit=school, title=YEAR_END_TITLE % year.code).exists():
        return []
    council = _council(principal, school)
    _year_end_round(cast, principal, year, council)
    _titles_round(cast, principal, year, today)
    return []
