"""Public (portal) pages of this app; mounted under /portal/ by portal.urls."""

urlpatterns: list = []
