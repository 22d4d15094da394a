from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "thidua.evidence"
    label = "evidence"
    verbose_name = "Minh chứng"
