"""Slow down code guessing: too many wrong codes from one address are refused for a while."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest

LIMIT = 30
WINDOW_SECONDS = 600


def _key(request: HttpRequest) -> str:
    return f"ballots:bad-codes:{request.META.get('REMOTE_ADDR', '?')}"


def blocked(request: HttpRequest) -> bool:
    return (cache.get(_key(request)) or 0) >= LIMIT


def record_failure(request: HttpRequest) -> None:
    key = _key(request)
    if cache.add(key, 1, WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, WINDOW_SECONDS)
