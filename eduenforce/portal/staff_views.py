"""Staff pages of the portal: publications due and overdue (and withdrawals), and the
editing and review of 执法动态 / 法律法规解读. Capabilities: portal.view, portal.write, portal.publish."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from eduenforce.core.errors import DomainError
from eduenforce.core.permissions import capability_required, has_capability
from eduenforce.core.query import (
    ListQuery,
    choice_filter,
    list_filters,
)
from eduenforce.portal import services
from eduenforce.portal.choices import ArticleStatus
from eduenforce.portal.forms import ArticleForm, AttachmentForm, NoteForm, WithdrawalRequestForm
from eduenforce.portal.models import Article, ArticleAttachment, Publication

LIMIT = 200


@capability_required("portal.view")
def dashboard(request):
    today = timezone.localdate()
    qs = Publication.objects.select_related("street")
    sections = [
        ("overdue", "逾期未公示", qs.overdue(today).order_by("due_on", "id"), "danger"),
        ("due", "待公示（未到期）", qs.due().exclude(due_on__lt=today).order_by("due_on", "id"), "warning"),
        (
            "text_review",
            "已公示、文字待审核确认",
            qs.published().exclude(pending_text={}).order_by("published_at", "id"),
            "warning",
        ),
        (
            "withdrawal_overdue",
            "逾期未撤回",
            qs.withdrawal_overdue(today).order_by("withdraw_due_on", "id"),
            "danger",
        ),
        (
            "withdrawal_due",
            "待撤回（未到期）",
            qs.withdrawal_pending().exclude(withdraw_due_on__lt=today).order_by("withdraw_due_on", "id"),
            "warning",
        ),
    ]
    rows = [(key, label, list(items[:LIMIT]), items.count(), tone) for key, label, items, tone in sections]
    return render(request, "portal/staff/dashboard.html", {"sections": rows, "today": today})


@capability_required("portal.view")
def publication_detail(request, pk: int):
    publication = get_object_or_404(Publication.objects.select_related("street"), pk=pk)
    return render(
        request,
        "portal/staff/publication.html",
        {
            "publication": publication,
            "withdraw_form": NoteForm(),
            "request_form": WithdrawalRequestForm(),
            "can_publish": has_capability(request.user, "portal.publish"),
            "revisions": publication.revisions.all(),
            "pending": _pending(publication),
        },
    )


def _pending(publication) -> list[tuple[str, str, str, list[str]]]:
    """(key, label, masked draft, names masking still recognises) of each text awaiting review."""
    from eduenforce.portal.fields import label
    from eduenforce.portal.masking import named_persons

    return [
        (key, "正文" if key == "body" else label(publication.kind, key), text, named_persons(text))
        for key, text in (publication.pending_text or {}).items()
    ]


@require_POST
@capability_required("portal.publish")
def publication_confirm_text(request, pk: int):
    """The reviewer confirms the free text (edited: every person named in the case removed)."""
    publication = get_object_or_404(Publication, pk=pk)
    texts = {key: request.POST.get(f"text-{key}", "")[:20000] for key in publication.pending_text or {}}
    try:
        services.confirm_text(publication, by=request.user, texts=texts)
        messages.success(request, "文字已确认，已在公示平台公开")
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("portal_staff:publication", pk=pk)


@require_POST
@capability_required("portal.publish")
def publication_withdraw(request, pk: int):
    publication = get_object_or_404(Publication, pk=pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.withdraw(publication, by=request.user, note=form.cleaned_data["note"])
            messages.success(request, "已撤回，公示页面显示撤回说明")
        except DomainError as error:
            messages.error(request, error.message)
    else:
        messages.error(request, "请填写撤回说明")
    return redirect("portal_staff:publication", pk=pk)


@require_POST
@capability_required("portal.publish")
def publication_request_withdrawal(request, pk: int):
    publication = get_object_or_404(Publication, pk=pk)
    form = WithdrawalRequestForm(request.POST)
    if form.is_valid():
        try:
            services.request_withdrawal(publication, by=request.user, **form.cleaned_data)
            messages.success(request, "已登记，须在撤回期限内撤回")
        except DomainError as error:
            messages.error(request, error.message)
    else:
        messages.error(request, "；".join(f"{form.fields[f].label}：{e[0]}" for f, e in form.errors.items()))
    return redirect("portal_staff:publication", pk=pk)


class ArticleQuery(ListQuery):
    status = choice_filter("状态", ArticleStatus.choices)


@capability_required("portal.view")
@list_filters(ArticleQuery)
def articles(request):
    status = request.GET.get("status", "")
    qs = Article.objects.select_related("author", "publication")
    if status in ArticleStatus.values:
        qs = qs.filter(status=status)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/staff/articles.html",
        {"page": page, "status": status, "statuses": ArticleStatus.choices},
    )


@capability_required("portal.write")
def article_new(request):
    form = ArticleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            article = Article.draft(by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, "草稿已保存")
            return redirect("portal_staff:article", pk=article.pk)
    return render(request, "portal/staff/article_form.html", {"form": form, "article": None})


@capability_required("portal.write")
def article_edit(request, pk: int):
    article = get_object_or_404(Article, pk=pk)
    if article.status != ArticleStatus.DRAFT:
        messages.error(request, f"当前状态为“{article.get_status_display()}”，不能修改")
        return redirect("portal_staff:article", pk=pk)
    initial = {"kind": article.kind, "title": article.title, "summary": article.summary, "body": article.body}
    form = ArticleForm(request.POST or None, initial=initial)
    form.fields["kind"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "kind"}
        try:
            article.edit(by=request.user, **data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, "已保存")
            return redirect("portal_staff:article", pk=pk)
    return render(request, "portal/staff/article_form.html", {"form": form, "article": article})


@capability_required("portal.view")
def article_detail(request, pk: int):
    article = get_object_or_404(Article.objects.select_related("author", "reviewed_by", "publication"), pk=pk)
    user = request.user
    return render(
        request,
        "portal/staff/article.html",
        {
            "article": article,
            "attachments": article.attachments.all(),
            "note_form": NoteForm(),
            "attachment_form": AttachmentForm(),
            "can_write": has_capability(user, "portal.write"),
            "can_publish": has_capability(user, "portal.publish"),
            "is_author": article.author_id == user.pk,
        },
    )


def _article_action(request, pk: int, action) -> "redirect":
    article = get_object_or_404(Article, pk=pk)
    try:
        message = action(article)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, message)
    return redirect("portal_staff:article", pk=pk)


def _note(request) -> str:
    form = NoteForm(request.POST)
    return form.cleaned_data["note"] if form.is_valid() else ""


@require_POST
@capability_required("portal.write")
def article_submit(request, pk: int):
    def act(article):
        article.submit(by=request.user)
        return "已提交审核"

    return _article_action(request, pk, act)


@require_POST
@capability_required("portal.publish")
def article_approve(request, pk: int):
    def act(article):
        publication = article.approve(by=request.user)
        return f"已发布（公开编号 {publication.public_id}）"

    return _article_action(request, pk, act)


@require_POST
@capability_required("portal.publish")
def article_return(request, pk: int):
    def act(article):
        article.return_for_revision(by=request.user, note=_note(request))
        return "已退回修改"

    return _article_action(request, pk, act)


@require_POST
@capability_required("portal.publish")
def article_withdraw(request, pk: int):
    def act(article):
        article.withdraw(by=request.user, note=_note(request))
        return "已撤回"

    return _article_action(request, pk, act)


@require_POST
@capability_required("portal.write")
def attachment_add(request, pk: int):
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "请选择要上传的文件")
        return redirect("portal_staff:article", pk=pk)

    def act(article):
        attachment = article.add_attachment(form.cleaned_data["file"], by=request.user)
        return f"已上传附件“{attachment.original_name}”"

    return _article_action(request, pk, act)


@require_POST
@capability_required("portal.write")
def attachment_remove(request, pk: int, attachment_pk: int):
    attachment = get_object_or_404(ArticleAttachment, pk=attachment_pk, article_id=pk)

    def act(article):
        article.remove_attachment(attachment, by=request.user)
        return "已删除附件"

    return _article_action(request, pk, act)


@capability_required("portal.view")
def attachment_download(request, pk: int, attachment_pk: int):
    from django.http import Http404

    from eduenforce.portal.public_views import attachment_response

    attachment = get_object_or_404(ArticleAttachment, pk=attachment_pk, article_id=pk)
    try:
        return attachment_response(attachment)
    except OSError:
        raise Http404("附件文件无法读取") from None
