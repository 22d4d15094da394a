import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from thidua.core.errors import error_codes
from thidua.core.models import AuditEntry
from thidua.org.errors import OrgError
from thidua.org.models import SchoolLevel, SchoolYear, Unit, UnitType
from thidua.org.selectors import current_school_year, school_of
from thidua.org.services import school_year_create, unit_create, unit_update


def test_tree_paths_reach_any_depth(tree):
    assert tree["6a1"].path == f"{tree['tbc'].path}{tree['6a1'].pk}/"
    assert tree["6a1"].depth == 3
    assert tree["6a1"].is_within(tree["doe"]) and not tree["6a1"].is_within(tree["bausen"])
    assert school_of(tree["6a1"]) == tree["tbc"]


@pytest.mark.parametrize(
    ("_case", "fields", "code"),
    [
        (
            "class under an office",
            dict(type=UnitType.CLASS, parent="district", grade=6),
            OrgError.CHILD_TYPE_NOT_ALLOWED,
        ),
        (
            "school without level",
            dict(type=UnitType.SCHOOL, parent="district"),
            OrgError.SCHOOL_NEEDS_LEVEL,
        ),
        (
            "grade outside the level",
            dict(type=UnitType.CLASS, parent="bausen", grade=7),
            OrgError.GRADE_NOT_IN_LEVEL,
        ),
        (
            "class without year",
            dict(type=UnitType.CLASS, parent="tbc", grade=6, no_year=True),
            OrgError.CLASS_NEEDS_YEAR_AND_GRADE,
        ),
    ],
)
def test_unit_create_refuses_a_wrong_shape(tree, school_year, _case, fields, code):
    fields = dict(fields)
    parent = tree[fields.pop("parent")]
    if fields.get("type") == UnitType.CLASS and not fields.pop("no_year", False):
        fields["school_year"] = school_year
    before = Unit.objects.count()
    with pytest.raises(ValidationError) as exc:
        unit_create(actor=None, code="NEW-1", name="Đơn vị mới", parent=parent, **fields)
    assert code in error_codes(exc.value)
    assert Unit.objects.count() == before


def test_codes_are_normalised_and_unique(tree):
    unit = unit_create(
        actor=None,
        type=UnitType.SUBJECT_DEPARTMENT,
        code=" thcs-tbc-van ",
        name="Tổ  Ngữ văn",
        parent=tree["tbc"],
    )
    assert (unit.code, unit.name) == ("THCS-TBC-VAN", "Tổ Ngữ văn")
    with pytest.raises(ValidationError):
        unit_create(
            actor=None,
            type=UnitType.SUBJECT_DEPARTMENT,
            code="THCS-TBC-VAN",
            name="Trùng mã",
            parent=tree["tbc"],
        )


def test_moving_a_school_moves_its_subtree_and_is_audited(tree):
    ward = unit_create(
        actor=None,
        type=UnitType.WARD,
        code="PHUONG-CHO-QUAN",
        name="Phường Chợ Quán",
        parent=tree["district"],
    )
    unit_update(actor=None, unit=tree["tbc"], parent=ward)
    tree["6a1"].refresh_from_db()
    assert tree["6a1"].path.startswith(ward.path)
    assert tree["6a1"].depth == 4
    entry = AuditEntry.objects.filter(action="org.unit.update").latest("id")
    assert entry.changes == {"parent": ["Phòng Giáo dục và Đào tạo Quận 5", "Phường Chợ Quán"]}


def test_a_unit_cannot_move_under_itself(tree):
    with pytest.raises(ValidationError) as exc:
        unit_update(actor=None, unit=tree["district"], parent=tree["tbc"])
    assert OrgError.MOVE_INTO_OWN_SUBTREE in error_codes(exc.value)
    tree["district"].refresh_from_db()
    assert tree["district"].parent == tree["doe"]


def test_school_year_has_two_semesters_in_order(db):
    year = school_year_create(actor=None, code="2025-2026")
    assert (year.start_on, year.hk1_end_on, year.hk2_start_on, year.end_on) == (
        dt.date(2025, 9, 5),
        dt.date(2026, 1, 11),
        dt.date(2026, 1, 13),
        dt.date(2026, 5, 31),
    )
    assert year.semester_of(dt.date(2025, 12, 1)) == 1
    assert year.semester_of(dt.date(2026, 3, 1)) == 2
    with pytest.raises(ValidationError):
        school_year_create(actor=None, code="2025-2027")
    with pytest.raises(ValidationError):
        school_year_create(actor=None, code="2026-2027", hk1_end_on=dt.date(2026, 8, 1))
    assert SchoolYear.objects.count() == 1


def test_current_school_year_covers_the_summer(db):
    school_year_create(actor=None, code="2024-2025")
    assert current_school_year(dt.date(2025, 7, 15)).code == "2024-2025"


def test_unit_form_page_keeps_input_on_error(client, principal, tree):
    client.force_login(principal)
    response = client.post(
        f"/org/units/{tree['tbc'].code}/add/",
        {"type": UnitType.CLASS, "code": "THCS-TBC-2024-9A1", "name": "9A1", "grade": "9"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Lớp học phải thuộc một năm học và một khối lớp." in page
    assert 'value="9A1"' in page
    assert not Unit.objects.filter(code="THCS-TBC-2024-9A1").exists()


def test_principal_adds_a_class(client, principal, tree, school_year):
    client.force_login(principal)
    response = client.post(
        f"/org/units/{tree['tbc'].code}/add/",
        {
            "type": UnitType.CLASS,
            "code": "THCS-TBC-2024-9A1",
            "name": "9A1",
            "grade": "9",
            "school_year": "2024-2025",
        },
    )
    assert response.status_code == 302
    created = Unit.objects.get(code="THCS-TBC-2024-9A1")
    assert (created.parent, created.grade, created.school_year_id) == (tree["tbc"], 9, "2024-2025")
    assert SchoolLevel(tree["tbc"].school_level) == SchoolLevel.LOWER_SECONDARY
