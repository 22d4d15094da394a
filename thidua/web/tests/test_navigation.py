"""The main menu groups the domain pages into drop-downs so the bar stays on one line."""

from __future__ import annotations

import pytest

from thidua.web.navigation import menu_for

pytestmark = pytest.mark.django_db


def test_a_principal_sees_grouped_menus(principal):
    menu = menu_for(principal)
    groups = {str(item["label"]): item for item in menu if "children" in item}
    assert {"Thi đua", "Khen thưởng"} <= set(groups)
    awards = [str(c["label"]) for c in groups["Khen thưởng"]["children"]]
    assert "Đề nghị khen thưởng" in awards and "Hội đồng TĐKT" in awards
    assert len(menu) <= 5


def test_the_menu_is_rendered_as_dropdowns(client, principal):
    client.force_login(principal)
    body = client.get("/").content.decode()
    assert 'class="nav-link dropdown-toggle"' in body and ">Khen thưởng</a>" in body
    assert 'href="/nominations/"' in body


def test_a_student_has_no_staff_menus(student):
    labels = [str(item["label"]) for item in menu_for(student)]
    assert "Khen thưởng" not in labels and "Đề nghị khen thưởng" not in labels
