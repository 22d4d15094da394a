from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "thidua.people"
    label = "people"
    verbose_name = "Cán bộ và học sinh"

    def ready(self) -> None:
        from . import policies  # noqa: F401
