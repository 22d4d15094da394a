from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "thidua.registrations"
    label = "registrations"
    verbose_name = "Đăng ký thi đua"

    def ready(self) -> None:
        from thidua.accounts.policy import may
        from thidua.core.audit import register_actions
        from thidua.web.navigation import register

        from . import policies  # noqa: F401
        from .registry import register_hooks
        from .services import AUDIT_ACTIONS

        register_actions(AUDIT_ACTIONS)
        register_hooks()
        register(
            _("Đăng ký thi đua"),
            "registrations:home",
            order=32,
            visible=lambda user: may(user, "registrations.menu"),
        )
