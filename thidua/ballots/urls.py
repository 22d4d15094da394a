from django.urls import path

from . import views

app_name = "ballots"
urlpatterns = [
    path("v/", views.vote_entry, name="vote_entry"),
    path("v/<str:code>/", views.vote_by_code, name="vote_code"),
    path("<int:pk>/", views.election_detail, name="election_detail"),
    path("<int:pk>/vote/", views.vote_as_user, name="vote_as_user"),
    path("<int:pk>/kiosk/", views.kiosk, name="kiosk"),
    path("<int:pk>/kiosk/cast/", views.kiosk_cast, name="kiosk_cast"),
    path("<int:pk>/open/", views.election_open_view, name="open"),
    path("<int:pk>/close/", views.election_close_view, name="close"),
    path("<int:pk>/publish/", views.election_publish_view, name="publish"),
    path("<int:pk>/tie/", views.election_tie_view, name="decide_tie"),
    path("<int:pk>/codes/", views.codes_pdf, name="codes_pdf"),
    path("<int:pk>/paper/", views.paper_enter_view, name="paper_enter"),
    path("<int:pk>/paper/<int:paper_pk>/", views.paper_confirm_view, name="paper_confirm"),
    path("<int:pk>/receipts/", views.receipts_public, name="receipts"),
]
