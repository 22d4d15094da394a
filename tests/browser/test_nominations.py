"""The whole commendation path at a school, in the browser: open a round → two proposals
(one refused with its reason) → public listing → a complaint that defers one, answered in
writing → council session, secret vote, tally → decision → certificates → the award in the
person's history, counted by the rules engine."""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdf
import pytest
from django.utils import timezone

from thidua.achievements.models import AwardRecord
from thidua.eligibility import gather
from thidua.nominations.models import NominationRound, Proposal, ProposalStatus

from .conftest import login

pytestmark = pytest.mark.browser


def _pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)


def _propose(page, round_url: str, name: str) -> None:  # noqa: ANN001
    page.goto(round_url)
    page.get_by_role("link", name="Lập đề nghị").click()
    page.get_by_role("link", name=re.compile(name)).click()
    page.get_by_label("Tóm tắt thành tích").fill(
        "Hoàn thành tốt nhiệm vụ năm học, tích cực tham gia phong trào thi đua của trường."
    )
    page.get_by_role("button", name="Gửi đề nghị").click()


@pytest.mark.django_db(transaction=True)
def test_the_whole_path_from_round_to_certificate(
    page, browser, live_server, tree, school_year, principal, teacher, staff, council
):
    page.on("dialog", lambda dialog: dialog.accept())
    hung, ha = staff[1], staff[2]  # rated "hoàn thành tốt" and "hoàn thành" nhiệm vụ
    # --- the principal opens the round
    login(page, "ht.tbc")
    page.goto(f"{page.base_url}/nominations/rounds/open/?unit=THCS-TBC")
    page.get_by_label("Tên đợt xét").fill("Xét danh hiệu thi đua năm học 2024-2025")
    page.get_by_label("Lao động tiên tiến", exact=True).check()
    deadline = timezone.localtime(timezone.now() + dt.timedelta(days=5))
    page.get_by_label("Hạn gửi đề nghị").fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Bắt buộc có minh chứng kèm đề nghị").uncheck()
    page.get_by_label("Số ngày công khai danh sách").fill("3")
    page.get_by_role("button", name="Mở đợt xét").click()
    page.wait_for_selector("#round-status")
    round_url = page.url
    nomination_round = NominationRound.objects.get()
    # --- two proposals: one eligible, one refused with its reason in Vietnamese
    _propose(page, round_url, hung.full_name)
    assert page.get_by_text("Đã gửi đề nghị khen thưởng.").is_visible()
    _propose(page, round_url, ha.full_name)
    refusal = page.locator(".alert-danger, .alert-error").first.inner_text()
    assert "không đủ điều kiện" in refusal and "R-LDTT-1" in refusal
    assert "Hoàn thành nhiệm vụ" in refusal
    # --- public listing
    page.goto(round_url)
    page.get_by_role("button", name="Công khai danh sách").click()
    assert page.locator("#round-status").inner_text() == "Đang công khai danh sách"
    # --- a teacher of the school objects; the proposal is deferred
    page.context.clear_cookies()
    login(page, "gv.tbc")
    page.goto(round_url)
    listing = page.locator("#individuals").inner_text()
    assert hung.full_name in listing and ha.full_name not in listing  # refused: not listed
    page.get_by_role("link", name="Phản ánh").click()
    page.get_by_label("Nội dung phản ánh").fill(
        "Thầy Hùng chưa nộp đủ hồ sơ chuyên môn học kỳ II theo quy định của tổ."
    )
    page.get_by_role("button", name="Gửi phản ánh").click()
    assert Proposal.objects.get(person=hung).status == ProposalStatus.DEFERRED
    # --- the principal answers in writing; the proposal comes back
    page.context.clear_cookies()
    login(page, "ht.tbc")
    page.goto(round_url)
    page.locator("#complaints").get_by_role("link", name="Trả lời").click()
    page.get_by_label("Kết luận").select_option("0")
    page.get_by_label("Trả lời bằng văn bản").fill(
        "Đã kiểm tra sổ hồ sơ chuyên môn của tổ: thầy Hùng đã nộp đủ từ ngày 15/5."
    )
    page.get_by_role("button", name="Gửi trả lời").click()
    assert page.locator("#holder").is_visible()
    assert Proposal.objects.get(person=hung).status == ProposalStatus.PROPOSED
    # --- the listing days pass; the proposals go before the council
    NominationRound.objects.filter(pk=nomination_round.pk).update(
        listing_ends_at=timezone.now() - dt.timedelta(minutes=1)
    )
    page.goto(round_url)
    page.get_by_role("button", name="Chuyển Hội đồng xét").click()
    assert page.locator("#round-status").inner_text() == "Hội đồng xét"
    # --- council session: plan, attendance, open the secret vote
    page.goto(f"{page.base_url}/councils/{council.pk}/")
    page.get_by_role("link", name="Lên lịch họp Hội đồng").click()
    held = timezone.localtime(timezone.now())
    page.get_by_label("Thời gian họp").fill(held.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Địa điểm").fill("Phòng họp Hội đồng, Trường THCS Trần Bội Cơ")
    page.get_by_role("button", name="Lên lịch").click()
    page.get_by_role("link", name="Điểm danh").click()
    page.get_by_role("button", name="Xác nhận điểm danh").click()
    page.get_by_role("button", name="Mở bỏ phiếu kín").click()
    session_url = page.url
    # every member votes with their own login: the chair here, four members after
    for username in ["ht.tbc", "hd0", "hd1", "hd2", "hd3"]:
        if username != "ht.tbc":
            page.context.clear_cookies()
            login(page, username)
        page.goto(session_url.rstrip("/") + "/vote/")
        page.get_by_label("Đồng ý", exact=True).first.check()
        page.get_by_role("button", name="Gửi phiếu").click()
        assert page.locator("#voted").is_visible()
        assert "Đồng ý" not in page.locator("#voted").inner_text()  # secret: no choice shown
    page.context.clear_cookies()
    login(page, "ht.tbc")
    page.goto(session_url)
    page.get_by_role("button", name="Kết thúc, kiểm phiếu").click()
    results = page.locator("body").inner_text()
    assert "5/5" in results or "100,0%" in results
    assert Proposal.objects.get(person=hung).status == ProposalStatus.PASSED
    # --- the decision: draft from the round, then sign
    page.goto(round_url)
    page.get_by_role("link", name="Lập quyết định khen thưởng").click()
    page.get_by_role("button", name="Lập dự thảo quyết định").click()
    page.get_by_role("button", name="Lưu dự thảo").click()  # the draft's text, as proposed
    page.get_by_role("button", name="Ký, ban hành quyết định").click()
    assert page.get_by_text(re.compile(r"Đã ban hành Quyết định số \d+/QĐ-")).is_visible()
    decision_url = page.url
    # --- certificates
    certificates = page.request.get(decision_url.rstrip("/") + "/giay-khen.pdf")
    assert certificates.ok
    assert "Trần Văn Hùng" in _pdf_text(certificates.body())
    # --- the award is in the person's history, and the rules engine counts it
    record = AwardRecord.objects.get(person=hung)
    assert (record.award, record.period_to_id) == ("lao_dong_tien_tien", "2024-2025")
    page.goto(f"{page.base_url}/achievements/people/{hung.pk}/")
    assert record.decision_number in page.locator("body").inner_text()
    facts = gather.person_facts(hung, "2025-2026")
    assert "lao_dong_tien_tien" in facts.titles["2024-2025"]
    proposal = Proposal.objects.get(person=hung)
    assert proposal.status == ProposalStatus.AWARDED
