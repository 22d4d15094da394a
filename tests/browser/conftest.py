"""Browser tests: headless Debian Chromium driven by Playwright (no browser download)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

# The nomination path's fixtures (staff with records, the school's council).
from thidua.nominations.tests.conftest import council, staff  # noqa: F401

# Playwright's sync API keeps an event loop running in the test thread; the ORM calls the
# tests make to set up and check data are plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("THIDUA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server):  # noqa: ANN001, ANN201
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15000)
    tab = context.new_page()
    tab.base_url = live_server.url
    yield tab
    context.close()


def login(page, username: str, password: str = "Matkhau@123") -> None:  # noqa: ANN001
    page.goto(f"{page.base_url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{page.base_url}/")
