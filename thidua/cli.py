"""The `thidua` command: wraps Django's management commands.

thidua demo
thidua import staff FILE --unit CODE
thidua import students FILE --school CODE --year 2024-2025
thidua eligibility check PATH…        (no database needed)
thidua migrate | runserver | …        (any management command)
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:2] == ["eligibility", "check"]:
        from thidua.eligibility.scenarios import main as check

        return check(args[2:], sys.stdout)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["thidua", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
