from django.urls import path

from . import views

app_name = "wall"
urlpatterns = [
    path("<str:code>/", views.school_wall, name="school"),
    path("<str:code>/manage/", views.manage, name="manage"),
    path("<str:code>/entries/<int:person_pk>/", views.entry_edit, name="entry_edit"),
    path("entries/<int:pk>/<str:action>/", views.entry_action, name="entry_action"),
    path("photos/<int:pk>/", views.entry_photo, name="photo"),
    path("consents/<int:person_pk>/", views.consent_page, name="consent"),
]
