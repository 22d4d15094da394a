from django.urls import path

from . import views

app_name = "honors"
urlpatterns = [
    path("", views.home, name="home"),
    path("schools/<str:code>/programs/new/", views.program_create, name="program_create"),
    path("schools/<str:code>/criteria/", views.criteria_public, name="criteria_public"),
    path("programs/<int:pk>/", views.program_detail, name="program_detail"),
    path("programs/<int:pk>/settings/", views.program_settings, name="program_settings"),
    path("programs/<int:pk>/publish/", views.program_publish, name="program_publish"),
    path("programs/<int:pk>/criteria/", views.criterion_add, name="criterion_add"),
    path("programs/<int:pk>/periods/", views.period_add, name="period_add"),
    path("programs/<int:pk>/ceremonies/", views.ceremony_list, name="ceremony_list"),
    path("programs/<int:pk>/exemplar/", views.exemplar_page, name="exemplar"),
    path("criteria/<int:pk>/remove/", views.criterion_remove, name="criterion_remove"),
    path("periods/<int:pk>/", views.period_detail, name="period_detail"),
    path("periods/<int:pk>/classes/<str:code>/", views.class_round_page, name="class_round"),
    path(
        "periods/<int:pk>/classes/<str:code>/open/", views.class_round_open, name="class_round_open"
    ),
    path(
        "periods/<int:pk>/classes/<str:code>/nominate/", views.nomination_add, name="nomination_add"
    ),
    path(
        "periods/<int:pk>/classes/<str:code>/vote/", views.class_round_vote, name="class_round_vote"
    ),
    path(
        "periods/<int:pk>/classes/<str:code>/submit/",
        views.class_round_submit,
        name="class_round_submit",
    ),
    path("nominations/<int:pk>/decline/", views.nomination_decline, name="nomination_decline"),
    path("periods/<int:pk>/school/", views.school_round_page, name="school_round"),
    path(
        "periods/<int:pk>/school/prepare/", views.school_round_prepare, name="school_round_prepare"
    ),
    path("periods/<int:pk>/school/<str:step>/", views.school_round_step, name="school_round_step"),
    path(
        "periods/<int:pk>/school/representatives/<str:code>/",
        views.representatives_save,
        name="representatives_save",
    ),
    path("ceremonies/<int:pk>/", views.ceremony_detail, name="ceremony_detail"),
    path("ceremonies/<int:pk>/letters/", views.letters_issue, name="letters_issue"),
    path(
        "ceremonies/<int:pk>/letters.pdf", views.ceremony_letters_pdf, name="ceremony_letters_pdf"
    ),
    path("ceremony-honorees/<int:pk>/prize/", views.ceremony_prize, name="ceremony_prize"),
    path("letters/<int:pk>.pdf", views.letter_pdf, name="letter_pdf"),
    path("exemplars/", views.exemplar_inbox, name="exemplar_inbox"),
    path("pilots/new/", views.pilot_create, name="pilot_create"),
    path("pilots/<int:pk>/", views.pilot_detail, name="pilot_detail"),
]
