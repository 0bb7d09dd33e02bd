"""Item lists: versioned, published to the portal, only published items are inspected."""

import pytest

from eduenforce.core.errors import DomainError
from eduenforce.planning.actions import do_new_version, do_publish_item, do_withdraw_item
from eduenforce.planning.choices import PublicationStatus
from eduenforce.planning.models import EnforcementItem
from eduenforce.planning.tests.factories import ItemFactory, PointFactory, published_item
from eduenforce.portal.choices import PublicationKind, PublicationState
from eduenforce.portal.models import Publication
from eduenforce.records.models import JournalEntry

pytestmark = pytest.mark.django_db


def test_an_item_without_checklist_points_cannot_be_published(section_head):
    item = ItemFactory()
    with pytest.raises(DomainError, match="检查要点"):
        do_publish_item(item, by=section_head)
    assert EnforcementItem.objects.get(pk=item.pk).status == PublicationStatus.DRAFT


def test_publishing_an_item_puts_it_on_the_portal_and_in_the_journal(section_head):
    item = published_item(by=section_head)
    assert item.status == PublicationStatus.PUBLISHED and item.published_by == section_head
    publication = Publication.objects.get(kind=PublicationKind.ITEM_LIST, source_id=str(item.pk))
    assert publication.state == PublicationState.PUBLISHED and publication.fields["code"] == item.code
    assert publication.fields["checklist"][0]["text"] == item.points.get().text
    assert JournalEntry.objects.filter(action="planning.item_published", object_id=str(item.pk)).exists()


def test_a_new_version_copies_the_checklist_and_supersedes_the_old_one_when_published(section_head):
    v1 = published_item(by=section_head)
    v2 = do_new_version(v1, by=section_head, change_note="增加消防检查要点")
    assert (v2.code, v2.version, v2.status) == (v1.code, 2, PublicationStatus.DRAFT)
    assert list(v2.points.values_list("text", flat=True)) == list(v1.points.values_list("text", flat=True))
    PointFactory(item=v2, text="消防通道是否畅通", hazard_category="fire")
    do_publish_item(v2, by=section_head)
    v1.refresh_from_db()
    assert v1.status == PublicationStatus.SUPERSEDED
    assert list(EnforcementItem.objects.published().filter(code=v1.code)) == [v2]


def test_only_one_draft_version_at_a_time(section_head):
    v1 = published_item(by=section_head)
    do_new_version(v1, by=section_head)
    with pytest.raises(DomainError, match="草稿版本"):
        do_new_version(v1, by=section_head)


def test_a_published_item_cannot_be_published_again(section_head):
    item = published_item(by=section_head)
    with pytest.raises(DomainError, match="不能公布"):
        do_publish_item(item, by=section_head)


def test_withdrawing_needs_a_reason_and_takes_the_item_off_the_portal(section_head):
    item = published_item(by=section_head)
    with pytest.raises(DomainError, match="理由"):
        do_withdraw_item(item, by=section_head, reason="")
    do_withdraw_item(item, by=section_head, reason="上位法废止")
    assert item.status == PublicationStatus.WITHDRAWN
    assert (
        Publication.objects.get(kind=PublicationKind.ITEM_LIST, source_id=str(item.pk)).state
        == PublicationState.WITHDRAWN
    )


def test_an_inspection_under_an_unpublished_item_is_refused(section_head):
    from eduenforce.inspections.services import check_item_published

    with pytest.raises(DomainError, match="未经公布的不得实施"):
        check_item_published(ItemFactory())
