from django.urls import path

from eduenforce.coordination.views import liaisons, meetings, operations, referrals

app_name = "coordination"
urlpatterns = [
    path("meetings/", meetings.meeting_list, name="meetings"),
    path("meetings/series/new/", meetings.series_create, name="series-create"),
    path("meetings/series/<int:series_pk>/schedule/", meetings.meeting_schedule, name="meeting-schedule"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/finalize/", meetings.meeting_finalize, name="meeting-finalize"),
    path("meetings/<int:pk>/export/", meetings.meeting_export, name="meeting-export"),
    path(
        "meetings/<int:pk>/documents/<int:document_pk>/", meetings.meeting_document, name="meeting-document"
    ),
    path("meetings/<int:pk>/<slug:name>/", meetings.meeting_action, name="meeting-action"),
    path("actions/", meetings.action_list, name="actions"),
    path("actions/<int:pk>/<slug:verb>/", meetings.action_update, name="action-update"),
    path("operations/", operations.operation_list, name="operations"),
    path("operations/new/", operations.operation_create, name="operation-create"),
    path("operations/<int:pk>/", operations.operation_detail, name="operation"),
    path(
        "operations/<int:pk>/tasks/<int:task_pk>/unlink/",
        operations.operation_unlink,
        name="operation-unlink",
    ),
    path("operations/<int:pk>/<slug:name>/", operations.operation_action, name="operation-action"),
    path("referrals/", referrals.referral_list, name="referrals"),
    path("referrals/new/", referrals.referral_create, name="referral-create"),
    path("referrals/<int:pk>/", referrals.referral_detail, name="referral"),
    path("referrals/<int:pk>/<slug:name>/", referrals.referral_respond, name="referral-respond"),
    path("liaisons/", liaisons.liaison_list, name="liaisons"),
    path("liaisons/new/", liaisons.liaison_appoint, name="liaison-appoint"),
    path("liaisons/<int:pk>/end/", liaisons.liaison_end, name="liaison-end"),
]
