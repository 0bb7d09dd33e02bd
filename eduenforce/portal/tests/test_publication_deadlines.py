"""Publication duties: due dates from the deadline rules, the due and overdue lists, late publication,
correction with the change shown, and withdrawal of a revoked decision within 3 working days."""

from datetime import date

import pytest
import time_machine

from eduenforce.core.errors import DomainError
from eduenforce.portal import services
from eduenforce.portal.choices import PublicationKind, PublicationState
from eduenforce.portal.models import Publication
from eduenforce.portal.tests.factories import publish, schedule, source_record
from eduenforce.records.models import JournalEntry

pytestmark = pytest.mark.django_db


def test_a_decision_is_due_seven_working_days_after_it_is_made_across_national_day():
    assert services.due_on_for(PublicationKind.DECISION, date(2025, 9, 30)) == date(2025, 10, 16)


def test_an_inspection_result_is_due_twenty_working_days_later_and_news_has_no_deadline():
    assert services.due_on_for(PublicationKind.INSPECTION_RESULT, date(2025, 6, 2)) == date(2025, 6, 30)
    assert services.due_on_for(PublicationKind.NEWS, date(2025, 6, 2)) is None


def test_a_scheduled_decision_is_due_then_overdue_the_day_after_its_deadline():
    publication = schedule(occurred_on=date(2025, 9, 30))
    with time_machine.travel(date(2025, 10, 16)):
        assert publication in Publication.objects.due() and publication not in Publication.objects.overdue()
    with time_machine.travel(date(2025, 10, 17)):
        assert publication in Publication.objects.overdue()
    assert JournalEntry.objects.filter(action="publication.scheduled", object_id=str(publication.pk)).exists()


def test_publishing_after_the_deadline_is_recorded_as_late(section_head):
    record = source_record()
    services.schedule(
        kind="decision",
        source=record,
        title="决定",
        occurred_on=date(2025, 9, 30),
        due_on=date(2025, 10, 16),
        year=2025,
    )
    with time_machine.travel(date(2025, 10, 20)):
        publication = services.publish(
            kind="decision",
            source=record,
            title="决定",
            occurred_on=date(2025, 9, 30),
            year=2025,
            by=section_head,
            due_on=date(2025, 10, 16),
        )
    assert publication.is_late and publication not in Publication.objects.overdue()
    entry = JournalEntry.objects.get(action="publication.published", object_id=str(publication.pk))
    assert entry.changes["late"] is True and entry.actor_id == section_head.pk


def test_publishing_stores_only_masked_text(section_head):
    publication = publish(
        by=section_head,
        title="对张三丰的行政处罚决定",
        summary="证人王小明在场",
        body="身份证号120110199001011234，电话13812345678",
        fields={"party": "张三丰", "家庭住址": "东丽区幸福里", "facts": "证人李小红作证"},
        names_to_mask=["张三丰"],
        names_to_remove=["李小红"],
    )
    stored = f"{publication.title}{publication.summary}{publication.body}{publication.fields}"
    for secret in ("张三丰", "王小明", "李小红", "120110199001011234", "13812345678", "幸福里"):
        assert secret not in stored
    assert publication.title == "对张某的行政处罚决定" and publication.fields["party"] == "张某"


def test_a_case_whose_party_is_a_minor_is_never_published(section_head):
    with pytest.raises(DomainError, match="未成年人"):
        publish(by=section_head, party_is_minor=True)
    assert not Publication.objects.exists()


def test_publishing_the_same_source_twice_is_refused(section_head):
    record = source_record()
    kwargs = {
        "kind": "decision",
        "source": record,
        "title": "决定",
        "occurred_on": date(2025, 6, 2),
        "year": 2025,
        "by": section_head,
    }
    services.publish(**kwargs)
    with pytest.raises(DomainError, match="已公示"):
        services.publish(**kwargs)


def test_a_correction_keeps_the_previous_version_as_the_change_shown(section_head, client):
    publication = publish(by=section_head, title="决定", fields={"fine": "5000"})
    services.correct(publication, by=section_head, note="罚款金额笔误，更正为3000元", fields={"fine": "3000"})
    publication.refresh_from_db()
    assert publication.state == PublicationState.CORRECTED
    revision = publication.revisions.get()
    assert revision.changes() == [("罚款金额（元）", "5000", "3000")]
    page = client.get(publication.get_absolute_url()).content.decode()
    assert "已更正" in page and "罚款金额笔误" in page and "<del>5000</del>" in page


def test_a_correction_needs_a_reason(section_head):
    publication = publish(by=section_head)
    with pytest.raises(DomainError, match="理由"):
        services.correct(publication, by=section_head, note=" ", title="新标题")


def test_a_revoked_decision_is_listed_for_withdrawal_then_withdrawn_within_three_working_days(
    section_head, client
):
    publication = publish(by=section_head, title="对某培训学校的行政处罚决定")
    with time_machine.travel(date(2025, 9, 30)):
        services.request_withdrawal(
            publication, by=section_head, reason="该决定被行政复议机关撤销", revoked_on=date(2025, 9, 29)
        )
    publication.refresh_from_db()
    assert publication.withdraw_due_on == date(2025, 10, 10)  # 3 working days across National Day
    with time_machine.travel(date(2025, 10, 10)):
        assert publication in Publication.objects.withdrawal_pending()
        assert publication not in Publication.objects.withdrawal_overdue()
    with time_machine.travel(date(2025, 10, 11)):
        assert publication in Publication.objects.withdrawal_overdue()
    with time_machine.travel(date(2025, 10, 10)):
        services.withdraw(publication, by=section_head, note="该决定被行政复议机关撤销")
    publication.refresh_from_db()
    assert publication.state == PublicationState.WITHDRAWN
    assert publication not in Publication.objects.withdrawal_overdue(date(2025, 10, 20))
    entry = JournalEntry.objects.get(action="publication.withdrawn", object_id=str(publication.pk))
    assert entry.changes["late"] is False
    response = client.get(publication.get_absolute_url())
    assert response.status_code == 410 and "已撤回" in response.content.decode()
    assert publication.public_id not in client.get("/portal/list/decision/").content.decode()
    assert publication.public_id not in client.get("/api/v1/decisions").content.decode()
    assert publication.public_id not in client.get("/portal/feed/rss/").content.decode()


def test_withdrawal_cannot_be_registered_for_a_future_revocation_or_without_a_reason(section_head):
    publication = publish(by=section_head)
    with pytest.raises(DomainError, match="原因"):
        services.request_withdrawal(publication, by=section_head, reason="", revoked_on=date(2025, 6, 3))
    with pytest.raises(DomainError, match="晚于今天"):
        services.request_withdrawal(publication, by=section_head, reason="撤销", revoked_on=date(2099, 1, 1))


def test_a_withdrawn_publication_cannot_be_withdrawn_or_corrected_again(section_head):
    publication = publish(by=section_head)
    services.withdraw(publication, by=section_head, note="撤销")
    with pytest.raises(DomainError, match="不能撤回"):
        services.withdraw(publication, by=section_head, note="再次")
    with pytest.raises(DomainError, match="不能更正"):
        services.correct(publication, by=section_head, note="x", title="y")
