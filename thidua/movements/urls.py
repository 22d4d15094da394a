from django.urls import path

from . import views

app_name = "movements"
urlpatterns = [
    path("", views.movement_list, name="movement_list"),
    path("new/", views.movement_create, name="movement_create"),
    path("<int:pk>/", views.movement_detail, name="movement_detail"),
    path("<int:pk>/edit/", views.movement_edit, name="movement_edit"),
    path("<int:pk>/launch/", views.movement_launch, name="movement_launch"),
    path("<int:pk>/status/", views.movement_transition, name="movement_transition"),
    path("<int:pk>/phases/add/", views.phase_add, name="phase_add"),
    path("<int:pk>/criteria/add/", views.criterion_add, name="criterion_add"),
    path("<int:pk>/targets/add/", views.target_add, name="target_add"),
    path("phases/<int:pk>/delete/", views.phase_delete, name="phase_delete"),
    path("criteria/<int:pk>/delete/", views.criterion_delete, name="criterion_delete"),
    path("targets/<int:pk>/", views.target_detail, name="target_detail"),
    path("targets/<int:pk>/delete/", views.target_delete, name="target_delete"),
    path("progress/<int:pk>/delete/", views.progress_delete, name="progress_delete"),
    path("adoptions/<int:pk>/adopt/", views.adoption_adopt, name="adoption_adopt"),
]
