"""Rule modules; importing them registers every rule (order = order of the findings)."""

from . import collective, common, individual, student  # noqa: F401
