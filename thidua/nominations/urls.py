from django.urls import path

from . import views

app_name = "nominations"
urlpatterns = [
    path("", views.home, name="home"),
    path("rounds/open/", views.round_open, name="round_open"),
    path("rounds/<int:pk>/", views.round_detail, name="round_detail"),
    path("rounds/<int:pk>/listing/", views.round_listing, name="round_listing"),
    path("rounds/<int:pk>/council/", views.round_council, name="round_council"),
    path("rounds/<int:pk>/recheck/", views.round_recheck, name="round_recheck"),
    path("rounds/<int:pk>/propose/", views.proposal_new, name="proposal_new"),
    path("rounds/<int:pk>/submit/", views.submission_new, name="submission_new"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("proposals/<int:pk>/return/", views.proposal_return, name="proposal_return"),
    path("proposals/<int:pk>/resubmit/", views.proposal_resubmit, name="proposal_resubmit"),
    path("proposals/<int:pk>/withdraw/", views.proposal_withdraw, name="proposal_withdraw"),
    path("proposals/<int:pk>/complain/", views.complaint_new, name="complaint_new"),
    path("complaints/<int:pk>/answer/", views.complaint_answer, name="complaint_answer"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("submissions/<int:pk>/receive/", views.submission_receive, name="submission_receive"),
    path("submissions/<int:pk>/return/", views.submission_return, name="submission_return"),
    path("submissions/<int:pk>/docx/", views.submission_docx, name="submission_docx"),
]
