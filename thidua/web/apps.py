from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "thidua.web"
    label = "web"
    verbose_name = "Giao diện"

    def ready(self) -> None:
        from . import policies  # noqa: F401
