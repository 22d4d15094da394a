"""Number registers (sổ đăng ký): the next decision or certificate number of an issuer."""

from __future__ import annotations

from django.db import transaction

from thidua.org.models import Unit

from .models import NumberRegister


@transaction.atomic
def next_number(*, issuer: Unit, year: int, series: str) -> int:
    """Take the next number of the issuer's register for the year, under a row lock.

    The register row is created on first use; a concurrent first use is resolved by the
    unique constraint (get_or_create retries the read), then the row is locked so that
    two transactions never receive the same number.
    """
    NumberRegister.objects.get_or_create(issuer=issuer, year=year, series=series)
    register = NumberRegister.objects.select_for_update().get(
        issuer=issuer, year=year, series=series
    )
    register.last += 1
    register.save(update_fields=["last"])
    return register.last
