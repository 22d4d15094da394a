from django.apps import AppConfig


class HonorwallConfig(AppConfig):
    name = "thidua.honorwall"
    label = "honorwall"
    verbose_name = "Bảng vinh danh"
