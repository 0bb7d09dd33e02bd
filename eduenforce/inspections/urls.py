from django.urls import path

from eduenforce.inspections.views import campaigns, documents, onsite, orders, tasks

app_name = "inspections"
urlpatterns = [
    path("", tasks.task_list, name="task-list"),
    path("new/", tasks.task_create, name="task-create"),
    path("approvals/", tasks.approvals, name="approvals"),
    path("<int:pk>/", tasks.task_detail, name="task-detail"),
    path("<int:pk>/do/<slug:verb>/", tasks.task_action, name="task-action"),
    path("<int:pk>/partners/", tasks.partner_add, name="partner-add"),
    path("<int:pk>/partners/<int:participant>/remove/", tasks.partner_remove, name="partner-remove"),
    path("<int:pk>/notice/", tasks.notice_issue, name="notice-issue"),
    path("<int:pk>/publish/", tasks.publish_result, name="publish-result"),
    path("<int:pk>/outcome/", tasks.outcome_create, name="outcome-create"),
    path("<int:pk>/record/", onsite.record, name="record"),
    path("<int:pk>/record/autosave/", onsite.autosave, name="record-autosave"),
    path("<int:pk>/record/submit/", onsite.submit, name="record-submit"),
    path("<int:pk>/record/hazards/", onsite.hazard_add, name="hazard-add"),
    path("<int:pk>/record/hazards/<int:hazard>/remove/", onsite.hazard_remove, name="hazard-remove"),
    path("<int:pk>/record/signature/", onsite.signature, name="record-signature"),
    path("<int:pk>/record/upload/", onsite.upload, name="record-upload"),
    path("<int:pk>/record/correct/", onsite.correct, name="record-correct"),
    path("records/<int:record_pk>/", onsite.record_version, name="record-version"),
    path("<int:pk>/orders/new/", orders.order_create, name="order-create"),
    path("orders/", orders.order_list, name="order-list"),
    path("orders/overdue/", orders.overdue, name="overdue"),
    path("orders/<int:pk>/", orders.order_detail, name="order-detail"),
    path("orders/<int:pk>/reinspection/", orders.reinspection_create, name="reinspection-create"),
    path("orders/<int:pk>/conclude/", orders.order_conclude, name="order-conclude"),
    path("campaigns/", campaigns.campaign_list, name="campaigns"),
    path("campaigns/<int:pk>/", campaigns.campaign_detail, name="campaign-detail"),
    path("documents/<int:pk>/docx/", documents.document_docx, name="document-docx"),
    path("documents/<int:pk>/pdf/", documents.document_pdf, name="document-pdf"),
]
