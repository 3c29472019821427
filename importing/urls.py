from django.urls import path

from importing import views

urlpatterns = [
    path("planer/<slug:slug>/importer/", views.import_upload, name="import_upload"),
    path("planer/<slug:slug>/importer/<int:pk>/", views.import_status, name="import_status"),
    path(
        "planer/<slug:slug>/importer/<int:pk>/status.json",
        views.import_status_json,
        name="import_status_json",
    ),
    path(
        "planer/<slug:slug>/importer/<int:pk>/gennemse/",
        views.import_review,
        name="import_review",
    ),
    path(
        "planer/<slug:slug>/importer/<int:pk>/annuller/",
        views.import_cancel,
        name="import_cancel",
    ),
]
