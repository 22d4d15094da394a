"""The ballot engine: secrecy by schema, one voter one ballot, sealed results, runoffs,
small-group privacy, paper counts, and every refusal with a Vietnamese message."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.ballots import codes
from thidua.ballots.errors import BallotError
from thidua.ballots.models import (
    Ballot,
    Election,
    ElectionMode,
    ElectionStatus,
    PaperCount,
    Participation,
    Voter,
)
from thidua.ballots.selectors import receipts_of, tally
from thidua.ballots.services import (
    BallotRefused,
    cast_by_code,
    cast_by_person,
    codes_issue,
    election_close,
    election_decide_tie,
    election_open,
    election_publish,
    paper_count_confirm,
    paper_count_enter,
)
from thidua.core.errors import error_codes

from .conftest import make_election


def _ids(election):  # noqa: ANN001, ANN202
    return [c.pk for c in election.candidates.order_by("position")]


def _refused(expected: str, fn, **kwargs) -> BallotRefused:  # noqa: ANN001
    with pytest.raises(BallotRefused) as exc:
        fn(**kwargs)
    assert exc.value.code == expected
    return exc.value


# ---------------------------------------------------------------- secrecy


def test_ballot_schema_cannot_link_a_ballot_to_a_voter():
    fields = {f.name: f for f in Ballot._meta.get_fields()}
    assert set(fields) == {"id", "election", "choice", "marks", "receipt"}
    related = {f.related_model for f in fields.values() if f.is_relation}
    assert Voter not in related and Participation not in related
    assert not any(isinstance(f, models.DateField | models.DateTimeField) for f in fields.values())
    assert not isinstance(Ballot._meta.pk, models.AutoField)
    participation_fields = {f.name for f in Participation._meta.get_fields()}
    assert participation_fields == {"id", "election", "voter"}


def test_stored_ballot_rows_hold_no_voter_no_code_and_no_casting_order(election, issued):
    election_open(actor=None, election=election)
    cast_order_receipts = [
        cast_by_code(code=code, choices=[_ids(election)[i % 3]]) for i, code in enumerate(issued)
    ]
    rows = list(Ballot.objects.filter(election=election).order_by("pk").values())
    voter_ids = {str(v) for v in Voter.objects.values_list("pk", flat=True)}
    for row in rows:
        assert set(row) == {"id", "election_id", "choice_id", "marks", "receipt"}
        assert not any(code in str(row.values()) for code in issued)
        assert str(row["id"]) not in voter_ids or row["id"] > 10**9
    by_key = [r["receipt"] for r in rows]
    assert sorted(by_key) == sorted(cast_order_receipts)
    assert by_key != cast_order_receipts  # the key order is random, not the casting order
    assert min(r["id"] for r in rows) > 10**9


def test_codes_are_stored_only_as_hashes(election, issued):
    stored = list(Voter.objects.values_list("code_hash", flat=True))
    assert all(len(h) == 64 for h in stored)
    assert not set(issued) & set(stored)
    assert codes.code_hash(issued[0]) in stored


# ---------------------------------------------------------------- one voter, one ballot


def test_a_code_votes_once(election, issued):
    election_open(actor=None, election=election)
    cast_by_code(code=issued[0], choices=[_ids(election)[0]])
    error = _refused(
        BallotError.CODE_USED, cast_by_code, code=issued[0], choices=[_ids(election)[1]]
    )
    assert error.messages == ["Mã phiếu này đã được dùng để bỏ phiếu, không thể bỏ phiếu lần nữa."]
    assert Ballot.objects.count() == 1
    assert Election.objects.get(pk=election.pk).ballot_count == 1


def test_code_typed_with_lowercase_spaces_and_dash_works(election, issued):
    election_open(actor=None, election=election)
    typed = f" {issued[0][:4].lower()} - {issued[0][4:].lower()} "
    assert cast_by_code(code=typed, choices=[_ids(election)[0]])


@pytest.mark.parametrize(
    ("_case", "choices", "error"),
    [
        ("no choice", [], BallotError.ONE_CHOICE_REQUIRED),
        ("two choices", "two", BallotError.ONE_CHOICE_REQUIRED),
        ("not a candidate", [999999], BallotError.NOT_A_CANDIDATE),
        ("garbage", ["abc"], BallotError.NOT_A_CANDIDATE),
    ],
)
def test_invalid_ballots_are_refused_and_the_code_stays_usable(
    election, issued, _case, choices, error
):
    election_open(actor=None, election=election)
    if choices == "two":
        choices = _ids(election)[:2]
    _refused(error, cast_by_code, code=issued[0], choices=choices)
    assert Ballot.objects.count() == 0 and Participation.objects.count() == 0
    assert cast_by_code(code=issued[0], choices=[_ids(election)[0]])


@pytest.mark.parametrize(
    ("_case", "code", "message"),
    [
        ("unknown", "ZZZZ-ZZZZ", "Mã phiếu không đúng. Em kiểm tra lại từng ký tự nhé."),
        ("too short", "ABC", "Mã phiếu gồm 8 ký tự (ví dụ ABCD-EFGH). Em kiểm tra lại nhé."),
    ],
)
def test_unknown_or_mistyped_codes(election, issued, _case, code, message):
    election_open(actor=None, election=election)
    error = _refused(BallotError.CODE_UNKNOWN, cast_by_code, code=code, choices=[_ids(election)[0]])
    assert error.messages == [message]


def test_voting_outside_the_window(election, issued):
    _refused(BallotError.NOT_OPEN_YET, cast_by_code, code=issued[0], choices=[_ids(election)[0]])
    election_open(actor=None, election=election)
    now = timezone.now()
    Election.objects.filter(pk=election.pk).update(
        opens_at=now - dt.timedelta(hours=1), closes_at=now - dt.timedelta(minutes=1)
    )
    _refused(BallotError.CLOSED, cast_by_code, code=issued[0], choices=[_ids(election)[0]])
    assert Ballot.objects.count() == 0


def test_a_closed_election_accepts_nothing(election, issued, classmates):
    election_open(actor=None, election=election)
    cast_by_code(code=issued[0], choices=[_ids(election)[0]])
    election_close(actor=None, election=election)
    for code in issued[1:4]:
        _refused(BallotError.CLOSED, cast_by_code, code=code, choices=[_ids(election)[0]])
    _refused(
        BallotError.CLOSED,
        cast_by_person,
        election=election,
        person=classmates[5],
        choices=[_ids(election)[0]],
    )
    assert Ballot.objects.filter(election=election).count() == 1


def test_a_student_of_another_class_is_not_on_the_roll(tree, election, student):
    election_open(actor=None, election=election)
    error = _refused(
        BallotError.NOT_ON_ROLL,
        cast_by_person,
        election=election,
        person=student.person,
        choices=[_ids(election)[0]],
    )
    assert error.messages == ["Em không có tên trong danh sách bỏ phiếu của cuộc bầu chọn này."]


def test_reissuing_codes_invalidates_the_old_ones(election, issued):
    fresh = [code for _v, code in codes_issue(actor=None, election=election)]
    election_open(actor=None, election=election)
    _refused(BallotError.CODE_UNKNOWN, cast_by_code, code=issued[0], choices=[_ids(election)[0]])
    assert cast_by_code(code=fresh[0], choices=[_ids(election)[0]])


# ---------------------------------------------------------------- results


def test_results_are_sealed_while_open(election, issued):
    election_open(actor=None, election=election)
    cast_by_code(code=issued[0], choices=[_ids(election)[0]])
    _refused(BallotError.RESULTS_SEALED, tally, election=election)


def test_tally_counts_and_winner(election, issued):
    election_open(actor=None, election=election)
    a, b, c = _ids(election)
    votes = [a] * 6 + [b] * 4 + [c] * 2  # 12 voters
    for code, choice in zip(issued, votes, strict=True):
        cast_by_code(code=code, choices=[choice])
    election_close(actor=None, election=election)
    result = tally(Election.objects.get(pk=election.pk))
    assert (result.roll_size, result.participants, result.turnout) == (12, 12, 100)
    assert [(r.candidate.pk, r.votes, r.exact) for r in result.results] == [
        (a, 6, True),
        (b, 4, True),
        (c, 2, False),
    ]  # 2 votes: published as "fewer than 3"
    assert result.winner.pk == a and not result.tied_first


def test_small_groups_publish_only_winner_and_ranking(tree, classmates):
    election = make_election(tree, classmates[:6], candidates=2)
    issued = [code for _v, code in codes_issue(actor=None, election=election)]
    election_open(actor=None, election=election)
    a, b = _ids(election)
    for code, choice in zip(issued, [a, a, a, a, b, b], strict=True):
        cast_by_code(code=code, choices=[choice])
    election_close(actor=None, election=election)
    result = tally(Election.objects.get(pk=election.pk))
    assert result.counts_hidden is True
    assert [(r.candidate.pk, r.rank, r.shown_votes) for r in result.results] == [
        (a, 1, ""),
        (b, 2, ""),
    ]
    assert result.winner.pk == a


def test_tie_opens_a_runoff_with_the_same_codes_then_the_teacher_decides(
    election, issued, homeroom_teacher
):
    # given a first round where two candidates tie for first place
    election_open(actor=None, election=election)
    a, b, c = _ids(election)
    for code, choice in zip(issued, [a] * 5 + [b] * 5 + [c] * 2, strict=True):
        cast_by_code(code=code, choices=[choice])
    election_close(actor=None, election=election)
    # then a runoff among the tied is open for the same voters, with the same codes
    runoff = Election.objects.get(root=election, round_number=2)
    assert runoff.status == ElectionStatus.OPEN
    assert [c.label for c in runoff.candidates.order_by("position")] == [
        "Trần Văn Bình",
        "Nguyễn Thị Ánh",
    ]
    tied_ids = _ids(runoff)
    for code, choice in zip(issued, [tied_ids[0]] * 6 + [tied_ids[1]] * 6, strict=True):
        cast_by_code(code=code, choices=[choice])
    election_close(actor=None, election=runoff)
    # when the runoff ties again, nothing is published until the teacher decides
    runoff.refresh_from_db()
    assert not Election.objects.filter(root=election, round_number=3).exists()
    _refused(BallotError.TIE_UNRESOLVED, election_publish, actor=None, election=runoff)
    chosen = runoff.candidates.get(pk=tied_ids[1])
    election_decide_tie(
        actor=homeroom_teacher,
        election=runoff,
        candidate=chosen,
        note="Em Ánh có nhiều việc tốt hơn trong tháng theo nhận xét của tổ.",
    )
    election_publish(actor=homeroom_teacher, election=runoff)
    result = tally(Election.objects.get(pk=runoff.pk))
    assert result.winner == chosen and result.winner_by_decision
    assert Election.objects.get(pk=election.pk).status == ElectionStatus.PUBLISHED


def test_receipts_appear_in_the_published_list(election, issued):
    election_open(actor=None, election=election)
    receipts = [cast_by_code(code=code, choices=[_ids(election)[0]]) for code in issued[:5]]
    election_close(actor=None, election=election)
    assert receipts_of(Election.objects.get(pk=election.pk)) == []  # not before publication
    election_publish(actor=None, election=election)
    assert receipts_of(Election.objects.get(pk=election.pk)) == sorted(receipts)


# ---------------------------------------------------------------- paper


def test_paper_counts_need_a_second_person(tree, classmates, homeroom_teacher, teacher):
    election = make_election(tree, classmates, mode=ElectionMode.PAPER)
    election_open(actor=homeroom_teacher, election=election)
    a, b, c = _ids(election)
    paper = paper_count_enter(
        actor=homeroom_teacher,
        election=election,
        counts={a: 7, b: 3, c: 1},
        ballots_issued=12,
        blank=1,
    )
    _refused(BallotError.WRONG_STATE, election_close, actor=homeroom_teacher, election=election)
    _refused(
        BallotError.PAPER_SAME_PERSON, paper_count_confirm, actor=homeroom_teacher, paper=paper
    )
    paper_count_confirm(actor=teacher, paper=paper)
    election_close(actor=homeroom_teacher, election=election)
    result = tally(Election.objects.get(pk=election.pk))
    assert (result.participants, result.blank, result.winner.pk) == (12, 1, a)
    assert result.source == ElectionMode.PAPER


def test_paper_counts_above_the_ballots_issued_are_refused(tree, classmates, homeroom_teacher):
    election = make_election(tree, classmates, mode=ElectionMode.PAPER)
    election_open(actor=homeroom_teacher, election=election)
    a, b, c = _ids(election)
    with pytest.raises(ValidationError) as exc:
        paper_count_enter(
            actor=homeroom_teacher, election=election, counts={a: 10, b: 5}, ballots_issued=12
        )
    assert error_codes(exc.value) == [BallotError.PAPER_TOTALS]
    assert exc.value.messages == ["Tổng số phiếu kiểm được (15) nhiều hơn số phiếu phát ra (12)."]
    assert PaperCount.objects.count() == 0


# ---------------------------------------------------------------- property


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(votes=st.lists(st.integers(min_value=0, max_value=2), min_size=1, max_size=12))
def test_every_accepted_ballot_is_counted_exactly_once(tree, classmates, votes):
    election = make_election(tree, classmates, min_voters_for_counts=0, min_votes_shown=0)
    issued = [code for _v, code in codes_issue(actor=None, election=election)]
    election_open(actor=None, election=election)
    ids = _ids(election)
    receipts = [
        cast_by_code(code=code, choices=[ids[v]]) for code, v in zip(issued, votes, strict=False)
    ]
    election_close(actor=None, election=election)
    election = Election.objects.get(pk=election.pk)
    result = tally(election)
    counted = {r.candidate.pk: r.votes for r in result.results}
    assert sum(counted.values()) == len(votes) == election.ballot_count == len(receipts)
    for index, candidate in enumerate(ids):
        assert counted[candidate] == votes.count(index)


def test_the_lean_lane_serves_the_vote_with_security_headers(election, issued):
    import io

    from thidua.web.wsgi import build_application

    election_open(actor=None, election=election)
    app = build_application()
    body = f"choice={_ids(election)[0]}".encode()
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": f"/ballots/v/{issued[0]}/",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.input": io.BytesIO(body),
        "CONTENT_LENGTH": str(len(body)),
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "wsgi.url_scheme": "http",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.errors": io.StringIO(),
    }
    captured = {}
    # Like Django's test client: keep the test's database connection open across the request.
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        chunks = app(
            environ, lambda status, headers: captured.update(status=status, headers=dict(headers))
        )
        page = b"".join(chunks).decode()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert captured["status"] == "200 OK"
    policy = captured["headers"]["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert captured["headers"]["X-Frame-Options"] == "DENY"
    assert "Set-Cookie" not in captured["headers"]
    assert 'id="receipt-code"' in page and "Em đã bỏ phiếu xong" in page
    assert "no-store" in captured["headers"]["Cache-Control"]  # never kept by a shared device
    assert "Expires" in captured["headers"]
    assert Election.objects.get(pk=election.pk).ballot_count == 1


def test_receipts_use_the_whole_alphabet_without_look_alikes():
    from thidua.ballots import codes

    drawn = [codes.new_receipt() for _ in range(400)] + [codes.new_code() for _ in range(400)]
    assert all(len(r) == 8 and set(r) <= set(codes.ALPHABET) for r in drawn)
    assert set("".join(drawn)) == set(codes.ALPHABET)  # 6,400 draws reach all 32 symbols
    assert not set("".join(drawn)) & set("01OI")
    assert len(set(drawn)) == len(drawn)
