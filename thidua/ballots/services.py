"""Writes of the ballot engine: set up, open, cast, close (with runoffs), publish, paper counts.

Casting is one short transaction: the participation row (unique per round and voter) is
inserted, the round's counter is incremented only while the round is open, and the
anonymous ballot is inserted. Any failure rolls back everything: a refused ballot consumes
nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from thidua.core.audit import audit, register_actions
from thidua.core.errors import field_error

from . import codes
from .errors import BallotError
from .models import (
    Ballot,
    Candidate,
    Election,
    ElectionMethod,
    ElectionMode,
    ElectionStatus,
    PaperCount,
    PaperCountStatus,
    Participation,
    Voter,
    random_id,
)

register_actions(
    {
        "ballots.election.create": _("Tạo cuộc bỏ phiếu"),
        "ballots.election.open": _("Mở bỏ phiếu"),
        "ballots.election.close": _("Kết thúc bỏ phiếu"),
        "ballots.election.publish": _("Công bố kết quả bỏ phiếu"),
        "ballots.election.runoff": _("Mở vòng bỏ phiếu lại do hòa phiếu"),
        "ballots.election.tie_decided": _("Quyết định người được chọn khi hòa phiếu"),
        "ballots.codes.issue": _("In phiếu mã bỏ phiếu"),
        "ballots.paper.enter": _("Nhập kết quả kiểm phiếu giấy"),
        "ballots.paper.confirm": _("Xác nhận kết quả kiểm phiếu giấy"),
        "ballots.paper.reject": _("Từ chối kết quả kiểm phiếu giấy"),
    }
)

YES, NO = "yes", "no"


class BallotRefused(ValidationError):
    """A ballot that cannot be accepted; the message is for the voter (Vietnamese)."""


def _refuse(message: str, code: str) -> BallotRefused:
    return BallotRefused(message, code=code)


@dataclass(frozen=True)
class CandidateSpec:
    label: str
    person: Any = None
    detail: str = ""


@dataclass(frozen=True)
class VoterSpec:
    label: str
    person: Any = None


@transaction.atomic
def election_create(
    *,
    actor: Any,
    unit: Any,
    title: str,
    candidates: Sequence[CandidateSpec],
    voters: Sequence[VoterSpec],
    method: str = ElectionMethod.SINGLE_CHOICE,
    mode: str = ElectionMode.ELECTRONIC,
    opens_at: dt.datetime | None = None,
    closes_at: dt.datetime | None = None,
    threshold: Any = None,
    min_voters_for_counts: int | None = None,
    min_votes_shown: int | None = None,
) -> Election:
    """Set up a draft election with its candidates and voter roll."""
    if not candidates:
        raise _refuse(_("Cuộc bỏ phiếu cần ít nhất một ứng viên."), BallotError.NEEDS_CANDIDATES)
    if not voters:
        raise _refuse(_("Danh sách người bỏ phiếu đang trống."), BallotError.NEEDS_VOTERS)
    election = Election(
        unit=unit,
        title=title,
        method=method,
        mode=mode,
        opens_at=opens_at,
        closes_at=closes_at,
        threshold=threshold,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if min_voters_for_counts is not None:
        election.min_voters_for_counts = min_voters_for_counts
    if min_votes_shown is not None:
        election.min_votes_shown = min_votes_shown
    if closes_at and opens_at and closes_at <= opens_at:
        raise field_error("closes_at", _("Giờ đóng phải sau giờ mở."), BallotError.WRONG_STATE)
    election.full_clean()
    election.save()
    election.current_round = election
    election.save(update_fields=["current_round"])
    Candidate.objects.bulk_create(
        Candidate(election=election, person=c.person, label=c.label, detail=c.detail, position=i)
        for i, c in enumerate(candidates)
    )
    Voter.objects.bulk_create(
        Voter(election=election, person=v.person, label=v.label, position=i)
        for i, v in enumerate(voters)
    )
    audit(
        actor,
        "ballots.election.create",
        election,
        unit_path=election.unit.path,
        candidates=len(candidates),
        voters=len(voters),
    )
    return election


def _roll_digest(election: Election) -> str:
    root_id = election.series_root_id
    parts = [f"c{c.pk}:{c.label}" for c in election.candidates.order_by("pk")]
    parts += [
        f"v{pk}"
        for pk in Voter.objects.filter(election_id=root_id)
        .order_by("pk")
        .values_list("pk", flat=True)
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


@transaction.atomic
def codes_issue(*, actor: Any, election: Election) -> list[tuple[Voter, str]]:
    """(Re)generate one-time codes for the roll; returns the plain codes once, for printing.

    Earlier codes stop working. Codes are valid for every round of the series (runoffs too).
    """
    root = Election.objects.select_for_update().get(pk=election.series_root_id)
    if root.status == ElectionStatus.PUBLISHED or root.mode != ElectionMode.ELECTRONIC:
        raise _refuse(_("Không thể in phiếu mã cho cuộc bỏ phiếu này."), BallotError.WRONG_STATE)
    issued: list[tuple[Voter, str]] = []
    voters = list(Voter.objects.filter(election=root).order_by("position", "pk"))
    for voter in voters:
        code = codes.new_code()
        voter.code_hash = codes.code_hash(code)
        voter.code_hint = code[-2:]
        issued.append((voter, code))
    Voter.objects.bulk_update(voters, ["code_hash", "code_hint"])
    audit(actor, "ballots.codes.issue", root, unit_path=root.unit.path, voters=len(voters))
    return issued


@transaction.atomic
def election_open(*, actor: Any, election: Election) -> Election:
    """Freeze candidates and roll (a digest is kept) and start accepting ballots."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.status != ElectionStatus.DRAFT:
        raise _refuse(_("Chỉ mở được cuộc bỏ phiếu đang chuẩn bị."), BallotError.NOT_DRAFT)
    if not election.candidates.exists():
        raise _refuse(_("Cuộc bỏ phiếu cần ít nhất một ứng viên."), BallotError.NEEDS_CANDIDATES)
    election.status = ElectionStatus.OPEN
    election.opened_at = timezone.now()
    if election.opens_at is None or election.opens_at > election.opened_at:
        election.opens_at = election.opened_at
    election.roll_digest = _roll_digest(election)
    election.save(update_fields=["status", "opened_at", "opens_at", "roll_digest", "updated_at"])
    Election.objects.filter(pk=election.series_root_id).update(current_round=election)
    audit(actor, "ballots.election.open", election, unit_path=election.unit.path)
    return election


