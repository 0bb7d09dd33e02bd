"""The public complaint form: intake, receipt, abuse protection, and bad input that keeps what was typed."""

import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from eduenforce.complaints.models import Complaint
from eduenforce.complaints.tests.factories import InstitutionFactory, public_form_data, solved_challenge
from eduenforce.records.models import JournalEntry

pytestmark = pytest.mark.django_db
URL = "/portal/complaints/"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, "PNG")
    return out.getvalue()


def test_the_form_opens_without_a_login_and_asks_a_sum(client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "投诉举报" in html and "等于多少" in html
    assert 'name="website"' in html  # the honeypot is there, hidden from people


def test_a_complaint_is_registered_and_the_receipt_shows_number_and_code_once(client):
    response = client.post(URL, public_form_data())
    assert response.status_code == 302 and response["Location"].endswith("/portal/complaints/submitted/")
    complaint = Complaint.objects.get()
    assert complaint.source == "portal" and complaint.status == "received" and complaint.is_anonymous
    receipt = client.get("/portal/complaints/submitted/").content.decode()
    assert complaint.tracking_number in receipt
    code = receipt.split('data-testid="tracking-code">')[1].split("<")[0]
    assert len(code) == 8 and code not in complaint.code_hash and complaint.check_code(code)
    # Shown once: a second visit has nothing to show.
    assert client.get("/portal/complaints/submitted/").status_code == 302


def test_the_intake_is_journaled_without_the_complainants_identity(client):
    client.post(
        URL, public_form_data(identity="named", complainant_name="李四海", complainant_phone="13912345678")
    )
    complaint = Complaint.objects.get()
    assert complaint.complainant_name == "李四海" and not complaint.is_anonymous
    entry = JournalEntry.objects.get(action="complaint.received")
    assert entry.object_id == str(complaint.pk)
    assert "李四海" not in entry.body_text and "13912345678" not in entry.body_text


def test_a_named_institution_is_matched_to_the_register(client):
    institution = InstitutionFactory(name="东丽区启航艺术培训学校")
    client.post(URL, public_form_data(institution_name="东丽区启航艺术培训学校"))
    complaint = Complaint.objects.get()
    assert complaint.institution == institution and complaint.street == institution.street


def test_the_institution_search_returns_names_only(client):
    InstitutionFactory(name="东丽区启航艺术培训学校", legal_rep_name="赵大为", phone="022-84371234")
    response = client.get("/portal/complaints/institutions/", {"institution_name": "启航"})
    html = response.content.decode()
    assert '<option value="东丽区启航艺术培训学校">' in html
    assert "赵大为" not in html and "84371234" not in html and "张贵庄" not in html


def test_a_wrong_answer_keeps_everything_typed_and_asks_a_new_question(client):
    data = public_form_data(
        challenge_answer="99",
        content="该机构违规开展学科类培训，周末上课，家长反映强烈。",
        identity="named",
        complainant_name="王五",
        complainant_phone="13700001111",
    )
    response = client.post(URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "验证题答案不正确" in html
    assert "该机构违规开展学科类培训，周末上课，家长反映强烈。" in html
    assert 'value="王五"' in html and 'value="13700001111"' in html
    assert data["challenge_token"] not in html  # a new question replaces the failed one
    assert not Complaint.objects.exists()


def test_a_too_fast_submission_is_refused(client):
    response = client.post(URL, public_form_data(**solved_challenge(seconds_ago=0)))
    assert response.status_code == 400 and "提交过快" in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_solved_challenge_cannot_be_replayed(client):
    data = public_form_data()
    assert client.post(URL, data).status_code == 302
    response = client.post(URL, data)
    assert response.status_code == 400 and "已使用" in response.content.decode()
    assert Complaint.objects.count() == 1


def test_the_honeypot_stops_a_script(client):
    response = client.post(URL, public_form_data(website="http://spam.example"))
    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_a_named_complaint_needs_name_and_phone_and_keeps_the_text(client):
    response = client.post(URL, public_form_data(identity="named", complainant_phone="12345"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "实名投诉请填写姓名" in html and "请填写正确的手机号码或固定电话" in html
    assert "该机构预收费超过三个月" in html


def test_too_many_submissions_from_one_address_are_refused_with_429(client, settings):
    from eduenforce.core import config

    limit = config.get("complaints.submissions_per_hour")
    for _ in range(limit):
        assert client.post(URL, public_form_data()).status_code == 302
    response = client.post(URL, public_form_data(content="第六次提交的内容，应当被拒绝并保留。"))
    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode() and "第六次提交的内容" in response.content.decode()
    assert Complaint.objects.count() == limit


def test_a_picture_attachment_is_kept_with_its_hashes(client):
    import hashlib

    data = png_bytes()
    upload = SimpleUploadedFile("现场照片.png", data, content_type="image/png")
    assert client.post(URL, {**public_form_data(), "attachments": [upload]}).status_code == 302
    attachment = Complaint.objects.get().attachments.get()
    assert attachment.original_name == "现场照片.png" and attachment.size == len(data)
    assert attachment.sha256 == hashlib.sha256(data).hexdigest()
    assert attachment.file.name.endswith(".png") and "现场照片" not in attachment.file.name


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("a.exe", b"MZ\x90\x00", "格式不受支持"),
        ("photo.jpg", b"MZ\x90\x00 renamed program", "内容与其扩展名不符"),
        ("page.png", b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script>", "网页代码"),
        ("broken.png", b"\x89PNG\r\n\x1a\nnot really a picture", "不是有效的图片"),
        ("drawing.svg", b"<svg onload=alert(1)>", "格式不受支持"),
    ],
)
def test_unsafe_attachments_are_refused_and_nothing_is_saved(client, name, content, message):
    upload = SimpleUploadedFile(name, content)
    response = client.post(URL, {**public_form_data(), "attachments": [upload]})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Complaint.objects.exists()


def test_an_oversize_attachment_is_stopped_while_uploading(client):
    from eduenforce.core import config

    config.set_value("complaints.max_attachment_mb", 1, by=None)
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (1024 * 1024 + 10), content_type="application/pdf")
    response = client.post(URL, {**public_form_data(), "attachments": [big]})
    assert response.status_code == 400
    assert "big.pdf" in response.content.decode() and "1MB" in response.content.decode()
    assert not Complaint.objects.exists()


def test_too_many_attachments_are_refused(client):
    files = [SimpleUploadedFile(f"{i}.png", png_bytes(), content_type="image/png") for i in range(4)]
    response = client.post(URL, {**public_form_data(), "attachments": files})
    assert response.status_code == 400 and "附件最多 3 个" in response.content.decode()


def test_the_form_needs_the_csrf_token(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(URL, public_form_data()).status_code == 403
    assert not Complaint.objects.exists()
