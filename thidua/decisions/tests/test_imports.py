"""Importing decisions taken before the system: grouped into historical decisions, all or
nothing, with the award history the rules engine needs."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from conftest import make_teacher, make_user
from thidua.accounts.models import Role
from thidua.achievements.models import AwardRecord, AwardSource
from thidua.achievements.selectors import person_record
from thidua.decisions.imports import apply_decision_plan, plan_decision_import
from thidua.decisions.models import Decision, DecisionImport, DecisionKind, DecisionStatus
from thidua.decisions.selectors import verification_for
from thidua.decisions.services import decision_issue, decision_revocation_create
from thidua.people.imports import ImportRejected

pytestmark = pytest.mark.django_db
HEADINGS = [
    "STT",
    "Số quyết định",
    "Ngày quyết định",
    "Cơ quan ban hành",
    "Họ và tên",
    "Ngày sinh",
    "Tập thể/Đơn vị",
    "Danh hiệu/Hình thức",
    "Năm học thành tích",
]
HT = "Hiệu trưởng Trường THCS Trần Bội Cơ"
UBND = "Chủ tịch UBND Quận 5"


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["DANH SÁCH KHEN THƯỞNG CÁC NĂM TRƯỚC"])
    sheet.append(HEADINGS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def staff(tree):  # noqa: ANN001, ANN201
    return {
        "lan": make_teacher(tree["tbc"], "Nguyễn Thị Ngọc Lan", dept=tree["tbc_math"]),
        "dung": make_teacher(tree["tbc"], "Trần Quốc Dũng", dept=tree["tbc_math"]),
    }


GOOD = [
    [
        1,
        "45/QĐ-THCSTBC",
        "15/06/2022",
        HT,
        "Nguyễn Thị Ngọc Lan",
        "12/04/1985",
        "",
        "LĐTT",
        "2021-2022",
    ],
    [
        2,
        "45/QĐ-THCSTBC",
        "15/06/2022",
        HT,
        "Trần Quốc Dũng",
        "",
        "",
        "Lao động tiên tiến",
        "2021-2022",
    ],
    [3, "45/QĐ-THCSTBC", "15/06/2022", HT, "", "", "Tổ Toán – Tin", "TTLĐTT", "2021-2022"],
    [4, "52/QĐ-THCSTBC", "20/06/2023", HT, "Nguyễn Thị Ngọc Lan", "", "", "CSTĐCS", "2022-2023"],
    [
        5,
        "1234/QĐ-UBND",
        "10/12/2023",
        UBND,
        "Nguyễn Thị Ngọc Lan",
        "",
        "Trường THCS Trần Bội Cơ",
        "Giấy khen",
        "2021-2022 và 2022-2023",
    ],
]


def test_import_groups_rows_into_historical_decisions_with_their_history(principal, tree, staff):
    # when
    plan = plan_decision_import(data=_xlsx(GOOD), filename="khen-thuong-cu.xlsx", unit=tree["tbc"])
    assert plan.errors == []
    assert (plan.decision_count, plan.counts["create"]) == (3, 5)
    apply_decision_plan(actor=principal, plan=plan)
    # then: three historical decisions, issued and frozen
    decisions = Decision.objects.order_by("issued_on")
    assert [(d.number_label, d.kind, d.status, d.lines.count()) for d in decisions] == [
        ("45/QĐ-THCSTBC", DecisionKind.HISTORICAL, DecisionStatus.ISSUED, 3),
        ("52/QĐ-THCSTBC", DecisionKind.HISTORICAL, DecisionStatus.ISSUED, 1),
        ("1234/QĐ-UBND", DecisionKind.HISTORICAL, DecisionStatus.ISSUED, 1),
    ]
    ubnd = decisions.get(number_label="1234/QĐ-UBND")
    assert (ubnd.authority, ubnd.authority_level, ubnd.issued_on) == (
        UBND,
        "district",
        dt.date(2023, 12, 10),
    )
    # the award history the rules engine counts
    lan = staff["lan"]
    assert person_record(lan).titles_held() == {
        "2021-2022": ["lao_dong_tien_tien"],
        "2022-2023": ["chien_si_thi_dua_co_so"],
    }
    form = AwardRecord.objects.get(person=lan, award="giay_khen")
    assert (form.period_from_id, form.period_to_id, form.source) == (
        "2021-2022",
        "2022-2023",
        AwardSource.DECISION,
    )
    assert (
        AwardRecord.objects.get(collective=tree["tbc_math"]).award == "tap_the_lao_dong_tien_tien"
    )
    # importing the same file again changes nothing
    again = plan_decision_import(data=_xlsx(GOOD), filename="lai.xlsx", unit=tree["tbc"])
    assert again.counts == {"create": 0, "update": 0, "unchanged": 5}
    apply_decision_plan(actor=principal, plan=again)
    assert Decision.objects.count() == 3 and AwardRecord.objects.count() == 5


def test_one_bad_row_imports_nothing(principal, tree, staff):
    # given: a misspelt award, a person not at the school, a date in the future
    rows = [
        *GOOD,
        [
            6,
            "60/QĐ-THCSTBC",
            "01/06/2024",
            HT,
            "Trần Quốc Dũng",
            "",
            "",
            "Huy chương Vì thế hệ trẻ",
            "2023-2024",
        ],
        [7, "60/QĐ-THCSTBC", "01/06/2024", HT, "Phan Văn Trị", "", "", "LĐTT", "2023-2024"],
        [8, "61/QĐ-THCSTBC", "01/06/2099", HT, "Nguyễn Thị Ngọc Lan", "", "", "LĐTT", "2023-2024"],
    ]
    # when
    plan = plan_decision_import(data=_xlsx(rows), filename="co-loi.xlsx", unit=tree["tbc"])
    # then
    assert [str(e) for e in plan.errors] == [
        "Dòng 8: Không nhận ra danh hiệu, hình thức «Huy chương Vì thế hệ trẻ».",
        "Dòng 9: Không tìm thấy Phan Văn Trị trong danh sách cán bộ của Trường THCS Trần Bội Cơ.",
        "Dòng 10: Ngày quyết định 01/06/2099 ở tương lai.",
    ]
    with pytest.raises(ImportRejected):
        apply_decision_plan(actor=principal, plan=plan)
    assert Decision.objects.count() == 0
    assert AwardRecord.objects.count() == 0


def test_an_award_already_in_the_history_is_linked_not_doubled(principal, tree, staff):
    from thidua.achievements.services import award_record_create
    from thidua.org.models import SchoolYear
    from thidua.org.services import default_school_year_dates

    year = SchoolYear.objects.create(code="2021-2022", **default_school_year_dates("2021-2022"))
    held = award_record_create(
        actor=principal, award="lao_dong_tien_tien", person=staff["lan"], period_to=year
    )
    plan = plan_decision_import(data=_xlsx(GOOD[:1]), filename="a.xlsx", unit=tree["tbc"])
    assert plan.counts == {"create": 0, "update": 1, "unchanged": 0}
    apply_decision_plan(actor=principal, plan=plan)
    line = Decision.objects.get().lines.get()
    assert line.award_record == held
    assert AwardRecord.objects.count() == 1


def test_a_historical_decision_can_be_revoked(principal, tree, staff):
    apply_decision_plan(
        actor=principal,
        plan=plan_decision_import(data=_xlsx(GOOD[3:4]), filename="a.xlsx", unit=tree["tbc"]),
    )
    old = Decision.objects.get()
    revocation = decision_revocation_create(
        actor=principal,
        decision=old,
        reason="d",
        reason_text="Kết luận thanh tra năm 2025: vi phạm trong năm học 2022-2023.",
    )
    decision_issue(actor=principal, decision=revocation, issued_on=dt.date(2025, 3, 3))
    old.refresh_from_db()
    assert old.status == DecisionStatus.REVOKED
    assert person_record(staff["lan"]).titles_held() == {}
    assert verification_for(old.lines.get().verification_token).status == "revoked"


def test_the_import_pages(client, principal, tree, staff):
    client.force_login(principal)
    assert "Tệp cần có" in client.get("/decisions/import/").content.decode()
    upload = io.BytesIO(_xlsx(GOOD))
    upload.name = "khen-thuong-cu.xlsx"
    page = client.post("/decisions/import/", {"unit": "THCS-TBC", "file": upload})
    assert "Danh sách hợp lệ: 3 quyết định" in page.content.decode()
    job = DecisionImport.objects.get()
    assert f'action="/decisions/import/{job.pk}/confirm/"' in page.content.decode()
    # a file with a bad row: the errors and the way back to upload the corrected file
    bad = io.BytesIO(_xlsx([*GOOD, [6, "", "31/02/2024", HT, "Trần Quốc Dũng", "", "", "x"]]))
    bad.name = "khen-thuong-loi.xlsx"
    refused = client.post("/decisions/import/", {"unit": "THCS-TBC", "file": bad}).content.decode()
    assert "Chưa có dữ liệu nào được nhập" in refused and 'id="confirm-import"' not in refused
    assert 'href="/decisions/import/?unit=THCS-TBC"' in refused
    response = client.post(f"/decisions/import/{job.pk}/confirm/")
    assert response.status_code == 302
    assert Decision.objects.count() == 3
    register = client.get(response.url).content.decode()
    assert "1234/QĐ-UBND" in register
    # a member of staff may not import
    teacher = make_user("gv.khac", [(Role.STAFF, tree["tbc"])])
    client.force_login(teacher)
    assert client.get("/decisions/import/").status_code == 403
