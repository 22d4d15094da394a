"""Council sessions: quorum, recusal, written opinions, the share over all members, the cap."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from conftest import make_teacher, make_user
from thidua.accounts.models import Role
from thidua.achievements.catalog import AwardId
from thidua.core.errors import error_codes
from thidua.councils import services as c
from thidua.councils.errors import CouncilError
from thidua.councils.models import (
    Attendance,
    ItemOutcome,
    MemberRole,
    RecusalReason,
    SessionStatus,
)
from thidua.nominations import services as s
from thidua.nominations.models import Proposal, ProposalStatus
from thidua.nominations.tests.conftest import propose as _propose
from thidua.nominations.tests.conftest import to_council as _to_council
from thidua.org.models import SchoolYear
from thidua.org.services import default_school_year_dates
from thidua.people.records import AnnualRating

LDTT, CSTDCS = AwardId.LAO_DONG_TIEN_TIEN, AwardId.CHIEN_SI_THI_DUA_CO_SO


def _session(actor, council, nomination_round):  # noqa: ANN001, ANN202
    return c.session_plan(
        actor=actor,
        council=council,
        nomination_round=nomination_round,
        held_at=timezone.now(),
        place="Phòng họp Hội đồng, Trường THCS Trần Bội Cơ",
    )


def _vote(session, members, yes_for):  # noqa: ANN001, ANN202
    """Each present member votes: yes on an item while fewer than yes_for(item) said yes."""
    items = list(session.items.select_related("proposal"))
    for index, member in enumerate(members):
        marks = {i.pk: "yes" if index < yes_for(i.proposal) else "no" for i in items}
        c.member_vote(session=session, user=member.user, marks=marks)


def _run(
    actor,
    council,
    nomination_round,
    yes_for,
    *,
    present=None,
    written=None,  # noqa: ANN001, ANN202
    relatives=None,
):
    session = _session(actor, council, nomination_round)
    members = list(council.members.order_by("position"))
    present = members if present is None else present
    c.session_convene(
        actor=actor, session=session, present=present, written=written, relatives=relatives
    )
    c.session_open_vote(actor=actor, session=session)
    _vote(session, present, yes_for)
    return c.session_tally(actor=actor, session=session)


def test_a_meeting_without_quorum_is_refused_and_changes_nothing(
    principal, staff, nomination_round, council
):
    _propose(principal, nomination_round, staff[1], LDTT)
    _to_council(principal, nomination_round)
    session = _session(principal, council, nomination_round)
    three_of_five = list(council.members.order_by("position"))[:3]
    with pytest.raises(ValidationError) as exc:
        c.session_convene(actor=principal, session=session, present=three_of_five)
    assert error_codes(exc.value) == [CouncilError.NO_QUORUM]
    assert "không đủ số lượng: có mặt 3/5 thành viên, cần ít nhất 4" in exc.value.messages[0]
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED
    assert not Attendance.objects.filter(session=session).exists()


def test_share_is_over_all_members_and_counts_written_opinions(
    principal, staff, nomination_round, council
):
    # given four present members of five; the absent one wrote "yes" for one candidate
    lan = _propose(principal, nomination_round, staff[0], CSTDCS)
    duc = _propose(principal, nomination_round, staff[3], CSTDCS)
    _to_council(principal, nomination_round)
    members = list(council.members.order_by("position"))
    present, absent = members[:4], members[4]
    # when: three of the four present vote yes on both
    session = _run(
        principal,
        council,
        nomination_round,
        lambda p: 3,
        present=present,
        written={absent.pk: {lan.pk: "yes", duc.pk: "no"}},
    )
    # then 3 + 1 written = 4/5 = 80 % passes; 3/5 = 60 % fails although 3 of 4 present agreed
    items = {i.proposal_id: i for i in session.items.all()}
    assert (items[lan.pk].yes, items[lan.pk].written_yes, items[lan.pk].members_counted) == (
        3,
        1,
        5,
    )
    assert items[lan.pk].outcome == ItemOutcome.PASSED
    assert items[duc.pk].outcome == ItemOutcome.NOT_PASSED
    assert "3/5 thành viên đồng ý (60,0%), ngưỡng 80%" in items[duc.pk].note
    duc.refresh_from_db()
    assert duc.status == ProposalStatus.NOT_PASSED


def test_eight_of_nine_fails_a_ninety_percent_threshold(principal, tree, school_year):
    # given a council of nine and a CSTĐ cấp tỉnh proposal before it (R-VOTE-1, R-VOTE-3)
    members = [(principal, MemberRole.CHAIR)]
    for i in range(8):
        person = make_teacher(tree["tbc"], f"Thành viên Hội đồng {i + 1}", dept=tree["tbc_office"])
        members.append(
            (make_user(f"tv{i}", [(Role.COUNCIL_MEMBER, tree["tbc"])], person), MemberRole.MEMBER)
        )
    council = c.council_create(
        actor=principal, unit=tree["tbc"], name="Hội đồng chín người", members=members
    )
    nomination_round = s.round_open(
        actor=principal,
        unit=tree["tbc"],
        school_year=school_year,
        title="Đề nghị CSTĐ TP",
        kind="yearly_titles",
        awards=[AwardId.CHIEN_SI_THI_DUA_CAP_TINH],
        deadline=timezone.now() + dt.timedelta(days=5),
        requires_evidence=False,
        listing_days=1,
    )
    candidate = make_teacher(tree["tbc"], "Võ Thị Kim Ngân", dept=tree["tbc_math"])
    proposal = Proposal.objects.create(
        round=nomination_round,
        person=candidate,
        award=AwardId.CHIEN_SI_THI_DUA_CAP_TINH,
        summary="Ba năm liên tục Chiến sĩ thi đua cơ sở.",
        period_from=school_year,
        period_to=school_year,
        status=ProposalStatus.IN_COUNCIL,
        holder=tree["tbc"],
    )
    nomination_round.status = "council"
    nomination_round.save()
    # when eight of nine vote yes
    session = _run(principal, council, nomination_round, lambda p: 8)
    # then 8/9 = 88.9 % < 90 %
    item = session.items.get()
    assert (item.yes, item.members_counted) == (8, 9)
    assert item.outcome == ItemOutcome.NOT_PASSED
    assert "8/9 thành viên đồng ý (88,9%), ngưỡng 90%" in item.note
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.NOT_PASSED


def test_candidate_and_relative_recuse_and_still_count_in_the_denominator(
    principal, tree, staff, nomination_round
):
    # given a council where Lan (a candidate) and Hùng's sister sit
    lan_user = make_user("lan", [(Role.COUNCIL_MEMBER, tree["tbc"])], staff[0])
    sister = make_user(
        "chi.hung",
        [(Role.COUNCIL_MEMBER, tree["tbc"])],
        make_teacher(tree["tbc"], "Trần Thị Hạnh", dept=tree["tbc_office"]),
    )
    others = [
        make_user(
            f"uv{i}",
            [(Role.COUNCIL_MEMBER, tree["tbc"])],
            make_teacher(tree["tbc"], n, dept=tree["tbc_office"]),
        )
        for i, n in enumerate(["Mai Văn Phúc", "Đoàn Thị Yến"])
    ]
    council = c.council_create(
        actor=principal,
        unit=tree["tbc"],
        name="Hội đồng TĐKT",
        members=[
            (principal, MemberRole.CHAIR),
            (lan_user, MemberRole.MEMBER),
            (sister, MemberRole.MEMBER),
        ]
        + [(u, MemberRole.MEMBER) for u in others],
    )
    lan = _propose(principal, nomination_round, staff[0], LDTT)
    hung = _propose(principal, nomination_round, staff[1], LDTT)
    _to_council(principal, nomination_round)
    sister_member = council.members.get(user=sister)
    # when everyone present votes yes on everything
    session = _run(
        principal, council, nomination_round, lambda p: 5, relatives=[(sister_member, hung)]
    )
    # then each recused member cast no ballot on that candidate, and the seat still counts
    reasons = {(r.member.user_id, r.proposal_id): r.reason for r in session.recusals.all()}
    assert reasons == {
        (lan_user.pk, lan.pk): RecusalReason.CANDIDATE,
        (sister.pk, hung.pk): RecusalReason.RELATIVE,
    }
    items = {i.proposal_id: i for i in session.items.all()}
    assert (items[lan.pk].yes, items[lan.pk].members_counted) == (4, 5)
    assert (items[hung.pk].yes, items[hung.pk].members_counted) == (4, 5)
    assert {i.outcome for i in items.values()} == {ItemOutcome.PASSED}  # 4/5 > 50 %


def test_written_opinion_from_a_present_member_is_refused(
    principal, staff, nomination_round, council
):
    lan = _propose(principal, nomination_round, staff[0], LDTT)
    _to_council(principal, nomination_round)
    session = _session(principal, council, nomination_round)
    members = list(council.members.all())
    with pytest.raises(ValidationError) as exc:
        c.session_convene(
            actor=principal,
            session=session,
            present=members,
            written={members[0].pk: {lan.pk: "yes"}},
        )
    assert error_codes(exc.value) == [CouncilError.WRITTEN_FROM_PRESENT]


@pytest.fixture
def four_excellent(staff, school_year):  # noqa: ANN001, ANN201
    AnnualRating.objects.filter(person__in=staff, school_year=school_year).update(rating="htxsnv")
    return staff


def test_cap_is_decided_by_ranking_and_the_rest_are_told_why(
    principal, four_excellent, nomination_round, council
):
    # given a unit rule of at most 50 % CSTĐCS over LĐTT, and four teachers proposed for both
    nomination_round.cap_share, nomination_round.cap_basis = (
        Decimal("0.5"),
        "Quy chế thi đua trường",
    )
    nomination_round.save()
    cstdcs = {}
    for person in four_excellent:
        _propose(principal, nomination_round, person, LDTT)
        cstdcs[person.pk] = _propose(principal, nomination_round, person, CSTDCS)
    _to_council(principal, nomination_round)
    votes = dict(zip([p.pk for p in four_excellent], [5, 5, 4, 3], strict=True))
    # when
    session = _run(
        principal, council, nomination_round, lambda p: 5 if p.award == LDTT else votes[p.person_id]
    )
    # then four LĐTT pass, the cap is 2 CSTĐCS, the third by votes is over the cap
    assert session.cap == 2 and "Tối đa 2 CSTĐCS = 50% của 4 LĐTT" in session.cap_note
    outcome = {pk: session.items.get(proposal=p).outcome for pk, p in cstdcs.items()}
    first, second, third, fourth = (p.pk for p in four_excellent)
    assert outcome == {
        first: ItemOutcome.PASSED,
        second: ItemOutcome.PASSED,
        third: ItemOutcome.OVER_CAP,
        fourth: ItemOutcome.NOT_PASSED,
    }
    over = cstdcs[third]
    over.refresh_from_db()
    assert over.status == ProposalStatus.OVER_CAP
    assert "xếp thứ 3 theo số phiếu, vượt 2 suất" in over.council_note
    assert over.events.last().note == over.council_note


def test_a_tie_across_the_cap_is_not_settled_arbitrarily(
    principal, four_excellent, nomination_round, council
):
    nomination_round.cap_share = Decimal("0.5")
    nomination_round.save()
    cstdcs = {}
    for person in four_excellent:
        _propose(principal, nomination_round, person, LDTT)
        cstdcs[person.pk] = _propose(principal, nomination_round, person, CSTDCS)
    _to_council(principal, nomination_round)
    votes = dict(zip([p.pk for p in four_excellent], [5, 4, 4, 1], strict=True))
    session = _run(
        principal, council, nomination_round, lambda p: 5 if p.award == LDTT else votes[p.person_id]
    )
    outcome = [session.items.get(proposal=cstdcs[p.pk]).outcome for p in four_excellent]
    assert outcome == [
        ItemOutcome.PASSED,
        ItemOutcome.OVER_CAP,
        ItemOutcome.OVER_CAP,
        ItemOutcome.NOT_PASSED,
    ]
    assert (
        "hòa phiếu tại ngưỡng tỷ lệ"
        in session.items.get(proposal=cstdcs[four_excellent[1].pk]).note
    )


def test_no_cap_after_2024_without_a_local_rule(
    principal, four_excellent, nomination_round, council
):
    for person in four_excellent:
        _propose(principal, nomination_round, person, LDTT)
        _propose(principal, nomination_round, person, CSTDCS)
    _to_council(principal, nomination_round)
    session = _run(principal, council, nomination_round, lambda p: 5)
    assert session.cap is None
    assert set(session.items.values_list("outcome", flat=True)) == {ItemOutcome.PASSED}


def test_the_law_caps_at_fifteen_percent_before_2024(principal, tree, council):
    year = SchoolYear.objects.create(code="2022-2023", **default_school_year_dates("2022-2023"))
    nomination_round = s.round_open(
        actor=principal,
        unit=tree["tbc"],
        school_year=year,
        title="Danh hiệu 2022-2023",
        kind="yearly_titles",
        awards=[LDTT, CSTDCS],
        deadline=timezone.now() + dt.timedelta(days=5),
        requires_evidence=False,
        listing_days=1,
    )
    session = c.CouncilSession(round=nomination_round, council=council)
    cap, note = c.cap_for(session, passed_ldtt=20)
    assert cap == 3 and "15%" in note and "Nghị định 91/2017/NĐ-CP" in note
    assert c.cap_for(session, passed_ldtt=6)[0] == 0  # floor(0.9): rounding down


@pytest.mark.parametrize("leaves", ["withdraw", "return"])
def test_a_proposal_that_leaves_the_agenda_does_not_block_the_tally(
    principal, council, staff, nomination_round, leaves
):
    # given two proposals on the agenda and the ballots open
    lan = _propose(principal, nomination_round, staff[0], LDTT)
    hung = _propose(principal, nomination_round, staff[1], LDTT)
    _to_council(principal, nomination_round)
    session = _session(principal, council, nomination_round)
    members = list(council.members.order_by("position"))
    c.session_convene(actor=principal, session=session, present=members)
    c.session_open_vote(actor=principal, session=session)
    _vote(session, members, lambda proposal: len(members))
    # when Lan's proposal leaves the council before the count
    if leaves == "withdraw":
        s.proposal_withdraw(actor=principal, proposal=lan, reason="Xin rút")
    else:
        s.proposal_return(actor=principal, proposal=lan, reason="Bổ sung minh chứng.")
    c.session_tally(actor=principal, session=session)
    # then the session is tallied, Hùng gets his result and Lan keeps her own state
    session.refresh_from_db()
    lan.refresh_from_db()
    hung.refresh_from_db()
    assert session.status == SessionStatus.TALLIED
    assert hung.status == ProposalStatus.PASSED
    left = ProposalStatus.WITHDRAWN if leaves == "withdraw" else ProposalStatus.RETURNED
    assert lan.status == left
    item = session.items.get(proposal=lan)
    assert item.outcome == ""
    assert item.note == f"Đề nghị không còn chờ Hội đồng xét ({left.label})."
