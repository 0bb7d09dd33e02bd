"""The public portal: no login, its own URL space. Each app serves its public pages from
``<app>/public_urls.py`` and reads only through named querysets such as ``.published()``."""

from django.urls import include, path

from eduenforce.portal import feeds, officer_pages, public_views, views

app_name = "portal"
urlpatterns = [
    path("", public_views.home, name="index"),
    path("about/", public_views.about, name="about"),
    path("verify/", public_views.verify_redirect, name="verify"),
    path("list/<slug:kind>/", public_views.kind_list, name="kind-list"),
    path("p/<str:public_id>/", public_views.detail, name="detail"),
    path("search/", public_views.search, name="search"),
    path("feed/rss/", feeds.PublicationFeed(), name="feed-rss"),
    path("feed/atom/", feeds.PublicationAtomFeed(), name="feed-atom"),
    path("open-data/", public_views.open_data, name="open-data"),
    path("attachments/<str:token>/", public_views.attachment, name="attachment"),
    path("officers/verify/<str:number>", views.verify_certificate, name="officer-verify"),
    path("officers/verify/<str:number>/photo", views.certificate_photo, name="officer-photo"),
    path("officers/", officer_pages.certified_list, name="officers-public"),
    path("items/", include("eduenforce.planning.public_urls")),
    path("draws/", include("eduenforce.sampling.public_urls")),
    path("inspections/", include("eduenforce.inspections.public_urls")),
    path("decisions/", include("eduenforce.cases.public_urls")),
    path("complaints/", include("eduenforce.complaints.public_urls")),
    path("reports/", include("eduenforce.reports.public_urls")),
]
