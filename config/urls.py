from django.urls import include, path

urlpatterns = [
    path("", include("plans.urls")),
    path("", include("documents.urls")),
    path("", include("followup.urls")),
    path("", include("importing.urls")),
    path("konto/", include("accounts.urls")),
]
