"""Staff pages of the portal, mounted at /publications/ (login and capabilities required)."""

from django.urls import path

from eduenforce.portal import staff_views as v

app_name = "portal_staff"
urlpatterns = [
    path("", v.dashboard, name="dashboard"),
    path("<int:pk>/", v.publication_detail, name="publication"),
    path("<int:pk>/confirm-text/", v.publication_confirm_text, name="publication-confirm-text"),
    path("<int:pk>/withdraw/", v.publication_withdraw, name="publication-withdraw"),
    path(
        "<int:pk>/request-withdrawal/",
        v.publication_request_withdrawal,
        name="publication-request-withdrawal",
    ),
    path("articles/", v.articles, name="articles"),
    path("articles/new/", v.article_new, name="article-new"),
    path("articles/<int:pk>/", v.article_detail, name="article"),
    path("articles/<int:pk>/edit/", v.article_edit, name="article-edit"),
    path("articles/<int:pk>/submit/", v.article_submit, name="article-submit"),
    path("articles/<int:pk>/approve/", v.article_approve, name="article-approve"),
    path("articles/<int:pk>/return/", v.article_return, name="article-return"),
    path("articles/<int:pk>/withdraw/", v.article_withdraw, name="article-withdraw"),
    path("articles/<int:pk>/attachments/", v.attachment_add, name="attachment-add"),
    path("articles/<int:pk>/attachments/<int:attachment_pk>/", v.attachment_download, name="attachment"),
    path(
        "articles/<int:pk>/attachments/<int:attachment_pk>/delete/",
        v.attachment_remove,
        name="attachment-remove",
    ),
]
