from django.urls import path

from eduenforce.records import evidence_views, views

app_name = "records"
urlpatterns = [
    path("", views.journal, name="journal"),
    path("verify/", views.verify_view, name="verify"),
    path("<int:seq>/", views.entry, name="entry"),
    path("evidence/", evidence_views.evidence_list, name="evidence-list"),
    path("evidence/<uuid:uid>/", evidence_views.evidence_detail, name="evidence-detail"),
    path("evidence/<uuid:uid>/download", evidence_views.evidence_download, name="evidence-download"),
]
