"""An officer fills the on-site record on a 390 px phone: checklist, a hazard, a photo,
two signatures drawn with a finger, submit."""

from datetime import timedelta

import pytest
from django.utils import timezone

from eduenforce.inspections.choices import RecordStatus, TaskStatus
from eduenforce.inspections.tests.factories import JPEG, started_task
from eduenforce.records.models import EvidenceFile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def draw(page, canvas):
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 30)
    page.mouse.down()
    for step in range(1, 8):
        page.mouse.move(box["x"] + 20 + step * 25, box["y"] + 30 + (step % 3) * 20)
    page.mouse.up()


def assert_fits_the_screen(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_an_officer_completes_a_record_with_a_photo_on_a_phone(
    phone_page, live_server, login, lead, head, tmp_path
):
    task = started_task(lead_user=lead, head=head)
    page = phone_page
    login(page, lead)
    page.goto(f"{live_server.url}/inspections/{task.pk}/record/")
    assert_fits_the_screen(page)

    page.fill("#place", "东丽区津塘路1号二楼")
    page.fill("#party_representative", "王校长")
    page.fill("#ended_at", (timezone.localtime() + timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M"))
    for point in task.item.points.all():
        page.click(f"label[for=r-{point.pk}-pass]")
    page.fill("#findings", "现场检查消防设施、收费公示情况。")
    page.get_by_test_id("autosaved").wait_for()

    page.get_by_text("＋ 记录隐患").click()
    page.select_option("#id_category", "fire")
    page.fill("#id_description", "二楼灭火器过期")
    page.get_by_role("button", name="保存隐患").click()
    page.get_by_test_id("hazard-list").get_by_text("二楼灭火器过期").wait_for()

    photo = tmp_path / "现场照片.jpg"
    photo.write_bytes(JPEG)
    page.set_input_files("input[type=file][name=file]", str(photo))
    page.get_by_role("button", name="上传").click()
    page.get_by_test_id("evidence-table").get_by_text("现场照片.jpg").wait_for()

    for who in ("officer", "party"):
        form = page.locator(f"form:has(input[name=who][value={who}])")
        canvas = form.locator("canvas")
        canvas.scroll_into_view_if_needed()
        draw(page, canvas)
        form.locator("[data-signature-save]").click()
        page.get_by_test_id(f"{who}-signed").wait_for()
    assert_fits_the_screen(page)
    # Everything typed before the page reloads (hazard, upload, signatures) was kept.
    assert page.input_value("#place") == "东丽区津塘路1号二楼"

    page.get_by_test_id("submit-record").click()
    page.wait_for_url(f"**/inspections/{task.pk}/")
    assert "已提交并锁定" in page.content()
    task.refresh_from_db()
    record = task.current_record()
    assert task.status == TaskStatus.COMPLETED and record.status == RecordStatus.SUBMITTED
    assert record.findings == "现场检查消防设施、收费公示情况。"
    assert EvidenceFile.objects.filter(kind="signature").count() == 2
    assert EvidenceFile.objects.get(kind="photo").original_name == "现场照片.jpg"
