from django.apps import AppConfig


class HonorsConfig(AppConfig):
    name = "thidua.honors"
    label = "honors"
    verbose_name = "Vinh danh học sinh"
