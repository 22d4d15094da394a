from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AchievementsConfig(AppConfig):
    name = "thidua.achievements"
    label = "achievements"
    verbose_name = "Thành tích và khen thưởng"

    def ready(self) -> None:
        from thidua.accounts.policy import may
        from thidua.core.audit import register_actions
        from thidua.web.navigation import register

        from . import policies  # noqa: F401
        from .registry import register_targets
        from .services import AUDIT_ACTIONS

        register_actions(AUDIT_ACTIONS)
        register_targets()
        register(
            _("Hồ sơ thi đua"),
            "achievements:record_list",
            order=34,
            visible=lambda user: may(user, "achievements.record.menu"),
        )
