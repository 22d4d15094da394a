"""Writes of the ballot engine: set up, open, cast, close (with runoffs), publish, paper counts.

Casting is one short transaction: the participation row (unique per round and voter) is
inserted, the round's counter is incremented only while the round is open, and the
anonymous ballot is inserted. Any failure rolls back everything: a refused ballot consumes
nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
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


def _candidate_ids(election: Election) -> frozenset[int]:
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


def _check_window(election: Election, now: dt.datetime) -> None:
    if election.status == ElectionStatus.DRAFT or (election.opens_at and now < election.opens_at):
        raise _refuse(_("Cuộc bỏ phiếu chưa bắt đầu."), BallotError.NOT_OPEN_YET)
    if election.status != ElectionStatus.OPEN or (election.closes_at and now >= election.closes_at):
        raise _refuse(_("Cuộc bỏ phiếu đã kết thúc, không nhận thêm phiếu."), BallotError.CLOSED)


def _validated_choice(
    election: Election, choices: Sequence[Any], marks: dict[str, Any] | None
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


def _cast(election: Election, voter_id: int, choice: int | None, marks: dict[str, str]) -> str:
    receipt = codes.new_receipt()
    try:
        with transaction.atomic():
            Participation.objects.create(election_id=election.pk, voter_id=voter_id)
            still_open = Election.objects.filter(pk=election.pk, status=ElectionStatus.OPEN).update(
                ballot_count=F("ballot_count") + 1
            )
            if not still_open:
                raise _refuse(
                    _("Cuộc bỏ phiếu đã kết thúc, không nhận thêm phiếu."), BallotError.CLOSED
                )
            Ballot.objects.create(
                election_id=election.pk, choice_id=choice, marks=marks, receipt=receipt
            )
    except IntegrityError as exc:
        if Participation.objects.filter(election_id=election.pk, voter_id=voter_id).exists():
            raise _refuse(
                _("Mã phiếu này đã được dùng để bỏ phiếu, không thể bỏ phiếu lần nữa."),
                BallotError.CODE_USED,
            ) from exc
        raise  # a receipt collision (1 in 10^12): let the voter press the button again
    return receipt


@dataclass(frozen=True)
class CodeBallot:
    """What a voter holding a code may vote in."""

    voter: Voter
    election: Election


def _voter_for_code(code: str, now: dt.datetime | None) -> CodeBallot:
    normalized = codes.normalize(code)
    if len(normalized) != codes.CODE_LENGTH:
        raise _refuse(
            _("Mã phiếu gồm 8 ký tự (ví dụ ABCD-EFGH). Em kiểm tra lại nhé."),
            BallotError.CODE_UNKNOWN,
        )
    voter = (
        Voter.objects.select_related("election__current_round")
        .filter(code_hash=codes.code_hash(normalized))
        .first()
    )
    if voter is None:
        raise _refuse(
            _("Mã phiếu không đúng. Em kiểm tra lại từng ký tự nhé."), BallotError.CODE_UNKNOWN
        )
    election = voter.election.current_round or voter.election
    _check_window(election, now or timezone.now())
    return CodeBallot(voter, election)


def ballot_for_code(code: str, *, now: dt.datetime | None = None) -> CodeBallot:
    """The open round a one-time code gives access to (or a Vietnamese refusal)."""
    found = _voter_for_code(code, now)
    if Participation.objects.filter(
        election_id=found.election.pk, voter_id=found.voter.pk
    ).exists():
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
    found = _voter_for_code(code, now)
    choice, clean = _validated_choice(found.election, choices, marks)
    return _cast(found.election, found.voter.pk, choice, clean)


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
    election = Election.objects.get(pk=election.pk)
    _check_window(election, now or timezone.now())
    voter = voter_for_person(election, person)
    choice, clean = _validated_choice(election, choices, marks)
    return _cast(election, voter.pk, choice, clean)


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
