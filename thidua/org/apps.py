from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "thidua.org"
    label = "org"
    verbose_name = "Đơn vị"

    def ready(self) -> None:
        from . import policies  # noqa: F401  (registers the unit actions)
