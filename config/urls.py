from django.urls import include, path

urlpatterns = [
    path("", include("plans.urls")),
    path("", include("documents.urls")),
    path("", include("followup.urls")),
    path("", include("evaluation.urls")),
    path("", include("importing.urls")),
    path("", include("portfolio.urls")),
    path("konto/", include("accounts.urls")),
]

handler400 = "config.errors.bad_request"
handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"
