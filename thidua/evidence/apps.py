from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "thidua.evidence"
    label = "evidence"
    verbose_name = "Minh chứng"

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
            _("Kho minh chứng"),
            "evidence:archive_index",
            order=38,
            visible=lambda user: may(user, "evidence.archive.list"),
        )