# ---------------------------------------------------------------- casting

_CANDIDATES: dict[tuple[int, Any], frozenset[int]] = {}


@dataclass(frozen=True, slots=True)
class RoundState:
    """What casting needs to know about a round, read in the same query as the voter."""

    pk: int
    status: str
    method: str
    opens_at: dt.datetime | None
    closes_at: dt.datetime | None
    opened_at: dt.datetime | None

    @classmethod
    def of(cls, election: Election) -> RoundState:
        return cls(
            election.pk,
            election.status,
            election.method,
            election.opens_at,
            election.closes_at,
            election.opened_at,
        )


def _candidate_ids(election: RoundState) -> frozenset[int]:
    """Candidates of an open round; frozen once the round opens, so cached per process."""
    key = (election.pk, election.opened_at)
    cached = _CANDIDATES.get(key)
    if cached is None:
        cached = frozenset(
            Candidate.objects.filter(election_id=election.pk).values_list("pk", flat=True)
        )
        if len(_CANDIDATES) > 5000:
            _CANDIDATES.clear()
        _CANDIDATES[key] = cached
    return cached


def _check_window(election: RoundState | Election, now: dt.datetime) -> None:
    if election.status == ElectionStatus.DRAFT or (election.opens_at and now < election.opens_at):
        raise _refuse(_("Cuộc bỏ phiếu chưa bắt đầu."), BallotError.NOT_OPEN_YET)
    if election.status != ElectionStatus.OPEN or (election.closes_at and now >= election.closes_at):
        raise _refuse(_("Cuộc bỏ phiếu đã kết thúc, không nhận thêm phiếu."), BallotError.CLOSED)


