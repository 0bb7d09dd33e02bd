from django.urls import path

from eduenforce.records import views

app_name = "records"
urlpatterns = [
    path("", views.journal, name="journal"),
    path("verify/", views.verify_view, name="verify"),
    path("<int:seq>/", views.entry, name="entry"),
]
