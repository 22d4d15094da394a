from django.urls import path

from . import views

app_name = "eligibility"
urlpatterns = [
    path("", views.unit_view, name="unit"),
    path("run/", views.unit_checks_run, name="unit_run"),
    path("people/<int:pk>/", views.person_view, name="person"),
    path("people/<int:pk>/checks/", views.person_check_run, name="person_check_run"),
    path("checks/<int:pk>/", views.check_detail, name="check_detail"),
    path("parameters/", views.parameters_view, name="parameters"),
]
