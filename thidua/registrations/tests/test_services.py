"""Registrations (G1): deadline, state machine, consolidation and the eligibility selectors."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from thidua.core.errors import error_codes
from thidua.core.models import AuditEntry
from thidua.registrations.errors import RegistrationError
from thidua.registrations.models import ListStatus, Registration, RegistrationStatus
from thidua.registrations.selectors import (
    collective_registered_school_years,
    registered_school_years,
    registered_titles,
)
from thidua.registrations.services import (
    registration_accept,
    registration_create,
    registration_list_consolidate,
    registration_list_lock,
    registration_list_open,
    registration_list_reopen,
    registration_return,
    registration_submit,
    registration_update,
)

pytestmark = pytest.mark.django_db
SEPTEMBER = dt.datetime(2024, 9, 20, 9, 0)
DEADLINE = dt.date(2024, 10, 15)


@pytest.fixture
def reg_list(principal, tree, school_year):  # noqa: ANN001, ANN201
    return registration_list_open(
        actor=principal, unit=tree["tbc"], school_year=school_year, deadline=DEADLINE
    )


def _register(actor, reg_list, person, titles=("lao_dong_tien_tien",)):  # noqa: ANN001, ANN202
    return registration_create(
        actor=actor,
        reg_list=reg_list,
        person=person,
        titles=list(titles),
        goals="Hoàn thành xuất sắc nhiệm vụ; 100% học sinh lớp chủ nhiệm đạt rèn luyện Khá trở lên.",
        initiative_topic="Ứng dụng AI tạo câu hỏi ôn tập môn Toán 6",
    )


@time_machine.travel(SEPTEMBER, tick=False)
def test_register_submit_accept(principal, teacher, reg_list):
    # given
    registration = _register(
        teacher, reg_list, teacher.person, ["chien_si_thi_dua_co_so", "lao_dong_tien_tien"]
    )
    assert registration.status == RegistrationStatus.DRAFT
    # when
    registration_submit(actor=teacher, registration=registration)
    registration_accept(actor=principal, registration=registration)
    # then
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.ACCEPTED
    assert registration.accepted_at is not None and registration.decided_by == principal
    assert registered_school_years(teacher.person) == {"2024-2025"}
    assert registered_titles(teacher.person, "2024-2025") == {
        "lao_dong_tien_tien",
        "chien_si_thi_dua_co_so",
    }
    actions = list(
        AuditEntry.objects.filter(target_type="registrations.registration").values_list(
            "action", flat=True
        )
    )
    assert actions == ["registrations.accept", "registrations.submit", "registrations.create"]


@time_machine.travel(dt.datetime(2024, 10, 16, 8, 0), tick=False)
def test_a_registration_after_the_deadline_is_refused(teacher, reg_list):
    with pytest.raises(ValidationError) as exc:
        _register(teacher, reg_list, teacher.person)
    assert error_codes(exc.value) == [RegistrationError.DEADLINE_PASSED]
    assert "Đã hết hạn đăng ký thi đua năm học 2024-2025 của Trường THCS Trần Bội Cơ" in str(
        exc.value
    )
    assert "hạn cuối 15/10/2024" in str(exc.value)
    assert not Registration.objects.exists()
    assert not AuditEntry.objects.filter(action="registrations.create").exists()


def test_a_draft_cannot_be_submitted_after_the_deadline(teacher, reg_list):
    with time_machine.travel(SEPTEMBER, tick=False):
        registration = _register(teacher, reg_list, teacher.person)
    late = time_machine.travel(dt.datetime(2024, 10, 20, 8, 0), tick=False)
    with late, pytest.raises(ValidationError) as exc:
        registration_submit(actor=teacher, registration=registration)
    assert error_codes(exc.value) == [RegistrationError.DEADLINE_PASSED]
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.DRAFT


def test_a_returned_registration_may_be_corrected_after_the_deadline(principal, teacher, reg_list):
    with time_machine.travel(SEPTEMBER, tick=False):
        registration = _register(teacher, reg_list, teacher.person, ["chien_si_thi_dua_co_so"])
        registration_submit(actor=teacher, registration=registration)
    with time_machine.travel(dt.datetime(2024, 10, 25, 8, 0), tick=False):
        registration_return(
            actor=principal,
            registration=registration,
            reason="Đăng ký CSTĐCS cần kèm đăng ký Lao động tiên tiến và tên sáng kiến.",
        )
        registration_update(
            actor=teacher,
            registration=registration,
            titles=["lao_dong_tien_tien", "chien_si_thi_dua_co_so"],
            goals="Hoàn thành xuất sắc nhiệm vụ",
            initiative_topic="Dạy học STEM chủ đề năng lượng tái tạo",
        )
        registration_submit(actor=teacher, registration=registration)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED
    change = AuditEntry.objects.get(action="registrations.update")
    assert change.changes["titles"] == [
        ["chien_si_thi_dua_co_so"],
        ["lao_dong_tien_tien", "chien_si_thi_dua_co_so"],
    ]


@time_machine.travel(SEPTEMBER, tick=False)
def test_return_needs_a_reason(principal, teacher, reg_list):
    registration = _register(teacher, reg_list, teacher.person)
    registration_submit(actor=teacher, registration=registration)
    with pytest.raises(ValidationError) as exc:
        registration_return(actor=principal, registration=registration, reason=" ")
    assert error_codes(exc.value) == [RegistrationError.REASON_REQUIRED]
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED


@time_machine.travel(SEPTEMBER, tick=False)
def test_a_draft_cannot_be_accepted(principal, teacher, reg_list):
    registration = _register(teacher, reg_list, teacher.person)
    with pytest.raises(ValidationError) as exc:
        registration_accept(actor=principal, registration=registration)
    assert error_codes(exc.value) == [RegistrationError.TRANSITION_NOT_ALLOWED]


@time_machine.travel(SEPTEMBER, tick=False)
def test_only_accepted_registrations_count(principal, teacher, homeroom_teacher, reg_list):
    accepted = _register(teacher, reg_list, teacher.person)
    registration_submit(actor=teacher, registration=accepted)
    registration_accept(actor=principal, registration=accepted)
    waiting = _register(homeroom_teacher, reg_list, homeroom_teacher.person)
    registration_submit(actor=homeroom_teacher, registration=waiting)
    assert registered_school_years(teacher.person) == {"2024-2025"}
    assert registered_school_years(homeroom_teacher.person) == set()


@time_machine.travel(SEPTEMBER, tick=False)
def test_someone_from_another_school_cannot_join_the_list(other_homeroom_teacher, reg_list):
    with pytest.raises(ValidationError) as exc:
        _register(other_homeroom_teacher, reg_list, other_homeroom_teacher.person)
    assert error_codes(exc.value) == [RegistrationError.NOT_IN_UNIT]


@time_machine.travel(SEPTEMBER, tick=False)
def test_one_registration_per_person_and_year(teacher, reg_list):
    _register(teacher, reg_list, teacher.person)
    with pytest.raises(ValidationError) as exc:
        _register(teacher, reg_list, teacher.person, ["giay_khen"])
    assert error_codes(exc.value) == [RegistrationError.ALREADY_REGISTERED]


@time_machine.travel(SEPTEMBER, tick=False)
def test_titles_must_fit_the_subject(principal, teacher, reg_list, tree):
    with pytest.raises(ValidationError) as exc:
        _register(teacher, reg_list, teacher.person, ["tap_the_lao_dong_xuat_sac"])
    assert error_codes(exc.value) == [RegistrationError.TITLE_NOT_FOR_SUBJECT]
    with pytest.raises(ValidationError) as exc:
        _register(teacher, reg_list, teacher.person, [])
    assert error_codes(exc.value) == [RegistrationError.TITLES_REQUIRED]
    collective = registration_create(
        actor=principal,
        reg_list=reg_list,
        collective=tree["tbc_math"],
        titles=["tap_the_lao_dong_xuat_sac"],
    )
    registration_submit(actor=principal, registration=collective)
    registration_accept(actor=principal, registration=collective)
    assert collective_registered_school_years(tree["tbc_math"]) == {"2024-2025"}


@time_machine.travel(SEPTEMBER, tick=False)
def test_consolidate_waits_for_decisions_then_the_head_locks(principal, teacher, reg_list):
    # given: one registration still waiting
    registration = _register(teacher, reg_list, teacher.person)
    registration_submit(actor=teacher, registration=registration)
    # when / then: consolidation is refused
    with pytest.raises(ValidationError) as exc:
        registration_list_consolidate(actor=principal, reg_list=reg_list)
    assert error_codes(exc.value) == [RegistrationError.PENDING_DECISIONS]
    reg_list.refresh_from_db()
    assert reg_list.status == ListStatus.OPEN
    # after the decision it consolidates and locks; nothing changes afterwards
    registration_accept(actor=principal, registration=registration)
    registration_list_consolidate(actor=principal, reg_list=reg_list)
    with pytest.raises(ValidationError) as exc:
        registration_list_reopen(actor=principal, reg_list=reg_list, reason="")
    assert error_codes(exc.value) == [RegistrationError.REASON_REQUIRED]
    registration_list_lock(actor=principal, reg_list=reg_list)
    reg_list.refresh_from_db()
    assert reg_list.status == ListStatus.LOCKED and reg_list.locked_by == principal
    with pytest.raises(ValidationError) as exc:
        _register(principal, reg_list, principal.person)
    assert error_codes(exc.value) == [RegistrationError.LIST_NOT_OPEN]
    with pytest.raises(ValidationError) as exc:
        registration_list_reopen(actor=principal, reg_list=reg_list, reason="Bổ sung")
    assert error_codes(exc.value) == [RegistrationError.TRANSITION_NOT_ALLOWED]


def test_a_deadline_outside_the_school_year_is_refused(principal, tree, school_year):
    with pytest.raises(ValidationError) as exc:
        registration_list_open(
            actor=principal, unit=tree["tbc"], school_year=school_year, deadline=dt.date(2026, 1, 1)
        )
    assert error_codes(exc.value) == [RegistrationError.DEADLINE_INVALID]


@time_machine.travel(SEPTEMBER, tick=False)
def test_someone_who_left_the_school_is_not_listed_as_not_registered(principal, tree, reg_list):
    # given: one teacher left Trần Bội Cơ for Bàu Sen before the list opened; one stayed
    from conftest import make_teacher
    from thidua.people.services import staff_transfer
    from thidua.registrations.selectors import list_page

    left = make_teacher(tree["tbc"], "Đặng Thị Thu Hằng")
    stayed = make_teacher(tree["tbc"], "Lâm Quốc Bảo")
    staff_transfer(actor=principal, person=left, to_unit=tree["bausen"], on=dt.date(2024, 9, 5))
    # when
    page = list_page(reg_list)
    # then: only the teacher still at the school is asked to register
    missing = {p.pk for p in page.not_registered}
    assert stayed.pk in missing
    assert left.pk not in missing


@time_machine.travel(SEPTEMBER, tick=False)
def test_the_summary_totals_statuses_and_accepted_titles(principal, teacher, tree, reg_list):
    # given: Trần Bội Cơ has one accepted (LĐTT + Giấy khen) and one draft registration
    from thidua.registrations.selectors import summary_of

    accepted = _register(teacher, reg_list, teacher.person, ["lao_dong_tien_tien", "giay_khen"])
    registration_submit(actor=teacher, registration=accepted)
    registration_accept(actor=principal, registration=accepted)
    _register(principal, reg_list, principal.person, ["chien_si_thi_dua_co_so"])
    # when
    summary = summary_of(tree["district"], reg_list.school_year)
    # then: only accepted registrations make title columns, in catalog order
    assert summary.totals == {"draft": 1, "submitted": 0, "accepted": 1, "returned": 0}
    assert [t for t, _label in summary.columns] == ["lao_dong_tien_tien", "giay_khen"]
    assert summary.column_totals == [1, 1]
    [tbc] = [r for r in summary.rows if r.unit == tree["tbc"]]
    assert tbc.title_counts == [1, 1]
    assert all(r.title_counts == [0, 0] for r in summary.rows if r.unit != tree["tbc"])
