from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NominationsConfig(AppConfig):
    name = "thidua.nominations"
    label = "nominations"
    verbose_name = "Đề nghị khen thưởng"

    def ready(self) -> None:
        from thidua.accounts.policy import may
        from thidua.web.navigation import register

        from . import policies, services  # noqa: F401

        register(
            _("Đề nghị khen thưởng"),
            "nominations:home",
            order=42,
            visible=lambda user: may(user, "nominations.menu"),
        )
