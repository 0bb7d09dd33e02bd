"""Public (portal) pages of this app; mounted under /portal/officers/ by portal.urls.

The certificate check itself (/portal/officers/verify/<number>) is routed by portal.urls.
"""

from django.urls import path

from eduenforce.officers import public_views

urlpatterns = [
    path("", public_views.certified_list, name="officers-public"),
]
