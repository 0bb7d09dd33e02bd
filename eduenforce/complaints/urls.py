from django.urls import path

from eduenforce.complaints import views

app_name = "complaints"
urlpatterns = [
    path("", views.complaint_list, name="list"),
    path("new/", views.complaint_create, name="create"),
    path("statistics/", views.statistics, name="statistics"),
    path("<int:pk>/", views.complaint_detail, name="detail"),
    path("<int:pk>/identity/", views.complaint_identity, name="identity"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment_download, name="attachment"),
    path("<int:pk>/accept/", views.accept, name="accept"),
    path("<int:pk>/reject/", views.reject, name="reject"),
    path("<int:pk>/assign/", views.assign, name="assign"),
    path("<int:pk>/extend/", views.extend, name="extend"),
    path("<int:pk>/institution/", views.link_institution, name="link-institution"),
    path("<int:pk>/inspection/", views.create_inspection, name="inspection"),
    path("<int:pk>/lead/", views.register_lead, name="lead"),
    path("<int:pk>/refer/", views.refer, name="refer"),
    path("<int:pk>/reply/", views.reply, name="reply"),
    path("<int:pk>/rate/", views.rate, name="rate"),
    path("<int:pk>/new-code/", views.new_code, name="new-code"),
]