def _validated_choice(
    election: RoundState, choices: Sequence[Any], marks: dict[str, Any] | None
) -> tuple[int | None, dict[str, str]]:
    allowed = _candidate_ids(election)
    if election.method == ElectionMethod.SINGLE_CHOICE:
        picked = [c for c in choices if str(c).strip()]
        if len(picked) != 1:
            raise _refuse(_("Mỗi phiếu phải chọn đúng một người."), BallotError.ONE_CHOICE_REQUIRED)
        try:
            choice = int(picked[0])
        except (TypeError, ValueError):
            choice = -1
        if choice not in allowed:
            raise _refuse(
                _("Người được chọn không có trong danh sách ứng viên."), BallotError.NOT_A_CANDIDATE
            )
        return choice, {}
    marks = marks or {}
    clean: dict[str, str] = {}
    for key, value in marks.items():
        try:
            candidate = int(key)
        except (TypeError, ValueError):
            candidate = -1
        if candidate not in allowed:
            raise _refuse(
                _("Người được chọn không có trong danh sách ứng viên."), BallotError.NOT_A_CANDIDATE
            )
        if value not in (YES, NO):
            raise _refuse(
                _("Với mỗi người, hãy chọn “Đồng ý” hoặc “Không đồng ý”."),
                BallotError.MARKS_INCOMPLETE,
            )
        clean[str(candidate)] = value
    if set(clean) != {str(c) for c in allowed}:
        raise _refuse(
            _("Với mỗi người, hãy chọn “Đồng ý” hoặc “Không đồng ý”."), BallotError.MARKS_INCOMPLETE
        )
    return None, clean


# The hot path of a city-wide vote runs three short statements in one transaction; they are
# written as plain SQL because the ORM's per-statement overhead is most of the cost there.
_INSERT_PARTICIPATION = "INSERT INTO ballots_participation (election_id, voter_id) VALUES (%s, %s)"
_COUNT_IF_OPEN = (
    "UPDATE ballots_election SET ballot_count = ballot_count + 1 WHERE id = %s AND status = %s"
)
_INSERT_BALLOT = (
    "INSERT INTO ballots_ballot (id, election_id, choice_id, marks, receipt) "
    "VALUES (%s, %s, %s, %s, %s)"
)


def _cast(election: RoundState, voter_id: int, choice: int | None, marks: dict[str, str]) -> str:
    """Use the credential and store the anonymous ballot in one transaction (or neither)."""
    receipt = codes.new_receipt()
    marks_value = Ballot._meta.get_field("marks").get_db_prep_value(marks, connection)
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(_INSERT_PARTICIPATION, [election.pk, voter_id])
            cursor.execute(_COUNT_IF_OPEN, [election.pk, ElectionStatus.OPEN])
            if cursor.rowcount != 1:
                raise _refuse(
                    _("Cuộc bỏ phiếu đã kết thúc, không nhận thêm phiếu."), BallotError.CLOSED
                )
            cursor.execute(_INSERT_BALLOT, [random_id(), election.pk, choice, marks_value, receipt])
    except IntegrityError as exc:
        if Participation.objects.filter(election_id=election.pk, voter_id=voter_id).exists():
            raise _refuse(
                _("Mã phiếu này đã được dùng để bỏ phiếu, không thể bỏ phiếu lần nữa."),
                BallotError.CODE_USED,
            ) from exc
        raise  # a key or receipt collision (about 1 in 10^12): the voter presses again
    return receipt


@dataclass(frozen=True)
class CodeBallot:
    """What a voter holding a code may vote in."""

    voter_id: int
    root_id: int
    round: RoundState

    @property
    def election(self) -> Election:
        return Election.objects.get(pk=self.round.pk)


