"""Staff register complaints received by phone, at the counter, or transferred by 12345 or a department."""

import pytest

from eduenforce.complaints.models import Complaint
from eduenforce.complaints.tests.factories import department, make_complaint

pytestmark = pytest.mark.django_db
URL = "/complaints/new/"


def form(**overrides) -> dict:
    data = {
        "source": "hotline",
        "source_reference": "",
        "matter_type": "academic_training",
        "institution_name": "东丽区某学科培训点",
        "content": "12345 热线转来：周末在居民楼内开展学科类培训。",
        "identity": "anonymous",
        "received_at": "",
    }
    data.update(overrides)
    return data


def test_a_hotline_transfer_needs_its_ticket_number_and_keeps_what_was_typed(client_for, officer):
    response = client_for(officer).post(URL, form())
    html = response.content.decode()
    assert response.status_code == 200 and "转办件请填写来源编号" in html
    assert "周末在居民楼内开展学科类培训" in html and not Complaint.objects.exists()


def test_a_hotline_transfer_is_registered_and_the_code_is_shown_once(client_for, officer):
    response = client_for(officer).post(URL, form(source_reference="12345-20250301-0042"), follow=True)
    complaint = Complaint.objects.get()
    assert complaint.source == "hotline" and complaint.source_reference == "12345-20250301-0042"
    assert complaint.registered_by == officer
    message = response.content.decode().split("查询码 ")[1][:8]
    assert complaint.check_code(message)


def test_a_department_transfer_names_the_department(client_for, officer):
    client = client_for(officer)
    response = client.post(URL, form(source="department", source_reference="东市监转〔2025〕3号"))
    assert response.status_code == 200 and "请选择转办部门" in response.content.decode()
    client.post(
        URL,
        form(
            source="department",
            source_reference="东市监转〔2025〕3号",
            source_department=department("scjg").pk,
        ),
    )
    assert Complaint.objects.get().source_department == department("scjg")


def test_a_named_phone_complaint_keeps_the_callers_details_for_the_handler_only(client_for, officer):
    client_for(officer).post(
        URL,
        form(source="phone", identity="named", complainant_name="陈女士", complainant_phone="022-84371234"),
    )
    complaint = Complaint.objects.get()
    assert not complaint.is_anonymous and complaint.complainant_phone == "022-84371234"


def test_a_received_time_in_the_future_is_refused(client_for, officer):
    response = client_for(officer).post(URL, form(source="counter", received_at="2099-01-01T09:00"))
    assert "收到时间不能晚于现在" in response.content.decode()


@pytest.mark.parametrize("steps", [0, 1, 2, 3, 4])
def test_the_detail_page_renders_in_every_state(client_for, section_head, officer, steps):
    complaint, _ = make_complaint(named=True)
    if steps == 4:
        complaint.reject(reason="不属于教育部门职责", by=section_head, notice_channel="phone")
    else:
        for step in range(steps):
            [
                lambda: complaint.accept(by=section_head, notice_channel="phone"),
                lambda: complaint.assign(handler=officer, by=section_head),
                lambda: complaint.reply(
                    text="经核查，问题属实，已督促整改。",
                    finding="substantiated",
                    by=officer,
                    notice_channel="sms",
                ),
            ][step]()
    for user in (section_head, officer):
        response = client_for(user).get(f"/complaints/{complaint.pk}/")
        assert response.status_code == 200 and complaint.tracking_number in response.content.decode()


def test_the_register_filters_by_status_and_finds_a_tracking_number(client_for, officer, section_head):
    open_one, _ = make_complaint(institution_name="甲培训点")
    done, _ = make_complaint(institution_name="乙培训点")
    done.reject(reason="重复投诉已合并办理", by=section_head)
    client = client_for(officer)
    received = client.get("/complaints/?status=received").content.decode()
    assert open_one.tracking_number in received and done.tracking_number not in received
    found = client.get(f"/complaints/?q={done.tracking_number}").content.decode()
    assert done.tracking_number in found and open_one.tracking_number not in found
