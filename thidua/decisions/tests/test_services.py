"""Decisions: drafting from a round, issuing, numbering, freezing, correcting, revoking, and
deciding at the higher level on a forwarded proposal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from conftest import make_user
from thidua.accounts.models import Role
from thidua.achievements.models import AuthorityLevel, AwardRecord, AwardSource
from thidua.achievements.selectors import person_record, titles_held_by
from thidua.core.errors import error_codes
from thidua.core.models import AuditEntry
from thidua.decisions.errors import DecisionError
from thidua.decisions.models import (
    Decision,
    DecisionKind,
    DecisionLine,
    DecisionStatus,
    NumberRegister,
)
from thidua.decisions.selectors import verification_for
from thidua.decisions.services import (
    decision_correction_create,
    decision_delete,
    decision_draft_from_round,
    decision_issue,
    decision_line_update,
    decision_revocation_create,
    decision_update,
)
from thidua.eligibility import gather
from thidua.eligibility.context import derive
from thidua.nominations.models import Proposal, ProposalStatus, SubmissionStatus
from thidua.nominations.services import submission_create
from thidua.org.models import SchoolYear
from thidua.org.services import default_school_year_dates

from .factories import YEAR, make_round, passed, school_with_passed

pytestmark = pytest.mark.django_db
SIGNED = dt.date(2025, 6, 2)


def _issued(principal, tree):  # noqa: ANN001, ANN202
    nomination_round, proposals = school_with_passed(tree)
    draft = decision_draft_from_round(actor=principal, nomination_round=nomination_round)
    return decision_issue(actor=principal, decision=draft, issued_on=SIGNED), proposals


def test_draft_from_round_lists_the_passed_proposals_the_school_decides(principal, tree):
    # given
    nomination_round, proposals = school_with_passed(tree)
    not_passed = passed(nomination_round, person=principal.person)
    not_passed.status = ProposalStatus.NOT_PASSED
    not_passed.save()
    # when
    draft = decision_draft_from_round(actor=principal, nomination_round=nomination_round)
    # then
    assert draft.status == DecisionStatus.DRAFT
    assert draft.number is None and draft.number_label == ""
    assert draft.symbol == "QĐ-THCSTBC"
    assert draft.authority == "Hiệu trưởng Trường THCS Trần Bội Cơ"
    assert draft.issuing_body == "TRƯỜNG THCS TRẦN BỘI CƠ"
    assert draft.parent_authority == "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN 5"
    assert draft.signer_name == "Phạm Văn Hòa"
    assert draft.subject == "Về việc công nhận danh hiệu thi đua và khen thưởng năm học 2024-2025"
    names = [(li.line_no, li.name, li.award) for li in draft.lines.all()]
    assert names == [
        (1, "Lê Thị Thúy Hằng", "giay_khen"),
        (2, "Nguyễn Thị Ngọc Lan", "lao_dong_tien_tien"),
        (3, "Trần Quốc Dũng", "lao_dong_tien_tien"),
        (4, "Tổ Toán – Tin", "tap_the_lao_dong_tien_tien"),
    ]
    lan = draft.lines.get(name="Nguyễn Thị Ngọc Lan")
    assert lan.position_unit == "Giáo viên, Tổ Toán – Tin, Trường THCS Trần Bội Cơ"
    assert lan.certificate_text == "Đã đạt danh hiệu “Lao động tiên tiến” năm học 2024-2025."
    # a proposal on a draft is not offered again
    with pytest.raises(ValidationError) as exc:
        decision_draft_from_round(actor=principal, nomination_round=nomination_round)
    assert exc.value.code == DecisionError.NOTHING_TO_DECIDE


def test_issue_numbers_freezes_writes_the_history_and_marks_the_proposals(principal, tree):
    # when
    decision, proposals = _issued(principal, tree)
    # then
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.ISSUED
    assert decision.number_label == "01/QĐ-THCSTBC"
    assert decision.issued_on == SIGNED
    lines = list(decision.lines.select_related("award_record"))
    assert [li.certificate_label for li in lines] == [
        "001/2025",
        "002/2025",
        "003/2025",
        "004/2025",
    ]
    lan = next(li for li in lines if li.name == "Nguyễn Thị Ngọc Lan")
    record = lan.award_record
    assert (record.award, record.period_to_id, record.source) == (
        "lao_dong_tien_tien",
        YEAR,
        AwardSource.DECISION,
    )
    assert record.decision_number == "01/QĐ-THCSTBC"
    assert record.decided_on == SIGNED
    assert record.issued_by == "Hiệu trưởng Trường THCS Trần Bội Cơ"
    assert record.authority_level == AuthorityLevel.SCHOOL
    assert titles_held_by(lan.person, YEAR) == {"lao_dong_tien_tien"}
    assert gather.person_facts(lan.person, YEAR).titles == {YEAR: ("lao_dong_tien_tien",)}
    assert {p.status for p in Proposal.objects.filter(pk__in=[p.pk for p in proposals])} == {
        ProposalStatus.AWARDED
    }
    assert AwardRecord.objects.filter(source=AwardSource.DECISION).count() == 4


def test_numbers_are_sequential_per_issuer_and_year(principal, other_principal, tree):
    # given: two decisions at Trần Bội Cơ, one at Bàu Sen, one at Trần Bội Cơ next year
    labels = []
    for unit, user, day in (
        (tree["tbc"], principal, dt.date(2025, 6, 2)),
        (tree["tbc"], principal, dt.date(2025, 6, 3)),
        (tree["bausen"], other_principal, dt.date(2025, 6, 3)),
        (tree["tbc"], principal, dt.date(2026, 1, 5)),
    ):
        nomination_round = make_round(unit)
        person = user.person
        passed(nomination_round, person=person, award="giay_khen")
        draft = decision_draft_from_round(actor=user, nomination_round=nomination_round)
        labels.append(decision_issue(actor=user, decision=draft, issued_on=day).number_label)
    # then
    assert labels == ["01/QĐ-THCSTBC", "02/QĐ-THCSTBC", "01/QĐ-THBAUSEN", "01/QĐ-THCSTBC"]


def test_a_tenth_decision_has_no_leading_zero(principal, tree):
    labels = []
    for day in range(1, 11):
        nomination_round = make_round(tree["tbc"])
        passed(nomination_round, person=principal.person, award="giay_khen")
        draft = decision_draft_from_round(actor=principal, nomination_round=nomination_round)
        labels.append(
            decision_issue(actor=principal, decision=draft, issued_on=dt.date(2025, 6, day))
        )
    assert [d.number_label for d in labels][8:] == ["09/QĐ-THCSTBC", "10/QĐ-THCSTBC"]


def test_an_issued_decision_cannot_be_edited_reissued_or_deleted(principal, tree):
    # given
    decision, _proposals = _issued(principal, tree)
    before = Decision.objects.filter(pk=decision.pk).values().get()
    lines_before = list(DecisionLine.objects.filter(decision=decision).values())
    audits = AuditEntry.objects.count()
    records = AwardRecord.objects.count()
    line = decision.lines.first()
    # when / then: every change is refused with the same code and message
    attempts = [
        lambda: decision_update(actor=principal, decision=decision, subject="Về việc khác"),
        lambda: decision_issue(actor=principal, decision=decision),
        lambda: decision_delete(actor=principal, decision=decision),
        lambda: decision_line_update(actor=principal, line=line, name="Nguyễn Văn Khác"),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as exc:
            attempt()
        assert exc.value.code == DecisionError.FROZEN
        assert "đã ban hành nên không thể sửa" in exc.value.messages[0]
        assert "01/QĐ-THCSTBC" in exc.value.messages[0]
    # nothing changed
    assert Decision.objects.filter(pk=decision.pk).values().get() == before
    assert list(DecisionLine.objects.filter(decision=decision).values()) == lines_before
    assert AuditEntry.objects.count() == audits
    assert AwardRecord.objects.count() == records


def test_a_correcting_decision_fixes_the_line_and_the_history(principal, tree):
    # given
    decision, _proposals = _issued(principal, tree)
    lan = decision.lines.get(name="Nguyễn Thị Ngọc Lan")
    hang = decision.lines.get(name="Lê Thị Thúy Hằng")
    # when: the name was misspelt and Hằng's Giấy khen covers two school years
    earlier = SchoolYear.objects.create(code="2023-2024", **default_school_year_dates("2023-2024"))
    correction = decision_correction_create(
        actor=principal,
        decision=decision,
        reason="Ghi sai họ tên và thời gian lập thành tích trong danh sách kèm theo.",
        changes=[
            {"line": lan, "name": "Nguyễn Thị Ngọc Lan Anh"},
            {"line": hang, "period_from": earlier},
            {"line": decision.lines.get(name="Trần Quốc Dũng")},  # no change: left out
        ],
    )
    assert correction.kind == DecisionKind.CORRECTION and correction.corrects == decision
    assert correction.subject == "Về việc đính chính Quyết định số 01/QĐ-THCSTBC"
    assert correction.lines.count() == 2
    decision_issue(actor=principal, decision=correction, issued_on=dt.date(2025, 6, 10))
    # then
    decision.refresh_from_db()
    correction.refresh_from_db()
    assert decision.status == DecisionStatus.CORRECTED
    assert correction.status == DecisionStatus.ISSUED
    assert correction.number_label == "02/QĐ-THCSTBC"
    new_lan = correction.lines.get(target=lan)
    lan.refresh_from_db()
    assert lan.corrected_by == new_lan
    assert new_lan.award_record_id == lan.award_record_id
    assert new_lan.certificate_label == "005/2025"
    record = AwardRecord.objects.get(pk=hang.award_record_id)
    assert (record.period_from_id, record.period_to_id) == ("2023-2024", YEAR)
    assert "Đính chính theo Quyết định số 02/QĐ-THCSTBC" in record.note
    assert AuditEntry.objects.filter(action="achievements.award.correct").count() == 2
    # the old certificate now says corrected and points at the new one
    old = verification_for(lan.verification_token)
    assert old.status == "corrected"
    assert old.by_label == "02/QĐ-THCSTBC"
    assert old.current_token == new_lan.verification_token
    assert verification_for(new_lan.verification_token).awardee == "Nguyễn Thị Ngọc Lan Anh"
    # a corrected decision is corrected through its correction
    with pytest.raises(ValidationError) as exc:
        decision_correction_create(
            actor=principal,
            decision=decision,
            reason="Đính chính thêm một lần nữa cho đúng.",
            changes=[{"line": hang, "name": "Lê Thúy Hằng"}],
        )
    assert exc.value.code == DecisionError.TARGET_CORRECTED


def test_a_correction_that_changes_nothing_is_refused(principal, tree):
    decision, _proposals = _issued(principal, tree)
    with pytest.raises(ValidationError) as exc:
        decision_correction_create(
            actor=principal,
            decision=decision,
            reason="Kiểm tra lại danh sách kèm theo.",
            changes=[{"line": decision.lines.first()}],
        )
    assert exc.value.code == DecisionError.NO_CHANGE
    assert Decision.objects.count() == 1


def test_revocation_takes_the_award_out_of_what_the_rules_engine_counts(principal, tree):
    # given
    decision, _proposals = _issued(principal, tree)
    lan = decision.lines.get(name="Nguyễn Thị Ngọc Lan")
    person = lan.person
    # when: Lan's achievements were falsely declared (R-GEN-4 a)
    revocation = decision_revocation_create(
        actor=principal,
        decision=decision,
        reason="a",
        reason_text="Kết luận thanh tra số 12/KL-TTr: khai man thành tích.",
        lines=[lan],
    )
    decision_issue(actor=principal, decision=revocation, issued_on=dt.date(2025, 9, 15))
    # then: recorded as a numbered decision
    revocation.refresh_from_db()
    assert revocation.kind == DecisionKind.REVOCATION
    assert revocation.number_label == "02/QĐ-THCSTBC"
    assert revocation.revokes == decision
    # the award leaves the history the rules engine counts
    record = AwardRecord.objects.get(pk=lan.award_record_id)
    assert record.revoked_on == dt.date(2025, 9, 15)
    assert record.revocation_reason == "a"
    assert record.revocation_decision == "02/QĐ-THCSTBC ngày 15/09/2025"
    assert titles_held_by(person, YEAR) == set()
    assert person_record(person).titles_held() == {}
    facts = gather.person_facts(person, YEAR)
    assert "lao_dong_tien_tien" not in derive(facts).held
    assert derive(facts).revoked == {"lao_dong_tien_tien": {2024}}
    # the others keep theirs; the original is partly revoked and stays issued
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.ISSUED
    dung = decision.lines.get(name="Trần Quốc Dũng")
    assert titles_held_by(dung.person, YEAR) == {"lao_dong_tien_tien"}
    # the certificate now verifies as revoked, with the revoking decision
    answer = verification_for(lan.verification_token)
    assert (answer.status, answer.by_label) == ("revoked", "02/QĐ-THCSTBC")
    assert verification_for(dung.verification_token).status == "valid"


def test_revoking_every_line_marks_the_decision_revoked(principal, tree):
    decision, _proposals = _issued(principal, tree)
    revocation = decision_revocation_create(
        actor=principal,
        decision=decision,
        reason="c",
        reason_text="Hội đồng xét duyệt không đủ thành phần theo quy chế.",
    )
    decision_issue(actor=principal, decision=revocation, issued_on=dt.date(2025, 9, 15))
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.REVOKED
    assert AwardRecord.objects.filter(revoked_on__isnull=True).count() == 0
    with pytest.raises(ValidationError) as exc:
        decision_revocation_create(
            actor=principal, decision=decision, reason="a", reason_text="Thu hồi thêm lần nữa."
        )
    assert exc.value.code == DecisionError.TARGET_REVOKED


def test_a_revocation_needs_a_legal_reason(principal, tree):
    decision, _proposals = _issued(principal, tree)
    with pytest.raises(ValidationError) as exc:
        decision_revocation_create(
            actor=principal, decision=decision, reason="x", reason_text="Không rõ lý do cụ thể."
        )
    assert error_codes(exc.value) == [DecisionError.FIELD_REQUIRED]
    assert Decision.objects.count() == 1


def test_the_district_decides_a_forwarded_proposal_and_the_school_sees_it(
    principal, district_officer, tree
):
    # given: the school's council passed a CSTĐCS it may not decide; it goes up
    nomination_round = make_round(tree["tbc"], awards=["chien_si_thi_dua_co_so"])
    tree["district"].place_name = "Quận 5"
    tree["district"].save()
    from thidua.nominations.models import DecisionAuthority

    DecisionAuthority.objects.create(
        unit=tree["tbc"], award="chien_si_thi_dua_co_so", decides=False
    )
    school_proposal = passed(
        nomination_round, person=principal.person, award="chien_si_thi_dua_co_so"
    )
    submission = submission_create(
        actor=principal,
        nomination_round=nomination_round,
        number="15/TTr-THCSTBC",
        signed_on=dt.date(2025, 5, 25),
        signer_name="Phạm Văn Hòa",
        signer_title="Hiệu trưởng",
    )
    copy = Proposal.objects.get(origin=school_proposal)
    # the district's council passes it
    copy.status = ProposalStatus.PASSED
    copy.save()
    # when
    draft = decision_draft_from_round(actor=district_officer, nomination_round=copy.round)
    assert draft.issuer == tree["district"]
    assert draft.authority == "Trưởng phòng Giáo dục và Đào tạo Quận 5"
    assert "Tờ trình số 15/TTr-THCSTBC ngày 25/05/2025" in draft.proposal_basis
    assert draft.signer_name == ""  # the officer's account has no name: filled in by hand
    decision_update(
        actor=district_officer,
        decision=draft,
        signer_name="Võ Thị Kim Chi",
        signer_title="Trưởng phòng",
    )
    decision_issue(actor=district_officer, decision=draft, issued_on=dt.date(2025, 6, 20))
    # then
    draft.refresh_from_db()
    assert draft.number_label == "01/QĐ-PGDDTQ5"
    school_proposal.refresh_from_db()
    copy.refresh_from_db()
    assert (school_proposal.status, copy.status) == (ProposalStatus.AWARDED, ProposalStatus.AWARDED)
    assert school_proposal.events.filter(note__contains="01/QĐ-PGDDTQ5").exists()
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.DECIDED
    record = AwardRecord.objects.get(person=principal.person)
    assert record.authority_level == AuthorityLevel.DISTRICT
    assert record.issued_by == "Trưởng phòng Giáo dục và Đào tạo Quận 5"


def test_only_the_unit_head_issues(principal, teacher, district_officer, tree):
    from thidua.accounts.policy import may

    decision, _proposals = _issued(principal, tree)
    vice = make_user("pht.tbc", [(Role.VICE_PRINCIPAL, tree["tbc"])])
    assert may(principal, "decisions.manage", decision)
    assert may(vice, "decisions.manage", decision)
    assert not may(teacher, "decisions.manage", decision)
    assert may(teacher, "decisions.view", decision)
    # the office above reads the school's register but does not sign for the school
    assert may(district_officer, "decisions.view", decision)
    assert not may(district_officer, "decisions.manage", decision)


def test_a_proposal_withdrawn_after_drafting_stops_the_issue(principal, tree):
    # given
    nomination_round, proposals = school_with_passed(tree)
    draft = decision_draft_from_round(actor=principal, nomination_round=nomination_round)
    proposals[0].status = ProposalStatus.WITHDRAWN
    proposals[0].save()
    # when
    with pytest.raises(ValidationError) as exc:
        decision_issue(actor=principal, decision=draft, issued_on=SIGNED)
    # then: nothing issued, no number taken, nothing in the history
    assert exc.value.code == DecisionError.NOT_DECIDABLE
    assert "Nguyễn Thị Ngọc Lan" in exc.value.messages[0]
    draft.refresh_from_db()
    assert (draft.status, draft.number) == (DecisionStatus.DRAFT, None)
    assert AwardRecord.objects.count() == 0
    assert not NumberRegister.objects.filter(last__gt=0).exists()


def test_revoking_a_corrected_decision_follows_the_corrections(principal, tree):
    # given: Lan's line corrected by decision 02
    decision, _proposals = _issued(principal, tree)
    lan = decision.lines.get(name="Nguyễn Thị Ngọc Lan")
    correction = decision_correction_create(
        actor=principal,
        decision=decision,
        reason="Ghi sai họ tên trong danh sách kèm theo.",
        changes=[{"line": lan, "name": "Nguyễn Thị Ngọc Lan Anh"}],
    )
    decision_issue(actor=principal, decision=correction, issued_on=dt.date(2025, 6, 10))
    new_lan = correction.lines.get()
    # when: every award of the original decision is revoked by decision 03
    revocation = decision_revocation_create(
        actor=principal,
        decision=decision,
        reason="c",
        reason_text="Hội đồng xét duyệt không đủ thành phần theo quy chế.",
    )
    assert revocation.lines.get(name="Nguyễn Thị Ngọc Lan Anh").target == new_lan
    decision_issue(actor=principal, decision=revocation, issued_on=dt.date(2025, 9, 15))
    # then: both the original and the correction are wholly revoked
    decision.refresh_from_db()
    correction.refresh_from_db()
    assert (decision.status, correction.status) == (DecisionStatus.REVOKED, DecisionStatus.REVOKED)
    # and Lan's first certificate says revoked, by decision 03, with no current certificate
    old = verification_for(lan.verification_token)
    assert (old.status, old.by_label, old.current_token) == ("revoked", "03/QĐ-THCSTBC", "")
    assert verification_for(new_lan.verification_token).status == "revoked"
