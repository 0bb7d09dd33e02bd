"""RSS 2.0 and Atom feeds of new publications (optionally one kind: ``?kind=decision``).

Every link in a feed (channel, self link, items) is a public address under
``EDUENFORCE_PUBLIC_URL`` (``core.links``), never the host the feed was fetched from.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from eduenforce.core.links import public_absolute, public_reverse
from eduenforce.portal.choices import ArticleKind, PublicationKind
from eduenforce.portal.errors import BadQuery, bad_query
from eduenforce.portal.listing import parse_filters
from eduenforce.portal.masking import mask_public
from eduenforce.portal.models import Publication
from eduenforce.portal.richtext import plain_text

FEED_SIZE = 50


@dataclass(frozen=True)
class FeedRequest:
    kind: str
    self_link: str


class PublicationFeed(Feed):
    description_template = None

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except BadQuery as error:
            return bad_query(request, error)

    def get_object(self, request, *args, **kwargs):
        # The view instance is shared by every request (urls.py), so what a request asks for
        # travels as the feed's object, never as an attribute of the instance.
        kind = parse_filters({"kind": request.GET.get("kind", "")}).kind
        return FeedRequest(kind=kind, self_link=public_absolute(request.get_full_path()))

    def title(self, obj):
        label = PublicationKind(obj.kind).label if obj.kind else "行政执法公示"
        return f"{settings.BUREAU_NAME} · {label}"

    def link(self):
        return public_reverse("portal:index")

    def feed_url(self, obj):
        return obj.self_link

    def description(self):
        return f"{settings.BUREAU_NAME}行政执法公示平台发布的最新公示信息（已依法隐去个人信息）。"

    def items(self, obj):
        qs = Publication.objects.published().order_by("-published_at", "-id")
        if obj.kind:
            qs = qs.filter(kind=obj.kind)
        return qs[:FEED_SIZE]

    def item_title(self, item):
        return mask_public(item.title)

    def item_description(self, item):
        text = item.summary or (plain_text(item.body) if item.kind in ArticleKind.values else item.body)
        # RSS readers treat <description> as HTML: the plain text is escaped so that a title
        # or summary holding markup shows as text, never as markup.
        return escape(mask_public(text[:300]))

    def item_link(self, item):
        return public_absolute(item.get_absolute_url())

    def item_guid(self, item):
        return item.public_id

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at

    def item_categories(self, item):
        return [item.get_kind_display()]


class PlainTextAtom1Feed(Atom1Feed):
    """Atom with ``<summary type="text">``: Django marks it ``html``, but ours is plain text."""

    def add_item_elements(self, handler, item):
        summary = item.get("description")
        super().add_item_elements(handler, {**item, "description": None})
        if summary is not None:
            handler.addQuickElement("summary", summary, {"type": "text"})


class PublicationAtomFeed(PublicationFeed):
    feed_type = PlainTextAtom1Feed

    def item_description(self, item):
        text = item.summary or (plain_text(item.body) if item.kind in ArticleKind.values else item.body)
        return mask_public(text[:300])

    def subtitle(self):
        return self.description()
