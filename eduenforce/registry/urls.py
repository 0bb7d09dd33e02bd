from django.urls import path

from eduenforce.registry import views, views_io

app_name = "registry"
urlpatterns = [
    path("", views.institution_list, name="list"),
    path("count/", views.institution_count, name="count"),
    path("new/", views.institution_create, name="create"),
    path("<int:pk>/", views.institution_detail, name="detail"),
    path("<int:pk>/edit/", views.institution_edit, name="edit"),
    path("<int:pk>/status/", views.institution_status, name="status"),
    path("<int:pk>/risk/", views.institution_risk, name="risk"),
    path("<int:pk>/licence/<slug:action>/", views.institution_licence, name="licence"),
    path("licences/", views.licence_watch, name="licence-watch"),
    path("import/", views_io.import_page, name="import"),
    path("import/template.xlsx", views_io.template_download, name="template"),
    path("export.xlsx", views_io.export, name="export"),
]
