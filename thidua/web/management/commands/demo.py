"""`thidua demo`: load the demo data (idempotent) and print the demo logins."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from thidua.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (chạy lại nhiều lần không tạo trùng) và in các tài khoản dùng thử."

    def handle(self, *args: Any, **options: Any) -> None:
        logins = load_demo()
        width = max(len(login.username) for login in logins)
        self.stdout.write(
            self.style.SUCCESS(
                f"Dữ liệu mẫu đã sẵn sàng. Tài khoản dùng thử (mật khẩu chung: {DEMO_PASSWORD}):"
            )
        )
        for login in logins:
            self.stdout.write(
                f"  {login.username.ljust(width)}  {login.role} – {login.unit}"
                + (f" ({login.name})" if login.name else "")
            )
