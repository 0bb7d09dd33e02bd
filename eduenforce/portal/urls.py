"""The public portal: no login, its own URL space. Each app serves its public pages from
``<app>/public_urls.py`` and reads only through named querysets such as ``.published()``."""

from django.urls import include, path

from eduenforce.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.index, name="index"),
    path("officers/verify/<str:number>", views.verify_certificate, name="officer-verify"),
    path("officers/verify/<str:number>/photo", views.certificate_photo, name="officer-photo"),
    path("officers/", include("eduenforce.officers.public_urls")),
    path("items/", include("eduenforce.planning.public_urls")),
    path("draws/", include("eduenforce.sampling.public_urls")),
    path("inspections/", include("eduenforce.inspections.public_urls")),
    path("decisions/", include("eduenforce.cases.public_urls")),
    path("complaints/", include("eduenforce.complaints.public_urls")),
    path("reports/", include("eduenforce.reports.public_urls")),
]
