"""The generic secret-ballot engine, shared by student elections and council votes.

Secrecy is structural (Helios's receipt/ballot split):

* `Voter` is the roll entry (who may vote; the one-time code is stored only as a keyed hash);
* `Participation` records *that* a voter took part in a round — no timestamp, no choice;
* `Ballot` records *what* was chosen — no reference to a voter, a code or a participation, no
  timestamp, and a random primary key, so neither its columns nor its key order follow the
  casting order. A random receipt code lets the voter check inclusion after publication.

A `Participation` row is unique per (round, voter): the database itself guarantees one voter,
one ballot, also when the same code is submitted many times at once.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.models import BaseModel


def random_id() -> int:
    return secrets.randbits(62) + 1


class RandomIdField(models.BigIntegerField):
    """A random 62-bit primary key.

    On SQLite the column is declared INTEGER so that it *is* the table's rowid: there is then
    no hidden, insertion-ordered rowid that could betray the order in which ballots were cast.
    """

    def db_type(self, connection):  # noqa: ANN001, ANN201
        if connection.vendor == "sqlite":
            return "integer"
        return super().db_type(connection)


class ElectionMethod(models.TextChoices):
    SINGLE_CHOICE = "single_choice", _("Chọn đúng một người")
    YES_NO = "yes_no", _("Đồng ý / không đồng ý từng người")


class ElectionMode(models.TextChoices):
    ELECTRONIC = "electronic", _("Bỏ phiếu điện tử (mã phiếu hoặc tài khoản)")
    PAPER = "paper", _("Phiếu giấy, nhập kết quả kiểm phiếu")


class ElectionStatus(models.TextChoices):
    DRAFT = "draft", _("Đang chuẩn bị")
    OPEN = "open", _("Đang bỏ phiếu")
    CLOSED = "closed", _("Đã kết thúc, chờ công bố")
    PUBLISHED = "published", _("Đã công bố kết quả")


class Election(BaseModel):
    """One round of a secret ballot. A runoff is a new round sharing its root's voter roll."""

    title = models.CharField(_("Tên cuộc bỏ phiếu"), max_length=200)
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="elections", verbose_name=_("Đơn vị")
    )
    method = models.CharField(
        _("Cách bỏ phiếu"),
        max_length=20,
        choices=ElectionMethod.choices,
        default=ElectionMethod.SINGLE_CHOICE,
    )
    mode = models.CharField(
        _("Hình thức"),
        max_length=12,
        choices=ElectionMode.choices,
        default=ElectionMode.ELECTRONIC,
    )
    status = models.CharField(
        _("Trạng thái"),
        max_length=10,
        choices=ElectionStatus.choices,
        default=ElectionStatus.DRAFT,
        db_index=True,
    )
    opens_at = models.DateTimeField(_("Mở lúc"), null=True, blank=True)
    closes_at = models.DateTimeField(_("Đóng lúc"), null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Yes/no method: approval threshold as a fraction of ALL voters on the roll (R-VOTE-3).
    threshold = models.DecimalField(
        _("Ngưỡng thông qua"), max_digits=5, decimal_places=4, null=True, blank=True
    )
    # Small-group privacy (see tally): below these numbers exact counts are not published.
    min_voters_for_counts = models.PositiveSmallIntegerField(
        _("Số người bỏ phiếu tối thiểu để công bố số phiếu"), default=10
    )
    min_votes_shown = models.PositiveSmallIntegerField(
        _("Số phiếu tối thiểu của một ứng viên để công bố chính xác"), default=3
    )
    # PROTECT: rounds of one election series are never deleted separately.
    root = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rounds",
        verbose_name=_("Vòng đầu"),
    )
    round_number = models.PositiveSmallIntegerField(_("Vòng"), default=1)
    # On the first round: the round now accepting ballots, so that a code finds it in one query.
    current_round = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ballot_count = models.PositiveIntegerField(default=0, editable=False)
    roll_digest = models.CharField(max_length=64, blank=True, editable=False)
    tie_winner = models.ForeignKey(
        "Candidate",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Người được chọn khi hòa phiếu"),
    )
    tie_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    tie_decided_at = models.DateTimeField(null=True, blank=True)
    tie_note = models.TextField(_("Lý do quyết định"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Cuộc bỏ phiếu")
        verbose_name_plural = _("Cuộc bỏ phiếu")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__isnull=True)
                | models.Q(opens_at__isnull=True)
                | models.Q(closes_at__gt=models.F("opens_at")),
                name="election_window_in_order",
            )
        ]

    def __str__(self) -> str:
        if self.round_number > 1:
            return f"{self.title} (vòng {self.round_number})"
        return self.title

    @property
    def series_root_id(self) -> int:
        return self.root_id or self.pk


