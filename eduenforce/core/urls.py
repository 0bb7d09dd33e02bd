from django.urls import path

from eduenforce.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("config/calendar/", views.calendar_days, name="calendar"),
    path("config/calendar/<int:pk>/delete/", views.calendar_day_delete, name="calendar-delete"),
    path("config/deadlines/", views.deadline_rules, name="deadline-rules"),
    path("config/deadlines/<slug:code>/", views.deadline_rule_edit, name="deadline-rule-edit"),
    path("config/settings/", views.settings_view, name="settings"),
]
