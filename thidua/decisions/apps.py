from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "thidua.decisions"
    label = "decisions"
    verbose_name = "Quyết định khen thưởng"

    def ready(self) -> None:
        from thidua.accounts.policy import may
        from thidua.core.audit import register_actions
        from thidua.web.navigation import register

        from . import policies  # noqa: F401
        from .services import AUDIT_ACTIONS

        register_actions(AUDIT_ACTIONS)
        register(
            _("Quyết định khen thưởng"),
            "decisions:list",
            order=46,
            visible=lambda user: may(user, "decisions.menu"),
        )