# Voter and current round in one indexed lookup (the round a code votes in).
_VOTER_BY_CODE = (
    "SELECT v.id, v.election_id, r.id, r.status, r.method, r.opens_at, r.closes_at, r.opened_at "
    "FROM ballots_voter v JOIN ballots_election e ON e.id = v.election_id "
    "JOIN ballots_election r ON r.id = COALESCE(e.current_round_id, e.id) "
    "WHERE v.code_hash = %s"
)


def _aware(value: Any) -> dt.datetime | None:
    """A datetime column read with plain SQL (SQLite returns text, in UTC)."""
    if value is None or isinstance(value, dt.datetime):
        return value if value is None or timezone.is_aware(value) else value.replace(tzinfo=dt.UTC)
    parsed = parse_datetime(str(value))
    return parsed if parsed is None or timezone.is_aware(parsed) else parsed.replace(tzinfo=dt.UTC)


def _voter_for_code(code: str, now: dt.datetime | None) -> CodeBallot:
    normalized = codes.normalize(code)
    if len(normalized) != codes.CODE_LENGTH:
        raise _refuse(
            _("Mã phiếu gồm 8 ký tự (ví dụ ABCD-EFGH). Em kiểm tra lại nhé."),
            BallotError.CODE_UNKNOWN,
        )
    with connection.cursor() as cursor:
        cursor.execute(_VOTER_BY_CODE, [codes.code_hash(normalized)])
        row = cursor.fetchone()
    if row is None:
        raise _refuse(
            _("Mã phiếu không đúng. Em kiểm tra lại từng ký tự nhé."), BallotError.CODE_UNKNOWN
        )
    voter_id, root_id, round_id, status, method, opens_at, closes_at, opened_at = row
    state = RoundState(
        round_id, status, method, _aware(opens_at), _aware(closes_at), _aware(opened_at)
    )
    _check_window(state, now or timezone.now())
    return CodeBallot(voter_id, root_id, state)


def ballot_for_code(code: str, *, now: dt.datetime | None = None) -> CodeBallot:
    """The open round a one-time code gives access to (or a Vietnamese refusal)."""
    found = _voter_for_code(code, now)
    if Participation.objects.filter(election_id=found.round.pk, voter_id=found.voter_id).exists():
        raise _refuse(
            _("Mã phiếu này đã được dùng để bỏ phiếu, không thể bỏ phiếu lần nữa."),
            BallotError.CODE_USED,
        )
    return found


def cast_by_code(
    *,
    code: str,
    choices: Sequence[Any] = (),
    marks: dict[str, Any] | None = None,
    now: dt.datetime | None = None,
) -> str:
    """Cast a ballot with a one-time code; returns the receipt code (shown once)."""
    if connection.vendor == "postgresql" and now is None and not marks and len(choices) == 1:
        receipt = _cast_single_statement(code, choices[0])
        if receipt is not None:
            return receipt
        # Refused: the general path below finds out why and says it in Vietnamese.
    found = _voter_for_code(code, now)
    choice, clean = _validated_choice(found.round, choices, marks)
    return _cast(found.round, found.voter_id, choice, clean)


# PostgreSQL: the whole single-choice cast as ONE statement (its own transaction). The round
# row is locked and counted only while open, inside its window, for a candidate of that round;
# the participation insert fails on a second use of the code; then the anonymous ballot is
# stored. Same checks and effects as the general path, in one round trip.
_CAST_SQL = """
WITH voter AS (
    SELECT v.id AS voter_id, COALESCE(e.current_round_id, e.id) AS round_id
    FROM ballots_voter v JOIN ballots_election e ON e.id = v.election_id
    WHERE v.code_hash = %(hash)s
), counted AS (
    UPDATE ballots_election r SET ballot_count = r.ballot_count + 1
    FROM voter
    WHERE r.id = voter.round_id AND r.status = 'open' AND r.method = 'single_choice'
      AND (r.opens_at IS NULL OR r.opens_at <= now())
      AND (r.closes_at IS NULL OR r.closes_at > now())
      AND EXISTS (SELECT 1 FROM ballots_candidate c WHERE c.id = %(choice)s
                  AND c.election_id = r.id)
    RETURNING r.id AS round_id, voter.voter_id
), took_part AS (
    INSERT INTO ballots_participation (election_id, voter_id)
    SELECT round_id, voter_id FROM counted RETURNING election_id
)
INSERT INTO ballots_ballot (id, election_id, choice_id, marks, receipt)
SELECT %(id)s, election_id, %(choice)s, '{}'::jsonb, %(receipt)s FROM took_part
RETURNING receipt
"""


