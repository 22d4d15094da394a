"""A whole class round in the browser, then the school round and a commendation letter."""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdf
import pytest

from conftest import make_user
from thidua.accounts.models import Role
from thidua.ballots.models import Election
from thidua.ballots.services import cast_by_code, codes_issue
from thidua.honors.models import ClassRound, SchoolRound
from thidua.honors.services import (
    program_create,
    program_publish,
    representatives_set,
    school_round_prepare,
    school_round_publish_list,
)
from thidua.people.models import Gender
from thidua.people.services import student_create

from .conftest import login

pytestmark = pytest.mark.browser

NAMES = [
    "Trần Văn Bình",
    "Nguyễn Thị Ánh",
    "Lê Văn Anh",
    "Đỗ Minh Đức",
    "Phạm Thu Hà",
    "Võ Hoàng Nam",
    "Bùi Ngọc Hân",
    "Đặng Quốc Khánh",
    "Huỳnh Bảo Châu",
    "Ngô Gia Huy",
    "Lý Thanh Tâm",
    "Phan Mỹ Linh",
]
CODE = re.compile(r"(?<![A-Z0-9])([A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4})")


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


@pytest.mark.django_db(transaction=True)
def test_class_round_school_round_and_letter(
    page, browser, live_server, tree, school_year, principal, homeroom_teacher
):
    page.on("dialog", lambda dialog: dialog.accept())
    students = [
        student_create(
            actor=None,
            class_unit=tree["6a1"],
            full_name=name,
            student_code=f"79010{i:05d}",
            gender=Gender.FEMALE if i % 2 else Gender.MALE,
            date_of_birth=dt.date(2013, 2, 1 + i),
        )
        for i, name in enumerate(NAMES)
    ]
    for i in range(3):
        make_user(f"hs{i}", [(Role.STUDENT, tree["6a1"])], students[3 + i])
    program = program_create(actor=principal, school=tree["tbc"], school_year=school_year)
    program_publish(actor=principal, program=program)
    october = program.periods.get(name="Tháng 10/2024")
    round_url = f"{page.base_url}/honors/periods/{october.pk}/classes/{tree['6a1'].code}/"

    # the homeroom teacher opens nominations
    login(page, "gvcn.6a1")
    page.goto(round_url)
    page.get_by_role("button", name="Mở nhận đề cử").click()
    page.locator("#round-status").wait_for()

    # three students nominate (two classmates, one self-nomination)
    for i, (nominee, reason) in enumerate(
        [
            (NAMES[0], "Bạn giảng bài Toán cho em mỗi giờ ra chơi."),
            (NAMES[1], "Bạn nhặt được ví tiền và trả lại cô lao công."),
            (NAMES[5], "Em đã cố gắng giữ lớp sạch sẽ suốt tháng."),
        ]
    ):
        context = browser.new_context(locale="vi-VN")
        tab = context.new_page()
        tab.base_url = page.base_url
        login(tab, f"hs{i}")
        tab.goto(round_url)
        tab.get_by_label("Bạn được đề cử").select_option(label=nominee)
        tab.get_by_label("Theo tiêu chí").select_option(index=1)
        tab.get_by_label("Việc làm cụ thể của bạn").fill(reason)
        tab.get_by_role("button", name="Gửi đề cử").click()
        assert "Đã ghi đề cử." in tab.content()
        context.close()

    # the teacher checks the list and opens the secret ballot
    page.goto(round_url)
    assert page.locator("#nominations li").count() == 3
    page.get_by_role("button", name="Chốt danh sách và mở bỏ phiếu").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="In phiếu mã cho học sinh (PDF)").click()
    sheet = _pdf_text(download.value.path().read_bytes())
    codes = CODE.findall(sheet)
    assert len(codes) == len(NAMES) and "Trần Văn Bình" in sheet

    # one student votes with the QR link on the slip (it opens the ballot directly)
    phone = browser.new_context(locale="vi-VN").new_page()
    phone.goto(f"{page.base_url}/ballots/v/{codes[0].replace('-', '')}/")
    phone.locator("label", has_text=NAMES[0]).click()
    phone.get_by_role("button", name="Bỏ phiếu").click()
    assert re.fullmatch(CODE, phone.locator("#receipt-code").inner_text().strip())

    # one student votes on the class kiosk; the next student sees a fresh screen
    page.goto(round_url)
    page.get_by_role("link", name="Máy bỏ phiếu chung của lớp").click()
    page.get_by_label("Mã phiếu của em").fill(codes[1].lower())
    page.get_by_role("button", name="Tiếp tục").click()
    page.locator("label", has_text=NAMES[0]).click()
    page.get_by_role("button", name="Bỏ phiếu").click()
    receipt = page.locator("#receipt-code").inner_text()
    assert NAMES[0] not in page.content()  # the receipt never shows the choice
    page.get_by_role("link", name="Xong — mời bạn tiếp theo").click()
    assert (
        receipt not in page.content() and page.get_by_label("Mã phiếu của em").input_value() == ""
    )
    page.get_by_label("Mã phiếu của em").fill(codes[2])
    page.get_by_role("button", name="Tiếp tục").click()
    assert page.locator("input[name=choice]:checked").count() == 0
    page.locator("label", has_text=NAMES[1]).click()
    page.get_by_role("button", name="Bỏ phiếu").click()
    page.locator("#receipt-code").wait_for()

    # the rest of the class votes on paper slips' codes
    election = ClassRound.objects.get(period=october).election
    candidates = {c.label: c.pk for c in election.candidates.all()}
    for code in codes[3:10]:
        cast_by_code(code=code, choices=[candidates[NAMES[0]]])

    # the teacher closes, publishes and submits the class result
    page.goto(round_url)
    assert "3/12 bạn đã bỏ phiếu" not in page.content()  # phone + kiosk + 7 codes
    assert "10/12 bạn đã bỏ phiếu" in page.locator("#class-turnout").inner_text()
    page.get_by_role("button", name="Kết thúc bỏ phiếu").click()
    page.get_by_role("button", name="Công bố kết quả cho lớp").click()
    assert "Trần Văn Bình" in page.locator("#results").inner_text()
    page.get_by_role("button", name="Gửi kết quả lên Ban giám hiệu").click()
    assert "học sinh tiêu biểu của lớp là Trần Văn Bình" in page.content()

    # the school round: the leadership gathers, names representatives, and runs the ballot
    school_round = school_round_prepare(actor=principal, period=october)
    school_round_publish_list(actor=principal, school_round=school_round)
    representatives_set(
        actor=principal, school_round=school_round, class_unit=tree["6a1"], people=students[6:8]
    )
    staff = browser.new_context(locale="vi-VN").new_page()
    staff.on("dialog", lambda dialog: dialog.accept())
    staff.base_url = page.base_url
    login(staff, "ht.tbc")
    staff.goto(f"{page.base_url}/honors/periods/{october.pk}/school/")
    staff.get_by_role("button", name="Mở bỏ phiếu kín cho đại diện các lớp").click()
    school_election = SchoolRound.objects.get(pk=school_round.pk).election
    for _voter, code in codes_issue(actor=principal, election=school_election):
        cast_by_code(code=code, choices=[school_election.candidates.get().pk])
    staff.get_by_role("button", name="Kết thúc bỏ phiếu").click()
    staff.get_by_role("button", name="Công bố kết quả").click()
    staff.get_by_role("button", name="Ghi nhận học sinh tiêu biểu cấp trường").click()
    assert (
        "Học sinh tiêu biểu cấp trường: Trần Văn Bình"
        in staff.locator(".alert-success").last.inner_text()
    )

    # a ceremony and the commendation letter PDF
    staff.goto(f"{page.base_url}/honors/programs/{program.pk}/ceremonies/")
    staff.get_by_label("Hình thức").select_option("school_flag")
    staff.get_by_label("Tên buổi lễ").fill("Chào cờ vinh danh tháng 10")
    staff.get_by_label("Ngày tổ chức").fill("2024-11-04")
    staff.get_by_label("Vinh danh học sinh của đợt").select_option(label="Tháng 10/2024")
    staff.get_by_role("button", name="Lưu").click()
    staff.get_by_role("button", name="Cấp thư khen cho tất cả").click()
    letter_url = staff.get_by_role("link", name=re.compile(r"Số 1 \(PDF\)")).get_attribute("href")
    response = staff.request.get(f"{page.base_url}{letter_url}")
    text = _pdf_text(response.body())
    assert "TRẦN VĂN BÌNH" in text and "THƯ KHEN" in text
    assert "Quận 5, ngày 04 tháng 11 năm 2024" in text
    assert Election.objects.filter(status="published").count() == 2
