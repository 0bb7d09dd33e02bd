"""The annual report's draft, findings, finalisation, publication and background generation."""

from datetime import date

import pytest
import time_machine

from eduenforce.core.errors import DomainError, TransitionNotAllowed
from eduenforce.records.models import JournalEntry
from eduenforce.reports import actions, tasks
from eduenforce.reports.models import AnnualReport

pytestmark = pytest.mark.django_db


def test_a_new_draft_copies_the_previous_years_narrative(section_head):
    first = actions.start_draft(2024, by=section_head)
    actions.save_narrative(first, by=section_head, measures="<p>二〇二四年的措施</p>")
    second = actions.start_draft(2025, by=section_head)
    assert second.measures == "<p>二〇二四年的措施</p>"
    assert "习近平法治思想" in first.opening  # the very first draft starts from the defaults
    assert JournalEntry.objects.filter(action="report.draft_started").count() == 2


def test_starting_a_draft_schedules_its_publication_by_31_january(section_head):
    from eduenforce.portal.models import Publication

    report = actions.start_draft(2025, by=section_head)
    publication = Publication.objects.get(kind="report", source_id=str(report.pk))
    assert (publication.state, publication.due_on) == ("due", date(2026, 1, 31))


def test_narrative_is_sanitised_and_plain_text_becomes_paragraphs(section_head):
    report = actions.start_draft(2025, by=section_head)
    actions.save_narrative(
        report,
        by=section_head,
        results='<p onclick="x()">成效<script>alert(1)</script><a href="javascript:x">链接</a></p>',
        next_steps="第一行\n第二行",
    )
    report.refresh_from_db()
    assert report.results == "<p>成效链接</p>"
    assert report.next_steps == "<p>第一行</p><p>第二行</p>"


def test_a_placeholder_must_name_a_known_figure(section_head):
    report = actions.start_draft(2025, by=section_head)
    with pytest.raises(DomainError) as refused:
        actions.save_narrative(report, by=section_head, measures="出动{{ made_up_figure }}人次")
    assert refused.value.field == "measures" and "made_up_figure" in refused.value.message


def test_placeholders_are_filled_with_the_figures(section_head, small_district):
    from eduenforce.reports.annual import content as content_module

    report = actions.start_draft(2025, by=section_head)
    actions.save_narrative(report, by=section_head, measures="<p>出动{{ joint_random_person_times }}人次</p>")
    assert "出动7人次" in content_module.build(2025).narratives["measures"]


@time_machine.travel(date(2026, 1, 15), tick=False)
def test_finalising_needs_every_finding_decided_and_freezes_the_figures(section_head, small_district):
    from eduenforce.reports.tests.factories import TaskFactory, team

    report = actions.start_draft(2025, by=section_head)
    # three officers, none trained: the training finding is offered
    with pytest.raises(DomainError, match="未作采纳"):
        actions.finalise(report, by=section_head)
    actions.decide_finding(report, "training_below", accept=True, by=section_head)
    report = actions.finalise(report, by=section_head)
    assert report.status == "final"
    assert report.figures["figures"]["joint_random_inspections"] == 1
    team(TaskFactory(is_joint=True), officers=2)  # a late entry does not change the final report
    from eduenforce.reports.annual import content as content_module

    content = content_module.build(2025)
    assert content.figures["joint_random_inspections"] == 1
    below = content.figures["officers_below_training"]
    assert content.problem_paragraphs()[0].startswith(f"一是执法队伍培训不够均衡：{below}名在岗执法人员")
    with pytest.raises(TransitionNotAllowed):
        actions.save_narrative(report, by=section_head, measures="改")


def test_a_final_report_can_be_reopened_with_a_reason_until_published(section_head):
    report = actions.finalise(actions.start_draft(2030, by=section_head), by=section_head)
    with pytest.raises(DomainError):
        actions.reopen(report, by=section_head, reason="")
    report = actions.reopen(report, by=section_head, reason="补充培训数据")
    assert (report.status, report.figures) == ("draft", {})


def test_publishing_puts_the_masked_report_and_its_pdf_on_the_portal(
    section_head, leader, client, small_district
):
    report = actions.start_draft(2025, by=section_head)
    for finding in ("training_below",):
        actions.decide_finding(report, finding, accept=False, by=section_head)
    actions.finalise(report, by=section_head)
    publication = actions.publish(AnnualReport.objects.get(pk=report.pk), by=leader)
    assert publication.state == "published" and publication.kind == "report"
    page = client.get(f"/portal/reports/{publication.public_id}/")
    assert page.status_code == 200
    assert "共有3人拥有行政执法资格证" in page.content.decode()
    pdf = client.get(f"/portal/reports/{publication.public_id}/report.pdf")
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert publication.public_id in client.get("/portal/reports/").content.decode()
    with pytest.raises(TransitionNotAllowed):
        actions.publish(AnnualReport.objects.get(pk=report.pk), by=leader)


def test_an_unpublished_report_is_not_on_the_portal(client, section_head):
    actions.start_draft(2025, by=section_head)
    assert client.get("/portal/reports/").status_code == 200
    assert client.get("/portal/reports/0123456789abcdef/").status_code == 404


def test_a_generation_job_runs_in_the_background_and_records_its_file(officer, small_district):
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        job = tasks.request_job(2025, "docx", by=officer)
    job.refresh_from_db()
    assert (job.status, job.progress, job.step) == ("done", 100, "已完成")
    assert job.file.read()[:2] == b"PK"
    assert JournalEntry.objects.filter(action="report.generated", object_id=str(job.pk)).exists()


def test_a_failing_job_ends_failed_with_a_message(officer, monkeypatch):
    from django.test import TestCase

    from eduenforce.reports.annual import render

    def boom(content, progress):
        raise RuntimeError("disk full")

    monkeypatch.setitem(render.RENDERERS, "pdf", boom)
    with TestCase.captureOnCommitCallbacks(execute=True):
        job = tasks.request_job(2025, "pdf", by=officer)
    job.refresh_from_db()
    assert job.status == "failed" and "生成失败" in job.error


def test_a_job_for_an_unknown_format_is_refused(officer):
    with pytest.raises(DomainError):
        tasks.request_job(2025, "exe", by=officer)
