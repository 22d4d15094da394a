"""Decision pages: register, draft from a round, edit, issue, correct, revoke, documents,
and the public verification page."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from pypdf import PdfReader

from conftest import make_teacher
from thidua.achievements.models import AwardRecord
from thidua.decisions.models import Decision, DecisionKind, DecisionStatus
from thidua.decisions.services import (
    decision_draft_from_round,
    decision_issue,
    decision_revocation_create,
)

from .factories import make_round, passed, school_with_passed

pytestmark = pytest.mark.django_db


def _issued(principal, tree):  # noqa: ANN001, ANN202
    nomination_round, _proposals = school_with_passed(tree)
    draft = decision_draft_from_round(actor=principal, nomination_round=nomination_round)
    return decision_issue(actor=principal, decision=draft, issued_on=dt.date(2025, 6, 2))


def test_the_principal_drafts_edits_and_issues_from_the_pages(client, principal, tree):
    # given
    nomination_round, _proposals = school_with_passed(tree)
    client.force_login(principal)
    # the menu leads to the register, the register to the rounds
    home = client.get("/").content.decode()
    assert "Quyết định khen thưởng" in home
    register = client.get("/decisions/").content.decode()
    assert "Lập quyết định từ đợt xét" in register
    rounds = client.get("/decisions/new/").content.decode()
    assert f"?round={nomination_round.pk}" in rounds
    # when: draft with three of the four proposals
    page = client.get(f"/decisions/new/?round={nomination_round.pk}").content.decode()
    assert "Nguyễn Thị Ngọc Lan" in page
    chosen = [str(p.pk) for p in nomination_round.proposals.exclude(collective__isnull=False)]
    response = client.post("/decisions/new/", {"round": nomination_round.pk, "proposals": chosen})
    decision = Decision.objects.get()
    assert response.url == f"/decisions/{decision.pk}/edit/"
    assert decision.lines.count() == 3
    # edit the draft: a signing mode, and the printed name of line 2
    edit = client.get(f"/decisions/{decision.pk}/edit/")
    form = edit.context["header"].initial
    data = {f"h-{k}": v for k, v in form.items()}
    data.update(
        {
            "h-signing_mode": "KT.",
            "h-signing_for": "HIỆU TRƯỞNG",
            "h-signer_title": "Phó Hiệu trưởng",
            "h-signer_name": "Đỗ Thị Minh Nguyệt",
            "line-TOTAL_FORMS": "3",
            "line-INITIAL_FORMS": "3",
        }
    )
    for i, line in enumerate(decision.lines.order_by("line_no")):
        data[f"line-{i}-name"] = "Nguyễn Thị Ngọc Lan" if i == 1 else line.name
        data[f"line-{i}-position_unit"] = line.position_unit
        data[f"line-{i}-certificate_text"] = line.certificate_text
    data["line-2-remove"] = "on"
    response = client.post(f"/decisions/{decision.pk}/edit/", data)
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.signing_mode, decision.signer_name) == ("KT.", "Đỗ Thị Minh Nguyệt")
    assert decision.lines.count() == 2
    # issue
    response = client.post(f"/decisions/{decision.pk}/issue/", {"issued_on": "2025-06-02"})
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.ISSUED
    detail = client.get(f"/decisions/{decision.pk}/").content.decode()
    assert "Đã ban hành Quyết định số 01/QĐ-THCSTBC" in detail
    assert "In tất cả giấy khen" in detail
    assert "Lập quyết định đính chính" in detail
    assert "Sửa dự thảo" not in detail


def test_editing_an_issued_decision_from_the_page_is_refused(client, principal, tree):
    decision = _issued(principal, tree)
    client.force_login(principal)
    response = client.get(f"/decisions/{decision.pk}/edit/", follow=True)
    assert "đã ban hành nên không thể sửa" in response.content.decode()
    response = client.post(f"/decisions/{decision.pk}/delete/", follow=True)
    assert "đã ban hành nên không thể sửa" in response.content.decode()
    response = client.post(
        f"/decisions/{decision.pk}/issue/", {"issued_on": "2025-06-05"}, follow=True
    )
    assert "đã ban hành nên không thể sửa" in response.content.decode()
    decision.refresh_from_db()
    assert (decision.status, decision.number_label) == (DecisionStatus.ISSUED, "01/QĐ-THCSTBC")
    assert decision.issued_on == dt.date(2025, 6, 2)


def test_a_correction_posted_without_its_lines_changes_nothing(client, principal, tree):
    # given
    decision = _issued(principal, tree)
    client.force_login(principal)
    # when: the form comes back empty or with a wrong number of lines
    empty = client.post(f"/decisions/{decision.pk}/correct/", {})
    short = client.post(
        f"/decisions/{decision.pk}/correct/",
        {"r-reason_text": "Ghi sai họ tên.", "line-TOTAL_FORMS": "1", "line-INITIAL_FORMS": "1"},
        follow=True,
    )
    # then: back to the form with a message, and no correcting decision
    assert empty.status_code == 302
    assert "Danh sách khen thưởng đã thay đổi" in short.content.decode()
    assert not Decision.objects.filter(kind=DecisionKind.CORRECTION).exists()


def test_correction_and_revocation_forms(client, principal, tree):
    # given
    decision = _issued(principal, tree)
    client.force_login(principal)
    lines = list(decision.lines.order_by("line_no"))
    # when: correct the spelling of line 3
    data = {
        "r-reason_text": "Ghi sai họ tên người được khen tại dòng 3.",
        "line-TOTAL_FORMS": str(len(lines)),
        "line-INITIAL_FORMS": str(len(lines)),
    }
    for i, line in enumerate(lines):
        data.update(
            {
                f"line-{i}-name": "Trần Quốc Dũng Anh" if i == 2 else line.name,
                f"line-{i}-position_unit": line.position_unit,
                f"line-{i}-award": line.award,
                f"line-{i}-period_from": line.period_from_id,
                f"line-{i}-period_to": line.period_to_id,
                f"line-{i}-certificate_text": line.certificate_text,
            }
        )
    response = client.post(f"/decisions/{decision.pk}/correct/", data)
    correction = Decision.objects.get(kind=DecisionKind.CORRECTION)
    assert response.url == f"/decisions/{correction.pk}/"
    assert [li.name for li in correction.lines.all()] == ["Trần Quốc Dũng Anh"]
    client.post(f"/decisions/{correction.pk}/issue/", {"issued_on": "2025-06-05"})
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.CORRECTED
    detail = client.get(f"/decisions/{decision.pk}/").content.decode()
    assert "Đã đính chính (QĐ 02/QĐ-THCSTBC)" in detail
    # then: revoke Lan's award
    page = client.get(f"/decisions/{decision.pk}/revoke/").content.decode()
    assert "a) Khai man thành tích" in page
    lan = decision.lines.get(name="Nguyễn Thị Ngọc Lan")
    response = client.post(
        f"/decisions/{decision.pk}/revoke/",
        {
            "revocation_reason": "b",
            "reason_text": "Giả mạo giấy chứng nhận sáng kiến trong hồ sơ.",
            "lines": [str(lan.pk)],
        },
    )
    revocation = Decision.objects.get(kind=DecisionKind.REVOCATION)
    assert response.url == f"/decisions/{revocation.pk}/"
    client.post(f"/decisions/{revocation.pk}/issue/", {"issued_on": "2025-09-01"})
    assert AwardRecord.objects.get(pk=lan.award_record_id).revocation_reason == "b"
    # every page and document of the three decisions renders
    page = client.get(f"/decisions/{revocation.pk}/").content.decode()
    assert "Hủy bỏ khen thưởng tại:" in page and "b) Cung cấp thông tin sai" in page
    page = client.get(f"/decisions/{correction.pk}/").content.decode()
    assert "Ghi sai họ tên người được khen tại dòng 3." in page
    word = docx.Document(
        io.BytesIO(client.get(f"/decisions/{correction.pk}/quyet-dinh.docx").content)
    )
    changes = word.tables[-1]
    assert [c.text for c in changes.rows[0].cells] == [
        "Dòng",
        "Họ và tên",
        "Đã ghi",
        "Nay sửa lại là",
    ]
    assert changes.rows[1].cells[2].text == "Họ và tên: Trần Quốc Dũng"
    assert changes.rows[1].cells[3].text == "Họ và tên: Trần Quốc Dũng Anh"
    word = docx.Document(
        io.BytesIO(client.get(f"/decisions/{revocation.pk}/quyet-dinh.docx").content)
    )
    texts = [p.text for p in word.paragraphs]
    assert "DANH SÁCH CÁ NHÂN, TẬP THỂ BỊ HỦY BỎ KHEN THƯỞNG" in texts
    assert any(
        t.startswith("Điều 1. Hủy bỏ khen thưởng tại Quyết định số 01/QĐ-THCSTBC") for t in texts
    )
    for pk in (decision.pk, correction.pk, revocation.pk):
        assert client.get(f"/decisions/{pk}/quyet-dinh.pdf").content.startswith(b"%PDF")
    certificates = client.get(f"/decisions/{correction.pk}/giay-khen.pdf").content
    assert "Trần Quốc Dũng Anh" in PdfReader(io.BytesIO(certificates)).pages[0].extract_text()


def test_others_cannot_manage_and_outsiders_see_nothing(
    client, principal, teacher, other_principal, district_officer, tree
):
    decision = _issued(principal, tree)
    # a teacher of the school reads, without the buttons
    client.force_login(teacher)
    page = client.get(f"/decisions/{decision.pk}/").content.decode()
    assert "01/QĐ-THCSTBC" in page
    assert "Lập quyết định đính chính" not in page
    assert client.get(f"/decisions/{decision.pk}/correct/").status_code == 403
    assert client.post(f"/decisions/{decision.pk}/revoke/", {}).status_code == 403
    assert client.get("/decisions/new/").status_code == 403
    # the principal of another school does not even see it
    client.force_login(other_principal)
    assert client.get(f"/decisions/{decision.pk}/").status_code == 404
    assert "01/QĐ-THCSTBC" not in client.get("/decisions/").content.decode()
    assert client.get(f"/decisions/{decision.pk}/quyet-dinh.docx").status_code == 404
    # the district reads the school's register but does not sign its decisions
    client.force_login(district_officer)
    assert client.get(f"/decisions/{decision.pk}/").status_code == 200
    assert client.get(f"/decisions/{decision.pk}/correct/").status_code == 403
    # and anonymous visitors are sent to the login page
    client.logout()
    assert client.get("/decisions/").status_code == 302


def test_documents_download(client, principal, tree):
    decision = _issued(principal, tree)
    client.force_login(principal)
    response = client.get(f"/decisions/{decision.pk}/quyet-dinh.docx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    document = docx.Document(io.BytesIO(response.content))
    assert "Nguyễn Thị Ngọc Lan" in [r.cells[1].text for r in document.tables[-2].rows]
    response = client.get(f"/decisions/{decision.pk}/quyet-dinh.pdf")
    assert response.content.startswith(b"%PDF")
    line = decision.lines.get(name="Trần Quốc Dũng")
    response = client.get(f"/decisions/{decision.pk}/lines/{line.pk}/giay-khen.pdf")
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    assert "Trần Quốc Dũng" in reader.pages[0].extract_text()
    response = client.get(f"/decisions/{decision.pk}/giay-khen.pdf")
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 4


def test_the_public_page_shows_only_the_allowed_fields_and_says_revoked(client, principal, tree):
    # given
    decision = _issued(principal, tree)
    lan = decision.lines.get(name="Nguyễn Thị Ngọc Lan")
    # when: anyone scans the QR code
    page = client.get(f"/decisions/verify/{lan.verification_token}/").content.decode()
    # then
    assert "Giấy khen hợp lệ." in page
    assert "Nguyễn Thị Ngọc Lan" in page
    assert "Lao động tiên tiến" in page
    assert "Số 01/QĐ-THCSTBC" in page and "02/06/2025" in page
    assert "Hiệu trưởng Trường THCS Trần Bội Cơ" in page
    # nothing else: no birth date, position, evidence, summary or certificate number
    assert "12/04/1985" not in page and "1985" not in page
    assert "Giáo viên, Tổ Toán" not in page
    assert "Hoàn thành xuất sắc nhiệm vụ năm học" not in page
    assert "001/2025" not in page
    # after revocation it says so, with the revoking decision
    revocation = decision_revocation_create(
        actor=principal,
        decision=decision,
        reason="d",
        reason_text="Kết luận kiểm tra: vi phạm quy định về dạy thêm trong năm học.",
        lines=[lan],
    )
    decision_issue(actor=principal, decision=revocation, issued_on=dt.date(2025, 10, 1))
    page = client.get(f"/decisions/verify/{lan.verification_token}/").content.decode()
    assert "Giấy khen đã thu hồi." in page
    assert "đã bị hủy bỏ theo Quyết định số 02/QĐ-THCSTBC ngày 01/10/2025" in page
    assert "vi phạm quy định về dạy thêm" not in page
    # an unknown token and a draft's token are not found
    assert client.get("/decisions/verify/khong-co/").status_code == 404
    draft_round = make_round(tree["tbc"])
    passed(draft_round, person=principal.person, award="giay_khen")
    draft = decision_draft_from_round(actor=principal, nomination_round=draft_round)
    token = draft.lines.get().verification_token
    assert client.get(f"/decisions/verify/{token}/").status_code == 404


def test_register_filters_and_query_count(client, principal, tree, django_assert_max_num_queries):
    # given: twelve decisions
    for day in range(1, 13):
        nomination_round = make_round(tree["tbc"])
        passed(nomination_round, person=principal.person, award="giay_khen")
        draft = decision_draft_from_round(actor=principal, nomination_round=nomination_round)
        decision_issue(actor=principal, decision=draft, issued_on=dt.date(2025, 6, day))
    client.force_login(principal)
    # when
    with django_assert_max_num_queries(14):
        page = client.get("/decisions/").content.decode()
    # then
    assert page.count("/QĐ-THCSTBC</a>") == 12
    filtered = client.get("/decisions/?q=12/QĐ").content.decode()
    assert filtered.count("/QĐ-THCSTBC</a>") == 1
    assert "12/QĐ-THCSTBC" in filtered
    htmx = client.get("/decisions/?status=revoked", headers={"HX-Request": "true"})
    assert "Chưa có quyết định nào." in htmx.content.decode()
    assert "<html" not in htmx.content.decode()


def test_no_certificate_is_printed_for_a_revoked_or_corrected_line(client, principal, tree):
    # given: every award of the decision revoked
    decision = _issued(principal, tree)
    revocation = decision_revocation_create(
        actor=principal,
        decision=decision,
        reason="c",
        reason_text="Hội đồng xét duyệt không đủ thành phần theo quy chế.",
    )
    decision_issue(actor=principal, decision=revocation, issued_on=dt.date(2025, 9, 1))
    client.force_login(principal)
    line = decision.lines.first()
    # when / then
    response = client.get(f"/decisions/{decision.pk}/giay-khen.pdf", follow=True)
    assert "không còn giấy khen nào có giá trị" in response.content.decode()
    response = client.get(f"/decisions/{decision.pk}/lines/{line.pk}/giay-khen.pdf", follow=True)
    assert "không còn giá trị nên không in được" in response.content.decode()
    assert client.get(f"/decisions/{decision.pk}/lines/999999/giay-khen.pdf").status_code == 404
    detail = client.get(f"/decisions/{decision.pk}/").content.decode()
    assert "Đã thu hồi (QĐ 02/QĐ-THCSTBC)" in detail
    assert "In tất cả giấy khen" not in detail


def test_choosing_proposals_does_not_look_up_the_authority_per_proposal(
    client, principal, tree, django_assert_max_num_queries
):
    # given: a round with twenty passed proposals of two awards
    nomination_round = make_round(tree["tbc"])
    for number in range(20):
        teacher = make_teacher(tree["tbc"], f"Giáo viên số {number}")
        passed(
            nomination_round, person=teacher, award=("giay_khen", "lao_dong_tien_tien")[number % 2]
        )
    client.force_login(principal)
    # when
    with django_assert_max_num_queries(10):
        page = client.get(f"/decisions/new/?round={nomination_round.pk}").content.decode()
    # then
    assert page.count("Giáo viên số ") == 20


def test_a_round_that_is_not_a_number_is_not_found(client, principal, tree):
    client.force_login(principal)
    assert client.get("/decisions/new/?round=abc").status_code == 404
    assert client.post("/decisions/new/", {"round": "1 OR 1=1"}).status_code == 404


def test_an_office_above_the_school_is_not_offered_the_schools_rounds(
    client, district_officer, tree
):
    # given: a school round with passed proposals the school decides itself
    nomination_round, _proposals = school_with_passed(tree)
    client.force_login(district_officer)
    # when
    page = client.get("/decisions/new/").content.decode()
    # then: the office reads the school's register but does not sign its decisions
    assert f"?round={nomination_round.pk}" not in page
    assert client.get(f"/decisions/new/?round={nomination_round.pk}").status_code == 403
