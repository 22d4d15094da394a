"""The demo: stored checks for the cast, and pages that show every outcome."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine

from thidua.accounts.models import User
from thidua.achievements.selectors import person_record
from thidua.demo import load_demo
from thidua.eligibility import gather
from thidua.eligibility.models import EligibilityCheck
from thidua.people.demo_cast import build_cast

TODAY = dt.date(2026, 11, 23)


@pytest.mark.django_db
def test_the_demo_shows_every_outcome_and_loads_once(client):
    # given
    with time_machine.travel(dt.datetime(2026, 11, 23, 9, 0), tick=False):
        load_demo(today=TODAY)
        stored = EligibilityCheck.objects.count()
        load_demo(today=TODAY)
        # then: loading twice adds nothing
        assert EligibilityCheck.objects.count() == stored
        cast = build_cast(TODAY)
        roles = cast.roles
        outcome = {
            (c.person_id, c.title): c.outcome
            for c in EligibilityCheck.objects.filter(school_year_id="2025-2026")
        }
        ldtt = {name: outcome[(p.pk, "lao_dong_tien_tien")] for name, p in roles.items()}
        assert ldtt["weak"] == ldtt["disciplined"] == ldtt["unregistered"] == "ineligible"
        assert ldtt["newcomer"] == "ineligible"
        assert ldtt["complaint"] == "deferred"
        assert ldtt["mother"] == ldtt["scholar"] == ldtt["mover"] == "eligible"
        assert outcome[(roles["star"].pk, "chien_si_thi_dua_co_so")] == "eligible"
        capped = EligibilityCheck.objects.filter(school_year_id="2022-2023", cap__isnull=False)
        assert capped.exists()
        # the bulk facts equal the record page's blocks for the whole cast
        ids = [p.pk for p in roles.values()]
        facts = gather.people_facts(ids, "2025-2026")
        for person in roles.values():
            record = person_record(person)
            assert facts[person.pk] == gather.person_facts_from_record(record, "2025-2026")
        # the unit page shows every outcome in the year under review
        client.force_login(User.objects.get(username="ht.tranboico"))
        seen = {}
        for title in ("lao_dong_tien_tien", "giay_khen"):
            page = client.get(f"/eligibility/?unit=THCS-TBC&title={title}").content.decode()
            seen[title] = set(re.findall(r'data-candidate="\d+" data-outcome="([a-z]+)"', page))
        assert seen["lao_dong_tien_tien"] == {"eligible", "ineligible", "deferred"}
        assert seen["giay_khen"] == {"eligible", "ineligible", "deferred", "incomplete"}
        capped_page = client.get(
            "/eligibility/?unit=THCS-TBC&title=chien_si_thi_dua_co_so&year=2022-2023"
        ).content.decode()
        assert 'id="cap-value"' in capped_page and "15 %" in capped_page
        star = client.get(f"/achievements/people/{roles['star'].pk}/").content.decode()
        assert 'id="eligibility-panel"' in star and 'href="/eligibility/checks/' in star
