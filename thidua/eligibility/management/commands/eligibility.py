"""``python manage.py eligibility check [-v] PATH…`` — the same command as
``thidua eligibility check PATH…``: same output, same exit status (0 all pass, 1 some fail,
2 malformed), no database needed."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.eligibility.scenarios import main as check

USAGE = "usage: manage.py eligibility check [-v] PATH…"


class Command(BaseCommand):
    help = "Chạy các tệp kịch bản xét điều kiện: eligibility check [-v] PATH…"
    # The scenario runner needs neither the database nor the other apps' checks.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("words", nargs="*", help="check [-v] PATH…")

    def run_from_argv(self, argv: list[str]) -> None:
        # Pass the words through untouched (Django's own -v would take the next word as a
        # verbosity level), then exit with the runner's status like the `thidua` command.
        words = argv[2:]
        if not words or words[0] != "check":
            self.stderr.write(USAGE)
            sys.exit(2)
        sys.exit(check(words[1:], sys.stdout))

    def handle(self, *args: Any, **options: Any) -> None:
        words = list(options.get("words") or args)
        if not words or words[0] != "check":
            raise CommandError(USAGE, returncode=2)
        code = check(words[1:], self.stdout._out)
        if code:
            raise CommandError(f"exit status {code}", returncode=code)
