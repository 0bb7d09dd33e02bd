from django.urls import path

from eduenforce.sampling import views

app_name = "sampling"
urlpatterns = [
    path("draws/", views.draw_list, name="draws"),
    path("draws/<int:pk>/", views.draw_detail, name="draw-detail"),
    path("draws/<int:pk>/run/", views.run, name="run"),
    path("draws/<int:pk>/redraw/", views.request_redraw, name="request-redraw"),
    path("draws/<int:pk>/approve/", views.approve_redraw, name="approve-redraw"),
    path("draws/<int:pk>/reject/", views.reject_redraw, name="reject-redraw"),
    path("plans/<int:plan_pk>/commit/", views.commit, name="commit"),
]
