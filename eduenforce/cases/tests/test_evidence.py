"""Evidence files of a case: streamed with their hashes by the records app, registered as
evidence in the same step, refused when not real or outside the investigation."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from eduenforce.cases.models import CaseEvidence
from eduenforce.records.models import EvidenceFile

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), (10, 120, 200)).save(out, "PNG")
    return out.getvalue()


def _upload(client, case, name, content, kind="audiovisual"):
    return client.post(
        f"/cases/{case.pk}/evidence/upload/",
        {"file": SimpleUploadedFile(name, content), "kind": kind, "title": "现场照片"},
        follow=True,
    )


def test_an_uploaded_photo_becomes_evidence_with_its_hash(flow, client_for):
    case = flow.filed()
    response = _upload(client_for(flow.investigator), case, "现场.png", _png())
    assert "并登记为证据" in response.content.decode()
    stored = EvidenceFile.objects.get(object_type="cases.case", object_id=str(case.pk))
    evidence = CaseEvidence.objects.get(case=case)
    assert evidence.source_ref == f"records.evidencefile:{stored.pk}" and evidence.sha256 == stored.sha256
    assert stored.original_name in response.content.decode()


def test_a_renamed_program_is_refused_and_nothing_is_kept(flow, client_for):
    case = flow.filed()
    response = _upload(client_for(flow.investigator), case, "photo.png", b"MZ\x90\x00not really a png")
    assert "内容与扩展名不符" in response.content.decode()
    assert not EvidenceFile.objects.exists() and not CaseEvidence.objects.exists()


def test_no_evidence_file_is_taken_after_the_investigation_ended(flow, client_for):
    case = flow.concluded()
    response = _upload(client_for(flow.investigator), case, "late.png", _png())
    assert "不能登记证据" in response.content.decode()
    assert not EvidenceFile.objects.exists()


def test_a_legal_reviewer_cannot_upload_evidence(flow, client_for):
    case = flow.filed()
    response = client_for(flow.reviewer).post(
        f"/cases/{case.pk}/evidence/upload/",
        {"file": SimpleUploadedFile("a.png", _png()), "kind": "audiovisual", "title": "x"},
    )
    assert response.status_code == 403
