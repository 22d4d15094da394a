"""The kinds of record evidence can be attached to, registered by the apps that own them.

An app above this one (achievements, registrations) registers its models in its
AppConfig.ready(): how to tell whether a user may attach evidence to a record, the
context the evidence takes from it (unit, person, year, movement, criterion) and where
to go back to. The upload page is then the same for every kind of record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models

from .services import EvidenceContext


@dataclass(frozen=True)
class TargetKind:
    slug: str
    model: type[models.Model]
    label: Any
    can_attach: Callable[[Any, Any], bool]
    context: Callable[[Any], EvidenceContext]
    back_url: Callable[[Any], str]
    describe: Callable[[Any], str] = str


TARGETS: dict[str, TargetKind] = {}


def register(
    slug: str,
    model: type[models.Model],
    *,
    label: Any,
    can_attach: Callable[[Any, Any], bool],
    context: Callable[[Any], EvidenceContext],
    back_url: Callable[[Any], str],
    describe: Callable[[Any], str] = str,
) -> None:
    """Let evidence be attached to rows of `model` at /evidence/add/<slug>/<pk>/."""
    TARGETS[slug] = TargetKind(slug, model, label, can_attach, context, back_url, describe)


def slug_for(obj: models.Model) -> str | None:
    for slug, kind in TARGETS.items():
        if isinstance(obj, kind.model):
            return slug
    return None
