from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views
from accounts.forms import LoginForm, PasswordForm

urlpatterns = [
    path(
        "log-ind/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html",
            authentication_form=LoginForm,
            extra_context={"failure_limit": settings.AXES_FAILURE_LIMIT},
        ),
        name="login",
    ),
    path("log-ud/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "adgangskode/",
        auth_views.PasswordChangeView.as_view(
            template_name="plans/form.html",
            form_class=PasswordForm,
            success_url="/",
            extra_context={"title": "Skift adgangskode"},
        ),
        name="password_change",
    ),
    path("planer/<slug:slug>/brugere/", views.members, name="members"),
]
