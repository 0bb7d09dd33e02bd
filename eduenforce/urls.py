"""The URL map. Each app owns its ``urls.py``; the public portal has its own space."""

from django.urls import include, path

from eduenforce.api.main import api
from eduenforce.sampling.public_views import index_json as draws_index_json

urlpatterns = [
    path("", include("eduenforce.core.urls")),
    path("accounts/", include("eduenforce.accounts.urls")),
    path("journal/", include("eduenforce.records.urls")),
    path("officers/", include("eduenforce.officers.urls")),
    path("registry/", include("eduenforce.registry.urls")),
    path("planning/", include("eduenforce.planning.urls")),
    path("sampling/", include("eduenforce.sampling.urls")),
    path("inspections/", include("eduenforce.inspections.urls")),
    path("cases/", include("eduenforce.cases.urls")),
    path("complaints/", include("eduenforce.complaints.urls")),
    path("coordination/", include("eduenforce.coordination.urls")),
    path("reports/", include("eduenforce.reports.urls")),
    path("portal/draws.json", draws_index_json, name="portal-draws-json"),
    path("portal/", include("eduenforce.portal.urls")),
    path("publications/", include("eduenforce.portal.staff_urls")),
    path("api/", api.urls),
]

handler400 = "eduenforce.core.views.bad_request"
handler403 = "eduenforce.core.views.permission_denied"
handler404 = "eduenforce.core.views.page_not_found"
handler500 = "eduenforce.core.views.server_error"
