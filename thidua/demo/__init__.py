"""Demo data: `thidua demo` loads it idempotently and prints the demo logins.

The foundation loader builds units, people and logins; then every installed domain app that
has a `demo` module gets its `load(today)` called, in INSTALLED_APPS order (lower domains
first), so each domain adds its own demo content without touching a shared file.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from . import foundation
from .foundation import DEMO_PASSWORD, Login


def domain_loaders() -> list:
    loaders = []
    for config in apps.get_app_configs():
        if not config.name.startswith("thidua."):
            continue
        module_name = f"{config.name}.demo"
        if importlib.util.find_spec(module_name) is not None:
            loaders.append(importlib.import_module(module_name).load)
    return loaders


@transaction.atomic
def load_demo(today: dt.date | None = None) -> list[Login]:
    """Load the foundation and then each domain's demo content; return the demo logins."""
    today = today or timezone.localdate()
    logins = foundation.load(today)
    for loader in domain_loaders():
        logins.extend(loader(today) or [])
    return logins


__all__ = ["DEMO_PASSWORD", "Login", "load_demo"]
