from django.apps import AppConfig


class AchievementsConfig(AppConfig):
    name = "thidua.achievements"
    label = "achievements"
    verbose_name = "Thành tích, sáng kiến"
