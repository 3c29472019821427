from django.urls import path

from evaluation import views

urlpatterns = [
    path(
        "aftaler/<int:pk>/forandringsteori/<int:area_pk>/",
        views.theory_edit,
        name="evaluation_theory_edit",
    ),
    path(
        "aftaler/<int:pk>/aktiviteter/<int:activity_pk>/logbog/",
        views.logbook,
        name="evaluation_logbook",
    ),
    path(
        "aftaler/<int:pk>/aktiviteter/<int:activity_pk>/logbog/indlaes/",
        views.logbook_upload,
        name="evaluation_logbook_upload",
    ),
    path(
        "aftaler/<int:pk>/aktiviteter/<int:activity_pk>/logbog/skabelon.<str:fmt>",
        views.logbook_template,
        name="evaluation_logbook_template",
    ),
    path(
        "aftaler/<int:pk>/aktiviteter/<int:activity_pk>/logbog/alle.xlsx",
        views.logbook_export,
        name="evaluation_logbook_export",
    ),
    path(
        "aftaler/<int:pk>/aktiviteter/<int:activity_pk>/logbog/<int:session_pk>/slet/",
        views.session_delete,
        name="evaluation_session_delete",
    ),
    path(
        "aftaler/<int:pk>/aktiviteter/<int:activity_pk>/procesmaal/",
        views.process_goals_edit,
        name="evaluation_process_goals",
    ),
    path("planer/<slug:slug>/seminarer/", views.seminars, name="evaluation_seminars"),
]