def _cast_single_statement(code: str, choice: Any) -> str | None:
    """The receipt, or None when the ballot is refused for any reason (nothing is written)."""
    normalized = codes.normalize(code)
    try:
        choice_id = int(choice)
    except (TypeError, ValueError):
        return None
    if len(normalized) != codes.CODE_LENGTH:
        return None
    receipt = codes.new_receipt()
    params = {
        "hash": codes.code_hash(normalized),
        "choice": choice_id,
        "id": random_id(),
        "receipt": receipt,
    }
    # Outside a transaction the statement commits by itself: one round trip. Inside one
    # (a caller's atomic block), a savepoint keeps a refused cast from aborting it.
    guard = transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()
    try:
        with guard, connection.cursor() as cursor:
            cursor.execute(_CAST_SQL, params)
            row = cursor.fetchone()
    except IntegrityError:
        return None
    return row[0] if row else None


def voter_for_person(election: Election, person: Any) -> Voter:
    voter = Voter.objects.filter(election_id=election.series_root_id, person=person).first()
    if voter is None:
        raise _refuse(
            _("Em không có tên trong danh sách bỏ phiếu của cuộc bầu chọn này."),
            BallotError.NOT_ON_ROLL,
        )
    return voter


def cast_by_person(
    *,
    election: Election,
    person: Any,
    choices: Sequence[Any] = (),
    marks: dict[str, Any] | None = None,
    now: dt.datetime | None = None,
) -> str:
    """Cast a ballot as a logged-in voter on the roll; returns the receipt code."""
    state = RoundState.of(Election.objects.get(pk=election.pk))
    _check_window(state, now or timezone.now())
    voter = voter_for_person(election, person)
    choice, clean = _validated_choice(state, choices, marks)
    return _cast(state, voter.pk, choice, clean)


def has_voted(election: Election, person: Any) -> bool:
    return Participation.objects.filter(election=election, voter__person=person).exists()


# ---------------------------------------------------------------- close, runoff, publish


@transaction.atomic
def election_close(*, actor: Any, election: Election) -> Election:
    """Stop accepting ballots. A tie for first place in a single-choice round opens a runoff
    among the tied candidates (same roll, same codes); a tie in a runoff waits for the
    responsible teacher's recorded decision."""
    from .selectors import tally

    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.status != ElectionStatus.OPEN:
        raise _refuse(_("Chỉ kết thúc được cuộc bỏ phiếu đang diễn ra."), BallotError.NOT_OPEN)
    if (
        election.mode == ElectionMode.PAPER
        and not election.paper_counts.filter(status=PaperCountStatus.CONFIRMED).exists()
    ):
        raise _refuse(
            _("Chưa có kết quả kiểm phiếu giấy được người thứ hai xác nhận."),
            BallotError.WRONG_STATE,
        )
    election.status = ElectionStatus.CLOSED
    election.closed_at = timezone.now()
    election.save(update_fields=["status", "closed_at", "updated_at"])
    audit(
        actor,
        "ballots.election.close",
        election,
        unit_path=election.unit.path,
        ballots=election.ballot_count,
    )
    result = tally(election)
    if (
        election.method == ElectionMethod.SINGLE_CHOICE
        and result.tied_first
        and election.round_number == 1
    ):
        runoff_open(actor=actor, election=election, candidates=result.tied_first)
    return election


