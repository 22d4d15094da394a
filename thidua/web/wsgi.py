"""The WSGI application, with a lean lane for casting a ballot by code.

In a flag-ceremony week a whole city's students post ballots to /ballots/v/<code>/ within
minutes. That request needs no session, login, messages or CSRF cookie (the one-time code is
the credential), so it runs through a shorter middleware chain — the same view, the same
security headers (SecurityMiddleware, X-Frame-Options, CSP) and language — while every other
request uses the full chain of settings.MIDDLEWARE.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler

VOTE_PATH = re.compile(r"^/ballots/v/[A-Za-z0-9-]{1,20}/$")


class LeanHandler(WSGIHandler):
    def load_middleware(self, is_async: bool = False) -> None:
        full = settings.MIDDLEWARE
        try:
            settings.MIDDLEWARE = settings.VOTE_MIDDLEWARE
            super().load_middleware(is_async)
        finally:
            settings.MIDDLEWARE = full


def build_application() -> Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]:
    import django

    django.setup(set_prefix=False)
    full = WSGIHandler()
    lean = LeanHandler()

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if environ.get("REQUEST_METHOD") == "POST" and VOTE_PATH.match(
            environ.get("PATH_INFO", "")
        ):
            return lean(environ, start_response)
        return full(environ, start_response)

    return application
