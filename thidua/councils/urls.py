from django.urls import path

from . import views

app_name = "councils"
urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.council_new, name="council_new"),
    path("<int:pk>/", views.council_detail, name="council_detail"),
    path("<int:pk>/sessions/new/", views.session_plan, name="session_plan"),
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("sessions/<int:pk>/attendance/", views.session_convene, name="session_convene"),
    path("sessions/<int:pk>/open-vote/", views.session_open_vote, name="session_open_vote"),
    path("sessions/<int:pk>/vote/", views.session_vote, name="session_vote"),
    path("sessions/<int:pk>/tally/", views.session_tally, name="session_tally"),
    path("sessions/<int:pk>/minutes.docx", views.session_minutes, name="session_minutes"),
]
