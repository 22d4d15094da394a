"""One voter, one ballot under concurrency — on PostgreSQL, where transactions really overlap."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from thidua.ballots.errors import BallotError
from thidua.ballots.models import Ballot, Election, Participation
from thidua.ballots.services import BallotRefused, cast_by_code, codes_issue, election_open

from .conftest import make_election

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():  # noqa: ANN202
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is checked on PostgreSQL (the CI runs it: .ci/run step 2)")


def _hammer(jobs: list[tuple[str, int]]) -> list[str]:
    outcomes: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(len(jobs))

    def worker(code: str, choice: int) -> None:
        start.wait()
        try:
            cast_by_code(code=code, choices=[choice])
            result = "ok"
        except BallotRefused as exc:
            result = str(exc.code)
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=worker, args=job) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def test_fifty_concurrent_submissions_of_one_code_store_exactly_one_ballot(tree, classmates):
    election = make_election(tree, classmates)
    code = codes_issue(actor=None, election=election)[0][1]
    election_open(actor=None, election=election)
    choice = election.candidates.first().pk
    outcomes = _hammer([(code, choice)] * 50)
    assert outcomes.count("ok") == 1
    assert outcomes.count(BallotError.CODE_USED) == 49
    assert Ballot.objects.filter(election=election).count() == 1
    assert Participation.objects.filter(election=election).count() == 1
    assert Election.objects.get(pk=election.pk).ballot_count == 1


def test_concurrent_voters_all_counted_none_lost(tree, classmates):
    election = make_election(tree, classmates)
    issued = [c for _v, c in codes_issue(actor=None, election=election)]
    election_open(actor=None, election=election)
    choice = election.candidates.first().pk
    outcomes = _hammer([(code, choice) for code in issued] * 3)
    assert outcomes.count("ok") == len(issued)
    assert Ballot.objects.filter(election=election).count() == len(issued)
    assert Election.objects.get(pk=election.pk).ballot_count == len(issued)
