from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "thidua.people"
    label = "people"
    verbose_name = "Cán bộ và học sinh"

    def ready(self) -> None:
        from thidua.core.audit import register_actions

        from . import policies  # noqa: F401
        from .record_services import AUDIT_ACTIONS

        register_actions(AUDIT_ACTIONS)