def runoff_open(*, actor: Any, election: Election, candidates: Iterable[Candidate]) -> Election:
    """A new round among the tied candidates, open at once for the same voters."""
    root_id = election.series_root_id
    runoff = Election.objects.create(
        unit=election.unit,
        title=election.title,
        method=election.method,
        mode=election.mode,
        root_id=root_id,
        round_number=election.round_number + 1,
        min_voters_for_counts=election.min_voters_for_counts,
        min_votes_shown=election.min_votes_shown,
        threshold=election.threshold,
        closes_at=None,
        created_by=election.created_by,
    )
    Candidate.objects.bulk_create(
        Candidate(election=runoff, person=c.person, label=c.label, detail=c.detail, position=i)
        for i, c in enumerate(candidates)
    )
    audit(
        actor,
        "ballots.election.runoff",
        runoff,
        unit_path=runoff.unit.path,
        tied=[c.label for c in candidates],
    )
    return election_open(actor=actor, election=runoff)


@transaction.atomic
def election_decide_tie(
    *, actor: Any, election: Election, candidate: Candidate, note: str
) -> Election:
    """Record who is chosen when a runoff ties again (the teacher decides; shown as such)."""
    from .selectors import tally

    election = Election.objects.select_for_update().get(pk=election.pk)
    result = tally(election)
    if not result.tied_first or election.round_number == 1:
        raise _refuse(_("Không có hòa phiếu cần quyết định."), BallotError.NO_TIE)
    if candidate.pk not in {c.pk for c in result.tied_first}:
        raise _refuse(
            _("Chỉ chọn được một trong những người đang hòa phiếu."), BallotError.NOT_A_CANDIDATE
        )
    if not note.strip():
        raise field_error("note", _("Hãy ghi lý do quyết định."), BallotError.WRONG_STATE)
    election.tie_winner = candidate
    election.tie_decided_by = actor
    election.tie_decided_at = timezone.now()
    election.tie_note = note.strip()
    election.save(
        update_fields=["tie_winner", "tie_decided_by", "tie_decided_at", "tie_note", "updated_at"]
    )
    audit(
        actor,
        "ballots.election.tie_decided",
        election,
        unit_path=election.unit.path,
        winner=candidate.label,
    )
    return election


@transaction.atomic
def election_publish(*, actor: Any, election: Election) -> Election:
    """Publish the results of a closed round (and of the earlier rounds of its series)."""
    from .selectors import tally

    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.status != ElectionStatus.CLOSED:
        raise _refuse(
            _("Chỉ công bố được kết quả của cuộc bỏ phiếu đã kết thúc."), BallotError.WRONG_STATE
        )
    result = tally(election)
    if result.tied_first and election.tie_winner_id is None and election.round_number > 1:
        raise _refuse(
            _("Vẫn còn hòa phiếu: giáo viên cần ghi quyết định trước khi công bố."),
            BallotError.TIE_UNRESOLVED,
        )
    if (
        result.tied_first
        and election.round_number == 1
        and election.method == ElectionMethod.SINGLE_CHOICE
    ):
        raise _refuse(
            _("Vòng này hòa phiếu; hãy kết thúc và công bố vòng bỏ phiếu lại."),
            BallotError.TIE_UNRESOLVED,
        )
    now = timezone.now()
    series = Election.objects.filter(pk=election.series_root_id) | Election.objects.filter(
        root_id=election.series_root_id
    )
    series.filter(status=ElectionStatus.CLOSED, round_number__lte=election.round_number).update(
        status=ElectionStatus.PUBLISHED, published_at=now
    )
    election.refresh_from_db()
    audit(actor, "ballots.election.publish", election, unit_path=election.unit.path)
    return election


# ---------------------------------------------------------------- paper ballots


