from django.urls import path

from plans import api, views

urlpatterns = [
    path("", views.home, name="home"),
    path("planer/ny/", views.plan_create, name="plan_create"),
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
    path("aftaler/<int:pk>/<str:part_name>/ny/", views.part_edit, name="part_create"),
    path("aftaler/<int:pk>/<str:part_name>/<int:obj_pk>/", views.part_edit, name="part_edit"),
    path("api/planer/", api.plans, name="api_plans"),
    path("api/planer/<slug:slug>/aftaler/", api.plan_agreements_api, name="api_plan_agreements"),
    path("api/aftaler/<int:pk>/", api.agreement, name="api_agreement"),
]
