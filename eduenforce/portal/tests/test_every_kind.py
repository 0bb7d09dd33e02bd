"""Every publication kind, made by the apps' own services from real records (the demo district,
plus the kinds the demo leaves unpublished), renders on every public surface: its detail page,
its app's dedicated page, its list, the feeds, the API item and the CSV. No 5xx anywhere,
and the identifiers come out exactly as stored."""

import csv
import io

import pytest
from django.core.management import call_command
from django.db import transaction

from eduenforce.portal.choices import ArticleKind, PublicationKind
from eduenforce.portal.models import Publication

pytestmark = pytest.mark.django_db


def _publish_the_kinds_the_demo_leaves_out():
    from eduenforce.accounts.models import User
    from eduenforce.cases import catalogue
    from eduenforce.cases.models import CatalogueVersion
    from eduenforce.portal.models import Article
    from eduenforce.reports import actions as reports
    from eduenforce.reports.models import AnnualReport

    leader = User.objects.filter(role="leader", is_active=True).first()
    head = User.objects.filter(role="section_head", is_active=True).first()
    officer = User.objects.filter(role="officer", is_active=True).first()
    published = set(Publication.objects.published().values_list("kind", flat=True))
    if PublicationKind.REPORT not in published:
        report = AnnualReport.objects.order_by("-year").first() or reports.start_draft(2025, by=leader)
        if report.status == "draft":  # the demo decided every finding: ready to finalise
            report = reports.finalise(report, by=leader)
        reports.publish(report, by=leader)
    if PublicationKind.CATALOGUE not in published:
        version = CatalogueVersion.objects.order_by("number").first()
        catalogue.publish_version(catalogue.new_draft(version, by=head), by=head)
    for kind in ArticleKind.values:
        if kind not in published:
            article = Article.draft(
                kind=kind,
                by=officer,
                title=f"{ArticleKind(kind).label}：寒假校外培训治理",
                body="<p>正文</p>",
            )
            article.submit(by=officer)
            article.approve(by=head)


@pytest.fixture(scope="module")
def district(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        _publish_the_kinds_the_demo_leaves_out()
        yield {
            kind: Publication.objects.published().of_kind(kind).order_by("-published_at", "-id").first()
            for kind in PublicationKind.values
        }
        transaction.set_rollback(True)


def _ok(response) -> str:
    assert response.status_code == 200, (response.status_code, response.content[:300])
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode("utf-8")


def test_the_district_has_a_publication_of_every_kind(district):
    assert {kind for kind, p in district.items() if p is not None} == set(PublicationKind.values)


@pytest.mark.parametrize("kind", PublicationKind.values)
def test_every_kind_renders_on_every_public_surface(district, client, kind):
    from eduenforce.portal import fields as kinds
    from eduenforce.portal import navigation

    publication = district[kind]
    page = _ok(client.get(f"/portal/p/{publication.public_id}/"))
    assert publication.public_id in page and publication.title in page
    for spec, _value in kinds.rows(publication):
        assert spec.label in page  # every declared field shows under its Chinese label
    dedicated = navigation.dedicated_url(kind) or f"/portal/list/{kind}/"
    _ok(client.get(dedicated))
    assert publication.title in _ok(client.get(f"/portal/list/{kind}/"))
    for feed in ("rss", "atom"):
        assert publication.public_id in _ok(client.get(f"/portal/feed/{feed}/?kind={kind}"))
    item = client.get(f"/api/v1/publications/{publication.public_id}").json()
    assert item["public_id"] == publication.public_id
    assert item["url"].endswith(f"/portal/p/{publication.public_id}/")
    assert set(item["fields"]) == {spec.key for spec in kinds.declared(kind)}
    rows = list(
        csv.reader(io.StringIO(_ok(client.get(f"/api/v1/publications.csv?kind={kind}")).lstrip("\ufeff")))
    )
    assert len(rows[0]) == len(set(rows[0]))  # no duplicate headers
    assert publication.public_id in {row[0] for row in rows[1:]}


def test_each_apps_own_public_page_of_a_publication_renders(district, client):
    """The pages the apps link from their lists (campaigns, draws, decisions, results, reports)."""
    from django.urls import reverse

    campaign = district[PublicationKind.CAMPAIGN]
    _ok(client.get(reverse("portal:items:campaign", args=[campaign.fields["public_id"]])))
    draw = district[PublicationKind.DRAW]
    _ok(client.get(draw.fields["url"]))
    _ok(client.get(reverse("portal:decision", args=[district[PublicationKind.DECISION].public_id])))
    result = district[PublicationKind.INSPECTION_RESULT]
    _ok(client.get(reverse("portal:inspections-public:detail", args=[result.public_id])))
    _ok(client.get(reverse("portal:report", args=[district[PublicationKind.REPORT].public_id])))


def test_the_all_kinds_csv_has_each_header_once(district, client):
    rows = list(csv.reader(io.StringIO(_ok(client.get("/api/v1/publications.csv")).lstrip("\ufeff"))))
    assert len(rows[0]) == len(set(rows[0])) and len(rows) > len(PublicationKind.values)
    assert all(len(row) == len(rows[0]) for row in rows)
