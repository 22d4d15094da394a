from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("staff/<int:pk>/edit/", views.staff_edit, name="staff_edit"),
    path("staff/<int:pk>/transfer/", views.staff_transfer_view, name="staff_transfer"),
    path("staff/<int:pk>/account/", views.staff_account_create, name="staff_account_create"),
    path("units/<str:code>/staff/add/", views.staff_create_view, name="staff_create"),
    path("units/<str:code>/staff/import/", views.staff_import, name="staff_import"),
    path("units/<str:code>/students/", views.student_list, name="student_list"),
    path("units/<str:code>/students/add/", views.student_create_view, name="student_create"),
    path("units/<str:code>/students/import/", views.student_import, name="student_import"),
    path("students/<int:pk>/", views.student_detail, name="student_detail"),
    path("students/<int:pk>/edit/", views.student_edit, name="student_edit"),
    path("imports/<int:pk>/confirm/", views.import_confirm, name="import_confirm"),
]
