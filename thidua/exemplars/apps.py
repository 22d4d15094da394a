from django.apps import AppConfig


class ExemplarsConfig(AppConfig):
    name = "thidua.exemplars"
    label = "exemplars"
    verbose_name = "Gương điển hình"
