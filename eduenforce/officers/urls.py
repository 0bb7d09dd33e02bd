from django.urls import path

from eduenforce.officers import views, views_io

app_name = "officers"
urlpatterns = [
    path("", views.officer_list, name="list"),
    path("new/", views.officer_create, name="create"),
    path("<int:pk>/", views.officer_detail, name="detail"),
    path("<int:pk>/edit/", views.officer_edit, name="edit"),
    path("<int:pk>/account/", views.officer_account, name="account"),
    path("<int:pk>/status/", views.officer_status, name="status"),
    path("<int:pk>/photo/", views_io.officer_photo, name="photo"),
    path("<int:pk>/certificates/new/", views.certificate_new, name="certificate-new"),
    path("<int:pk>/trainings/new/", views.training_new, name="training-new"),
    path("<int:pk>/conflicts/new/", views.conflict_new, name="conflict-new"),
    path("certificates/<int:pk>/card/", views_io.certificate_card, name="certificate-card"),
    path("certificates/<int:pk>/qr.png", views_io.certificate_qr, {"fmt": "png"}, name="certificate-qr-png"),
    path("certificates/<int:pk>/qr.svg", views_io.certificate_qr, {"fmt": "svg"}, name="certificate-qr-svg"),
    path("certificates/<int:pk>/<slug:action>/", views.certificate_action, name="certificate-action"),
    path("conflicts/<int:pk>/end/", views.conflict_end, name="conflict-end"),
    path("training/", views.training_report, name="training"),
    path("import/", views_io.import_page, name="import"),
    path("import/template.xlsx", views_io.template_download, name="template"),
    path("export.xlsx", views_io.export, name="export"),
]
