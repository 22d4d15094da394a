from django.urls import path

from . import views

app_name = "achievements"
urlpatterns = [
    path("", views.record_list, name="record_list"),
    path("people/<int:pk>/", views.person_record_view, name="person_record"),
    path("units/<str:code>/", views.collective_record_view, name="collective_record"),
    path("people/<int:pk>/awards/add/", views.award_add, name="person_award_add"),
    path("units/<str:code>/awards/add/", views.award_add, name="collective_award_add"),
    path("awards/<int:pk>/revoke/", views.award_revoke, name="award_revoke"),
    path("awards/<int:pk>/delete/", views.award_delete, name="award_delete"),
    path("people/<int:pk>/achievements/add/", views.achievement_add, name="person_achievement_add"),
    path(
        "units/<str:code>/achievements/add/",
        views.achievement_add,
        name="collective_achievement_add",
    ),
    path("achievements/<int:pk>/delete/", views.achievement_delete, name="achievement_delete"),
    path("people/<int:pk>/initiatives/add/", views.initiative_add, name="initiative_add"),
    path("initiatives/<int:pk>/delete/", views.initiative_delete, name="initiative_delete"),
    path("people/<int:pk>/research/add/", views.research_add, name="research_add"),
    path("research/<int:pk>/delete/", views.research_delete, name="research_delete"),
    path("imports/<int:pk>/confirm/", views.record_import_confirm, name="record_import_confirm"),
    path("imports/<str:code>/<str:kind>/", views.record_import, name="record_import"),
]
