from django.urls import include, path

urlpatterns = [
    path("", include("plans.urls")),
    path("konto/", include("accounts.urls")),
]
