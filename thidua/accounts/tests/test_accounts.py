import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.test import override_settings

from thidua.accounts.errors import AccountsError
from thidua.accounts.models import Role, RoleAssignment
from thidua.accounts.policy import grants_of, may
from thidua.accounts.services import role_grant, suggest_username
from thidua.core.errors import error_codes
from thidua.core.models import AuditEntry


def test_production_hasher_is_argon2():
    from config.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        encoded = make_password("Matkhau@123")
        assert encoded.startswith("argon2$")
        assert check_password("Matkhau@123", encoded)


def test_repeated_failed_logins_lock_the_account_out(client, principal):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(5):
        response = client.post("/accounts/login/", {"username": "ht.tbc", "password": "sai"})
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()
    # even the right password is refused while locked out
    response = client.post("/accounts/login/", {"username": "ht.tbc", "password": "Matkhau@123"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_login_with_the_right_password(client, principal):
    response = client.post("/accounts/login/", {"username": "ht.tbc", "password": "Matkhau@123"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(principal.pk)


def test_wrong_password_message_is_vietnamese(client, principal):
    response = client.post("/accounts/login/", {"username": "ht.tbc", "password": "sai"})
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()


def test_roles_reach_descendants_only(tree, principal):
    assert may(principal, "org.unit.view", tree["6a1"])
    assert not may(principal, "org.unit.view", tree["bausen"])
    assert not may(principal, "org.unit.view", tree["district"])


def test_expired_role_no_longer_counts(tree, teacher):
    RoleAssignment.objects.filter(user=teacher).update(end_on=dt.date(2020, 1, 1))
    teacher.refresh_from_db()
    assert grants_of(teacher) == ()
    assert not may(teacher, "org.unit.view", tree["tbc"])


def test_principal_grants_a_homeroom_role_but_not_a_principal_role(tree, principal, teacher):
    role_grant(actor=principal, user=teacher, role=Role.HOMEROOM_TEACHER, unit=tree["6a2"])
    assert RoleAssignment.objects.filter(user=teacher, role=Role.HOMEROOM_TEACHER).exists()
    assert AuditEntry.objects.filter(action="accounts.role.grant").count() == 1
    with pytest.raises(ValidationError) as exc:
        role_grant(actor=principal, user=teacher, role=Role.PRINCIPAL, unit=tree["tbc"])
    assert error_codes(exc.value) == [AccountsError.ROLE_ABOVE_OWN]
    with pytest.raises(ValidationError) as exc:
        role_grant(actor=principal, user=teacher, role=Role.HOMEROOM_TEACHER, unit=tree["tbc"])
    assert error_codes(exc.value) == [AccountsError.ROLE_NOT_AT_UNIT_TYPE]
    assert not RoleAssignment.objects.filter(user=teacher, role=Role.PRINCIPAL).exists()


def test_principal_cannot_grant_in_another_school(tree, principal, other_homeroom_teacher):
    with pytest.raises(ValidationError) as exc:
        role_grant(
            actor=principal,
            user=other_homeroom_teacher,
            role=Role.COUNCIL_MEMBER,
            unit=tree["bausen"],
        )
    assert error_codes(exc.value) == [AccountsError.ROLE_ABOVE_OWN]
    assert not RoleAssignment.objects.filter(role=Role.COUNCIL_MEMBER).exists()


def test_switching_the_working_role_changes_the_home_page(client, tree, homeroom_teacher):
    client.force_login(homeroom_teacher)
    staff_grant = RoleAssignment.objects.get(user=homeroom_teacher, role=Role.STAFF)
    home = client.get("/").content.decode()
    assert "Lớp 6A1" in home
    client.post("/accounts/switch/", {"assignment": staff_grant.pk})
    home = client.get("/").content.decode()
    assert "Trường THCS Trần Bội Cơ" in home and 'id="count-students"' in home


def test_switching_to_someone_elses_role_is_refused(client, tree, homeroom_teacher, principal):
    client.force_login(homeroom_teacher)
    foreign = RoleAssignment.objects.get(user=principal, role=Role.PRINCIPAL)
    response = client.post("/accounts/switch/", {"assignment": foreign.pk}, follow=True)
    assert "Vai trò đã chọn không hợp lệ." in response.content.decode()


def test_usernames_follow_the_school_pattern(db):
    assert suggest_username("Nguyễn Thị Minh Ánh") == "anhntm"


def test_grant_form_in_the_unit_page(client, tree, principal, teacher):
    client.force_login(principal)
    response = client.post(
        f"/accounts/units/{tree['6a2'].code}/roles/grant/",
        {"username": "gv.tbc", "role": Role.HOMEROOM_TEACHER},
        follow=True,
    )
    assert "Đã phân quyền cho Huỳnh Thu My." in response.content.decode()
    assert may(teacher, "people.student.import", tree["6a2"])
