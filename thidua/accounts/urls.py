from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("switch/", views.switch_role, name="switch_role"),
    path("units/<str:code>/roles/grant/", views.role_grant_view, name="role_grant"),
    path("roles/<int:pk>/revoke/", views.role_revoke_view, name="role_revoke"),
]
