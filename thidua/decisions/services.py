"""Writes on decisions: draft from a round, edit a draft, issue (number, freeze, write the
award history, mark the proposals awarded), correct and revoke by a new decision.

A signed decision is frozen: every service that would change it refuses with
`DecisionError.FROZEN` and a Vietnamese message, and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.achievements.models import AwardSource
from thidua.achievements.services import (
    award_record_create,
)
from thidua.core.audit import audit, diff, snapshot
from thidua.core.errors import field_error
from thidua.core.vietnamese import nfc
from thidua.nominations.models import NominationRound, Proposal, ProposalStatus
from thidua.nominations.services import proposal_mark_awarded

from . import texts
from .amendments import (  # noqa: F401  (part of this module's API)
    decision_correction_create,
    decision_revocation_create,
    issue_correction,
    issue_revocation,
)
from .common import (
    LINE_FIELDS,
    certificate_text_for,
    clean_list,
    ensure_draft,
    give_certificate,
    head_name,
    header_for,
    line_error,
    locked,
    refuse,
    user_or_none,
)
from .errors import DecisionError
from .models import (
    Decision,
    DecisionKind,
    DecisionLine,
    DecisionStatus,
    RegisterSeries,
)
from .numbering import next_number
from .selectors import decidable_proposals, position_text

AUDIT_ACTIONS = {
    "decisions.decision.draft": gettext_lazy("Lập dự thảo quyết định khen thưởng"),
    "decisions.decision.update": gettext_lazy("Sửa dự thảo quyết định"),
    "decisions.decision.delete": gettext_lazy("Xóa dự thảo quyết định"),
    "decisions.decision.issue": gettext_lazy("Ban hành quyết định"),
    "decisions.decision.corrected": gettext_lazy("Quyết định bị đính chính"),
    "decisions.decision.revoked": gettext_lazy("Quyết định bị hủy bỏ khen thưởng"),
    "decisions.decision.import": gettext_lazy("Nhập quyết định khen thưởng cũ từ Excel"),
    "decisions.line.update": gettext_lazy("Sửa dòng của dự thảo quyết định"),
    "decisions.line.remove": gettext_lazy("Bỏ dòng khỏi dự thảo quyết định"),
}

HEADER_FIELDS = [
    "symbol",
    "place",
    "parent_authority",
    "issuing_body",
    "authority",
    "authority_level",
    "subject",
    "legal_bases",
    "proposal_basis",
    "articles",
    "recipients",
    "signing_mode",
    "signing_for",
    "signer_title",
    "signer_name",
    "reason_text",
    "revocation_reason",
]
TEXT_LIST_FIELDS = {"legal_bases", "articles", "recipients"}
# What to say when a field a draft must keep, or a decision must be signed with, is empty.
REQUIRED_MESSAGES = {
    "subject": gettext_lazy("Hãy ghi trích yếu của quyết định."),
    "authority": gettext_lazy("Hãy ghi thẩm quyền ban hành."),
    "issuing_body": gettext_lazy("Hãy ghi tên cơ quan ban hành."),
    "symbol": gettext_lazy("Hãy ghi ký hiệu của quyết định."),
    "signer_name": gettext_lazy("Hãy ghi họ và tên người ký."),
    "signer_title": gettext_lazy("Hãy ghi chức vụ người ký."),
}


def _ensure_filled(decision: Decision, *names: str) -> None:
    for name in names:
        if not getattr(decision, name):
            raise field_error(name, REQUIRED_MESSAGES[name], DecisionError.FIELD_REQUIRED)


# ---------------------------------------------------------------- drafting


@transaction.atomic
def decision_draft_from_round(
    *,
    actor: Any,
    nomination_round: NominationRound,
    proposals: Iterable[Proposal] | None = None,
    council_session_id: int | None = None,
) -> Decision:
    """Draft the decision of a round: one line per passed proposal the unit decides itself
    (all of them, or the chosen ones), with the header, bases and articles proposed."""
    nomination_round = (
        NominationRound.objects.select_for_update(of=("self",))
        .select_related("unit", "unit__parent", "school_year")
        .get(pk=nomination_round.pk)
    )
    unit = nomination_round.unit
    candidates = {p.pk: p for p in decidable_proposals(nomination_round)}
    if proposals is not None:
        chosen = []
        for proposal in proposals:
            if proposal.pk not in candidates:
                raise refuse(
                    _(
                        "Đề nghị “%(p)s” chưa thể đưa vào quyết định: chỉ đề nghị đã được Hội "
                        "đồng thông qua, thuộc thẩm quyền của đơn vị và chưa có trong quyết định "
                        "nào mới được đưa vào."
                    )
                    % {"p": proposal},
                    DecisionError.NOT_DECIDABLE,
                )
            chosen.append(candidates[proposal.pk])
    else:
        chosen = list(candidates.values())
    if not chosen:
        raise refuse(
            _(
                "Đợt xét không có đề nghị nào đã được Hội đồng thông qua và chờ quyết định của "
                "đơn vị."
            ),
            DecisionError.NOTHING_TO_DECIDE,
        )
    today = timezone.localdate()
    submissions = {p.submission.pk: p.submission for p in chosen if p.submission_id}
    decision = Decision(
        **header_for(unit, kind=DecisionKind.AWARD, on=today),
        subject=texts.subject_for([p.award for p in chosen], nomination_round.school_year_id),
        proposal_basis=texts.proposal_basis_for(unit, submissions.values()),
        signer_name=head_name(unit, actor),
        source_round=nomination_round,
        council_session_id=council_session_id,
        created_by=user_or_none(actor),
    )
    decision.full_clean()
    decision.save()
    # Individuals first, then collectives (the annex's I. and II.), each in proposal order.
    chosen.sort(key=lambda p: (p.person_id is None, p.award, p.created_at))
    for number, proposal in enumerate(chosen, start=1):
        subject = proposal.person or proposal.collective
        line = DecisionLine(
            decision=decision,
            line_no=number,
            person=proposal.person,
            collective=proposal.collective,
            name=str(subject),
            position_unit=position_text(
                person=proposal.person,
                collective=proposal.collective,
                within=unit,
                on=min(today, proposal.period_to.end_on),
            ),
            award=proposal.award,
            period_from=proposal.period_from,
            period_to=proposal.period_to,
            certificate_text=certificate_text_for(proposal),
            achievement=proposal.achievement,
            proposal=proposal,
        )
        line.full_clean()
        line.save()
    audit(
        actor,
        "decisions.decision.draft",
        decision,
        unit_path=unit.path,
        round=nomination_round.pk,
        lines=len(chosen),
    )
    return decision


@transaction.atomic
def decision_update(*, actor: Any, decision: Decision, **fields: Any) -> Decision:
    """Change the header, bases, articles or signer of a draft (never of a signed one)."""
    decision = locked(decision)
    ensure_draft(decision)
    unknown = set(fields) - set(HEADER_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    before = snapshot(decision, HEADER_FIELDS)
    for name, value in fields.items():
        if name in TEXT_LIST_FIELDS:
            value = clean_list(value)
        elif isinstance(value, str):
            value = nfc(value) if name != "reason_text" else value.strip()
        setattr(decision, name, value)
    _ensure_filled(decision, "subject", "authority", "issuing_body", "symbol")
    decision.full_clean()
    decision.save()
    changes = diff(before, snapshot(decision, HEADER_FIELDS))
    if changes:
        audit(
            actor,
            "decisions.decision.update",
            decision,
            unit_path=decision.issuer.path,
            changes=changes,
        )
    return decision


@transaction.atomic
def decision_line_update(
    *,
    actor: Any,
    line: DecisionLine,
    name: str | None = None,
    position_unit: str | None = None,
    certificate_text: str | None = None,
) -> DecisionLine:
    """Change the printed name, position or certificate text of a line of a draft."""
    decision = locked(line.decision)
    ensure_draft(decision)
    line = DecisionLine.objects.select_for_update().get(pk=line.pk)
    before = snapshot(line, LINE_FIELDS)
    if name is not None:
        if not nfc(name):
            raise field_error("name", _("Hãy ghi họ và tên."), DecisionError.FIELD_REQUIRED)
        line.name = nfc(name)
    if position_unit is not None:
        line.position_unit = nfc(position_unit)
    if certificate_text is not None:
        line.certificate_text = certificate_text.strip()
    line.full_clean()
    line.save()
    changes = diff(before, snapshot(line, LINE_FIELDS))
    if changes:
        audit(actor, "decisions.line.update", line, unit_path=decision.issuer.path, changes=changes)
    return line


@transaction.atomic
def decision_line_remove(*, actor: Any, line: DecisionLine) -> Decision:
    """Take a line out of a draft (its proposal may go into another decision)."""
    decision = locked(line.decision)
    ensure_draft(decision)
    audit(actor, "decisions.line.remove", line, unit_path=decision.issuer.path, name=line.name)
    DecisionLine.objects.filter(pk=line.pk).delete()
    for number, remaining in enumerate(decision.lines.order_by("line_no"), start=1):
        if remaining.line_no != number:
            DecisionLine.objects.filter(pk=remaining.pk).update(line_no=number)
    return decision


@transaction.atomic
def decision_delete(*, actor: Any, decision: Decision) -> None:
    """Delete a draft. A signed decision is never deleted."""
    decision = locked(decision)
    ensure_draft(decision)
    audit(
        actor,
        "decisions.decision.delete",
        decision,
        unit_path=decision.issuer.path,
        subject=decision.subject,
    )
    decision.lines.all().delete()
    decision.delete()


# ---------------------------------------------------------------- issuing


def _issue_award(actor: Any, decision: Decision, lines: list[DecisionLine]) -> None:
    movement = decision.source_round.movement if decision.source_round_id else None
    awarded_label = f"Quyết định {decision.label} của {decision.authority}"
    for line in lines:
        if line.proposal_id and line.proposal.status != ProposalStatus.PASSED:
            raise refuse(
                _(
                    "Dòng %(n)s (%(name)s): đề nghị không còn ở trạng thái được Hội đồng thông "
                    "qua (%(s)s); hãy bỏ dòng này khỏi dự thảo."
                )
                % {"n": line.line_no, "name": line.name, "s": line.proposal.get_status_display()},
                DecisionError.NOT_DECIDABLE,
            )
        try:
            record = award_record_create(
                actor=actor,
                award=line.award,
                person=line.person,
                collective=line.collective,
                period_from=line.period_from,
                period_to=line.period_to,
                decision_number=decision.number_label,
                decided_on=decision.issued_on,
                issued_by=decision.authority,
                authority_level=decision.authority_level,
                achievement=line.achievement,
                movement=movement,
                source=AwardSource.DECISION,
            )
        except ValidationError as exc:
            raise line_error(line, exc) from exc
        line.award_record = record
        give_certificate(line, decision)
        line.save(update_fields=["award_record", "certificate_number", "certificate_year"])
        if line.proposal_id:
            proposal_mark_awarded(actor=actor, proposal=line.proposal, decision_label=awarded_label)


@transaction.atomic
def decision_issue(*, actor: Any, decision: Decision, issued_on: dt.date | None = None) -> Decision:
    """Sign a draft: take the next number of the issuer's register for the year, freeze it,
    and carry it out — write the awards into the history and mark the proposals awarded
    (award), correct the history (correction) or revoke it (revocation)."""
    decision = locked(decision)
    ensure_draft(decision)
    lines = list(
        decision.lines.select_related(
            "person", "collective", "period_from", "period_to", "achievement", "proposal"
        )
    )
    if not lines:
        raise refuse(_("Quyết định chưa có ai trong danh sách."), DecisionError.NO_LINES)
    _ensure_filled(decision, "signer_name", "signer_title", "subject", "authority", "symbol")
    today = timezone.localdate()
    issued_on = issued_on or today
    if issued_on > today:
        raise field_error(
            "issued_on",
            _("Ngày ban hành %(d)s ở tương lai.") % {"d": issued_on.strftime("%d/%m/%Y")},
            DecisionError.DATE_IN_FUTURE,
        )
    target = decision.corrects or decision.revokes
    if target is not None and target.issued_on and issued_on < target.issued_on:
        raise field_error(
            "issued_on",
            _("Ngày ban hành không thể trước ngày của quyết định %(l)s.") % {"l": target.label},
            DecisionError.DATE_BEFORE_TARGET,
        )
    decision.number = next_number(
        issuer=decision.issuer, year=issued_on.year, series=RegisterSeries.DECISION
    )
    decision.year = issued_on.year
    decision.number_label = texts.number_label(decision.number, decision.symbol)
    decision.issued_on = issued_on
    decision.status = DecisionStatus.ISSUED
    decision.issued_by = user_or_none(actor)
    decision.issued_at = timezone.now()
    decision.full_clean()
    decision.save()
    if decision.kind == DecisionKind.AWARD:
        _issue_award(actor, decision, lines)
    elif decision.kind == DecisionKind.CORRECTION:
        issue_correction(actor, decision, lines)
    elif decision.kind == DecisionKind.REVOCATION:
        issue_revocation(actor, decision, lines)
    else:
        raise ValueError(decision.kind)
    audit(
        actor,
        "decisions.decision.issue",
        decision,
        unit_path=decision.issuer.path,
        number=decision.number_label,
        kind=decision.kind,
        lines=len(lines),
    )
    return decision
