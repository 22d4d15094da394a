from django.urls import path

from . import views

app_name = "org"
urlpatterns = [
    path("units/", views.unit_list, name="unit_list"),
    path("units/<str:code>/", views.unit_detail, name="unit_detail"),
    path("units/<str:code>/edit/", views.unit_edit_view, name="unit_edit"),
    path("units/<str:code>/add/", views.unit_create_view, name="unit_create"),
    path("school-years/", views.school_year_list, name="school_year_list"),
]
