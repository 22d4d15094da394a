from django.urls import path

from . import views

app_name = "evidence"
urlpatterns = [
    path("add/<slug:slug>/<int:pk>/", views.evidence_add, name="add"),
    path("criteria/<int:pk>/add/", views.criterion_evidence_add, name="criterion_add"),
    path("<int:pk>/file/", views.evidence_download, name="download"),
    path("<int:pk>/delete/", views.evidence_remove, name="delete"),
    path("archive/", views.archive_index, name="archive_index"),
    path("archive/<int:pk>/", views.archive, name="archive"),
    path("archive/<int:pk>/zip/", views.archive_zip, name="archive_zip"),
]