@transaction.atomic
def paper_count_enter(
    *,
    actor: Any,
    election: Election,
    counts: dict[int, int],
    ballots_issued: int,
    blank: int = 0,
    invalid: int = 0,
    note: str = "",
) -> PaperCount:
    """A teacher types in the counts of a paper ballot; they count once a second person confirms."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.mode != ElectionMode.PAPER:
        raise _refuse(_("Cuộc bỏ phiếu này dùng phiếu điện tử."), BallotError.PAPER_ONLY)
    if election.status != ElectionStatus.OPEN:
        raise _refuse(_("Chỉ nhập kết quả khi cuộc bỏ phiếu đang diễn ra."), BallotError.NOT_OPEN)
    allowed = set(election.candidates.values_list("pk", flat=True))
    if set(counts) - allowed:
        raise _refuse(
            _("Người được chọn không có trong danh sách ứng viên."), BallotError.NOT_A_CANDIDATE
        )
    if any(v < 0 for v in counts.values()) or blank < 0 or invalid < 0:
        raise _refuse(_("Số phiếu không thể âm."), BallotError.PAPER_TOTALS)
    roll = Voter.objects.filter(election_id=election.series_root_id).count()
    total = sum(counts.values()) + blank + invalid
    if ballots_issued > roll:
        raise field_error(
            "ballots_issued",
            _("Số phiếu phát ra (%(n)s) nhiều hơn số người trong danh sách (%(roll)s).")
            % {"n": ballots_issued, "roll": roll},
            BallotError.PAPER_TOTALS,
        )
    if total > ballots_issued:
        raise field_error(
            "ballots_issued",
            _("Tổng số phiếu kiểm được (%(t)s) nhiều hơn số phiếu phát ra (%(n)s).")
            % {"t": total, "n": ballots_issued},
            BallotError.PAPER_TOTALS,
        )
    election.paper_counts.filter(status=PaperCountStatus.ENTERED).update(
        status=PaperCountStatus.REJECTED, note="Thay bằng lần nhập mới"
    )
    paper = PaperCount.objects.create(
        election=election,
        counts={str(k): int(v) for k, v in counts.items()},
        ballots_issued=ballots_issued,
        blank=blank,
        invalid=invalid,
        entered_by=actor,
        note=note,
    )
    audit(actor, "ballots.paper.enter", paper, unit_path=election.unit.path)
    return paper


@transaction.atomic
def paper_count_confirm(*, actor: Any, paper: PaperCount) -> PaperCount:
    paper = PaperCount.objects.select_for_update().get(pk=paper.pk)
    if paper.status != PaperCountStatus.ENTERED:
        raise _refuse(_("Kết quả này đã được xử lý."), BallotError.WRONG_STATE)
    if paper.entered_by_id == getattr(actor, "pk", None):
        raise _refuse(
            _("Người xác nhận phải là người khác với người đã nhập kết quả."),
            BallotError.PAPER_SAME_PERSON,
        )
    paper.status = PaperCountStatus.CONFIRMED
    paper.confirmed_by = actor
    paper.confirmed_at = timezone.now()
    paper.save(update_fields=["status", "confirmed_by", "confirmed_at", "updated_at"])
    Election.objects.filter(pk=paper.election_id).update(
        ballot_count=sum(paper.counts.values()) + paper.blank + paper.invalid
    )
    audit(actor, "ballots.paper.confirm", paper, unit_path=paper.election.unit.path)
    return paper


@transaction.atomic
def paper_count_reject(*, actor: Any, paper: PaperCount, note: str) -> PaperCount:
    paper = PaperCount.objects.select_for_update().get(pk=paper.pk)
    if paper.status != PaperCountStatus.ENTERED:
        raise _refuse(_("Kết quả này đã được xử lý."), BallotError.WRONG_STATE)
    paper.status = PaperCountStatus.REJECTED
    paper.note = note
    paper.save(update_fields=["status", "note", "updated_at"])
    audit(actor, "ballots.paper.reject", paper, unit_path=paper.election.unit.path)
    return paper
