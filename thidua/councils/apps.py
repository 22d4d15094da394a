from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "thidua.councils"
    label = "councils"
    verbose_name = "Hội đồng Thi đua – Khen thưởng"

    def ready(self) -> None:
        from thidua.accounts.policy import may
        from thidua.web.navigation import register

        from . import policies, services  # noqa: F401

        # The menu shows to every member of staff (any role that may see a council).
        register(
            _("Hội đồng TĐKT"),
            "councils:home",
            order=44,
            visible=lambda user: may(user, "councils.council.view"),
        )
