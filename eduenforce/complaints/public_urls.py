"""Public (portal) pages of this app; mounted under /portal/complaints/ by portal.urls."""

from django.urls import path

from eduenforce.complaints import public_views as views

app_name = "complaints"
urlpatterns = [
    path("", views.submit, name="submit"),
    path("submitted/", views.submitted, name="submitted"),
    path("institutions/", views.institution_search, name="institution-search"),
    path("track/", views.track, name="track"),
    path("track/result/", views.result, name="result"),
    path("track/rate/", views.rate, name="rate"),
]
