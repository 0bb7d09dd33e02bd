"""Publishing by allow-list (issue 21): each kind declares what the public sees; the free text of
a case reaches the portal only after a reviewer confirms it with every person named removed.
Names are planted in every free-text field of a real case, and the whole portal is crawled."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from eduenforce.cases import actions as A
from eduenforce.cases.tests.factories import Flow
from eduenforce.core.errors import DomainError
from eduenforce.portal import fields as kinds
from eduenforce.portal import services
from eduenforce.portal.choices import PublicationKind
from eduenforce.portal.models import Publication
from eduenforce.portal.tests.test_masking_crawl import crawl

pytestmark = pytest.mark.django_db

# Relatives, witnesses, a minor, a representative: none is the penalised party.
PLANTED = ["李建华", "王可可", "刘洋洋", "赵德柱", "孙丽娟", "周晓明"]
FACTS = (
    "张三丰在自家住所开展培训。家长李建华反映，其女儿王可可（12岁）在此学习；"
    "证人刘洋洋证实收费情况；委托代理人赵德柱到场；邻居孙丽娟、同事周晓明知情。"
)


@pytest.fixture
def published_case():
    with time_machine.travel(datetime(2025, 6, 16, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=True):
        flow = Flow()
        case = flow.review_opened(
            "53-18", party_kind="person", party_name="张三丰", party_representative="赵德柱"
        )
        A.do_approve_filing(case, by=flow.head)
        flow.record(case)
        flow.corrected(case, corrected=False)
        case = flow.conclude(
            case,
            kinds=["warning", "fine"],
            fine="20000",
            gains=None,
            confiscation=None,
            severity="serious",
            report=FACTS,
        )
        flow.notified(case)
        A.do_waive_rights(
            case, by=flow.investigator, waived_on=case.notified_on, note=f"{PLANTED[3]}代为放弃"
        )
        A.do_submit_for_review(case, by=flow.investigator)
        flow.review(case)
        case = flow.decide(case)
        A.do_publish_decision(case, by=flow.head)
        publication = Publication.objects.get(kind=PublicationKind.DECISION, source_id=str(case.pk))
        return flow, publication


def _public_text(client) -> str:
    pages, errors = crawl(client)
    assert not errors
    return "\n".join(pages.values())


def test_only_declared_fields_are_stored_for_each_kind(section_head):
    from eduenforce.portal.tests.factories import publish

    publication = publish(
        "inspection_result",
        by=section_head,
        fields={
            "检查对象": "东丽区某幼儿园",
            "检查结果": "未发现问题",
            "负责人电话": "13812345678",
            "备注": "x",
        },
    )
    assert publication.fields == {"institution": "东丽区某幼儿园", "result": "未发现问题"}
    assert {spec.key for spec in kinds.declared("inspection_result")} >= set(publication.fields)


def test_the_facts_of_a_decision_wait_for_the_reviewer_and_are_not_public(published_case):
    _flow, publication = published_case
    assert set(publication.pending_text) == {"facts", "body"}
    assert "facts" not in publication.fields and publication.body == ""
    text = _public_text(Client())
    assert publication.public_id in text and "张某" in text
    for name in [*PLANTED, "张三丰", "培训。家长"]:
        assert name not in text, name


def test_the_reviewer_cannot_confirm_text_that_still_names_a_person_of_the_case(published_case):
    flow, publication = published_case
    draft = dict(publication.pending_text)
    with pytest.raises(DomainError, match="赵德柱"):
        services.confirm_text(
            publication, by=flow.head, texts={**draft, "facts": draft["facts"] + "赵德柱签字。"}
        )
    publication.refresh_from_db()
    assert publication.pending_text == draft
    # A child named with an age, listed nowhere in the case: masking removes it even then.
    services.confirm_text(publication, by=flow.head, texts={**draft, "body": "其子王晓（9岁）在场。"})
    publication.refresh_from_db()
    assert "王晓" not in publication.body and "（9岁）" in publication.body


def test_once_confirmed_the_facts_are_public_and_no_planted_name_is_anywhere(published_case):
    flow, publication = published_case
    draft = publication.pending_text
    for name in PLANTED:
        assert name not in draft["facts"], name  # masking already removed them from the draft
    services.confirm_text(publication, by=flow.head, texts=draft)
    publication.refresh_from_db()
    assert not publication.pending_text and publication.fields["facts"]
    text = _public_text(Client())
    assert "（12岁）" in text  # the confirmed facts are now public…
    for name in [*PLANTED, "张三丰"]:  # …and nobody named in the case is
        assert name not in text, name


def test_the_staff_page_shows_the_draft_and_confirms_it(published_case, client_for):
    flow, publication = published_case
    client = client_for(flow.head)
    page = client.get(f"/publications/{publication.pk}/").content.decode()
    assert 'data-testid="text-review"' in page and "确认已删除人员姓名并公开" in page
    post = {f"text-{key}": text for key, text in publication.pending_text.items()}
    response = client.post(f"/publications/{publication.pk}/confirm-text/", post)
    assert response.status_code == 302
    publication.refresh_from_db()
    assert not publication.pending_text and publication.text_confirmed_by == flow.head
