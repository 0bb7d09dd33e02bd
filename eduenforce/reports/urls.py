from django.urls import path

from eduenforce.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/export.xlsx", views.statistics_export, name="statistics-export"),
    path("records/<slug:metric>/", views.records, name="records"),
    path("annual/", views.annual_list, name="annual-list"),
    path("annual/start/", views.annual_start, name="annual-start"),
    path("annual/<int:year>/", views.annual_detail, name="annual-detail"),
    path("annual/<int:year>/save/", views.annual_save, name="annual-save"),
    path("annual/<int:year>/finding/", views.annual_finding, name="annual-finding"),
    path("annual/<int:year>/finalise/", views.annual_finalise, name="annual-finalise"),
    path("annual/<int:year>/reopen/", views.annual_reopen, name="annual-reopen"),
    path("annual/<int:year>/publish/", views.annual_publish, name="annual-publish"),
    path("annual/<int:year>/preview/", views.annual_preview, name="annual-preview"),
    path("annual/<int:year>/generate/", views.annual_generate, name="annual-generate"),
    path("jobs/<int:pk>/", views.job_status, name="job-status"),
    path("jobs/<int:pk>/download/", views.job_download, name="job-download"),
]
