from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MovementsConfig(AppConfig):
    name = "thidua.movements"
    label = "movements"
    verbose_name = "Phong trào thi đua"

    def ready(self) -> None:
        from thidua.accounts.policy import may
        from thidua.core.audit import register_actions
        from thidua.web.navigation import register

        from . import policies  # noqa: F401
        from .services import AUDIT_ACTIONS

        register_actions(AUDIT_ACTIONS)
        register(
            _("Phong trào"),
            "movements:movement_list",
            order=30,
            visible=lambda user: may(user, "movements.movement.list"),
        )
