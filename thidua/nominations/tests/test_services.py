"""Proposals: the frozen verdict, scope, deadline, duplicates, R-GEN-1, deferral and return."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from thidua.achievements.catalog import AwardId
from thidua.achievements.services import award_record_create
from thidua.core.errors import error_codes
from thidua.nominations import services as s
from thidua.nominations.errors import NominationError
from thidua.nominations.models import Proposal, ProposalStatus, RoundStatus
from thidua.people.record_services import pending_matter_close, pending_matter_open

from .conftest import propose as _propose
from .conftest import with_evidence


def _codes(exc) -> list[str]:  # noqa: ANN001
    return error_codes(exc.value)


def test_eligible_proposal_keeps_its_frozen_verdict(principal, staff, nomination_round):
    proposal = _propose(principal, nomination_round, staff[1])
    assert proposal.status == ProposalStatus.PROPOSED
    assert proposal.verdict["outcome"] == "eligible"
    assert proposal.verdict["facts"]["ratings"] == {"2024-2025": "httnv"}
    assert proposal.holder == nomination_round.unit
    assert [e.action for e in proposal.events.all()] == ["Gửi đề nghị"]


def test_ineligible_proposal_is_refused_with_its_reason(principal, staff, nomination_round):
    proposal = _propose(principal, nomination_round, staff[2])  # rated HTNV
    assert proposal.status == ProposalStatus.REFUSED
    event = proposal.events.get()
    assert "R-LDTT-1" in event.note and "hoàn thành nhiệm vụ" in event.note.lower()


@pytest.mark.parametrize(
    "_case", ["after deadline", "award not covered", "duplicate", "out of scope", "no evidence"]
)
def test_bad_proposals_change_nothing(principal, homeroom_teacher, staff, nomination_round, _case):
    # given
    expected = {
        "after deadline": NominationError.DEADLINE_PASSED,
        "award not covered": NominationError.AWARD_NOT_IN_ROUND,
        "duplicate": NominationError.DUPLICATE,
        "out of scope": NominationError.OUT_OF_SCOPE,
        "no evidence": NominationError.EVIDENCE_REQUIRED,
    }[_case]
    kwargs, actor = {}, principal
    if _case == "after deadline":
        kwargs["now"] = nomination_round.deadline + dt.timedelta(minutes=1)
    elif _case == "award not covered":
        kwargs["award"] = AwardId.TAP_THE_LAO_DONG_XUAT_SAC
    elif _case == "duplicate":
        _propose(principal, nomination_round, staff[0])
    elif _case == "out of scope":
        actor = homeroom_teacher  # a homeroom teacher proposes students of the class, not staff
    else:
        nomination_round.requires_evidence = True
        nomination_round.save()
    before = Proposal.objects.count()
    # when
    with pytest.raises(ValidationError) as exc:
        _propose(actor, nomination_round, staff[0], **kwargs)
    # then
    assert _codes(exc) == [expected]
    assert Proposal.objects.count() == before


def test_one_achievement_cannot_carry_two_award_forms(
    principal, staff, nomination_round, tree, school_year
):
    achievement = with_evidence(staff[0], tree["tbc"], school_year)
    _propose(
        principal, nomination_round, staff[0], award=AwardId.GIAY_KHEN, achievement=achievement
    )
    with pytest.raises(ValidationError) as exc:
        _propose(
            principal,
            nomination_round,
            staff[0],
            award=AwardId.BANG_KHEN_CAP_TINH,
            achievement=achievement,
        )
    assert _codes(exc) == [NominationError.TWO_FORMS]
    assert "một thành tích không được đề nghị hai hình thức" in exc.value.messages[0]


def test_an_achievement_already_rewarded_cannot_be_proposed_again(
    principal, staff, nomination_round, tree, school_year
):
    achievement = with_evidence(staff[3], tree["tbc"], school_year)
    award_record_create(
        actor=None,
        award=AwardId.GIAY_KHEN,
        person=staff[3],
        period_from=school_year,
        period_to=school_year,
        decision_number="12/QĐ-PGD",
        decided_on=dt.date(2025, 6, 1),
        issued_by="Phòng GD&ĐT Quận 5",
        achievement=achievement,
    )
    with pytest.raises(ValidationError) as exc:
        _propose(
            principal, nomination_round, staff[3], award=AwardId.GIAY_KHEN, achievement=achievement
        )
    assert _codes(exc) == [NominationError.TWO_FORMS]


def test_a_deferred_proposal_returns_when_its_matter_closes(principal, staff, nomination_round):
    # given a teacher under discipline review
    matter = pending_matter_open(
        actor=principal,
        kind="discipline_review",
        person=staff[0],
        opened_on=dt.date(2025, 4, 2),
        note="Xem xét kỷ luật",
    )
    proposal = _propose(principal, nomination_round, staff[0])
    assert proposal.status == ProposalStatus.DEFERRED
    assert s.proposals_recheck(actor=principal, nomination_round=nomination_round) == []
    # when the matter closes
    pending_matter_close(
        actor=principal, matter=matter, closed_on=dt.date(2025, 5, 10), outcome="Không kỷ luật"
    )
    released = s.proposals_recheck(actor=principal, nomination_round=nomination_round)
    # then the proposal comes back, with its history
    proposal.refresh_from_db()
    assert released == [proposal] and proposal.status == ProposalStatus.PROPOSED
    assert proposal.events.last().action == "Vụ việc đã kết thúc: đề nghị được xét tiếp"


def test_return_needs_a_reason_and_resubmission_rechecks(principal, staff, nomination_round):
    proposal = _propose(principal, nomination_round, staff[1])
    with pytest.raises(ValidationError):
        s.proposal_return(actor=principal, proposal=proposal, reason="  ")
    s.proposal_return(actor=principal, proposal=proposal, reason="Bổ sung minh chứng sáng kiến.")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.RETURNED and proposal.return_reason
    s.proposal_resubmit(
        actor=principal,
        proposal=proposal,
        summary="Đã bổ sung: sáng kiến được công nhận cấp cơ sở.",
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PROPOSED
    assert [e.action for e in proposal.events.all()] == [
        "Gửi đề nghị",
        "Trả lại để bổ sung",
        "Gửi lại sau khi bổ sung",
    ]


def test_a_complaint_defers_until_answered(principal, teacher, staff, nomination_round):
    proposal = _propose(principal, nomination_round, staff[1])
    with pytest.raises(ValidationError) as exc:
        s.complaint_raise(actor=teacher, proposal=proposal, text="Thầy chưa hoàn thành hồ sơ.")
    assert _codes(exc) == [NominationError.NOT_LISTING]
    s.listing_start(actor=principal, nomination_round=nomination_round)
    complaint = s.complaint_raise(
        actor=teacher, proposal=proposal, text="Thầy chưa nộp đủ hồ sơ chuyên môn học kỳ II."
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DEFERRED
    assert complaint.pending_matter.kind == "complaint"
    with pytest.raises(ValidationError) as exc:
        s.round_to_council(actor=principal, nomination_round=nomination_round)
    assert _codes(exc) == [NominationError.LISTING_NOT_OVER]
    s.complaint_resolve(
        actor=principal,
        complaint=complaint,
        upheld=False,
        answer="Đã kiểm tra: hồ sơ chuyên môn đầy đủ, phản ánh không đúng.",
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PROPOSED
    complaint.pending_matter.refresh_from_db()
    assert complaint.pending_matter.closed_on == timezone.localdate()
    later = timezone.now() + dt.timedelta(days=4)
    s.round_to_council(actor=principal, nomination_round=nomination_round, now=later)
    proposal.refresh_from_db()
    assert (proposal.round.status, proposal.status) == (
        RoundStatus.COUNCIL,
        ProposalStatus.IN_COUNCIL,
    )


def test_the_round_closes_when_every_result_is_decided_and_reopens_on_a_return(
    principal, district_officer, staff, nomination_round
):
    ldtt = _propose(principal, nomination_round, staff[1])
    bk = _propose(principal, nomination_round, staff[0], award=AwardId.BANG_KHEN_CAP_TINH)
    s.listing_start(actor=principal, nomination_round=nomination_round)
    s.round_to_council(
        actor=principal,
        nomination_round=nomination_round,
        now=timezone.now() + dt.timedelta(days=4),
    )
    for proposal in (ldtt, bk):
        s.proposal_council_result(
            actor=principal, proposal=proposal, status=ProposalStatus.PASSED, note="5/5"
        )
    s.proposal_mark_awarded(actor=principal, proposal=ldtt, decision_label="01/QĐ-THCSTBC")
    nomination_round.refresh_from_db()
    assert nomination_round.status == RoundStatus.COUNCIL  # the Bằng khen still waits
    submission = s.submission_create(
        actor=principal,
        nomination_round=nomination_round,
        number="45/TTr-THCSTBC",
        signed_on=dt.date(2025, 6, 10),
        signer_name="Phạm Văn Hòa",
        signer_title="Hiệu trưởng",
    )
    nomination_round.refresh_from_db()
    assert nomination_round.status == RoundStatus.DECIDED
    s.submission_return(
        actor=district_officer, submission=submission, reason="Thiếu báo cáo thành tích."
    )
    nomination_round.refresh_from_db()
    bk.refresh_from_db()
    assert nomination_round.status == RoundStatus.COUNCIL
    assert bk.status == ProposalStatus.PASSED and bk.return_reason == "Thiếu báo cáo thành tích."


def test_a_proposal_returned_by_the_council_goes_back_before_it(principal, staff, nomination_round):
    # given a proposal the council sends back to its proposer
    from .conftest import to_council

    proposal = _propose(principal, nomination_round, staff[1])
    to_council(principal, nomination_round)
    s.proposal_return(actor=principal, proposal=proposal, reason="Bổ sung minh chứng sáng kiến.")
    # when the proposer fixes and resubmits it
    s.proposal_resubmit(
        actor=principal,
        proposal=proposal,
        summary="Đã bổ sung: sáng kiến được công nhận cấp cơ sở.",
    )
    # then it waits for the council again, not for a listing that is over
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.IN_COUNCIL
