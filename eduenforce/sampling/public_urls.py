"""Public (portal) pages of draws; mounted under /portal/draws/ by portal.urls.
``/portal/draws.json`` (the list) is mounted by the project's urls.py."""

from django.urls import path

from eduenforce.sampling import public_views

app_name = "draws"
urlpatterns = [
    path("", public_views.index, name="index"),
    path("verify/", public_views.how_to_verify, name="verify"),
    path("verify_draw.py", public_views.script, name="script"),
    path("plans/<str:public_id>/", public_views.plan, name="plan"),
    path("<str:public_id>-pool.json", public_views.pool, name="pool"),
    path("<str:public_id>.json", public_views.document, name="json"),
    path("<str:public_id>/", public_views.detail, name="detail"),
]
