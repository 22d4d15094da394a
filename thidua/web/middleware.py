"""Vietnamese unless the user picked English with the language switch.

Django's LocaleMiddleware would follow the browser's Accept-Language header, and many
Vietnamese teachers use browsers set to English; the interface must still open in Vietnamese.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

SUPPORTED = {code for code, _name in settings.LANGUAGES}


class CookieLocaleMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in SUPPORTED else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch = response.headers.get("Vary", "")
        if "Cookie" not in patch:
            response.headers["Vary"] = f"{patch}, Cookie" if patch else "Cookie"
        translation.deactivate()
        return response


class FixedCSPMiddleware:
    """The site's Content-Security-Policy, built once: for the lean ballot lane, whose pages
    use no nonce, so the policy is the same on every response (django-csp would rebuild it
    for each one)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        from csp.constants import HEADER
        from csp.utils import build_policy

        self.get_response = get_response
        self.header = HEADER
        self.policy = build_policy()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault(self.header, self.policy)
        return response
