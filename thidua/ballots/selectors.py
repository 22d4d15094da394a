"""Reads of the ballot engine. Results exist only once a round is closed."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from .errors import BallotError
from .models import (
    Ballot,
    Candidate,
    Election,
    ElectionMethod,
    ElectionMode,
    ElectionStatus,
    PaperCountStatus,
    Participation,
    Voter,
)
from .services import NO, YES, BallotRefused


@dataclass
class CandidateResult:
    candidate: Candidate
    votes: int
    no_votes: int = 0
    rank: int = 0
    exact: bool = True  # False: published only as a band ("dưới 3 phiếu") or a rank
    passed: bool | None = None  # YES_NO: reached the threshold over all voters
    share_of_roll: Decimal | None = None

    @property
    def shown_votes(self) -> str:
        return str(self.votes) if self.exact else ""


@dataclass
class Tally:
    election: Election
    roll_size: int
    participants: int
    ballots: int
    blank: int
    invalid: int
    results: list[CandidateResult] = field(default_factory=list)
    tied_first: list[Candidate] = field(default_factory=list)
    counts_hidden: bool = False  # small group: winner and ranking only
    low_band: int = 0
    source: str = ElectionMode.ELECTRONIC

    @property
    def winner(self) -> Candidate | None:
        if self.election.method != ElectionMethod.SINGLE_CHOICE or not self.results:
            return None
        if self.tied_first:
            return self.election.tie_winner
        return self.results[0].candidate if self.results[0].votes > 0 else None

    @property
    def winner_by_decision(self) -> bool:
        return bool(self.tied_first and self.election.tie_winner_id)

    @property
    def turnout(self) -> Decimal:
        if not self.roll_size:
            return Decimal(0)
        return (Decimal(self.participants) / Decimal(self.roll_size) * 100).quantize(Decimal("0.1"))


def roll_size(election: Election) -> int:
    return Voter.objects.filter(election_id=election.series_root_id).count()


def turnout_of(election: Election) -> tuple[int, int]:
    """(voted, on the roll) — shown while voting; it reveals nothing about choices."""
    return election.ballot_count, roll_size(election)


def tally(election: Election) -> Tally:
    """Count a closed round. Sealed while open: nobody — teacher or administrator — sees counts."""
    if election.status in (ElectionStatus.DRAFT, ElectionStatus.OPEN):
        raise BallotRefused(
            _("Kết quả chỉ được kiểm khi cuộc bỏ phiếu đã kết thúc."),
            code=BallotError.RESULTS_SEALED,
        )
    candidates = list(election.candidates.order_by("position", "pk"))
    size = roll_size(election)
    blank = invalid = 0
    source = election.mode
    if election.mode == ElectionMode.PAPER:
        paper = (
            election.paper_counts.filter(status=PaperCountStatus.CONFIRMED)
            .order_by("-confirmed_at")
            .first()
        )
        counts = {int(k): v for k, v in (paper.counts if paper else {}).items()}
        blank, invalid = (paper.blank, paper.invalid) if paper else (0, 0)
        participants = sum(counts.values()) + blank + invalid
        no_counts: dict[int, int] = {}
    else:
        participants = Participation.objects.filter(election=election).count()
        if election.method == ElectionMethod.SINGLE_CHOICE:
            counts = dict(
                Ballot.objects.filter(election=election)
                .values("choice_id")
                .annotate(n=Count("id"))
                .values_list("choice_id", "n")
            )
            blank = counts.pop(None, 0)
            no_counts = {}
        else:
            counts, no_counts = {}, {}
            for marks in Ballot.objects.filter(election=election).values_list("marks", flat=True):
                for key, value in marks.items():
                    target = counts if value == YES else no_counts if value == NO else None
                    if target is not None:
                        target[int(key)] = target.get(int(key), 0) + 1
    ballots = participants
    results = [CandidateResult(c, counts.get(c.pk, 0), no_counts.get(c.pk, 0)) for c in candidates]
    results.sort(key=lambda r: (-r.votes, r.candidate.position, r.candidate.pk))
    previous, rank = None, 0
    for index, r in enumerate(results, start=1):
        if r.votes != previous:
            rank, previous = index, r.votes
        r.rank = rank
        if election.method == ElectionMethod.YES_NO and size:
            r.share_of_roll = Decimal(r.votes) / Decimal(size)
            r.passed = election.threshold is not None and r.share_of_roll >= election.threshold
    tied: list[Candidate] = []
    if election.method == ElectionMethod.SINGLE_CHOICE and results and results[0].votes > 0:
        top = results[0].votes
        tied = [r.candidate for r in results if r.votes == top]
        if len(tied) < 2:
            tied = []
    result = Tally(
        election, size, participants, ballots, blank, invalid, results, tied, source=source
    )
    _protect_small_groups(result)
    return result


def _protect_small_groups(result: Tally) -> None:
    """Small-group privacy: in a small class, exact counts would let classmates deduce how
    someone voted, so below the thresholds only the winner and the ranking are published, and
    candidates with very few votes are grouped as "fewer than N votes" without an order."""
    election = result.election
    if election.method != ElectionMethod.SINGLE_CHOICE:
        return
    result.low_band = election.min_votes_shown
    if result.participants < election.min_voters_for_counts:
        result.counts_hidden = True
        for r in result.results:
            r.exact = False
        return
    low = [r for r in result.results if r.votes < election.min_votes_shown]
    for r in low:
        r.exact = False
    if low:
        high = [r for r in result.results if r.votes >= election.min_votes_shown]
        low.sort(key=lambda r: r.candidate.label)
        for r in low:
            r.rank = len(high) + 1
        result.results = high + low


def receipts_of(election: Election) -> list[str]:
    """The receipts counted in a published round, sorted (never in casting order)."""
    if election.status != ElectionStatus.PUBLISHED:
        return []
    return sorted(Ballot.objects.filter(election=election).values_list("receipt", flat=True))


def current_round_of(election: Election) -> Election:
    """The round of the election's series that is (or was last) accepting ballots."""
    root = Election.objects.select_related("current_round").get(pk=election.series_root_id)
    return root.current_round or root


def series_of(election: Election) -> QuerySet[Election]:
    root = election.series_root_id
    return Election.objects.filter(pk=root) | Election.objects.filter(root_id=root)


def elections_for_person(person: Any) -> QuerySet[Election]:
    """Open rounds where the person is on the roll (for students voting with their login)."""
    roots = Voter.objects.filter(person=person).values_list("election_id", flat=True)
    return Election.objects.filter(status=ElectionStatus.OPEN).filter(
        pk__in=Election.objects.filter(pk__in=roots).values("current_round")
    )
