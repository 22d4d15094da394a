from django.urls import path

from . import views

app_name = "registrations"
urlpatterns = [
    path("", views.home, name="home"),
    path("open/", views.list_open, name="list_open"),
    path("summary/", views.summary, name="summary"),
    path("lists/<int:pk>/", views.list_detail, name="list_detail"),
    path("lists/<int:pk>/deadline/", views.list_deadline, name="list_deadline"),
    path("lists/<int:pk>/consolidate/", views.list_consolidate, name="list_consolidate"),
    path("lists/<int:pk>/lock/", views.list_lock, name="list_lock"),
    path("lists/<int:pk>/reopen/", views.list_reopen, name="list_reopen"),
    path("lists/<int:pk>/new/", views.registration_new, name="registration_new"),
    path("lists/<int:pk>/import/", views.list_import, name="list_import"),
    path(
        "lists/<int:pk>/import/<int:job_pk>/confirm/",
        views.list_import_confirm,
        name="list_import_confirm",
    ),
    path("<int:pk>/", views.registration_detail, name="registration_detail"),
    path("<int:pk>/edit/", views.registration_edit, name="registration_edit"),
    path("<int:pk>/submit/", views.registration_submit, name="registration_submit"),
    path("<int:pk>/accept/", views.registration_accept, name="registration_accept"),
    path("<int:pk>/return/", views.registration_return, name="registration_return"),
    path("<int:pk>/delete/", views.registration_delete, name="registration_delete"),
]
