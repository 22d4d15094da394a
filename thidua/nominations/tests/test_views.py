"""Nomination pages: open a round, propose, the dossier, listing and complaints, returns,
submissions to the district with the cover letter."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from django.utils import timezone

from conftest import make_teacher, make_user
from thidua.accounts.models import Role
from thidua.achievements.catalog import AwardId
from thidua.councils.models import MemberRole
from thidua.nominations import services as s
from thidua.nominations.models import (
    Complaint,
    NominationRound,
    Proposal,
    ProposalStatus,
    RoundStatus,
    Submission,
    SubmissionStatus,
)

from .conftest import propose as _propose
from .conftest import registered, with_evidence

pytestmark = pytest.mark.django_db


def _form_time(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def test_principal_opens_a_round_through_the_page(client, principal, tree):
    client.force_login(principal)
    form = client.get("/nominations/rounds/open/?unit=THCS-TBC")
    assert form.status_code == 200 and "Mở đợt xét khen thưởng" in form.content.decode()
    response = client.post(
        "/nominations/rounds/open/?unit=THCS-TBC",
        {
            "title": "Xét danh hiệu thi đua năm học 2024-2025",
            "kind": "yearly_titles",
            "school_year": "2024-2025",
            "awards": ["lao_dong_tien_tien", "chien_si_thi_dua_co_so"],
            "deadline": _form_time(timezone.now() + dt.timedelta(days=7)),
            "requires_evidence": "on",
            "listing_days": "5",
        },
    )
    nomination_round = NominationRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/nominations/rounds/{nomination_round.pk}/"
    assert nomination_round.awards == ["lao_dong_tien_tien", "chien_si_thi_dua_co_so"]
    assert nomination_round.requires_evidence and nomination_round.unit == tree["tbc"]


def test_a_round_without_awards_is_refused_and_keeps_the_form(client, principal):
    client.force_login(principal)
    response = client.post(
        "/nominations/rounds/open/?unit=THCS-TBC",
        {
            "title": "Đợt xét giữa năm",
            "kind": "semester_review",
            "school_year": "2024-2025",
            "deadline": _form_time(timezone.now() + dt.timedelta(days=7)),
            "listing_days": "5",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Đợt xét giữa năm" in body  # what the user typed is kept
    assert "Trường này là bắt buộc." in body  # the awards field, in Vietnamese
    assert not NominationRound.objects.exists()


def test_a_teacher_cannot_open_a_round(client, teacher):
    client.force_login(teacher)
    assert client.get("/nominations/rounds/open/?unit=THCS-TBC").status_code == 403


def test_department_head_proposes_a_member_through_the_page(client, tree, staff, nomination_round):
    head = make_user(
        "tt.toan",
        [(Role.DEPARTMENT_HEAD, tree["tbc_math"]), (Role.STAFF, tree["tbc"])],
        make_teacher(tree["tbc"], "Đỗ Quang Vinh", dept=tree["tbc_math"], title="Tổ trưởng"),
    )
    client.force_login(head)
    pick = client.get(f"/nominations/rounds/{nomination_round.pk}/propose/").content.decode()
    assert "Trần Văn Hùng" in pick and "Tổ Toán – Tin" in pick
    assert "Võ Thị Hồng" not in pick  # office staff are outside the head's department
    url = f"/nominations/rounds/{nomination_round.pk}/propose/?person={staff[1].pk}"
    response = client.post(
        url,
        {
            "award": "lao_dong_tien_tien",
            "summary": "Hoàn thành tốt nhiệm vụ, dạy tốt môn Toán lớp 8.",
            "period_from": "2024-2025",
            "period_to": "2024-2025",
        },
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert proposal.status == ProposalStatus.PROPOSED
    assert proposal.proposer_role == "Tổ trưởng, Tổ Toán – Tin"


def test_an_ineligible_proposal_is_refused_with_its_reason_on_the_page(
    client, principal, staff, nomination_round
):
    client.force_login(principal)
    response = client.post(
        f"/nominations/rounds/{nomination_round.pk}/propose/?person={staff[2].pk}",
        {
            "award": "lao_dong_tien_tien",
            "summary": "Tham gia đầy đủ các hoạt động của nhà trường.",
            "period_from": "2024-2025",
            "period_to": "2024-2025",
        },
        follow=True,
    )
    body = response.content.decode()
    assert "Đề nghị không đủ điều kiện và đã bị từ chối" in body
    assert "R-LDTT-1" in body and "Hoàn thành nhiệm vụ" in body
    assert Proposal.objects.get().status == ProposalStatus.REFUSED


def test_missing_evidence_keeps_what_was_typed_and_saves_nothing(
    client, principal, staff, nomination_round
):
    nomination_round.requires_evidence = True
    nomination_round.save()
    client.force_login(principal)
    response = client.post(
        f"/nominations/rounds/{nomination_round.pk}/propose/?person={staff[0].pk}",
        {
            "award": "lao_dong_tien_tien",
            "summary": "Giáo viên dạy giỏi cấp Quận năm học 2024-2025.",
            "period_from": "2024-2025",
            "period_to": "2024-2025",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Đợt xét yêu cầu minh chứng" in body
    assert "Giáo viên dạy giỏi cấp Quận năm học 2024-2025." in body
    assert not Proposal.objects.exists()


def test_proposing_after_the_deadline_shows_a_message(client, principal, staff, nomination_round):
    nomination_round.deadline = timezone.now() - dt.timedelta(hours=1)
    nomination_round.save()
    client.force_login(principal)
    response = client.post(
        f"/nominations/rounds/{nomination_round.pk}/propose/?person={staff[0].pk}",
        {
            "award": "lao_dong_tien_tien",
            "summary": "Hoàn thành xuất sắc nhiệm vụ năm học.",
            "period_from": "2024-2025",
            "period_to": "2024-2025",
        },
    )
    assert response.status_code == 200
    assert "Đã quá hạn gửi đề nghị" in response.content.decode()
    assert not Proposal.objects.exists()


def test_the_dossier_shows_who_holds_it_the_verdict_and_the_history(
    client, principal, staff, nomination_round, tree, school_year
):
    achievement = with_evidence(staff[0], tree["tbc"], school_year)
    proposal = _propose(principal, nomination_round, staff[0], achievement=achievement)
    client.force_login(principal)
    body = client.get(f"/nominations/proposals/{proposal.pk}/").content.decode()
    assert "Đang xử lý tại" in body and "Trường THCS Trần Bội Cơ" in body
    assert "Đủ điều kiện" in body and "R-LDTT-1" in body
    assert "Thông báo kết quả hội thi" in body  # the evidence link
    assert "Gửi đề nghị" in body  # the history


def test_the_dossier_is_personal(client, teacher, principal, staff, nomination_round, tree):
    proposal = _propose(principal, nomination_round, staff[0])
    client.force_login(teacher)
    assert client.get(f"/nominations/proposals/{proposal.pk}/").status_code == 403
    # the person concerned reads their own dossier
    lan = make_user("lan", [(Role.STAFF, tree["tbc"])], staff[0])
    client.force_login(lan)
    assert client.get(f"/nominations/proposals/{proposal.pk}/").status_code == 200


def test_a_council_seat_opens_the_dossiers_of_the_units_rounds(
    client, principal, staff, nomination_round, tree
):
    # given: the union chair sits on the school's council without a council-member role
    from thidua.councils.services import council_create

    proposal = _propose(principal, nomination_round, staff[0])
    chair_person = make_teacher(tree["tbc"], "Quách Phương Thủy", dept=tree["tbc_office"])
    union = make_user("cd.tbc", [(Role.UNION_CHAIR, tree["tbc"])], chair_person)
    dossier = f"/nominations/proposals/{proposal.pk}/"
    client.force_login(union)
    assert client.get(dossier).status_code == 403
    # when: the principal names them to the council
    council_create(
        actor=principal,
        unit=tree["tbc"],
        name="Hội đồng TĐKT Trường THCS Trần Bội Cơ",
        members=[(principal, MemberRole.CHAIR), (union, MemberRole.MEMBER)],
    )
    # then: they read the dossiers they appraise
    client.force_login(union)
    assert client.get(dossier).status_code == 200


def test_another_school_cannot_see_the_round(client, other_principal, nomination_round):
    client.force_login(other_principal)
    assert client.get(f"/nominations/rounds/{nomination_round.pk}/").status_code == 403


def test_listing_complaint_and_written_answer(client, principal, teacher, staff, nomination_round):
    passed = _propose(principal, nomination_round, staff[1])
    refused = _propose(principal, nomination_round, staff[2])
    s.listing_start(actor=principal, nomination_round=nomination_round)
    # anyone in the unit sees the public list, but not the refused proposal
    client.force_login(teacher)
    listing = client.get(f"/nominations/rounds/{nomination_round.pk}/").content.decode()
    assert "Trần Văn Hùng" in listing and refused.person.full_name not in listing
    assert "Phản ánh" in listing
    response = client.post(
        f"/nominations/proposals/{passed.pk}/complain/",
        {"text": "Thầy Hùng chưa nộp đủ hồ sơ chuyên môn học kỳ II."},
    )
    assert response.status_code == 302
    passed.refresh_from_db()
    assert passed.status == ProposalStatus.DEFERRED
    complaint = Complaint.objects.get()
    # the principal answers in writing; the proposal comes back
    client.force_login(principal)
    page = client.get(f"/nominations/rounds/{nomination_round.pk}/").content.decode()
    assert "Phản ánh chờ trả lời" in page
    client.post(
        f"/nominations/complaints/{complaint.pk}/answer/",
        {"upheld": "0", "answer": "Đã kiểm tra sổ sách chuyên môn: hồ sơ đầy đủ."},
    )
    passed.refresh_from_db()
    complaint.refresh_from_db()
    assert passed.status == ProposalStatus.PROPOSED
    assert complaint.answer.startswith("Đã kiểm tra")
    dossier = client.get(f"/nominations/proposals/{passed.pk}/").content.decode()
    assert "phản ánh không đúng" in dossier


def test_a_teacher_cannot_answer_a_complaint(client, principal, teacher, staff, nomination_round):
    proposal = _propose(principal, nomination_round, staff[1])
    s.listing_start(actor=principal, nomination_round=nomination_round)
    complaint = s.complaint_raise(actor=teacher, proposal=proposal, text="Chưa đủ hồ sơ.")
    client.force_login(teacher)
    response = client.post(
        f"/nominations/complaints/{complaint.pk}/answer/", {"upheld": "1", "answer": "Đúng."}
    )
    assert response.status_code == 403
    complaint.refresh_from_db()
    assert complaint.answer == ""


def test_return_and_resubmit_through_the_pages(client, principal, tree, staff, nomination_round):
    head = make_user(
        "tt.toan",
        [(Role.DEPARTMENT_HEAD, tree["tbc_math"]), (Role.STAFF, tree["tbc"])],
        make_teacher(tree["tbc"], "Đỗ Quang Vinh", dept=tree["tbc_math"], title="Tổ trưởng"),
    )
    proposal = _propose(head, nomination_round, staff[1])
    client.force_login(principal)
    empty = client.post(f"/nominations/proposals/{proposal.pk}/return/", {"reason": ""})
    assert empty.status_code == 200
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PROPOSED
    client.post(
        f"/nominations/proposals/{proposal.pk}/return/",
        {"reason": "Bổ sung kết quả hội giảng cấp trường."},
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.RETURNED
    client.force_login(head)
    page = client.get(f"/nominations/proposals/{proposal.pk}/").content.decode()
    assert "Bổ sung kết quả hội giảng cấp trường." in page and "Bổ sung và gửi lại" in page
    client.post(
        f"/nominations/proposals/{proposal.pk}/resubmit/",
        {"summary": "Đã bổ sung: đạt giải Nhì hội giảng cấp trường."},
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PROPOSED
    assert proposal.summary.startswith("Đã bổ sung")


def test_a_principals_proposal_shows_the_schools_own_result(
    client, principal, tree, school_year, nomination_round
):
    from thidua.people.records import AnnualRating

    registered(principal.person, tree["tbc"], school_year, [AwardId.LAO_DONG_TIEN_TIEN])
    AnnualRating.objects.create(
        person=principal.person, school_year=school_year, rating="htxsnv", unit=tree["tbc"]
    )
    AnnualRating.objects.create(
        collective=tree["tbc"], school_year=school_year, rating="htxsnv", unit=tree["district"]
    )
    proposal = _propose(principal, nomination_round, principal.person)
    head_of = proposal.verdict["head_of"]
    assert [u["unit"] for u in head_of] == ["Trường THCS Trần Bội Cơ"]
    assert head_of[0]["rating"] == "Hoàn thành xuất sắc nhiệm vụ"
    client.force_login(principal)
    body = client.get(f"/nominations/proposals/{proposal.pk}/").content.decode()
    assert "Kết quả của tập thể do người được đề nghị đứng đầu" in body


def _passed_beyond_authority(principal, staff, nomination_round):  # noqa: ANN001, ANN202
    proposal = _propose(principal, nomination_round, staff[0], award=AwardId.BANG_KHEN_CAP_TINH)
    s.listing_start(actor=principal, nomination_round=nomination_round)
    later = timezone.now() + dt.timedelta(days=nomination_round.listing_days + 1)
    s.round_to_council(actor=principal, nomination_round=nomination_round, now=later)
    proposal.refresh_from_db()
    s.proposal_council_result(
        actor=principal,
        proposal=proposal,
        status=ProposalStatus.PASSED,
        note="5/5 thành viên đồng ý (100,0%)",
    )
    return proposal


def test_submission_goes_to_the_district_queue_with_its_cover_letter(
    client, principal, district_officer, staff, nomination_round
):
    proposal = _passed_beyond_authority(principal, staff, nomination_round)
    client.force_login(principal)
    page = client.get(f"/nominations/rounds/{nomination_round.pk}/").content.decode()
    assert "Lập tờ trình cấp trên" in page
    response = client.post(
        f"/nominations/rounds/{nomination_round.pk}/submit/",
        {
            "number": "45/TTr-THCSTBC",
            "signed_on": "2025-06-10",
            "signer_name": "Phạm Văn Hòa",
            "signer_title": "Hiệu trưởng",
            "proposals": [str(proposal.pk)],
        },
    )
    submission = Submission.objects.get()
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.FORWARDED
    assert proposal.holder.name == "Phòng Giáo dục và Đào tạo Quận 5"
    # the district sees it in its queue and receives it
    client.force_login(district_officer)
    home = client.get("/nominations/").content.decode()
    assert "45/TTr-THCSTBC" in home and "Tờ trình của đơn vị trực thuộc" in home
    client.post(f"/nominations/submissions/{submission.pk}/receive/")
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.RECEIVED
    copy = Proposal.objects.get(origin=proposal)
    assert copy.round.unit.name == "Phòng Giáo dục và Đào tạo Quận 5"
    assert copy.round.status == RoundStatus.OPEN
    # the cover letter is a Word file with the list
    letter = client.get(f"/nominations/submissions/{submission.pk}/docx/")
    assert letter.status_code == 200
    document = docx.Document(io.BytesIO(letter.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "TỜ TRÌNH" in text and "Kính gửi: Phòng Giáo dục và Đào tạo Quận 5" in text
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Nguyễn Thị Lan" in cells and "Bằng khen cấp bộ, ngành, tỉnh (thành phố)" in cells
    # the school sees the status at the district
    client.force_login(principal)
    dossier = client.get(f"/nominations/proposals/{proposal.pk}/").content.decode()
    assert "Cấp trên đã tiếp nhận, đang xét" in dossier


def test_another_school_cannot_receive_a_submission(
    client, principal, other_principal, staff, nomination_round
):
    proposal = _passed_beyond_authority(principal, staff, nomination_round)
    submission = s.submission_create(
        actor=principal,
        nomination_round=nomination_round,
        number="45/TTr-THCSTBC",
        signed_on=dt.date(2025, 6, 10),
        signer_name="Phạm Văn Hòa",
        signer_title="Hiệu trưởng",
        proposals=[proposal],
    )
    client.force_login(other_principal)
    assert client.post(f"/nominations/submissions/{submission.pk}/receive/").status_code == 403
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED


def test_the_district_queue_also_links_the_schools_exemplars(client, district_officer, principal):
    client.force_login(district_officer)
    body = client.get("/nominations/").content.decode()
    assert "gương học sinh tiêu biểu các trường đã gửi lên" in body
    assert 'href="/honors/' in body
    client.force_login(principal)
    assert "gương học sinh tiêu biểu" not in client.get("/nominations/").content.decode()


def test_a_round_reviews_a_movement_launched_above(client, principal, district_officer, tree):
    from thidua.movements.services import movement_create

    movement = movement_create(
        actor=district_officer,
        unit=tree["district"],
        kind="standing",
        name="Phong trào “Dạy tốt – Học tốt” năm học 2024-2025",
        start_on=dt.date(2024, 9, 5),
        end_on=dt.date(2025, 5, 31),
    )
    client.force_login(principal)
    form = client.get("/nominations/rounds/open/?unit=THCS-TBC").content.decode()
    assert "Dạy tốt – Học tốt" in form
    client.post(
        "/nominations/rounds/open/?unit=THCS-TBC",
        {
            "title": "Tổng kết phong trào “Dạy tốt – Học tốt”",
            "kind": "final",
            "school_year": "2024-2025",
            "movement": str(movement.pk),
            "awards": ["giay_khen"],
            "deadline": _form_time(timezone.now() + dt.timedelta(days=7)),
            "listing_days": "3",
        },
    )
    nomination_round = NominationRound.objects.get()
    assert nomination_round.movement == movement
    page = client.get(f"/nominations/rounds/{nomination_round.pk}/").content.decode()
    assert "Phong trào “Dạy tốt – Học tốt” năm học 2024-2025" in page


def test_the_return_button_is_offered_exactly_where_the_service_accepts_it(
    client, principal, staff, nomination_round
):
    # given a deferred proposal (a matter pending) and one before the council
    from thidua.people.record_services import pending_matter_open

    from .conftest import to_council

    pending_matter_open(
        actor=principal,
        kind="discipline_review",
        person=staff[0],
        opened_on=dt.date(2025, 4, 2),
        note="Xem xét kỷ luật",
    )
    deferred = _propose(principal, nomination_round, staff[0])
    in_council = _propose(principal, nomination_round, staff[1])
    to_council(principal, nomination_round)
    in_council.refresh_from_db()
    assert (deferred.status, in_council.status) == (
        ProposalStatus.DEFERRED,
        ProposalStatus.IN_COUNCIL,
    )
    client.force_login(principal)
    return_link = "/return/"
    # then the deferred one, which the service refuses, has no return button
    page = client.get(f"/nominations/proposals/{deferred.pk}/").content.decode()
    assert f"/nominations/proposals/{deferred.pk}{return_link}" not in page
    # and the one before the council has it, and returning it works
    page = client.get(f"/nominations/proposals/{in_council.pk}/").content.decode()
    assert f"/nominations/proposals/{in_council.pk}{return_link}" in page
    client.post(
        f"/nominations/proposals/{in_council.pk}/return/", {"reason": "Bổ sung minh chứng."}
    )
    in_council.refresh_from_db()
    assert in_council.status == ProposalStatus.RETURNED


def _queries(client, url):  # noqa: ANN001, ANN202
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_candidate_list_does_not_query_per_teacher(client, principal, nomination_round, tree):
    client.force_login(principal)
    url = f"/nominations/rounds/{nomination_round.pk}/propose/"
    _queries(client, url)  # warm the per-request caches of other apps
    before = _queries(client, url)
    for i in range(4):
        make_teacher(tree["tbc"], f"Giáo viên Số {i}", dept=tree["tbc_math"])
    page = client.get(url).content.decode()
    assert "Giáo viên Số 3" in page
    assert _queries(client, url) == before


def test_the_round_page_does_not_query_per_passed_proposal(
    client, principal, staff, nomination_round
):
    # given one, then three proposals the council passed
    from .conftest import to_council

    for person in (staff[0], staff[1], staff[3]):
        _propose(principal, nomination_round, person)
    to_council(principal, nomination_round)
    waiting = list(nomination_round.proposals.filter(status=ProposalStatus.IN_COUNCIL))
    assert len(waiting) == 3
    client.force_login(principal)
    url = f"/nominations/rounds/{nomination_round.pk}/"
    s.proposal_council_result(
        actor=principal, proposal=waiting[0], status=ProposalStatus.PASSED, note=""
    )
    _queries(client, url)
    one = _queries(client, url)
    for proposal in waiting[1:]:
        s.proposal_council_result(
            actor=principal, proposal=proposal, status=ProposalStatus.PASSED, note=""
        )
    # then the page costs the same
    assert _queries(client, url) == one
