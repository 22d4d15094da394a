"""Decision numbers under concurrency — on PostgreSQL, where transactions really overlap."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from thidua.decisions.models import Decision
from thidua.decisions.services import decision_draft_from_round, decision_issue

from .factories import make_round, passed

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():  # noqa: ANN202
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is checked on PostgreSQL")


def test_eight_decisions_issued_at_once_get_eight_different_numbers(principal, tree):
    # given: eight drafts of the same school
    drafts = []
    for _ in range(8):
        nomination_round = make_round(tree["tbc"])
        passed(nomination_round, person=principal.person, award="giay_khen")
        drafts.append(decision_draft_from_round(actor=principal, nomination_round=nomination_round))
    start = threading.Barrier(len(drafts))
    errors: list[Exception] = []

    def worker(draft: Decision) -> None:
        start.wait()
        try:
            decision_issue(actor=principal, decision=draft, issued_on=dt.date(2025, 6, 2))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections.close_all()

    # when
    threads = [threading.Thread(target=worker, args=(d,)) for d in drafts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # then
    assert errors == []
    labels = sorted(Decision.objects.values_list("number_label", flat=True))
    assert labels == [f"0{n}/QĐ-THCSTBC" for n in range(1, 9)]
