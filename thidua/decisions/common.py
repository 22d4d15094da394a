"""Helpers shared by the decision services (drafting, issuing, amending)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.achievements.catalog import ANNUAL_TITLES, FOR_COLLECTIVE, FOR_PERSON, label
from thidua.core.errors import field_error
from thidua.core.vietnamese import nfc
from thidua.nominations.models import Proposal
from thidua.org.models import SchoolYear, Unit, UnitType

from . import texts
from .errors import DecisionError
from .models import (
    Decision,
    DecisionLine,
    DecisionStatus,
    RegisterSeries,
)
from .numbering import next_number

LINE_FIELDS = ["name", "position_unit", "certificate_text", "award", "period_from", "period_to"]


def user_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def refuse(message: Any, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def frozen_error(decision: Decision) -> ValidationError:
    return refuse(
        _(
            "Quyết định %(label)s đã ban hành nên không thể sửa, ban hành lại hoặc xóa. Muốn "
            "thay đổi nội dung, hãy ban hành quyết định đính chính; muốn hủy bỏ khen thưởng, "
            "hãy ban hành quyết định hủy bỏ."
        )
        % {"label": decision.label},
        DecisionError.FROZEN,
    )


def locked(decision: Decision) -> Decision:
    return (
        Decision.objects.select_for_update(of=("self",))
        .select_related("issuer", "issuer__parent", "corrects", "revokes", "source_round")
        .get(pk=decision.pk)
    )


def ensure_draft(decision: Decision) -> None:
    if decision.status != DecisionStatus.DRAFT:
        raise frozen_error(decision)


def clean_list(values: Iterable[Any]) -> list[str]:
    return [nfc(v).rstrip(";") for v in values if nfc(v)]


def head_name(unit: Unit, actor: Any) -> str:
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
    user = user_or_none(actor)
    if user is None:
        return ""
    if user.person_id:
        return user.person.full_name
    return user.get_full_name()


def header_for(unit: Unit, *, kind: str, on: dt.date) -> dict[str, Any]:
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


def certificate_text_for(proposal: Proposal) -> str:
    period = proposal.period_label
    if proposal.award in ANNUAL_TITLES:
        return f"Đã đạt danh hiệu “{label(proposal.award)}” {period}."
    if proposal.achievement_id:
        return f"Đã có thành tích {proposal.achievement.title[:1].lower()}{proposal.achievement.title[1:]}, {period}."
    return f"Đã có thành tích xuất sắc trong {period}."


def check_award(
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


def line_error(line: DecisionLine, exc: ValidationError) -> ValidationError:
    return refuse(
        _("Dòng %(n)s (%(name)s): %(m)s")
        % {"n": line.line_no, "name": line.name, "m": " ".join(exc.messages)},
        DecisionError.HISTORY_CONFLICT,
    )


def give_certificate(line: DecisionLine, decision: Decision) -> None:
    assert decision.issued_on is not None
    line.certificate_year = decision.issued_on.year
    line.certificate_number = next_number(
        issuer=decision.issuer, year=decision.issued_on.year, series=RegisterSeries.CERTIFICATE
    )
