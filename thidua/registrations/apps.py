from django.apps import AppConfig


class RegistrationsConfig(AppConfig):
    name = "thidua.registrations"
    label = "registrations"
    verbose_name = "Đăng ký thi đua"
