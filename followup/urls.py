from django.urls import path

from followup import api, views

urlpatterns = [
    path("planer/<slug:slug>/opfoelgning/", views.dashboard, name="followup_dashboard"),
    path(
        "planer/<slug:slug>/opfoelgning/indikatorer/<int:pk>/",
        views.indicator_detail,
        name="followup_indicator",
    ),
    path(
        "planer/<slug:slug>/opfoelgning/indlaes/",
        views.import_measurements,
        name="followup_import",
    ),
    path(
        "planer/<slug:slug>/opfoelgning/skabelon.<str:fmt>",
        views.import_template,
        name="followup_template",
    ),
    path(
        "planer/<slug:slug>/opfoelgning/maal/<int:goal_pk>/tekst/",
        views.narrative_edit,
        name="followup_narrative",
    ),
    path(
        "planer/<slug:slug>/opfoelgning/<int:year>/dokument.<str:fmt>",
        views.followup_document,
        name="followup_document",
    ),
    path(
        "planer/<slug:slug>/opfoelgning/<int:year>/arkiver/",
        views.followup_archive,
        name="followup_archive",
    ),
    path(
        "planer/<slug:slug>/opfoelgning/arkiv/<int:pk>/",
        views.archived_document,
        name="followup_archived_document",
    ),
    path(
        "planer/<slug:slug>/opfoelgning/bestyrelsesmoede/",
        views.board_meeting,
        name="followup_meeting",
    ),
    path(
        "planer/<slug:slug>/revision/",
        views.auditor_statement,
        name="followup_auditor_statement",
    ),
    path("api/planer/<slug:slug>/maalinger/", api.measurements, name="api_followup_measurements"),
    path(
        "api/planer/<slug:slug>/bestyrelsesmoede/",
        api.board_meeting,
        name="api_followup_board_meeting",
    ),
]
