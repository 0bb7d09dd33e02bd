"""The catalogue: seeded once, edited only as a draft, published to the portal, versions kept."""

from decimal import Decimal

import pytest

from eduenforce.cases import catalogue as service
from eduenforce.cases.choices import CatalogueStatus, Tier
from eduenforce.cases.models import CatalogueVersion, TierRule, Violation
from eduenforce.cases.seeds import seed_catalogue
from eduenforce.core.errors import DomainError
from eduenforce.portal.choices import PublicationState
from eduenforce.portal.models import Publication

pytestmark = pytest.mark.django_db


def test_the_seed_covers_articles_17_to_25_and_runs_only_once():
    version = CatalogueVersion.objects.current()
    codes = set(version.violations.values_list("code", flat=True))
    assert {f"53-{n}" for n in range(17, 26)} <= codes
    seed_catalogue()
    assert CatalogueVersion.objects.count() == 1 and Violation.objects.count() == len(codes)


def test_the_seeded_ranges_follow_the_30_40_30_split_of_the_statutory_range():
    rows = {
        t.tier: t
        for t in TierRule.objects.filter(
            violation__code="53-18", severity="especially_serious", violation__version__number=1
        )
    }
    assert (rows[Tier.LIGHTER].fine_min, rows[Tier.LIGHTER].fine_max) == (Decimal("50000"), Decimal("65000"))
    assert (rows[Tier.GENERAL].fine_min, rows[Tier.GENERAL].fine_max) == (Decimal("65000"), Decimal("85000"))
    assert (rows[Tier.HEAVIER].fine_min, rows[Tier.HEAVIER].fine_max) == (Decimal("85000"), Decimal("100000"))


def test_the_current_version_cannot_be_edited_in_place(flow):
    tier = TierRule.objects.filter(violation__version__number=1).first()
    with pytest.raises(DomainError, match="只能修改草稿"):
        service.update_tier(tier, {"fine_max": Decimal("1")}, by=flow.head)


def test_a_draft_is_edited_published_and_supersedes_the_previous_version(flow, client):
    assert CatalogueVersion.objects.get(number=1).published_at  # the flow's bureau published it (第34条)
    draft = service.new_draft(CatalogueVersion.objects.get(number=1), by=flow.head)
    tier = TierRule.objects.get(
        violation__version=draft, violation__code="53-18", severity="serious", tier=Tier.HEAVIER
    )
    service.update_tier(
        tier, {"conditions": "两年内再次违法等", "fine_min": Decimal("40000")}, by=flow.reviewer
    )
    with pytest.raises(DomainError, match="法定上限"):
        service.update_tier(tier, {"fine_max": Decimal("100001")}, by=flow.reviewer)
    service.publish_version(draft, by=flow.leader)
    old, new = CatalogueVersion.objects.get(number=1), CatalogueVersion.objects.get(number=2)
    assert (old.status, new.status) == (CatalogueStatus.SUPERSEDED, CatalogueStatus.CURRENT)
    assert (
        Publication.objects.get(source_id=str(old.pk), kind="catalogue").state == PublicationState.WITHDRAWN
    )
    page = client.get("/portal/decisions/discretion/").content.decode()
    assert "第2版" in page and "两年内再次违法等" in page and "40,000–50,000 元" in page
    # Decisions already made keep pointing at the rows of the version they applied.
    assert TierRule.objects.filter(
        violation__version=old, violation__code="53-18", severity="serious", tier=Tier.HEAVIER
    ).get().fine_min == Decimal("35000")


def test_the_catalogue_pages_let_a_reviewer_edit_a_draft_but_not_an_officer(flow, client_for):
    draft = service.new_draft(CatalogueVersion.objects.get(number=1), by=flow.head)
    tier = TierRule.objects.filter(violation__version=draft).first()
    url = f"/cases/catalogue/tier/{tier.pk}/edit/"
    assert client_for(flow.investigator).get(url).status_code == 403
    response = client_for(flow.reviewer).post(
        url, {"conditions": "修改后的条件", "fine_min": "", "fine_max": "", "measures": "责令改正"}
    )
    assert response.status_code == 302
    tier.refresh_from_db()
    assert tier.conditions == "修改后的条件"
    bad = client_for(flow.reviewer).post(url, {"conditions": "x", "fine_min": "-5", "fine_max": "abc"})
    assert bad.status_code == 200 and "不能为负数" in bad.content.decode()
    assert client_for(flow.reviewer).post(f"/cases/catalogue/{draft.number}/publish/").status_code == 403
    assert client_for(flow.leader).post(f"/cases/catalogue/{draft.number}/publish/").status_code == 302
    assert CatalogueVersion.objects.current() == draft


def test_a_draft_gets_new_violations_and_tiers_and_loses_tiers(flow, client_for):
    draft = service.new_draft(CatalogueVersion.objects.get(number=1), by=flow.head)
    client = client_for(flow.reviewer)
    response = client.post(
        f"/cases/catalogue/{draft.number}/violation/new/",
        {
            "code": "yjf-36",
            "fine_basis": "amount",
            "allowed_kinds": ["warning", "fine"],
            "article": "义务教育法第三十六条",
            "title": "违规收费",
            "legal_basis": "《义务教育法》",
            "statutory_penalty": "责令退还，处以罚款",
            "statutory_min": "0",
            "statutory_max": "50000",
            "party_kinds": "学校",
            "source_note": "需审定",
        },
    )
    assert response.status_code == 302
    added = Violation.objects.get(version=draft, code="yjf-36")
    duplicate = client.post(
        f"/cases/catalogue/{draft.number}/violation/new/",
        {
            "code": "yjf-36",
            "fine_basis": "amount",
            "article": "x",
            "title": "x",
            "legal_basis": "x",
            "statutory_penalty": "x",
            "statutory_min": "0",
        },
    )
    assert "已有编码" in duplicate.content.decode()
    over = client.post(
        f"/cases/catalogue/violation/{added.pk}/tier/new/",
        {
            "severity": "ordinary",
            "tier": "general",
            "conditions": "一般",
            "fine_min": "0",
            "fine_max": "60000",
            "penalty_kinds": ["fine"],
        },
    )
    assert "法定上限" in over.content.decode()
    client.post(
        f"/cases/catalogue/violation/{added.pk}/tier/new/",
        {
            "severity": "ordinary",
            "tier": "general",
            "conditions": "一般",
            "fine_min": "0",
            "fine_max": "20000",
            "penalty_kinds": ["fine"],
        },
    )
    tier = added.tiers.get()
    assert tier.fine_max == Decimal("20000")
    client.post(f"/cases/catalogue/tier/{tier.pk}/delete/")
    assert not added.tiers.exists()
    current_tier = TierRule.objects.filter(violation__version__number=1).first()
    client.post(f"/cases/catalogue/tier/{current_tier.pk}/delete/")
    assert TierRule.objects.filter(pk=current_tier.pk).exists()
