"""Every page reachable by following links, for each demo role, answers without a server
error, and no page links to something the reader may not open (403) or that is gone (404).

The crawl starts at the home page of each demo login and follows same-site links (GET
only), visiting at most a few pages of each URL shape so that it covers the breadth of the
site rather than a thousand dossiers of one list.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, deque

import pytest
from django.test import Client

from thidua.demo import load_demo

TODAY = dt.date(2026, 11, 23)
ROLES = [
    "admin",
    "so.chuyenvien",
    "pgd.quan5",
    "ht.tranboico",
    "hd.tranboico",
    "tt.tranboico",
    "gvcn.tranboico",
    "cd.tranboico",
    "gv.tranboico",
    "hs.tranboico",
]
PER_SHAPE = 2
LIMIT = 220
HREF = re.compile(r'href="(/[^"#]*)"')
# downloads are checked by their own tests; logout ends the crawl; admin is Django's
SKIP = re.compile(
    r"^/(accounts/logout|static|media|i18n|admin)/|\.(pdf|docx|xlsx|zip|png|jpg)$|"
    r"/(download|export|pdf|docx|zip|print|codes|minutes|certificates?)(/|$)"
)


def _shape(url: str) -> str:
    path, _sep, query = url.partition("?")
    keys = sorted(k.split("=")[0] for k in query.split("&") if k)
    return re.sub(r"/\d+/", "/N/", path) + str(keys)


def _crawl(client: Client) -> tuple[int, list[tuple[str, int, str]]]:
    seen: set[str] = set()
    shapes: Counter[str] = Counter()
    queue: deque[tuple[str, str]] = deque([("/", "")])
    problems: list[tuple[str, int, str]] = []
    visited = 0
    while queue and visited < LIMIT:
        url, source = queue.popleft()
        if url in seen or SKIP.search(url.split("?")[0]):
            continue
        seen.add(url)
        shape = _shape(url)
        if shapes[shape] >= PER_SHAPE:
            continue
        shapes[shape] += 1
        response = client.get(url)
        visited += 1
        if response.status_code >= 400 and response.status_code != 405:
            problems.append((url, response.status_code, source))
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            for link in HREF.findall(response.content.decode()):
                link = link.replace("&amp;", "&")
                if link not in seen:
                    queue.append((link, url))
    return visited, problems


@pytest.mark.django_db
def test_every_linked_page_opens_for_every_demo_role():
    # given: the demo data as `make run` loads it
    load_demo(today=TODAY)
    report = {}
    for username in ROLES:
        client = Client(raise_request_exception=False)
        response = client.post(
            "/accounts/login/", {"username": username, "password": "Thidua@2024"}
        )
        assert response.status_code == 302, username
        # when
        visited, problems = _crawl(client)
        report[username] = problems
        # then: the crawl reached a real part of the site
        assert visited >= (5 if username == "hs.tranboico" else 40), (username, visited)
    assert report == {u: [] for u in ROLES}
