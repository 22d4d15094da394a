from django.apps import AppConfig


class HonorwallConfig(AppConfig):
    name = "thidua.honorwall"
    label = "honorwall"
    verbose_name = "Bảng vinh danh"

    def ready(self) -> None:
        from . import policies, services  # noqa: F401
