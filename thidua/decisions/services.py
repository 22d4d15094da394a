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
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.achievements.catalog import ANNUAL_TITLES, FOR_COLLECTIVE, FOR_PERSON, label
from thidua.achievements.models import AwardSource, RevocationReason
from thidua.achievements.services import (
    award_record_correct,
    award_record_create,
    award_record_revoke,
)
from thidua.core.audit import audit, diff, snapshot
from thidua.core.errors import field_error
from thidua.core.vietnamese import nfc
from thidua.nominations.models import NominationRound, Proposal, ProposalStatus
from thidua.nominations.services import proposal_mark_awarded
from thidua.org.models import SchoolYear, Unit, UnitType

from . import texts
from .errors import DecisionError
from .models import (
    SIGNED_STATUSES,
    Decision,
    DecisionKind,
    DecisionLine,
    DecisionStatus,
    RegisterSeries,
)
from .numbering import next_number
from .selectors import decidable_proposals, live_line, position_text

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
LINE_FIELDS = ["name", "position_unit", "certificate_text", "award", "period_from", "period_to"]


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _refuse(message: Any, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def frozen_error(decision: Decision) -> ValidationError:
    return _refuse(
        _(
            "Quyết định %(label)s đã ban hành nên không thể sửa, ban hành lại hoặc xóa. Muốn "
            "thay đổi nội dung, hãy ban hành quyết định đính chính; muốn hủy bỏ khen thưởng, "
            "hãy ban hành quyết định hủy bỏ."
        )
        % {"label": decision.label},
        DecisionError.FROZEN,
    )


def _locked(decision: Decision) -> Decision:
    return (
        Decision.objects.select_for_update(of=("self",))
        .select_related("issuer", "issuer__parent", "corrects", "revokes", "source_round")
        .get(pk=decision.pk)
    )


def _ensure_draft(decision: Decision) -> None:
    if decision.status != DecisionStatus.DRAFT:
        raise frozen_error(decision)


def _clean_list(values: Iterable[Any]) -> list[str]:
    return [nfc(v).rstrip(";") for v in values if nfc(v)]


def _head_name(unit: Unit, actor: Any) -> str:
    """The name of the unit's head as signer: the principal of a school, else the actor."""
    from thidua.accounts.models import Role, RoleAssignment

    if unit.type == UnitType.SCHOOL:
        grant = (
            RoleAssignment.objects.filter(
                unit=unit, role=Role.PRINCIPAL, user__person__isnull=False
            )
            .filter(Q(end_on__isnull=True) | Q(end_on__gte=timezone.localdate()))
            .select_related("user__person")
            .first()
        )
        if grant is not None:
            return grant.user.person.full_name
    user = _user(actor)
    if user is None:
        return ""
    if user.person_id:
        return user.person.full_name
    return user.get_full_name()


def _header_for(unit: Unit, *, kind: str, on: dt.date) -> dict[str, Any]:
    return {
        "issuer": unit,
        "kind": kind,
        "symbol": texts.symbol_for(unit),
        "place": unit.place_name or (unit.parent.place_name if unit.parent else ""),
        "parent_authority": texts.upper(unit.parent.name) if unit.parent else "",
        "issuing_body": texts.upper(unit.name),
        "authority": texts.authority_for(unit),
        "authority_level": texts.LEVELS.get(unit.type, ""),
        "legal_bases": texts.legal_bases_for(unit, on),
        "articles": texts.default_articles(kind),
        "recipients": texts.default_recipients(unit),
        "signer_title": texts.head_title(unit),
    }


def _certificate_text(proposal: Proposal) -> str:
    period = proposal.period_label
    if proposal.award in ANNUAL_TITLES:
        return f"Đã đạt danh hiệu “{label(proposal.award)}” {period}."
    if proposal.achievement_id:
        return f"Đã có thành tích {proposal.achievement.title[:1].lower()}{proposal.achievement.title[1:]}, {period}."
    return f"Đã có thành tích xuất sắc trong {period}."


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
                raise _refuse(
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
        raise _refuse(
            _(
                "Đợt xét không có đề nghị nào đã được Hội đồng thông qua và chờ quyết định của "
                "đơn vị."
            ),
            DecisionError.NOTHING_TO_DECIDE,
        )
    today = timezone.localdate()
    submissions = {p.submission.pk: p.submission for p in chosen if p.submission_id}
    decision = Decision(
        **_header_for(unit, kind=DecisionKind.AWARD, on=today),
        subject=texts.subject_for([p.award for p in chosen], nomination_round.school_year_id),
        proposal_basis=texts.proposal_basis_for(unit, submissions.values()),
        signer_name=_head_name(unit, actor),
        source_round=nomination_round,
        council_session_id=council_session_id,
        created_by=_user(actor),
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
            certificate_text=_certificate_text(proposal),
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
    decision = _locked(decision)
    _ensure_draft(decision)
    unknown = set(fields) - set(HEADER_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    before = snapshot(decision, HEADER_FIELDS)
    for name, value in fields.items():
        if name in TEXT_LIST_FIELDS:
            value = _clean_list(value)
        elif isinstance(value, str):
            value = nfc(value) if name != "reason_text" else value.strip()
        setattr(decision, name, value)
    for name, message in (
        ("subject", _("Hãy ghi trích yếu của quyết định.")),
        ("authority", _("Hãy ghi thẩm quyền ban hành.")),
        ("issuing_body", _("Hãy ghi tên cơ quan ban hành.")),
        ("symbol", _("Hãy ghi ký hiệu của quyết định.")),
    ):
        if not getattr(decision, name):
            raise field_error(name, message, DecisionError.FIELD_REQUIRED)
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


def _check_award(
    *,
    person: Any,
    award: str,
    period_from: SchoolYear | None,
    period_to: SchoolYear | None,
) -> None:
    allowed = FOR_PERSON if person is not None else FOR_COLLECTIVE
    if award not in allowed:
        raise field_error(
            "award",
            _("“%(a)s” không dùng cho %(who)s.")
            % {"a": label(award), "who": _("cá nhân") if person is not None else _("tập thể")},
            DecisionError.WRONG_SUBJECT_AWARD,
        )
    if period_from and period_to and period_from.code > period_to.code:
        raise field_error(
            "period_to",
            _("Năm học kết thúc không thể trước năm học bắt đầu."),
            DecisionError.PERIOD_ORDER,
        )
    if award in ANNUAL_TITLES and period_from and period_to and period_from.code != period_to.code:
        raise field_error(
            "period_from",
            _("Danh hiệu thi đua được xét cho từng năm học: chỉ ghi một năm học."),
            DecisionError.PERIOD_ORDER,
        )


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
    decision = _locked(line.decision)
    _ensure_draft(decision)
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
    decision = _locked(line.decision)
    _ensure_draft(decision)
    audit(actor, "decisions.line.remove", line, unit_path=decision.issuer.path, name=line.name)
    DecisionLine.objects.filter(pk=line.pk).delete()
    for number, remaining in enumerate(decision.lines.order_by("line_no"), start=1):
        if remaining.line_no != number:
            DecisionLine.objects.filter(pk=remaining.pk).update(line_no=number)
    return decision


@transaction.atomic
def decision_delete(*, actor: Any, decision: Decision) -> None:
    """Delete a draft. A signed decision is never deleted."""
    decision = _locked(decision)
    _ensure_draft(decision)
    audit(
        actor,
        "decisions.decision.delete",
        decision,
        unit_path=decision.issuer.path,
        subject=decision.subject,
    )
    decision.lines.all().delete()
    decision.delete()


# ---------------------------------------------------------------- corrections, revocations


def _ensure_target(target: Decision) -> None:
    if target.status == DecisionStatus.DRAFT:
        raise _refuse(
            _("Quyết định chưa ban hành: hãy sửa trực tiếp dự thảo."),
            DecisionError.TARGET_NOT_SIGNED,
        )
    if target.status == DecisionStatus.REVOKED:
        raise _refuse(
            _("Quyết định %(l)s đã bị hủy bỏ.") % {"l": target.label}, DecisionError.TARGET_REVOKED
        )
    if target.kind == DecisionKind.REVOCATION:
        raise _refuse(
            _("Không đính chính, hủy bỏ một quyết định hủy bỏ trên hệ thống."),
            DecisionError.TARGET_NOT_SIGNED,
        )


def _copy_header(target: Decision, *, kind: str, actor: Any) -> Decision:
    unit = target.issuer
    on = timezone.localdate()
    header = _header_for(unit, kind=kind, on=on)
    verb = "đính chính" if kind == DecisionKind.CORRECTION else "hủy bỏ khen thưởng tại"
    return Decision(
        **{
            **header,
            "parent_authority": target.parent_authority or header["parent_authority"],
            "issuing_body": target.issuing_body or header["issuing_body"],
            "authority": target.authority or header["authority"],
            "authority_level": target.authority_level,
            "place": target.place or header["place"],
            "signer_title": target.signer_title or header["signer_title"],
        },
        subject=f"Về việc {verb} Quyết định số {target.number_label}",
        proposal_basis=f"Xét đề nghị của Hội đồng Thi đua – Khen thưởng {unit.name}",
        signing_mode=target.signing_mode,
        signing_for=target.signing_for,
        signer_name=target.signer_name or _head_name(unit, actor),
        created_by=_user(actor),
    )


@transaction.atomic
def decision_correction_create(
    *, actor: Any, decision: Decision, changes: list[dict[str, Any]], reason: str
) -> Decision:
    """Draft a correcting decision: a new decision referencing `decision`, with one line per
    corrected awardee. Each change is {"line": DecisionLine, and any of name, position_unit,
    certificate_text, award, period_from, period_to}; lines that change nothing are left out.
    """
    target = _locked(decision)
    _ensure_target(target)
    if target.status == DecisionStatus.CORRECTED:
        later = target.corrections.filter(status__in=SIGNED_STATUSES).first()
        raise _refuse(
            _(
                "Quyết định %(l)s đã được đính chính bởi Quyết định %(c)s: hãy đính chính quyết "
                "định đó."
            )
            % {"l": target.label, "c": later.label if later else "—"},
            DecisionError.TARGET_CORRECTED,
        )
    reason = reason.strip()
    if len(reason) < 10:
        raise field_error(
            "reason_text",
            _("Hãy ghi nội dung, lý do đính chính (ít nhất 10 ký tự)."),
            DecisionError.FIELD_REQUIRED,
        )
    planned: list[DecisionLine] = []
    for change in changes:
        old: DecisionLine = change["line"]
        if old.decision_id != target.pk:
            raise ValueError("line of another decision")
        if old.corrected_by_id or old.revoked_by_id:
            raise _refuse(
                _("Dòng %(n)s (%(name)s) đã được đính chính hoặc hủy bỏ.")
                % {"n": old.line_no, "name": old.name},
                DecisionError.LINE_NOT_LIVE,
            )
        new = DecisionLine(
            line_no=0,
            person=old.person,
            collective=old.collective,
            name=nfc(change.get("name", old.name)) or old.name,
            position_unit=nfc(change.get("position_unit", old.position_unit)),
            award=change.get("award", old.award),
            period_from=change.get("period_from", old.period_from),
            period_to=change.get("period_to", old.period_to),
            certificate_text=str(change.get("certificate_text", old.certificate_text)).strip(),
            achievement=old.achievement,
            proposal=old.proposal,
            target=old,
        )
        if all(
            getattr(new, f if f not in ("period_from", "period_to") else f + "_id")
            == getattr(old, f if f not in ("period_from", "period_to") else f + "_id")
            for f in LINE_FIELDS
        ):
            continue
        _check_award(
            person=old.person, award=new.award, period_from=new.period_from, period_to=new.period_to
        )
        planned.append(new)
    if not planned:
        raise _refuse(
            _("Chưa có nội dung nào được sửa: quyết định đính chính phải sửa ít nhất một dòng."),
            DecisionError.NO_CHANGE,
        )
    correction = _copy_header(target, kind=DecisionKind.CORRECTION, actor=actor)
    correction.corrects = target
    correction.reason_text = reason
    correction.full_clean()
    correction.save()
    for number, line in enumerate(planned, start=1):
        line.decision = correction
        line.line_no = number
        line.full_clean()
        line.save()
    audit(
        actor,
        "decisions.decision.draft",
        correction,
        unit_path=target.issuer.path,
        corrects=target.pk,
        lines=len(planned),
    )
    return correction


@transaction.atomic
def decision_revocation_create(
    *,
    actor: Any,
    decision: Decision,
    reason: str,
    reason_text: str,
    lines: Iterable[DecisionLine] | None = None,
) -> Decision:
    """Draft a revoking decision (R-GEN-4 a–d) for all the awardees of `decision` still
    holding their award, or for the chosen lines."""
    target = _locked(decision)
    _ensure_target(target)
    if reason not in RevocationReason.values:
        raise field_error(
            "revocation_reason",
            _("Hãy chọn căn cứ hủy bỏ (điểm a–d)."),
            DecisionError.FIELD_REQUIRED,
        )
    reason_text = reason_text.strip()
    if len(reason_text) < 10:
        raise field_error(
            "reason_text",
            _("Hãy ghi rõ lý do, kết luận của cơ quan có thẩm quyền (ít nhất 10 ký tự)."),
            DecisionError.FIELD_REQUIRED,
        )
    chosen = list(lines) if lines is not None else list(target.lines.all())
    live: list[DecisionLine] = []
    for line in chosen:
        if line.decision_id != target.pk:
            raise ValueError("line of another decision")
        current = live_line(line)
        if current is not None and current not in live:
            live.append(current)
    if not live:
        raise _refuse(
            _("Không còn ai trong quyết định này đang giữ danh hiệu, hình thức khen thưởng."),
            DecisionError.TARGET_REVOKED,
        )
    revocation = _copy_header(target, kind=DecisionKind.REVOCATION, actor=actor)
    revocation.revokes = target
    revocation.revocation_reason = reason
    revocation.reason_text = reason_text
    revocation.full_clean()
    revocation.save()
    for number, old in enumerate(live, start=1):
        DecisionLine.objects.create(
            decision=revocation,
            line_no=number,
            person=old.person,
            collective=old.collective,
            name=old.name,
            position_unit=old.position_unit,
            award=old.award,
            period_from=old.period_from,
            period_to=old.period_to,
            certificate_text="",
            target=old,
        )
    audit(
        actor,
        "decisions.decision.draft",
        revocation,
        unit_path=target.issuer.path,
        revokes=target.pk,
        reason=reason,
        lines=len(live),
    )
    return revocation


# ---------------------------------------------------------------- issuing


def _line_error(line: DecisionLine, exc: ValidationError) -> ValidationError:
    return _refuse(
        _("Dòng %(n)s (%(name)s): %(m)s")
        % {"n": line.line_no, "name": line.name, "m": " ".join(exc.messages)},
        DecisionError.HISTORY_CONFLICT,
    )


def _give_certificate(line: DecisionLine, decision: Decision) -> None:
    assert decision.issued_on is not None
    line.certificate_year = decision.issued_on.year
    line.certificate_number = next_number(
        issuer=decision.issuer, year=decision.issued_on.year, series=RegisterSeries.CERTIFICATE
    )


def _issue_award(actor: Any, decision: Decision, lines: list[DecisionLine]) -> None:
    movement = decision.source_round.movement if decision.source_round_id else None
    awarded_label = f"Quyết định {decision.label} của {decision.authority}"
    for line in lines:
        if line.proposal_id and line.proposal.status != ProposalStatus.PASSED:
            raise _refuse(
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
            raise _line_error(line, exc) from exc
        line.award_record = record
        _give_certificate(line, decision)
        line.save(update_fields=["award_record", "certificate_number", "certificate_year"])
        if line.proposal_id:
            proposal_mark_awarded(actor=actor, proposal=line.proposal, decision_label=awarded_label)


def _issue_correction(actor: Any, decision: Decision, lines: list[DecisionLine]) -> None:
    target = _locked(decision.corrects)
    _ensure_target(target)
    note = f"Đính chính theo Quyết định {decision.label}"
    for line in lines:
        old = DecisionLine.objects.select_for_update().get(pk=line.target_id)
        if old.corrected_by_id or old.revoked_by_id:
            raise _refuse(
                _("Dòng %(n)s (%(name)s) của quyết định gốc đã được đính chính hoặc hủy bỏ.")
                % {"n": old.line_no, "name": old.name},
                DecisionError.LINE_NOT_LIVE,
            )
        if old.award_record_id:
            try:
                award_record_correct(
                    actor=actor,
                    record=old.award_record,
                    award=line.award,
                    period_from=line.period_from,
                    period_to=line.period_to,
                    note=note,
                )
            except ValidationError as exc:
                raise _line_error(line, exc) from exc
        line.award_record_id = old.award_record_id
        _give_certificate(line, decision)
        line.save(update_fields=["award_record", "certificate_number", "certificate_year"])
        old.corrected_by = line
        old.save(update_fields=["corrected_by", "updated_at"])
    target.status = DecisionStatus.CORRECTED
    target.corrected_at = timezone.now()
    target.save(update_fields=["status", "corrected_at", "updated_at"])
    audit(
        actor,
        "decisions.decision.corrected",
        target,
        unit_path=target.issuer.path,
        by=decision.number_label,
    )


def _all_revoked(decision: Decision) -> bool:
    return all(
        live_line(line) is None or live_line(line).revoked_by_id  # type: ignore[union-attr]
        for line in decision.lines.all()
    )


def _issue_revocation(actor: Any, decision: Decision, lines: list[DecisionLine]) -> None:
    target = _locked(decision.revokes)
    if target.status == DecisionStatus.REVOKED:
        raise _refuse(
            _("Quyết định %(l)s đã bị hủy bỏ.") % {"l": target.label}, DecisionError.TARGET_REVOKED
        )
    reference = f"{decision.number_label} ngày {decision.issued_on:%d/%m/%Y}"
    touched: dict[int, Decision] = {target.pk: target}
    for line in lines:
        old = (
            DecisionLine.objects.select_for_update(of=("self",))
            .select_related("decision")
            .get(pk=line.target_id)
        )
        if old.revoked_by_id or old.corrected_by_id:
            raise _refuse(
                _("%(name)s đã bị hủy bỏ hoặc đã được đính chính sau khi lập dự thảo.")
                % {"name": old.name},
                DecisionError.LINE_NOT_LIVE,
            )
        if old.award_record_id:
            try:
                award_record_revoke(
                    actor=actor,
                    record=old.award_record,
                    reason=decision.revocation_reason,
                    revoked_on=decision.issued_on,
                    decision=reference,
                    note=decision.reason_text[:500],
                )
            except ValidationError as exc:
                raise _line_error(line, exc) from exc
        line.award_record_id = old.award_record_id
        line.save(update_fields=["award_record"])
        old.revoked_by = decision
        old.save(update_fields=["revoked_by", "updated_at"])
        touched.setdefault(old.decision_id, old.decision)
    for affected in touched.values():
        if affected.status != DecisionStatus.REVOKED and _all_revoked(affected):
            affected.status = DecisionStatus.REVOKED
            affected.revoked_at = timezone.now()
            affected.save(update_fields=["status", "revoked_at", "updated_at"])
            audit(
                actor,
                "decisions.decision.revoked",
                affected,
                unit_path=affected.issuer.path,
                by=decision.number_label,
            )


@transaction.atomic
def decision_issue(*, actor: Any, decision: Decision, issued_on: dt.date | None = None) -> Decision:
    """Sign a draft: take the next number of the issuer's register for the year, freeze it,
    and carry it out — write the awards into the history and mark the proposals awarded
    (award), correct the history (correction) or revoke it (revocation)."""
    decision = _locked(decision)
    _ensure_draft(decision)
    lines = list(
        decision.lines.select_related(
            "person", "collective", "period_from", "period_to", "achievement", "proposal"
        )
    )
    if not lines:
        raise _refuse(_("Quyết định chưa có ai trong danh sách."), DecisionError.NO_LINES)
    for name, message in (
        ("signer_name", _("Hãy ghi họ và tên người ký.")),
        ("signer_title", _("Hãy ghi chức vụ người ký.")),
        ("subject", _("Hãy ghi trích yếu của quyết định.")),
        ("authority", _("Hãy ghi thẩm quyền ban hành.")),
        ("symbol", _("Hãy ghi ký hiệu của quyết định.")),
    ):
        if not getattr(decision, name):
            raise field_error(name, message, DecisionError.FIELD_REQUIRED)
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
    decision.issued_by = _user(actor)
    decision.issued_at = timezone.now()
    decision.full_clean()
    decision.save()
    if decision.kind == DecisionKind.AWARD:
        _issue_award(actor, decision, lines)
    elif decision.kind == DecisionKind.CORRECTION:
        _issue_correction(actor, decision, lines)
    elif decision.kind == DecisionKind.REVOCATION:
        _issue_revocation(actor, decision, lines)
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
