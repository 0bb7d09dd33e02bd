"""The on-site record: autosave, the checks before submitting, locking, idempotent submit,
corrections as new versions, hazards and signatures."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from eduenforce.core.errors import DomainError
from eduenforce.inspections import actions, onsite
from eduenforce.inspections.choices import RecordStatus, TaskStatus
from eduenforce.inspections.models import ChecklistResult, InspectionRecord
from eduenforce.inspections.tests.factories import PNG_DATA_URL, fill_record, started_task
from eduenforce.records.models import EvidenceFile, JournalEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def task(lead, head):
    return started_task(lead_user=lead, head=head)


def local_input(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_autosave_keeps_valid_values_and_reports_the_ones_it_could_not_take(task, lead, client_for):
    point = task.item.points.first()
    url = reverse("inspections:record-autosave", args=[task.pk])
    response = client_for(lead).post(
        url,
        {
            "place": "东丽区津塘路1号",
            "started_at": "昨天上午",
            "party_representative": "王校长",
            f"result-{point.pk}": "fail",
            f"note-{point.pk}": "灭火器过期",
            f"spot-{point.pk}": ["0", "1"],
            "party_refused": "0",
        },
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert response.status_code == 200 and "已自动保存" in page and "检查开始时间格式不正确" in page
    record = task.draft_record()
    assert record.place == "东丽区津塘路1号" and record.party_representative == "王校长"
    assert record.started_at is not None  # the value set when the task started is kept
    result = ChecklistResult.objects.get(record=record, point=point)
    assert (result.result, result.note, result.rectified_on_spot) == ("fail", "灭火器过期", True)


def test_the_record_page_renders_the_checklist_for_the_team(task, lead, client_for):
    page = client_for(lead).get(reverse("inspections:record", args=[task.pk])).content.decode()
    for point in task.item.points.all():
        assert point.text in page
    assert 'hx-post="' in page and "signature-pad" in page and "<script>" not in page


def test_submitting_checks_everything_and_lists_all_problems_at_once(task, lead, client_for):
    now = timezone.now()
    response = client_for(lead).post(
        reverse("inspections:record-submit", args=[task.pk]),
        {
            "started_at": local_input(now),
            "ended_at": local_input(now - timedelta(hours=1)),
            "place": "",
            "findings": "已检查",
        },
    )
    page = response.content.decode()
    assert response.status_code == 409
    for text in (
        "开始时间不能晚于",
        "请填写检查地点",
        "当事人代表",
        "必查要点尚未填写结论",
        "请执法人员签名",
        "请当事人签名",
    ):
        assert text in page
    record = task.draft_record()
    assert record.status == RecordStatus.DRAFT and record.findings == "已检查"  # nothing typed was lost


def test_a_failed_point_needs_a_note_and_a_refusal_needs_a_witness(task, lead):
    record = fill_record(task.draft_record(), by=lead, refused=True)
    point = task.item.points.first()
    ChecklistResult.objects.filter(record=record, point=point).update(result="fail", note="")
    InspectionRecord.objects.filter(pk=record.pk).update(witness_name="")
    with pytest.raises(actions.RecordIncomplete) as refused:
        actions.do_submit_record(record, by=lead)
    assert any("不合格" in p for p in refused.value.problems)
    assert any("见证人" in p for p in refused.value.problems)


def test_an_end_time_in_the_future_is_refused(task, lead):
    record = fill_record(task.draft_record(), by=lead)
    InspectionRecord.objects.filter(pk=record.pk).update(ended_at=timezone.now() + timedelta(hours=2))
    with pytest.raises(actions.RecordIncomplete, match="不能晚于当前时间"):
        actions.do_submit_record(record, by=lead)


def test_an_officer_whose_certificate_was_revoked_meanwhile_blocks_the_submit(task, lead):
    record = fill_record(task.draft_record(), by=lead)
    other = task.team[1]
    other.certificates.update(state="revoked")
    with pytest.raises(actions.RecordIncomplete, match=other.name):
        actions.do_submit_record(record, by=lead)


def test_submit_locks_the_record_hashes_its_content_and_a_second_submit_changes_nothing(
    task, lead, client_for
):
    fill_record(task.draft_record(), by=lead)
    client = client_for(lead)
    url = reverse("inspections:record-submit", args=[task.pk])
    record_pk = task.draft_record().pk
    first = client.post(url, {"record": record_pk}, follow=True)
    assert "已提交并锁定" in first.content.decode()
    entries = JournalEntry.objects.count()
    second = client.post(url, {"record": record_pk, "place": "改过的地点"}, follow=True)
    assert "重复提交未作任何改动" in second.content.decode()
    assert JournalEntry.objects.count() == entries
    record = InspectionRecord.objects.get(pk=record_pk)
    assert record.status == RecordStatus.SUBMITTED and record.place != "改过的地点"
    assert len(record.content_sm3) == 64 and record.content["place"] == record.place
    task.refresh_from_db()
    assert task.status == TaskStatus.COMPLETED
    entry = JournalEntry.objects.get(action="inspection.record_submitted")
    assert entry.changes["sm3"] == record.content_sm3
    with pytest.raises(DomainError, match="已提交并锁定"):
        onsite.save_draft(record, {"place": "再改"}, by=lead)
    autosave = client.post(reverse("inspections:record-autosave", args=[task.pk]), {"place": "x"})
    assert "已提交锁定" in autosave.content.decode()


def test_a_correction_is_a_new_journaled_version_and_the_original_is_kept(task, lead, client_for):
    record, _ = actions.do_submit_record(fill_record(task.draft_record(), by=lead), by=lead)
    client = client_for(lead)
    response = client.post(reverse("inspections:record-correct", args=[task.pk]), {"reason": "结束时间笔误"})
    assert response["Location"] == reverse("inspections:record", args=[task.pk])
    new = task.draft_record()
    assert new.version == 2 and new.supersedes == record and new.officer_signature is None
    assert new.results.count() == record.results.count()
    with pytest.raises(DomainError, match="正在填写"):
        actions.do_start_correction(record, by=lead, reason="再改一次")
    onsite.save_draft(new, {"place": "东丽区津塘路1号三楼"}, by=lead)
    with pytest.raises(actions.RecordIncomplete, match="执法人员签名"):
        actions.do_submit_record(new, by=lead)
    onsite.set_signature(new, who="officer", data_url=PNG_DATA_URL, by=lead)
    new, created = actions.do_submit_record(new, by=lead)
    record.refresh_from_db()
    assert created and record.status == RecordStatus.SUPERSEDED and new.status == RecordStatus.SUBMITTED
    assert task.current_record() == new
    entry = JournalEntry.objects.get(action="inspection.record_corrected")
    assert entry.changes["corrected"]["place"] == ["东丽区津塘路1号二楼", "东丽区津塘路1号三楼"]
    assert entry.changes["reason"] == "结束时间笔误"
    old_page = client.get(reverse("inspections:record-version", args=[record.pk])).content.decode()
    assert "东丽区津塘路1号二楼" in old_page and "已被更正版本替代" in old_page


def test_hazards_are_validated_and_removable_only_while_the_record_is_a_draft(task, lead, client_for):
    client = client_for(lead)
    url = reverse("inspections:hazard-add", args=[task.pk])
    bad = client.post(
        url, {"category": "fire", "severity": "general", "description": "", "rectified_on_spot": "on"}
    )
    assert bad.status_code == 400 and "现场整改措施" in bad.content.decode()
    client.post(
        url,
        {
            "category": "fire",
            "severity": "major",
            "description": "消防通道堆放杂物",
            "location": "一楼",
            "rectified_on_spot": "on",
            "spot_measure": "当场清理",
        },
    )
    hazard = task.hazards.get()
    assert hazard.rectified_on_spot and hazard.spot_measure == "当场清理"
    client.post(reverse("inspections:hazard-remove", args=[task.pk, hazard.pk]))
    assert not task.hazards.exists()
    hazard = onsite.add_hazard(task.draft_record(), category="fees", description="预收费超过3个月", by=lead)
    record, _ = actions.do_submit_record(fill_record(task.draft_record(), by=lead), by=lead)
    with pytest.raises(DomainError):
        onsite.remove_hazard(hazard, by=lead)


def test_signatures_are_stored_as_hashed_evidence_and_bad_images_are_refused(task, lead, client_for):
    client = client_for(lead)
    url = reverse("inspections:record-signature", args=[task.pk])
    refused = client.post(
        url, {"who": "party", "signature": "data:image/png;base64,bm90IGEgcG5n"}, follow=True
    )
    assert "内容与扩展名不符" in refused.content.decode()
    client.post(url, {"who": "party", "signature": PNG_DATA_URL})
    record = task.draft_record()
    signature = EvidenceFile.objects.get(pk=record.party_signature_id)
    assert signature.kind == "signature" and signature.object_type == "inspections.inspectionrecord"
    with pytest.raises(DomainError, match="格式不正确"):
        onsite.set_signature(record, who="party", data_url="javascript:alert(1)", by=lead)


class TestUploadsFromTheRecord:
    def test_a_photo_is_attached_to_the_inspection_and_listed_on_the_page(self, task, lead, client_for):
        from eduenforce.inspections.tests.factories import image_file

        client = client_for(lead)
        response = client.post(
            reverse("inspections:record-upload", args=[task.pk]),
            {"file": image_file("门口.jpg"), "description": "正门"},
        )
        assert response.status_code == 302
        item = EvidenceFile.objects.get(object_type="inspections.inspectiontask", object_id=str(task.pk))
        page = client.get(reverse("inspections:record", args=[task.pk])).content.decode()
        assert "门口.jpg" in page and "正门" in page and item.original_name == "门口.jpg"

    def test_an_exe_renamed_jpg_is_refused_with_a_message_and_the_draft_is_untouched(
        self, task, lead, client_for
    ):
        from django.core.files.uploadedfile import SimpleUploadedFile

        onsite.save_draft(task.draft_record(), {"findings": "检查了教室"}, by=lead)
        fake = SimpleUploadedFile("现场.jpg", b"MZ\x90\x00" + b"\x00" * 500, content_type="image/jpeg")
        response = client_for(lead).post(reverse("inspections:record-upload", args=[task.pk]), {"file": fake})
        assert response.status_code == 400 and "内容与扩展名不符" in response.content.decode()
        assert not EvidenceFile.objects.filter(kind="photo").exists()
        assert task.draft_record().findings == "检查了教室"

    def test_an_upload_over_the_limit_is_stopped_while_it_streams(self, task, lead, client_for, settings):
        from django.core.files.uploadedfile import SimpleUploadedFile

        from eduenforce.inspections.tests.factories import JPEG

        settings.EVIDENCE_MAX_BYTES = len(JPEG) + 100
        big = SimpleUploadedFile("视频.jpg", JPEG + b"\x00" * 300_000, content_type="image/jpeg")
        response = client_for(lead).post(reverse("inspections:record-upload", args=[task.pk]), {"file": big})
        from eduenforce.records.evidence import too_large_message

        # The guard stopped the stream: the message is the upload handler's, not the service's.
        assert response.status_code == 400 and too_large_message() in response.content.decode()
        assert not EvidenceFile.objects.filter(kind="photo").exists()

    def test_a_body_camera_video_can_be_added_after_the_record_is_locked(self, task, lead, client_for):
        from django.core.files.uploadedfile import SimpleUploadedFile

        record, _ = actions.do_submit_record(fill_record(task.draft_record(), by=lead), by=lead)
        video = SimpleUploadedFile("执法记录仪.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 1000)
        client = client_for(lead)
        response = client.post(
            reverse("inspections:record-upload", args=[task.pk]),
            {"file": video, "description": "执法记录仪全程视频"},
        )
        assert response["Location"].endswith(f"/inspections/{task.pk}/#files")
        assert EvidenceFile.objects.get(kind="video").object_id == str(task.pk)
        record.refresh_from_db()
        assert record.status == RecordStatus.SUBMITTED
        page = client.get(reverse("inspections:task-detail", args=[task.pk])).content.decode()
        assert "执法记录仪.mp4" in page
        refused = client.post(
            reverse("inspections:record-upload", args=[task.pk]),
            {"file": SimpleUploadedFile("a.exe", b"MZ")},
            follow=True,
        )
        assert "不允许上传" in refused.content.decode()
