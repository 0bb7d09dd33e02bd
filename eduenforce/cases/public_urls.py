"""Public (portal) pages of this app; mounted under /portal/decisions/ by portal.urls."""

from django.urls import path

from eduenforce.cases import public_views

urlpatterns = [
    path("", public_views.decision_list, name="decisions"),
    path("discretion/", public_views.discretion_catalogue, name="discretion"),
    path("<str:public_id>/", public_views.decision_detail, name="decision"),
]
