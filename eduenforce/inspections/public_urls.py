"""Public (portal) pages of this app; mounted under /portal/inspections/ by portal.urls."""

from django.urls import path

from eduenforce.inspections import public_views

app_name = "inspections-public"
urlpatterns = [
    path("", public_views.result_list, name="list"),
    path("<str:public_id>/", public_views.result_detail, name="detail"),
]
