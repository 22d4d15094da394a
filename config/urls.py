from django.conf import settings
from django.conf.urls.i18n import i18n_patterns  # noqa: F401  (language is chosen by cookie)
from django.urls import include, path
from django.views.i18n import set_language

from thidua.web.admin_site import restrict_admin_to_system_admins

restrict_admin_to_system_admins()

from django.contrib import admin  # noqa: E402

from thidua.ballots.views import vote_by_code  # noqa: E402

urlpatterns = [
    # First, so that a city's ballots by code resolve without walking every app's routes
    # (the same view as "ballots:vote_code", which links and reverse() use).
    path("ballots/v/<str:code>/", vote_by_code),
    path("admin/", admin.site.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("thidua.accounts.urls")),
    path("org/", include("thidua.org.urls")),
    path("people/", include("thidua.people.urls")),
    path("movements/", include("thidua.movements.urls")),
    path("registrations/", include("thidua.registrations.urls")),
    path("evidence/", include("thidua.evidence.urls")),
    path("achievements/", include("thidua.achievements.urls")),
    path("eligibility/", include("thidua.eligibility.urls")),
    path("nominations/", include("thidua.nominations.urls")),
    path("councils/", include("thidua.councils.urls")),
    path("decisions/", include("thidua.decisions.urls")),
    path("ballots/", include("thidua.ballots.urls")),
    path("honors/", include("thidua.honors.urls")),
    path("wall/", include("thidua.honorwall.urls")),
    path("documents/", include("thidua.documents.urls")),
    path("", include("thidua.web.urls")),
]

handler400 = "thidua.web.views.error_400"
handler403 = "thidua.web.views.error_403"
handler404 = "thidua.web.views.error_404"
handler500 = "thidua.web.views.error_500"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
