"""Correcting and revoking decisions: each is a new numbered decision that references the
old one. Drafted here; issued by `services.decision_issue`, which calls `issue_correction` or
`issue_revocation` to change the old decision and the award history."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.achievements.models import RevocationReason
from thidua.achievements.services import (
    award_record_correct,
    award_record_revoke,
)
from thidua.core.audit import audit
from thidua.core.errors import field_error
from thidua.core.vietnamese import nfc

from .common import (
    LINE_FIELDS,
    check_award,
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
    SIGNED_STATUSES,
    Decision,
    DecisionKind,
    DecisionLine,
    DecisionStatus,
)
from .selectors import live_line


def _ensure_target(target: Decision) -> None:
    if target.status == DecisionStatus.DRAFT:
        raise refuse(
            _("Quyết định chưa ban hành: hãy sửa trực tiếp dự thảo."),
            DecisionError.TARGET_NOT_SIGNED,
        )
    if target.status == DecisionStatus.REVOKED:
        raise refuse(
            _("Quyết định %(l)s đã bị hủy bỏ.") % {"l": target.label}, DecisionError.TARGET_REVOKED
        )
    if target.kind == DecisionKind.REVOCATION:
        raise refuse(
            _("Không đính chính, hủy bỏ một quyết định hủy bỏ trên hệ thống."),
            DecisionError.TARGET_NOT_SIGNED,
        )


def _copy_header(target: Decision, *, kind: str, actor: Any) -> Decision:
    unit = target.issuer
    on = timezone.localdate()
    header = header_for(unit, kind=kind, on=on)
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
        signer_name=target.signer_name or head_name(unit, actor),
        created_by=user_or_none(actor),
    )


@transaction.atomic
def decision_correction_create(
    *, actor: Any, decision: Decision, changes: list[dict[str, Any]], reason: str
) -> Decision:
    """Draft a correcting decision: a new decision referencing `decision`, with one line per
    corrected awardee. Each change is {"line": DecisionLine, and any of name, position_unit,
    certificate_text, award, period_from, period_to}; lines that change nothing are left out.
    """
    target = locked(decision)
    _ensure_target(target)
    if target.status == DecisionStatus.CORRECTED:
        later = target.corrections.filter(status__in=SIGNED_STATUSES).first()
        raise refuse(
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
            raise refuse(
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
        check_award(
            person=old.person, award=new.award, period_from=new.period_from, period_to=new.period_to
        )
        planned.append(new)
    if not planned:
        raise refuse(
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
    target = locked(decision)
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
        raise refuse(
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


# ---------------------------------------------------------------- carried out when issued


def issue_correction(actor: Any, decision: Decision, lines: list[DecisionLine]) -> None:
    target = locked(decision.corrects)
    _ensure_target(target)
    note = f"Đính chính theo Quyết định {decision.label}"
    for line in lines:
        old = DecisionLine.objects.select_for_update().get(pk=line.target_id)
        if old.corrected_by_id or old.revoked_by_id:
            raise refuse(
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
                raise line_error(line, exc) from exc
        line.award_record_id = old.award_record_id
        give_certificate(line, decision)
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
    return all(live_line(line) is None for line in decision.lines.all())


def issue_revocation(actor: Any, decision: Decision, lines: list[DecisionLine]) -> None:
    target = locked(decision.revokes)
    if target.status == DecisionStatus.REVOKED:
        raise refuse(
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
            raise refuse(
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
                raise line_error(line, exc) from exc
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
