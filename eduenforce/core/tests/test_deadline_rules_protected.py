"""Statutory time limits are the law's: the system administrator may not lower one, lengthen it or change
its day type; only configurable ([U]) rules are editable (issue 13 item 11)."""

import pytest
from django.urls import reverse

from eduenforce.core.deadline_rules import do_change_rule
from eduenforce.core.errors import DomainError
from eduenforce.core.models import DeadlineRule
from eduenforce.records.models import JournalEntry
from eduenforce.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_statutory_limit_cannot_be_shortened_below_the_law():
    rule = DeadlineRule.objects.get(code="statement_defence")
    with pytest.raises(DomainError, match="法定期限（53号令第31条），不得修改期限"):
        do_change_rule(rule, by=None, number=3)
    rule.refresh_from_db()
    assert rule.number == 5


def test_a_statutory_limit_cannot_change_its_day_type():
    rule = DeadlineRule.objects.get(code="decision_service")
    with pytest.raises(DomainError, match="不得修改计算方式"):
        do_change_rule(rule, by=None, day_type="calendar")


def test_a_statutory_limit_keeps_its_legal_basis_but_its_note_may_change():
    rule = DeadlineRule.objects.get(code="filing_to_decision")
    with pytest.raises(DomainError, match="不得修改法律依据"):
        do_change_rule(rule, by=None, basis="内部规定")
    assert do_change_rule(rule, by=None, note="自立案之日起计算").note == "自立案之日起计算"


def test_a_configurable_rule_may_be_changed_and_the_change_is_journaled():
    admin = UserFactory(role="sys_admin")
    rule = DeadlineRule.objects.get(code="legal_review")
    do_change_rule(rule, by=admin, number=10, day_type="calendar")
    rule.refresh_from_db()
    assert (rule.number, rule.day_type) == (10, "calendar")
    entry = JournalEntry.objects.filter(action="deadline_rule.changed").latest("id")
    assert entry.changes["before"]["number"] == 7 and entry.changes["after"]["number"] == 10


def test_the_edit_page_refuses_a_tampered_post_on_a_statutory_rule(client):
    client.force_login(UserFactory(role="sys_admin"))
    url = reverse("core:deadline-rule-edit", args=["hearing_notice"])
    data = {"name": "听证通知至少提前", "number": 2, "day_type": "calendar", "basis": "x", "note": ""}
    response = client.post(url, data)
    rule = DeadlineRule.objects.get(code="hearing_notice")
    assert (rule.number, rule.day_type) == (7, "working")
    assert response.status_code in (200, 302)


@pytest.mark.parametrize("role, status", [("officer", 403), ("sec_admin", 403)])
def test_only_the_system_administrator_edits_deadline_rules(client, role, status):
    client.force_login(UserFactory(role=role))
    url = reverse("core:deadline-rule-edit", args=["legal_review"])
    assert client.post(url, {"name": "x", "number": 1, "day_type": "working"}).status_code == status
