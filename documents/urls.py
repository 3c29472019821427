from django.urls import path

from documents import views

urlpatterns = [
    path("aftaler/<int:pk>/hent/<str:fmt>/", views.agreement_download, name="agreement_download"),
    path("planer/<slug:slug>/dokumenter/", views.plan_documents, name="plan_documents"),
    path(
        "planer/<slug:slug>/dokumenter/bilag/<int:pk>/status/",
        views.attachment_status,
        name="attachment_status",
    ),
    path(
        "planer/<slug:slug>/dokumenter/bilag/fil/<int:pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path("planer/<slug:slug>/dokumenter/skabelon/", views.word_template, name="word_template"),
    path(
        "planer/<slug:slug>/dokumenter/standardskabelon/",
        views.default_template,
        name="default_template",
    ),
    path("planer/<slug:slug>/pakke/", views.lbf_package, name="lbf_package"),
]
