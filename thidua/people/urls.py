from django.urls import path

from . import record_views, views

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
    # yearly emulation records
    path("staff/<int:pk>/ratings/add/", record_views.rating_add, name="rating_add"),
    path(
        "units/<str:code>/ratings/add/",
        record_views.collective_rating_add,
        name="collective_rating_add",
    ),
    path("ratings/<int:pk>/delete/", record_views.rating_delete, name="rating_delete"),
    path("staff/<int:pk>/discipline/add/", record_views.discipline_add, name="discipline_add"),
    path("discipline/<int:pk>/delete/", record_views.discipline_delete, name="discipline_delete"),
    path("staff/<int:pk>/pending/add/", record_views.pending_add, name="pending_add"),
    path(
        "units/<str:code>/pending/add/",
        record_views.collective_pending_add,
        name="collective_pending_add",
    ),
    path("pending/<int:pk>/close/", record_views.pending_close, name="pending_close"),
    path("pending/<int:pk>/delete/", record_views.pending_delete, name="pending_delete"),
    path("staff/<int:pk>/leave/add/", record_views.leave_add, name="leave_add"),
    path("leave/<int:pk>/delete/", record_views.leave_delete, name="leave_delete"),
    path("staff/<int:pk>/training/add/", record_views.training_add, name="training_add"),
    path("training/<int:pk>/delete/", record_views.training_delete, name="training_delete"),
    path(
        "staff/<int:pk>/transfer-comment/add/",
        record_views.transfer_comment_add,
        name="transfer_comment_add",
    ),
]
