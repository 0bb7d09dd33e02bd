from django.urls import path

from eduenforce.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("notices/read/", views.notices_read, name="notices-read"),
    path("notices/<int:pk>/read/", views.notice_read, name="notice-read"),
    path("config/calendar/", views.calendar_days, name="calendar"),
    path("config/calendar/bulk/", views.calendar_bulk, name="calendar-bulk"),
    path("config/calendar/<int:pk>/delete/", views.calendar_day_delete, name="calendar-delete"),
    path("config/deadlines/", views.deadline_rules, name="deadline-rules"),
    path("config/deadlines/<slug:code>/", views.deadline_rule_edit, name="deadline-rule-edit"),
    path("config/settings/", views.settings_view, name="settings"),
]
