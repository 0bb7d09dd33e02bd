"""The three inspection documents as Word and PDF, and serials that never repeat."""

import io
import threading

import pytest
from django.db import connection, connections
from django.urls import reverse

from eduenforce.inspections import actions
from eduenforce.inspections.documents import issue_notice
from eduenforce.inspections.tests.factories import certified_officer, fill_record, make_task, started_task
from eduenforce.records.documents import documents_for
from eduenforce.testing.documents import assert_gbt9704_docx, assert_gbt9704_pdf, docx_text, pdf_text

HAZARD = {"category": "fire", "description": "安全出口上锁", "location": "一楼东侧"}


@pytest.fixture
def ordered(lead, head, db):
    task = started_task(lead_user=lead, head=head)
    record, _ = actions.do_submit_record(fill_record(task.draft_record(), by=lead, hazards=[HAZARD]), by=lead)
    order = actions.do_issue_order(
        task,
        list(task.hazards.all()),
        due_on=actions.default_due_on(),
        requirements="立即解除安全出口锁闭",
        legal_basis="《中华人民共和国消防法》第二十八条",
        by=lead,
    )
    return task, record, order


@pytest.mark.django_db
def test_the_record_and_the_order_are_issued_as_word_documents_in_chinese(ordered):
    task, record, order = ordered
    record_doc = documents_for(record).get()
    text = docx_text(record_doc.file.read())
    assert "现场检查笔录" in text and task.institution.name in text and "安全出口上锁" in text
    assert record.content_sm3 in text and "王校长" in text
    order_doc = documents_for(order).get()
    text = docx_text(order_doc.file.read())
    assert order.number in text and "立即解除安全出口锁闭" in text and "人民政府申请行政复议" in text
    assert order_doc.kind == "rectification_order" and len(order_doc.sm3) == 64


@pytest.mark.django_db
def test_the_pdf_versions_render_with_chinese_text(ordered, client_for, officer):
    task, record, order = ordered
    client = client_for(officer)
    for document, expected in [
        (documents_for(record).get(), "现场检查笔录"),
        (documents_for(order).get(), "责令限期整改通知书"),
    ]:
        response = client.get(reverse("inspections:document-pdf", args=[document.pk]))
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment")
        text = pdf_text(response.content)
        assert expected in text and task.institution.name in text and document.number in text
        assert_gbt9704_pdf(response.content, required=(expected, document.number))
        assert_gbt9704_docx(document.file.read(), tables=document.kind == "inspection_record")
    word = client.get(reverse("inspections:document-docx", args=[documents_for(order).get().pk]))
    assert word["X-Content-Type-Options"] == "nosniff"
    assert order.number in docx_text(b"".join(word.streaming_content))


@pytest.mark.django_db
def test_an_edited_template_uploaded_by_an_administrator_is_used(ordered, lead, sys_admin):
    from django.core.files.base import ContentFile

    from eduenforce.core.documents import build_docx_template
    from eduenforce.records.models import DocumentTemplate

    task, _, _ = ordered
    out = io.BytesIO()
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "notice.docx"
        build_docx_template(path, "行政检查通知书（东丽区样式）", ["致：{{ institution.name }}"])
        out.write(path.read_bytes())
    template = DocumentTemplate(name="inspections/notice.docx", uploaded_by=sys_admin)
    template.file.save("notice.docx", ContentFile(out.getvalue()))
    task.status = "approved"
    task.save()
    document = issue_notice(task, by=lead)
    assert "东丽区样式" in docx_text(document.file.read())


@pytest.mark.django_db(transaction=True)
def test_concurrent_orders_never_share_a_document_number(lead, head):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are exercised on PostgreSQL; SQLite serialises writers by itself")
    tasks = []
    for _ in range(6):
        task = make_task(by=lead, officers=[lead.officer, certified_officer()], status="pending_approval")
        task.approve(by=head)
        tasks.append(task)
    numbers, errors = [], []
    lock = threading.Lock()

    def worker(task):
        try:
            for _ in range(3):
                document = issue_notice(task, by=lead)
                with lock:
                    numbers.append(document.number)
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(t,)) for t in tasks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(numbers) == 18 and len(set(numbers)) == 18
    assert sorted(int(n.split("〕")[1].rstrip("号")) for n in numbers) == list(range(1, 19))
