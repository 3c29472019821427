from django.urls import path

from plans import api, period_views, revision_api, revision_views, transition_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("planer/ny/", views.plan_create, name="plan_create"),
    path("bevillingsperioder/", period_views.funding_periods, name="funding_periods"),
    path("planer/<slug:slug>/", views.plan_detail, name="plan_detail"),
    path("planer/<slug:slug>/rediger/", views.plan_edit, name="plan_edit"),
    path("planer/<slug:slug>/organisationer/", views.organisations, name="organisations"),
    path(
        "planer/<slug:slug>/organisationer/<int:pk>/",
        views.organisation_edit,
        name="organisation_edit",
    ),
    path("planer/<slug:slug>/boligomraader/", views.housing_areas, name="housing_areas"),
    path(
        "planer/<slug:slug>/boligomraader/<int:pk>/",
        views.housing_area_edit,
        name="housing_area_edit",
    ),
    path(
        "planer/<slug:slug>/boligomraader/<int:area_pk>/afdelinger/ny/",
        views.department_edit,
        name="department_create",
    ),
    path(
        "planer/<slug:slug>/boligomraader/<int:area_pk>/afdelinger/<int:pk>/",
        views.department_edit,
        name="department_edit",
    ),
    path("planer/<slug:slug>/aftaler/ny/", views.agreement_create, name="agreement_create"),
    path("planer/<slug:slug>/indlaes-json/", views.plan_import_json, name="plan_import_json"),
    path("aftaler/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("aftaler/<int:pk>/rediger/", views.agreement_edit, name="agreement_edit"),
    path("aftaler/<int:pk>/slet/", views.agreement_delete, name="agreement_delete"),
    path("aftaler/<int:pk>/json/", views.agreement_json, name="agreement_json"),
    path("aftaler/<int:pk>/dele/<str:part_name>/ny/", views.part_edit, name="part_create"),
    path("aftaler/<int:pk>/dele/<str:part_name>/<int:obj_pk>/", views.part_edit, name="part_edit"),
    path(
        "aftaler/<int:pk>/send-til-godkendelse/",
        revision_views.agreement_submit,
        name="agreement_submit",
    ),
    path("aftaler/<int:pk>/godkendelse/", revision_views.agreement_decide, name="agreement_decide"),
    path(
        "aftaler/<int:pk>/lbf-godkendelse/",
        revision_views.agreement_lbf_approval,
        name="agreement_lbf_approval",
    ),
    path("aftaler/<int:pk>/historik/", revision_views.agreement_history, name="agreement_history"),
    path(
        "aftaler/<int:pk>/sammenlign/", revision_views.agreement_compare, name="agreement_compare"
    ),
    path(
        "aftaler/<int:pk>/version/<int:number>/",
        revision_views.agreement_version_view,
        name="agreement_version",
    ),
    path(
        "aftaler/<int:pk>/pr-dato/", revision_views.agreement_version_view, name="agreement_as_of"
    ),
    path("planer/<slug:slug>/log/", revision_views.plan_log, name="plan_log"),
    path(
        "planer/<slug:slug>/ny-bevillingsperiode/",
        transition_views.new_period,
        name="plan_new_period",
    ),
    path(
        "planer/<slug:slug>/bevillingsperioder/<int:pk>/",
        transition_views.period_move,
        name="plan_period_move",
    ),
    path(
        "planer/<slug:slug>/bevillingsperioder/<int:pk>/bekraeft-baseline/",
        transition_views.baseline_confirm,
        name="plan_baseline_confirm",
    ),
    path("api/planer/", api.plans, name="api_plans"),
    path("api/planer/<slug:slug>/aftaler/", api.plan_agreements_api, name="api_plan_agreements"),
    path("api/aftaler/<int:pk>/", api.agreement, name="api_agreement"),
    path(
        "api/aftaler/<int:pk>/godkendelse/",
        revision_api.agreement_approve,
        name="api_agreement_approve",
    ),
    path(
        "api/aftaler/<int:pk>/lbf-godkendelse/",
        revision_api.agreement_lbf_approval,
        name="api_agreement_lbf_approval",
    ),
]
