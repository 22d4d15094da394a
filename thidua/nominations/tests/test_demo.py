"""The demo holds a finished year-end round, a round in progress and a submission upstairs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from thidua.achievements.models import AwardRecord
from thidua.decisions.models import Decision
from thidua.demo import load_demo
from thidua.nominations.demo import TITLES_TITLE, YEAR_END_TITLE
from thidua.nominations.models import (
    Complaint,
    ComplaintStatus,
    NominationRound,
    ProposalEvent,
    ProposalStatus,
    RoundStatus,
    Submission,
    SubmissionStatus,
)

TODAY = dt.date(2026, 11, 23)


@pytest.mark.django_db
def test_demo_nomination_rounds_tell_a_dated_story():
    # given
    load_demo(today=TODAY)
    rounds = NominationRound.objects.filter(unit__code="THCS-TBC")
    finished = rounds.get(title=YEAR_END_TITLE % "2025-2026")
    running = rounds.get(title=TITLES_TITLE % "2025-2026")
    # then: the year-end round is decided, with an issued decision and its awardees
    assert finished.status == RoundStatus.DECIDED
    decision = Decision.objects.get(issuer__code="THCS-TBC", number_label="01/QĐ-THCSTBC")
    assert decision.status == "issued"
    awarded = finished.proposals.filter(status=ProposalStatus.AWARDED)
    assert awarded.count() == 3
    assert AwardRecord.objects.filter(decision_number="01/QĐ-THCSTBC").count() == 3
    refused = finished.proposals.get(status=ProposalStatus.REFUSED)
    assert refused.holder_note == "Đã kết thúc đợt xét"
    # and the Bằng khen went up and waits at the district office
    submission = Submission.objects.get(number="52/TTr-THCSTBC")
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.to_unit.name == "Phòng Giáo dục và Đào tạo Quận 5"
    # and the yearly titles round is in its public listing with an open complaint
    assert running.status == RoundStatus.LISTING
    complaint = Complaint.objects.get(proposal__round=running)
    assert complaint.status == ComplaintStatus.OPEN
    assert complaint.proposal.status == ProposalStatus.DEFERRED
    # and every step of the history happened before today, in order
    for proposal in finished.proposals.all():
        times = list(
            ProposalEvent.objects.filter(proposal=proposal)
            .order_by("pk")
            .values_list("at", flat=True)
        )
        assert times == sorted(times)
        assert times[-1] < timezone.make_aware(
            dt.datetime.combine(finished.school_year.end_on, dt.time())
        )
    assert not ProposalEvent.objects.filter(at__date__gte=TODAY).exists()
