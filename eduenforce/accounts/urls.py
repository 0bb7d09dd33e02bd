from django.urls import path

from eduenforce.accounts import lockout_views, mfa_views, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.password_change, name="password"),
    path("users/", views.users, name="users"),
    path("users/new/", views.user_create, name="user-create"),
    path("users/<int:pk>/toggle/", views.user_toggle_active, name="user-toggle"),
    path("roles/", views.roles, name="roles"),
    path("roles/<int:pk>/", views.role_edit, name="role-edit"),
    path("login-log/", views.login_log, name="login-log"),
    path("lockouts/", lockout_views.locked, name="lockouts"),
    path("lockouts/unlock/", lockout_views.unlock, name="unlock"),
    # Two-factor login (ops, issue 18)
    path("mfa/", mfa_views.home, name="mfa"),
    path("mfa/setup/", mfa_views.setup, name="mfa-setup"),
    path("mfa/verify/", mfa_views.verify, name="mfa-verify"),
    path("mfa/recovery-codes/", mfa_views.recovery_codes, name="mfa-recovery"),
    path("mfa/disable/", mfa_views.disable, name="mfa-disable"),
    path("mfa/users/", mfa_views.users, name="mfa-users"),
    path("mfa/users/<int:pk>/reset/", mfa_views.reset, name="mfa-reset"),
]
