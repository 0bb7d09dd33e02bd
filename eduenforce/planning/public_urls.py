"""Public (portal) pages of this app; mounted under /portal/items/ by portal.urls."""

from django.urls import path

from eduenforce.planning import public_views

app_name = "items"
urlpatterns = [
    path("", public_views.items, name="index"),
    path("plans/", public_views.plans, name="plans"),
    path("plans/<int:year>/", public_views.plan, name="plan"),
    path("campaigns/", public_views.campaigns, name="campaigns"),
    path("campaigns/<str:public_id>/", public_views.campaign, name="campaign"),
    path("<str:code>/v<int:version>/", public_views.item, name="detail"),
]
