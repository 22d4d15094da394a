"""Demo data: `thidua demo` loads it idempotently and prints the demo logins."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from . import foundation
from .foundation import DEMO_PASSWORD, Login

LOADERS = [foundation.load]


@transaction.atomic
def load_demo(today: dt.date | None = None) -> list[Login]:
    """Run every domain's demo loader in order; the first one returns the logins."""
    logins: list[Login] = []
    for loader in LOADERS:
        result = loader(today)
        if result:
            logins.extend(result)
    return logins


__all__ = ["DEMO_PASSWORD", "Login", "load_demo"]
