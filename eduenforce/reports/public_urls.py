"""Published annual reports on the portal (/portal/reports/), read through ``.published()``."""

from django.urls import path

from eduenforce.reports import public_views

urlpatterns = [
    path("", public_views.report_list, name="reports"),
    path("<str:public_id>/", public_views.report_detail, name="report"),
    path("<str:public_id>/report.pdf", public_views.report_pdf, name="report-pdf"),
]