class Candidate(models.Model):
    election = models.ForeignKey(
        Election,
        on_delete=models.CASCADE,
        related_name="candidates",
        verbose_name=_("Cuộc bỏ phiếu"),
    )
    # PROTECT: a person who stood in an election stays in its record.
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Ứng viên"),
    )
    label = models.CharField(_("Tên hiển thị"), max_length=200)
    detail = models.CharField(_("Giới thiệu ngắn"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["election", "position", "id"]
        verbose_name = _("Ứng viên")
        verbose_name_plural = _("Ứng viên")
        constraints = [
            models.UniqueConstraint(fields=["election", "person"], name="one_candidacy_per_person")
        ]

    def __str__(self) -> str:
        return self.label


class Voter(models.Model):
    """An entry of the voter roll of an election series (its first round)."""

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="voters", verbose_name=_("Cuộc bỏ phiếu")
    )
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Người bỏ phiếu"),
    )
    label = models.CharField(_("Tên"), max_length=200)
    # Keyed hash (HMAC-SHA256) of the one-time code; the code itself is never stored.
    code_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    code_hint = models.CharField(max_length=4, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["election", "position", "id"]
        verbose_name = _("Người trong danh sách bỏ phiếu")
        verbose_name_plural = _("Danh sách bỏ phiếu")
        constraints = [
            models.UniqueConstraint(fields=["election", "person"], name="one_roll_entry_per_person")
        ]

    def __str__(self) -> str:
        return self.label


# The two tables a cast writes are append-only and only ever written by the cast itself, which
# inserts for the voter and round it has just found and locked in the same statement (and the
# ORM still cascades their deletion). Their foreign keys are therefore not repeated as database
# constraints: each would add a referential check with a row lock per insert, a fifth of the
# database's work per ballot when a whole city votes in the same week (bench/ballots.py). Nor do
# they get an index per column: their unique constraints, which lead with the round, serve
# every lookup, and each extra index is one more write per ballot.
HOT_PATH_FK = {"on_delete": models.CASCADE, "db_constraint": False, "db_index": False}


class Participation(models.Model):
    """That a voter took part in a round. Deliberately no timestamp and no choice."""

    election = models.ForeignKey(Election, related_name="participations", **HOT_PATH_FK)
    voter = models.ForeignKey(Voter, related_name="participations", **HOT_PATH_FK)

    class Meta:
        verbose_name = _("Đã bỏ phiếu")
        verbose_name_plural = _("Đã bỏ phiếu")
        constraints = [
            models.UniqueConstraint(fields=["election", "voter"], name="one_ballot_per_voter")
        ]

    def __str__(self) -> str:
        return f"{self.voter_id} @ {self.election_id}"


class Ballot(models.Model):
    """What one (anonymous) voter chose in a round.

    No foreign key to a voter or a participation, no timestamp, a random key.
    """

    id = RandomIdField(primary_key=True, default=random_id, editable=False)
    election = models.ForeignKey(Election, related_name="ballots", **HOT_PATH_FK)
    # SINGLE_CHOICE: the chosen candidate.
    choice = models.ForeignKey(
        Candidate,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    # YES_NO: {"<candidate id>": "yes" | "no"} for every candidate the voter may vote on.
    marks = models.JSONField(default=dict, blank=True)
    receipt = models.CharField(max_length=16)

    class Meta:
        verbose_name = _("Phiếu bầu")
        verbose_name_plural = _("Phiếu bầu")
        constraints = [
            models.UniqueConstraint(fields=["election", "receipt"], name="unique_receipt")
        ]

    def __str__(self) -> str:
        return self.receipt


class PaperCountStatus(models.TextChoices):
    ENTERED = "entered", _("Đã nhập, chờ người thứ hai xác nhận")
    CONFIRMED = "confirmed", _("Đã xác nhận")
    REJECTED = "rejected", _("Bị từ chối")


class PaperCount(BaseModel):
    """Counts entered from paper ballots; they count only once a second person confirms them."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="paper_counts")
    counts = models.JSONField(_("Số phiếu theo ứng viên"), default=dict)
    ballots_issued = models.PositiveIntegerField(_("Số phiếu phát ra"), default=0)
    blank = models.PositiveIntegerField(_("Phiếu trắng"), default=0)
    invalid = models.PositiveIntegerField(_("Phiếu không hợp lệ"), default=0)
    status = models.CharField(
        max_length=10, choices=PaperCountStatus.choices, default=PaperCountStatus.ENTERED
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(_("Ghi chú"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Kết quả kiểm phiếu giấy")
        verbose_name_plural = _("Kết quả kiểm phiếu giấy")
