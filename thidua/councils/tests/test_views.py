"""Council pages: setup, planning, attendance and quorum, the members' secret ballot, the tally
and who may see or do what."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from thidua.achievements.catalog import AwardId
from thidua.ballots.models import Participation
from thidua.core.models import AuditEntry
from thidua.councils import services as c
from thidua.councils.models import (
    Attendance,
    Council,
    CouncilSession,
    ItemOutcome,
    MemberRole,
    Recusal,
    RecusalReason,
    SessionItem,
    SessionStatus,
)
from thidua.nominations.models import ProposalStatus
from thidua.nominations.tests.conftest import propose as _propose
from thidua.nominations.tests.conftest import to_council as _to_council

pytestmark = pytest.mark.django_db
LDTT, CSTDCS = AwardId.LAO_DONG_TIEN_TIEN, AwardId.CHIEN_SI_THI_DUA_CO_SO
PLACE = "Phòng họp Hội đồng, Trường THCS Trần Bội Cơ"


def _plan(actor, council, nomination_round):  # noqa: ANN001, ANN202
    return c.session_plan(
        actor=actor,
        council=council,
        nomination_round=nomination_round,
        held_at=timezone.now(),
        place=PLACE,
    )


def _members(council):  # noqa: ANN001, ANN202
    return list(council.members.select_related("user").order_by("position"))


def _attendance_post(members, *, present, written=None, relatives=None):  # noqa: ANN001, ANN202
    data: dict[str, object] = {}
    for m in members:
        if m in present:
            data[f"present_{m.pk}"] = "on"
    for member_pk, opinions in (written or {}).items():
        for proposal_pk, value in opinions.items():
            data[f"written_{member_pk}_{proposal_pk}"] = value
    for member, proposals in (relatives or {}).items():
        data[f"relatives_{member.pk}"] = [str(p.pk) for p in proposals]
    return data


@pytest.fixture
def two_in_council(principal, staff, nomination_round):  # noqa: ANN001, ANN201
    """Lan and Hùng proposed for LĐTT, the round handed to the council."""
    lan = _propose(principal, nomination_round, staff[0], LDTT)
    hung = _propose(principal, nomination_round, staff[1], LDTT)
    _to_council(principal, nomination_round)
    return lan, hung


@pytest.fixture
def voting(principal, council, nomination_round, two_in_council):  # noqa: ANN001, ANN201
    """A session with every member present and the ballots open."""
    session = _plan(principal, council, nomination_round)
    c.session_convene(actor=principal, session=session, present=_members(council))
    return c.session_open_vote(actor=principal, session=session)


# ---------------------------------------------------------------- setup


def test_principal_sets_up_the_council_through_the_page(
    client, principal, teacher, homeroom_teacher, tree
):
    # given
    client.force_login(principal)
    home = client.get("/councils/").content.decode()
    assert "/councils/new/?unit=THCS-TBC" in home
    form = client.get("/councils/new/?unit=THCS-TBC").content.decode()
    assert "Huỳnh Thu My" in form and "Nguyễn Thùy Trang" in form
    # when
    response = client.post(
        "/councils/new/?unit=THCS-TBC",
        {
            "name": "Hội đồng TĐKT năm học 2024-2025",
            "established_by": "Quyết định số 15/QĐ-THCS ngày 05/9/2024",
            f"role_{teacher.pk}": MemberRole.SECRETARY,
            f"role_{principal.pk}": MemberRole.CHAIR,
            f"role_{homeroom_teacher.pk}": MemberRole.MEMBER,
        },
    )
    # then
    council = Council.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/councils/{council.pk}/"
    assert council.unit == tree["tbc"]
    assert council.established_by == "Quyết định số 15/QĐ-THCS ngày 05/9/2024"
    seats = [(m.user, m.role) for m in council.members.order_by("position")]
    assert seats == [
        (principal, MemberRole.CHAIR),
        (teacher, MemberRole.SECRETARY),
        (homeroom_teacher, MemberRole.MEMBER),
    ]
    assert AuditEntry.objects.filter(action="councils.council.create").count() == 1
    detail = client.get(response["Location"]).content.decode()
    members_table = detail.split('id="members"')[1].split("</table>")[0]
    assert "Phạm Văn Hòa" in members_table and "Chủ tịch Hội đồng" in members_table
    assert "Hiệu trưởng" in members_table  # job title


def test_a_council_without_a_chair_is_refused_on_the_form(client, principal, teacher):
    client.force_login(principal)
    response = client.post(
        "/councils/new/?unit=THCS-TBC",
        {"name": "Hội đồng TĐKT", f"role_{teacher.pk}": MemberRole.MEMBER},
    )
    assert response.status_code == 200
    assert "Hội đồng cần có Chủ tịch." in response.content.decode()
    assert not Council.objects.exists()


def test_a_teacher_cannot_set_up_a_council(client, teacher):
    client.force_login(teacher)
    assert "/councils/new/" not in client.get("/councils/").content.decode()
    response = client.post(
        "/councils/new/?unit=THCS-TBC", {"name": "Hội đồng", f"role_{teacher.pk}": "chair"}
    )
    assert response.status_code == 403
    assert not Council.objects.exists()


def test_another_schools_principal_cannot_see_the_council(
    client, other_principal, principal, council, nomination_round, two_in_council
):
    session = _plan(principal, council, nomination_round)
    client.force_login(other_principal)
    assert council.name not in client.get("/councils/").content.decode()
    for url in (f"/councils/{council.pk}/", f"/councils/sessions/{session.pk}/"):
        response = client.get(url)
        assert response.status_code == 403
        assert "Không có quyền truy cập" in response.content.decode()
    response = client.post(f"/councils/sessions/{session.pk}/attendance/", {})
    assert response.status_code == 403
    assert not Attendance.objects.exists()


def test_the_council_list_does_not_query_per_council(client, principal, council, tree):
    client.force_login(principal)
    client.get("/councils/")  # warm the per-request caches of other apps
    with CaptureQueriesContext(connection) as one:
        client.get("/councils/")
    for i in range(3):
        c.council_create(
            actor=principal,
            unit=tree["tbc"],
            name=f"Hội đồng chuyên đề {i}",
            members=[(principal, MemberRole.CHAIR)],
        )
    with CaptureQueriesContext(connection) as four:
        page = client.get("/councils/").content.decode()
    assert page.count('href="/councils/') - page.count('href="/councils/new') >= 4
    assert len(four) == len(one)


def test_the_menu_shows_the_council_entry_to_staff(client, teacher):
    client.force_login(teacher)
    page = client.get("/councils/").content.decode()
    assert 'href="/councils/">Hội đồng TĐKT</a>' in page


# ---------------------------------------------------------------- planning and attendance


def test_planning_a_session_from_the_council_page(
    client, principal, council, nomination_round, two_in_council
):
    # given
    client.force_login(principal)
    detail = client.get(f"/councils/{council.pk}/").content.decode()
    assert f"/councils/{council.pk}/sessions/new/" in detail
    # when
    response = client.post(
        f"/councils/{council.pk}/sessions/new/",
        {"round": nomination_round.pk, "held_at": "2025-05-20T08:00", "place": PLACE},
    )
    # then
    session = CouncilSession.objects.get()
    assert response["Location"] == f"/councils/sessions/{session.pk}/"
    assert timezone.localtime(session.held_at).strftime("%d/%m/%Y %H:%M") == "20/05/2025 08:00"
    assert session.items.count() == 2
    page = client.get(response["Location"]).content.decode()
    agenda = page.split('id="agenda"')[1].split("</table>")[0]
    assert "Nguyễn Thị Lan" in agenda and "Trần Văn Hùng" in agenda
    assert agenda.count("Lao động tiên tiến") == 2
    assert "năm học 2024-2025" in agenda
    assert "20/05/2025 08:00" in page
    assert "cuộc họp hợp lệ khi có mặt ít nhất 4 thành viên" in page


def test_attendance_without_quorum_shows_the_message_and_saves_nothing(
    client, principal, council, nomination_round, two_in_council
):
    # given a planned session of a five-member council
    session = _plan(principal, council, nomination_round)
    members = _members(council)
    client.force_login(principal)
    assert (
        "ít nhất 4 thành viên"
        in client.get(f"/councils/sessions/{session.pk}/attendance/").content.decode()
    )
    # when only three are ticked present
    response = client.post(
        f"/councils/sessions/{session.pk}/attendance/",
        _attendance_post(members, present=members[:3]),
    )
    # then the service's message is on the form, the ticks are kept, nothing is saved
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "Phiên họp không đủ số lượng: có mặt 3/5 thành viên, cần ít nhất 4. Chưa thể biểu quyết."
        in page
    )
    for m in members:
        tag = re.search(rf'<input[^>]*name="present_{m.pk}"[^>]*>', page).group(0)
        assert ("checked" in tag) is (m in members[:3])
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED
    assert not Attendance.objects.filter(session=session).exists()
    assert not Recusal.objects.filter(session=session).exists()
    assert not AuditEntry.objects.filter(action="councils.session.convene").exists()


def test_attendance_records_written_opinions_and_declared_relatives(
    client, principal, council, nomination_round, two_in_council
):
    # given
    lan, hung = two_in_council
    session = _plan(principal, council, nomination_round)
    members = _members(council)
    absent, sister = members[4], members[2]
    client.force_login(principal)
    # when four are present, the absent one writes yes/no, one member is Hùng's relative
    response = client.post(
        f"/councils/sessions/{session.pk}/attendance/",
        _attendance_post(
            members,
            present=members[:4],
            written={absent.pk: {lan.pk: "yes", hung.pk: "no"}},
            relatives={sister: [hung]},
        ),
    )
    # then
    assert response["Location"] == f"/councils/sessions/{session.pk}/"
    session.refresh_from_db()
    assert (session.status, session.present_count, session.quorum) == (
        SessionStatus.CONVENED,
        4,
        4,
    )
    assert Attendance.objects.get(session=session, member=absent).written == {
        str(lan.pk): "yes",
        str(hung.pk): "no",
    }
    recusal = Recusal.objects.get(session=session)
    assert (recusal.member, recusal.proposal, recusal.reason) == (
        sister,
        hung,
        RecusalReason.RELATIVE,
    )
    page = client.get(response["Location"]).content.decode()
    assert "Có mặt 4/5 thành viên (cần ít nhất 4)." in page
    assert "Là người thân của người được đề nghị" in page.split('id="recusals"')[1]


# ---------------------------------------------------------------- the members' ballot


def test_a_member_votes_through_the_page_once_and_sees_no_counts(
    client, principal, council, voting
):
    # given
    member = _members(council)[1]
    client.force_login(member.user)
    items = list(voting.items.order_by("position"))
    page = client.get(f"/councils/sessions/{voting.pk}/vote/").content.decode()
    assert "Nguyễn Thị Lan" in page and "Trần Văn Hùng" in page
    assert page.count('value="yes"') == 2
    # when
    response = client.post(
        f"/councils/sessions/{voting.pk}/vote/",
        {f"item_{items[0].pk}": "yes", f"item_{items[1].pk}": "no"},
    )
    # then one ballot per item is recorded, and the page only says that they voted
    assert response["Location"] == f"/councils/sessions/{voting.pk}/vote/"
    assert Participation.objects.filter(voter__person=member.user.person).count() == 2
    after = client.get(response["Location"]).content.decode()
    assert "Bạn đã bỏ phiếu. Cảm ơn bạn." in after
    assert 'name="item_' not in after
    assert "checked" not in after
    assert "Không đồng ý" not in after  # neither the choice nor a count is shown
    # when they try again
    again = client.post(
        f"/councils/sessions/{voting.pk}/vote/",
        {f"item_{items[0].pk}": "no", f"item_{items[1].pk}": "yes"},
    )
    # then nothing more is counted
    assert again.status_code == 302
    assert Participation.objects.filter(voter__person=member.user.person).count() == 2
    assert [i.election.ballot_count for i in voting.items.select_related("election")] == [1, 1]
    # and the session page shows the turnout only
    client.force_login(principal)
    session_page = client.get(f"/councils/sessions/{voting.pk}/").content.decode()
    assert re.findall(r'<td class="turnout">([^<]*)</td>', session_page) == ["1/5", "1/5"]
    assert 'id="results"' not in session_page


def test_an_incomplete_ballot_is_refused_and_nothing_is_cast(client, council, voting):
    member = _members(council)[1]
    client.force_login(member.user)
    first = voting.items.order_by("position").first()
    response = client.post(f"/councils/sessions/{voting.pk}/vote/", {f"item_{first.pk}": "yes"})
    assert response.status_code == 200
    assert "Hãy chọn Đồng ý hoặc Không đồng ý." in response.content.decode()
    assert not Participation.objects.exists()


def test_a_recused_member_does_not_see_the_recused_item(
    client, principal, council, nomination_round, two_in_council
):
    # given a member declared a relative of Hùng at the roll call
    lan, hung = two_in_council
    session = _plan(principal, council, nomination_round)
    members = _members(council)
    sister = members[2]
    c.session_convene(actor=principal, session=session, present=members, relatives=[(sister, hung)])
    c.session_open_vote(actor=principal, session=session)
    hung_item = session.items.get(proposal=hung)
    lan_item = session.items.get(proposal=lan)
    # when
    client.force_login(sister.user)
    page = client.get(f"/councils/sessions/{session.pk}/vote/").content.decode()
    # then
    ballot = page.split('id="ballot"')[1]
    assert "Nguyễn Thị Lan" in ballot and "Trần Văn Hùng" not in ballot
    assert "Bạn không tham gia biểu quyết 1 đề nghị" in page
    # a crafted mark for the recused item is not counted
    client.post(
        f"/councils/sessions/{session.pk}/vote/",
        {f"item_{lan_item.pk}": "yes", f"item_{hung_item.pk}": "yes"},
    )
    hung_item.election.refresh_from_db()
    lan_item.election.refresh_from_db()
    assert (lan_item.election.ballot_count, hung_item.election.ballot_count) == (1, 0)


def test_a_teacher_outside_the_council_gets_403_on_the_vote_page_and_the_tally(
    client, teacher, voting
):
    client.force_login(teacher)
    vote = client.get(f"/councils/sessions/{voting.pk}/vote/")
    assert vote.status_code == 403
    assert "Không có quyền truy cập" in vote.content.decode()
    assert client.post(f"/councils/sessions/{voting.pk}/vote/", {}).status_code == 403
    tally = client.post(f"/councils/sessions/{voting.pk}/tally/")
    assert tally.status_code == 403
    voting.refresh_from_db()
    assert voting.status == SessionStatus.VOTING
    assert not Participation.objects.exists()
    # the session page shows no run buttons to them
    page = client.get(f"/councils/sessions/{voting.pk}/").content.decode()
    assert "/tally/" not in page and "/vote/" not in page


# ---------------------------------------------------------------- tally


def test_tally_page_shows_the_numbers_over_all_members(
    client, principal, council, nomination_round, two_in_council
):
    # given four present, the absent member wrote yes for Lan and no for Hùng
    lan, hung = two_in_council
    members = _members(council)
    present, absent = members[:4], members[4]
    session = _plan(principal, council, nomination_round)
    client.force_login(principal)
    client.post(
        f"/councils/sessions/{session.pk}/attendance/",
        _attendance_post(members, present=present, written={absent.pk: {lan.pk: "yes"}}),
    )
    client.post(f"/councils/sessions/{session.pk}/open-vote/")
    items = {i.proposal_id: i for i in session.items.all()}
    # three of the four present agree to Lan, two to Hùng
    for index, member in enumerate(present):
        client.force_login(member.user)
        client.post(
            f"/councils/sessions/{session.pk}/vote/",
            {
                f"item_{items[lan.pk].pk}": "yes" if index < 3 else "no",
                f"item_{items[hung.pk].pk}": "yes" if index < 2 else "no",
            },
        )
    # when
    client.force_login(principal)
    response = client.post(f"/councils/sessions/{session.pk}/tally/")
    # then
    assert response["Location"] == f"/councils/sessions/{session.pk}/"
    page = client.get(response["Location"]).content.decode()
    table = page.split('id="results"')[1].split("</table>")[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)[1:]

    def cells(row, name):  # noqa: ANN001, ANN202
        return re.search(rf'<td class="{name}">(.*?)</td>', row, flags=re.S).group(1)

    lan_row, hung_row = rows
    assert "Nguyễn Thị Lan" in lan_row and "Trần Văn Hùng" in hung_row
    assert [cells(lan_row, k) for k in ("yes", "written-yes", "members", "share")] == [
        "3",
        "1",
        "5",
        "80,0%",
    ]
    assert [cells(hung_row, k) for k in ("yes", "written-yes", "members", "share")] == [
        "2",
        "0",
        "5",
        "40,0%",
    ]
    assert "Đạt" in cells(lan_row, "outcome") and "Không đạt" in cells(hung_row, "outcome")
    assert "quá bán (trên 50%) tổng số thành viên" in lan_row
    session.refresh_from_db()
    assert session.status == SessionStatus.TALLIED
    assert {i.proposal_id: i.outcome for i in session.items.all()} == {
        lan.pk: ItemOutcome.PASSED,
        hung.pk: ItemOutcome.NOT_PASSED,
    }
    hung.refresh_from_db()
    assert hung.status == ProposalStatus.NOT_PASSED
    assert "/minutes.docx" in page


def test_the_cap_note_and_ranks_show_after_the_tally(
    client, principal, staff, council, nomination_round
):
    # given a unit rule of at most 50 % CSTĐCS over LĐTT: two LĐTT, two CSTĐCS
    nomination_round.cap_share, nomination_round.cap_basis = 0.5, "Quy chế thi đua trường"
    nomination_round.save()
    for person in staff[:2]:
        _propose(principal, nomination_round, person, LDTT)
    from thidua.people.records import AnnualRating

    AnnualRating.objects.filter(person__in=staff[:2]).update(rating="htxsnv")
    cstdcs = [_propose(principal, nomination_round, p, CSTDCS) for p in staff[:2]]
    _to_council(principal, nomination_round)
    session = _plan(principal, council, nomination_round)
    members = _members(council)
    c.session_convene(actor=principal, session=session, present=members)
    c.session_open_vote(actor=principal, session=session)
    votes = {cstdcs[0].pk: 5, cstdcs[1].pk: 4}
    items = list(session.items.select_related("proposal"))
    for index, member in enumerate(members):
        marks = {
            i.pk: "yes" if index < votes.get(i.proposal_id, 5) else "no"
            for i in items
            if i.proposal.status == ProposalStatus.IN_COUNCIL
        }
        c.member_vote(session=session, user=member.user, marks=marks)
    client.force_login(principal)
    # when
    client.post(f"/councils/sessions/{session.pk}/tally/")
    # then
    page = client.get(f"/councils/sessions/{session.pk}/").content.decode()
    assert (
        "Tối đa 1 CSTĐCS = 50% của 2 LĐTT (Quy chế thi đua trường)"
        in page.split('id="cap-note"')[1]
    )
    assert "xếp thứ 2 theo số phiếu, vượt 1 suất" in page
    assert "Vượt tỷ lệ cho phép" in page.split('id="results"')[1]


def test_the_tally_button_refuses_twice_without_an_error_page(client, principal, voting):
    client.force_login(principal)
    client.post(f"/councils/sessions/{voting.pk}/tally/")
    response = client.post(f"/councils/sessions/{voting.pk}/tally/", follow=True)
    assert response.status_code == 200
    assert "Phiên họp chưa bỏ phiếu." in response.content.decode()
    assert AuditEntry.objects.filter(action="councils.session.tally").count() == 1


def test_voting_after_the_tally_is_refused(client, principal, council, voting):
    c.session_tally(actor=principal, session=voting)
    member = _members(council)[1]
    client.force_login(member.user)
    first = voting.items.order_by("position").first()
    response = client.post(
        f"/councils/sessions/{voting.pk}/vote/", {f"item_{first.pk}": "yes"}, follow=True
    )
    page = response.content.decode()
    assert "Hội đồng chưa mở hoặc đã kết thúc bỏ phiếu." in page
    assert "Hội đồng đã kiểm phiếu; bỏ phiếu đã kết thúc." in page
    assert not Participation.objects.exists()


def test_the_session_page_does_not_query_the_round_per_agenda_row(
    client, principal, council, nomination_round, staff
):
    # given a session with one agenda row, then with three
    for person in (staff[0], staff[1], staff[3]):
        _propose(principal, nomination_round, person)
    _to_council(principal, nomination_round)
    session = _plan(principal, council, nomination_round)
    items = list(session.items.order_by("position"))
    assert len(items) == 3
    client.force_login(principal)
    url = f"/councils/sessions/{session.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as three:
        page = client.get(url).content.decode()
    assert page.count("/nominations/proposals/") == 3
    SessionItem.objects.filter(pk__in=[i.pk for i in items[1:]]).delete()
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    # then each extra row costs at most the one query of its person's classes (people app)
    assert len(three) - len(one) <= 2
