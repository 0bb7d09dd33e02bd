"""The public portal's own pages: home, 执法主体, lists and details of every publication kind,
search, the open-data page and article attachments. No login; read only through
``Publication.objects.published()``; every response is masked (``portal.middleware``)."""

from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from eduenforce.core import config
from eduenforce.portal import cache, fields, navigation, ratelimit
from eduenforce.portal.choices import ArticleKind, PublicationKind, PublicationState
from eduenforce.portal.errors import BadQuery, bad_query, error_page, not_found, too_many
from eduenforce.portal.listing import (
    LIST_COLUMNS,
    PUBLIC_ID,
    keyset_page,
    listed,
    parse_filters,
    rows,
    streets,
    total,
)
from eduenforce.portal.models import ArticleAttachment, Publication

PAGE_SIZE = 20
LICENCE = (
    "本平台公开的数据依据《中华人民共和国政府信息公开条例》主动公开，已依法隐去个人信息。"
    "欢迎任何单位和个人免费获取、复制、传播和再利用，请注明来源“{bureau}行政执法公示平台”，"
    "不得歪曲原意，不得用于识别或推断个人身份。"
)


def licence_text() -> str:
    return LICENCE.format(bureau=settings.BUREAU_NAME)


def _kind_counts() -> dict:
    from django.db.models import Count

    counts = Publication.objects.published().values("kind").annotate(n=Count("id")).order_by()
    return {row["kind"]: row["n"] for row in counts}


@require_GET
@cache.public_page
def home(request):
    counts = cache.cached("kind-counts", _kind_counts)
    cards = [(entry, counts.get(entry.kind)) for entry in navigation.entries() if entry.kind]
    latest = rows(
        Publication.objects.published()
        .select_related("street")
        .only(*LIST_COLUMNS)
        .order_by("-published_at", "-id")[:10]
    )
    return render(
        request,
        "portal/home.html",
        {"cards": cards, "latest": latest, "kinds": PublicationKind.choices, "streets": streets()},
    )


@require_GET
@cache.public_page
def about(request):
    from eduenforce.accounts.models import Department
    from eduenforce.officers.models import Officer

    units = Department.objects.filter(kind="section").order_by("order", "name")
    partners = Department.objects.filter(kind="partner").order_by("order", "name")
    certified = cache.cached(
        "certified-officers", lambda: Officer.objects.certified_on(timezone.localdate()).count()
    )
    officers_url = "/portal/officers/" if navigation.resolves("/portal/officers/") else None
    return render(
        request,
        "portal/about.html",
        {"units": units, "partners": partners, "certified": certified, "officers_url": officers_url},
    )


@require_GET
def verify_redirect(request):
    """The certificate-check form: send the number to the 亮证 page."""
    number = request.GET.get("number", "").strip()
    if not number or len(number) > 40 or any(c in number for c in "/?#%\\"):
        return error_page(
            request,
            400,
            "证件号有误",
            "请输入执法证上的证件号（不超过40位，不含特殊符号）。",
            retry_url=reverse("portal:about"),
        )
    return redirect("portal:officer-verify", number=number)


@require_GET
@cache.public_page
def kind_list(request, kind: str):
    if kind not in PublicationKind.values:
        return not_found(request, "没有这一类公示信息。")
    try:
        filters = parse_filters(request.GET, kind=kind)
        page = keyset_page(listed(filters), request.GET, size=PAGE_SIZE, count=total(filters))
    except BadQuery as error:
        return bad_query(request, error)
    return render(
        request,
        "portal/list.html",
        {
            "kind": kind,
            "kind_label": PublicationKind(kind).label,
            "filters": filters,
            "page": page,
            "rows": rows(page.items),
            "streets": streets(),
            "years": _years(),
            "dedicated_url": navigation.dedicated_url(kind),
            "csv_url": reverse("api:publications_csv") + f"?kind={kind}",
        },
    )


def _years() -> list[int]:
    return cache.cached(
        "years",
        lambda: sorted(
            Publication.objects.published().values_list("year", flat=True).distinct().order_by(), reverse=True
        ),
    )


@require_GET
def search(request):
    if not ratelimit.allow(request, "search", config.get("portal.search_per_minute")):
        return too_many(request)
    try:
        filters = parse_filters(request.GET)
        searched = bool(filters.as_params())
        page = (
            keyset_page(listed(filters), request.GET, size=PAGE_SIZE, count=total(filters))
            if searched
            else None
        )
    except BadQuery as error:
        return bad_query(request, error)
    return render(
        request,
        "portal/search.html",
        {
            "filters": filters,
            "page": page,
            "rows": rows(page.items) if page else [],
            "kinds": PublicationKind.choices,
            "streets": streets(),
            "years": _years(),
        },
    )


@require_GET
@cache.public_page
def detail(request, public_id: str):
    if not PUBLIC_ID.match(public_id):
        return not_found(request)
    publication = Publication.objects.select_related("street").filter(public_id=public_id).first()
    if publication is None or publication.state == PublicationState.DUE:
        return not_found(request)
    if publication.state == PublicationState.WITHDRAWN:
        response = render(request, "portal/withdrawn.html", {"publication": publication}, status=410)
        response.portal_page = True
        return response
    attachments = []
    if publication.kind in ArticleKind.values:
        attachments = list(ArticleAttachment.objects.filter(article__publication=publication))
    return render(
        request,
        "portal/detail.html",
        {
            "publication": publication,
            "field_rows": fields.rows(publication),
            "is_html": publication.kind in ArticleKind.values,
            "revisions": list(publication.revisions.all()),
            "attachments": attachments,
            "kind_url": navigation.dedicated_url(publication.kind)
            or reverse("portal:kind-list", args=[publication.kind]),
        },
    )


def attachment(request, token: str):
    """An article's attachment, once the article is public; always as a download."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    item = (
        ArticleAttachment.objects.select_related("article__publication")
        .filter(token=token if PUBLIC_ID.match(token) else "")
        .first()
    )
    if item is None or item.article.publication is None or not item.article.publication.is_public:
        return not_found(request, "附件不存在或尚未公开。")
    try:
        return attachment_response(item)
    except OSError:  # the file is missing from storage: say so rather than fail
        return not_found(request, "附件文件暂时无法读取，请稍后再试。")


def attachment_response(item: ArticleAttachment) -> FileResponse:
    """The file as a download: never rendered by the browser, whatever it claims to be."""
    response = FileResponse(item.file.open("rb"), content_type=item.content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(item.original_name)}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_GET
@cache.public_page
def open_data(request):
    base = "/api/v1/"  # relative: the page is cached and shared whatever host it was asked on
    return render(
        request,
        "portal/open_data.html",
        {
            "licence": licence_text(),
            "api_base": base,
            "kinds": PublicationKind.choices,
            "docs_url": reverse("api:openapi-view"),
            "schema_url": reverse("api:openapi-json"),
        },
    )
