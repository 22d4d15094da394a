"""The minutes of the council meeting (biên bản họp Hội đồng TĐKT) as a Word document."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import docx
import pytest

from thidua.councils import services as c
from thidua.councils.minutes import render_minutes
from thidua.councils.selectors import MinutesData, MinutesMember, MinutesRow
from thidua.councils.tests.test_views import _members, _plan, two_in_council  # noqa: F401

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def _text(document: docx.document.Document) -> str:
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def _results_table(document: docx.document.Document) -> list[list[str]]:
    for table in document.tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if rows and rows[0][:2] == ["STT", "Họ và tên / Tập thể"]:
            return rows
    raise AssertionError("no results table")


@pytest.fixture
def tallied(principal, council, nomination_round, two_in_council):  # noqa: ANN001, ANN201, F811
    """Four present; the absent member wrote yes for Lan; three vote yes for Lan, two for
    Hùng."""
    lan, hung = two_in_council
    members = _members(council)
    present, absent = members[:4], members[4]
    session = _plan(principal, council, nomination_round)
    c.session_convene(
        actor=principal, session=session, present=present, written={absent.pk: {lan.pk: "yes"}}
    )
    c.session_open_vote(actor=principal, session=session)
    items = {i.proposal_id: i.pk for i in session.items.all()}
    for index, member in enumerate(present):
        c.member_vote(
            session=session,
            user=member.user,
            marks={
                items[lan.pk]: "yes" if index < 3 else "no",
                items[hung.pk]: "yes" if index < 2 else "no",
            },
        )
    return c.session_tally(actor=principal, session=session)


@pytest.mark.django_db
def test_the_minutes_download_is_a_docx_with_the_results_over_all_members(
    client, principal, tallied
):
    # given
    client.force_login(principal)
    # when
    response = client.get(f"/councils/sessions/{tallied.pk}/minutes.docx")
    # then
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"].startswith('attachment; filename="bien-ban-hop-hoi-')
    document = docx.Document(io.BytesIO(response.content))
    assert _results_table(document) == [
        ["STT", "Họ và tên / Tập thể", "Danh hiệu đề nghị", "Đồng ý", "Tỷ lệ", "Kết quả"],
        ["1", "Nguyễn Thị Lan", "Lao động tiên tiến", "4/5 (trong đó 1 bằng văn bản)", "80,0%",
         "Đạt"],
        ["2", "Trần Văn Hùng", "Lao động tiên tiến", "2/5", "40,0%", "Không đạt"],
    ]  # fmt: skip
    text = _text(document)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN 5" in text and "TRƯỜNG THCS TRẦN BỘI CƠ" in text
    assert "BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG" in text
    assert "Địa điểm: Phòng họp Hội đồng, Trường THCS Trần Bội Cơ." in text
    assert "Chủ tọa: Phạm Văn Hòa – Chủ tịch Hội đồng." in text
    assert "Thư ký: Võ Thị Hồng – Thư ký Hội đồng." in text
    assert "có mặt 4/5 người, vắng mặt 1 người" in text
    assert "tối thiểu để cuộc họp hợp lệ: 4 người" in text
    assert (
        "- Hồ Văn Tài (Ủy viên): có ý kiến bằng văn bản — "
        "Nguyễn Thị Lan – Lao động tiên tiến: Đồng ý." in text
    )
    assert "Kết quả: 1/2 đề nghị đạt tỷ lệ đồng ý theo quy định." in text
    signatures = [cell.text for cell in document.tables[-1].rows[0].cells]
    assert signatures[0].startswith("THƯ KÝ") and signatures[0].endswith("Võ Thị Hồng")
    assert signatures[1].startswith("CHỦ TỌA") and signatures[1].endswith("Phạm Văn Hòa")


@pytest.mark.django_db
@pytest.mark.usefixtures("two_in_council")
def test_the_minutes_are_for_the_council_and_only_after_the_tally(
    client, principal, teacher, council, nomination_round
):
    # given a planned session
    session = _plan(principal, council, nomination_round)
    # a teacher of the school who is not on the council
    client.force_login(teacher)
    assert client.get(f"/councils/sessions/{session.pk}/minutes.docx").status_code == 403
    # the chair before the tally is sent back to the session with a message
    client.force_login(principal)
    response = client.get(f"/councils/sessions/{session.pk}/minutes.docx", follow=True)
    assert response["Content-Type"].startswith("text/html")
    assert "Biên bản chỉ có sau khi kiểm phiếu." in response.content.decode()


@pytest.mark.django_db
def test_a_member_may_download_the_minutes(client, council, tallied):
    member = _members(council)[3]
    client.force_login(member.user)
    response = client.get(f"/councils/sessions/{tallied.pk}/minutes.docx")
    assert response.status_code == 200
    assert "Trần Văn Hùng" in _text(docx.Document(io.BytesIO(response.content)))


def test_the_renderer_writes_recusals_the_cap_and_ranks_from_data_alone():
    # given selected data (no database): a recusal, a collective, a capped CSTĐCS
    data = MinutesData(
        parent_authority="PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN 5",
        unit_name="TRƯỜNG THCS TRẦN BỘI CƠ",
        place_date="Quận 5, ngày 05 tháng 6 năm 2025",
        held_at=dt.datetime(2025, 6, 5, 8, 0, tzinfo=HCM),
        place="Phòng họp",
        round_title="Xét danh hiệu thi đua năm học 2024-2025",
        school_year="2024-2025",
        chair="Phạm Văn Hòa",
        secretary="Võ Thị Hồng",
        members=(
            MinutesMember("Phạm Văn Hòa", "Chủ tịch Hội đồng", "Hiệu trưởng", True),
            MinutesMember("Võ Thị Hồng", "Thư ký Hội đồng", "Giáo viên", True),
            MinutesMember("Đặng Văn Minh", "Ủy viên", "Giáo viên", True),
        ),
        member_count=3,
        present_count=3,
        quorum=2,
        recusals=(
            (
                "Đặng Văn Minh",
                "Tổ Toán – Tin – Tập thể lao động tiên tiến",
                "Là người thân của người được đề nghị",
            ),
        ),  # fmt: skip
        rows=(
            MinutesRow(
                1,
                "Tổ Toán – Tin",
                "Tập thể lao động tiên tiến",
                2,
                0,
                3,
                "66,7%",
                "quá bán (trên 50%) tổng số thành viên",
                "Đạt",
                True,
                None,
                "",
            ),
            MinutesRow(
                2,
                "Lê Thị Thu Hà",
                "Chiến sĩ thi đua cơ sở",
                3,
                0,
                3,
                "100,0%",
                "80%",
                "Vượt tỷ lệ cho phép",
                False,
                2,
                "3/3 thành viên đồng ý; xếp thứ 2 theo số phiếu, vượt 1 suất",
            ),
        ),  # fmt: skip
        cap_note="Tối đa 1 CSTĐCS = 50% của 2 LĐTT (Quy chế thi đua trường)",
        closed_at=dt.datetime(2025, 6, 5, 10, 30, tzinfo=HCM),
    )
    # when
    document = docx.Document(io.BytesIO(render_minutes(data)))
    # then
    text = _text(document)
    assert "Thời gian: bắt đầu lúc 08 giờ 00 phút, ngày 05 tháng 6 năm 2025." in text
    assert "V/v xét, đề nghị khen thưởng: Xét danh hiệu thi đua năm học 2024-2025\n" in text
    assert (
        "- Đặng Văn Minh: đối với đề nghị Tổ Toán – Tin – Tập thể lao động tiên tiến "
        "(Là người thân của người được đề nghị)." in text
    )
    assert "Tỷ lệ danh hiệu: Tối đa 1 CSTĐCS = 50% của 2 LĐTT (Quy chế thi đua trường)." in text
    assert "- Lê Thị Thu Hà: 3/3 thành viên đồng ý; xếp thứ 2 theo số phiếu, vượt 1 suất." in text
    assert "Cuộc họp kết thúc lúc 10 giờ 30 phút cùng ngày." in text
    assert _results_table(document)[1:] == [
        ["1", "Tổ Toán – Tin", "Tập thể lao động tiên tiến", "2/3", "66,7%", "Đạt"],
        ["2", "Lê Thị Thu Hà", "Chiến sĩ thi đua cơ sở", "3/3", "100,0%",
         "Vượt tỷ lệ cho phép (xếp thứ 2)"],
    ]  # fmt: skip
    assert "Ngưỡng thông qua (trên tổng số thành viên): Tập thể lao động tiên tiến: quá bán" in text
    assert "Kết quả: 1/2 đề nghị đạt" in text
    runs = [r for p in document.paragraphs for r in p.runs if r.text]
    assert {r.font.name for r in runs} == {"Times New Roman"}
    assert {r.font.size.pt for r in runs} <= {13.0, 14.0}
