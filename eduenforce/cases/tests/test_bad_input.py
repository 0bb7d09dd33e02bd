"""Bad input through the pages: a clear Chinese message on the form, the case unchanged, never a 500."""

from datetime import date

import pytest

from eduenforce.cases import actions as A
from eduenforce.cases.models import Case
from eduenforce.records.models import JournalEntry

pytestmark = pytest.mark.django_db


def _unchanged(case):
    journal = JournalEntry.objects.filter(object_type="cases.case", object_id=str(case.pk)).count()
    return Case.objects.filter(pk=case.pk).values().get(), journal


def _post(client, case, step, data):
    return client.post(f"/cases/{case.pk}/act/{step}/", data)


def test_an_out_of_order_step_is_refused_on_the_form(flow, client_for):
    case = flow.filed()
    before = _unchanged(case)
    response = _post(client_for(flow.head), case, "approve-filing", {"note": ""})
    assert response.status_code == 200
    assert "当前状态为“调查取证”，不能批准立案" in response.content.decode()
    assert _unchanged(case) == before


def test_a_decision_without_a_passed_review_is_refused(flow, client_for):
    case = flow.concluded()
    flow.notified(case)
    before = _unchanged(case)
    response = _post(client_for(flow.leader), case, "decide", {"outcome": "penalty", "kinds": ["warning"]})
    assert "未经法制审核通过，不得作出决定" in response.content.decode()
    assert _unchanged(case) == before


def test_a_hearing_scheduled_too_early_is_refused_naming_the_earliest_date(flow, client_for):
    case = flow.concluded()  # confiscation of 120,000 yuan: hearing right
    flow.notified(case, date(2025, 6, 16))
    A.do_request_hearing(case, by=flow.investigator, requested_on=date(2025, 6, 16))
    before = _unchanged(case)
    response = _post(
        client_for(flow.head),
        case,
        "hearing-schedule",
        {
            "hearing_on": "2025-06-20",
            "place": "听证室",
            "chair": flow.chair.pk,
            "public": "on",
            "method": "direct",
            "delivered_on": "2025-06-16",
            "recipient": "刘某",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200 and "听证最早可定于 2025-06-25" in body
    assert _unchanged(case) == before


@pytest.mark.parametrize(
    "fine, message", [("-1", "确保该值大于或等于0"), ("abc", "输入一个数字"), ("60000", "超出法定上限")]
)
def test_a_fine_that_is_negative_not_a_number_or_above_the_maximum_is_refused(
    flow, client_for, fine, message
):
    case = flow.investigated("53-18", corrected=False)
    before = _unchanged(case)
    response = _post(
        client_for(flow.investigator),
        case,
        "conclude",
        {
            "report": "事实",
            "proposed_outcome": "penalty",
            "severity": "serious",
            "harm": "minor",
            "kinds": ["warning", "fine"],
            "fine": fine,
            "deviation_reason": "理由",
        },
    )
    assert response.status_code == 200 and message in response.content.decode()
    assert _unchanged(case) == before


@pytest.mark.parametrize(
    "party_kind, fine, message",
    [("person", "201", "不得超过 200 元"), ("organisation", "3000.01", "不得超过 3,000 元")],
)
def test_an_on_the_spot_fine_beyond_the_limit_is_refused_on_the_form(
    flow, client_for, party_kind, fine, message
):
    count = Case.objects.count()
    response = client_for(flow.investigator).post(
        "/cases/spot/",
        {
            "party_kind": party_kind,
            "party_name": "王某",
            "violation": _violation_pk("53-18"),
            "severity": "serious",
            "summary": "事实",
            "kinds": ["fine"],
            "fine": fine,
            "place": "某小区",
            "officers": [o.pk for o in flow.officers],
            "recipient": "王某",
        },
    )
    assert response.status_code == 200 and message in response.content.decode()
    assert Case.objects.count() == count


def _violation_pk(code):
    from eduenforce.cases.tests.factories import violation

    return violation(code).pk


@pytest.mark.parametrize(
    "data, message",
    [
        ({"method": "electronic", "delivered_on": "2025-06-16"}, "送达地址确认书"),
        ({"method": "left", "delivered_on": "2025-06-16"}, "见证人"),
        ({"method": "post", "delivered_on": "2025-06-16"}, "邮件号"),
        ({"method": "announcement", "delivered_on": "2025-06-16"}, "原因和经过"),
        ({"method": "direct", "delivered_on": "2025-06-17", "recipient": "刘某"}, "不能晚于今天"),
    ],
)
def test_a_service_method_without_its_prerequisites_is_refused(flow, client_for, data, message):
    case = flow.concluded()
    before = _unchanged(case)
    response = _post(client_for(flow.investigator), case, "prior-notice", data)
    assert response.status_code == 200 and message in response.content.decode()
    assert _unchanged(case) == before


def test_electronic_service_works_once_the_address_confirmation_is_signed(flow):
    case = flow.concluded()
    A.do_record_address_confirmation(
        case, by=flow.investigator, signed_on=date(2025, 6, 10), address="party@example.cn"
    )
    case = A.do_serve_prior_notice(
        case, by=flow.investigator, service=A.Service(method="electronic", delivered_on=date(2025, 6, 16))
    )
    assert case.notified_on == date(2025, 6, 16)
    assert case.services.get().electronic_address == "party@example.cn"


def test_service_by_announcement_counts_as_served_thirty_days_later(flow):
    case = flow.concluded()
    case = A.do_serve_prior_notice(
        case,
        by=flow.investigator,
        service=A.Service(
            method="announcement",
            delivered_on=date(2025, 6, 16),
            reason="当事人下落不明，直接、邮寄送达均未成功",
        ),
    )
    assert case.notified_on == date(2025, 7, 16)


def test_an_unknown_step_is_a_404_and_an_unknown_case_too(flow, client_for):
    client = client_for(flow.investigator)
    assert client.get("/cases/1/act/nonsense/").status_code == 404
    assert client.get("/cases/999999/act/record/").status_code == 404
