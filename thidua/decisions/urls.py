from django.urls import path

from . import document_views, import_views, views

app_name = "decisions"
urlpatterns = [
    path("", views.decision_list, name="list"),
    path("new/", views.draft_from_round, name="draft_from_round"),
    path("import/", import_views.import_upload, name="import"),
    path("import/<int:pk>/confirm/", import_views.import_confirm, name="import_confirm"),
    path("verify/<str:token>/", document_views.verify, name="verify"),
    path("<int:pk>/", views.decision_detail, name="detail"),
    path("<int:pk>/edit/", views.decision_edit, name="edit"),
    path("<int:pk>/issue/", views.decision_issue, name="issue"),
    path("<int:pk>/delete/", views.decision_delete, name="delete"),
    path("<int:pk>/correct/", views.decision_correct, name="correct"),
    path("<int:pk>/revoke/", views.decision_revoke, name="revoke"),
    path("<int:pk>/quyet-dinh.docx", document_views.decision_docx_view, name="docx"),
    path("<int:pk>/quyet-dinh.pdf", document_views.decision_pdf_view, name="pdf"),
    path("<int:pk>/giay-khen.pdf", document_views.certificates_view, name="certificates"),
    path(
        "<int:pk>/lines/<int:line_pk>/giay-khen.pdf",
        document_views.certificate_view,
        name="certificate",
    ),
]
