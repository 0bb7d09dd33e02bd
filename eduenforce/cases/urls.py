from django.urls import path

from eduenforce.cases.views import cases, catalogue, flow, leads, reports

app_name = "cases"
urlpatterns = [
    path("", cases.case_list, name="list"),
    path("overdue/", cases.overdue, name="overdue"),
    path("review-queue/", cases.review_queue, name="review-queue"),
    path("reminders/", cases.reminders, name="reminders"),
    path("reminders/read/", cases.reminders_read, name="reminders-read"),
    path("leads/", leads.lead_list, name="leads"),
    path("leads/new/", leads.lead_new, name="lead-new"),
    path("leads/<int:pk>/review/", leads.open_review, name="lead-review"),
    path("spot/", leads.spot_penalty, name="spot"),
    path("<int:pk>/", cases.case_detail, name="detail"),
    path("<int:pk>/documents/<int:doc_pk>.<str:fmt>", cases.document_download, name="document"),
    path("<int:pk>/act/<slug:action>/", flow.case_action, name="action"),
    path("<int:pk>/evidence/upload/", cases.evidence_upload, name="evidence-upload"),
    path("catalogue/", catalogue.catalogue, name="catalogue"),
    path("catalogue/<int:number>/", catalogue.version_detail, name="catalogue-version"),
    path("catalogue/<int:number>/draft/", catalogue.new_draft, name="catalogue-draft"),
    path("catalogue/<int:number>/publish/", catalogue.publish, name="catalogue-publish"),
    path("catalogue/<int:number>/violation/new/", catalogue.violation_new, name="violation-new"),
    path("catalogue/violation/<int:pk>/edit/", catalogue.violation_edit, name="violation-edit"),
    path("catalogue/violation/<int:pk>/tier/new/", catalogue.tier_new, name="tier-new"),
    path("catalogue/tier/<int:pk>/edit/", catalogue.tier_edit, name="tier-edit"),
    path("catalogue/tier/<int:pk>/delete/", catalogue.tier_delete, name="tier-delete"),
    path("reports/consistency/", reports.consistency, name="consistency"),
]
