"""The nomination fixtures (staff with records, an open round, the school's council)."""

from thidua.nominations.tests.conftest import council, nomination_round, staff  # noqa: F401
