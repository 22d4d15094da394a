from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EligibilityConfig(AppConfig):
    name = "thidua.eligibility"
    label = "eligibility"
    verbose_name = "Xét điều kiện danh hiệu, khen thưởng"

    def ready(self) -> None:
        from thidua.accounts.policy import may
        from thidua.achievements.record_hooks import register_person_context
        from thidua.core.audit import register_actions
        from thidua.web.navigation import register

        from . import checks, policies  # noqa: F401  (system check and actions)
        from .services import AUDIT_ACTIONS
        from .views import person_panel

        register_actions(AUDIT_ACTIONS)
        register_person_context(person_panel)
        register(
            _("Xét điều kiện"),
            "eligibility:unit",
            order=36,
            visible=lambda user: may(user, "eligibility.unit.view"),
        )
