from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HonorsConfig(AppConfig):
    name = "thidua.honors"
    label = "honors"
    verbose_name = "Vinh danh học sinh"

    def ready(self) -> None:
        from thidua.accounts.models import Role
        from thidua.accounts.policy import has_role
        from thidua.web.navigation import register

        from . import ceremonies, outreach, policies, services  # noqa: F401

        register(
            _("Vinh danh học sinh"),
            "honors:home",
            order=40,
            visible=lambda user: has_role(
                user,
                Role.PRINCIPAL,
                Role.VICE_PRINCIPAL,
                Role.YOUNG_PIONEERS_LEADER,
                Role.HOMEROOM_TEACHER,
                Role.STAFF,
                Role.SYSTEM_ADMIN,
                Role.STUDENT,
            ),
        )
        register(
            _("Gương học sinh các trường"),
            "honors:exemplar_inbox",
            order=45,
            visible=lambda user: has_role(user, Role.DISTRICT_OFFICER, Role.DOE_OFFICER),
        )
