"""Report generation as a background task (django-tasks), with progress the page can poll.

In production the database backend queues the job for ``eduenforce db_worker``; tests use
the immediate backend, which runs it at once.
"""

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from eduenforce.core.errors import DomainError
from eduenforce.records.journal import append
from eduenforce.reports.choices import JobStatus, ReportFormat
from eduenforce.reports.models import ReportJob

logger = logging.getLogger(__name__)


@transaction.atomic
def request_job(year, fmt: str, *, by) -> ReportJob:
    """Queue the generation of the ``year`` report in ``fmt``; returns the job to poll."""
    from eduenforce.reports.actions import _check_year

    year = _check_year(year)
    if fmt not in ReportFormat.values:
        raise DomainError("不支持的报告格式", field="fmt")
    job = ReportJob.objects.create(
        year=year, fmt=fmt, requested_by=by if getattr(by, "is_authenticated", False) else None
    )
    append(actor=by, action="report.job_requested", obj=job, changes={"year": year, "format": fmt})
    transaction.on_commit(lambda: generate_report.enqueue(job.pk))
    return job


@task()
def generate_report(job_id: int) -> str:
    run_job(job_id)
    return ReportJob.objects.get(pk=job_id).status


def _progress(job_id: int):
    def report(percent: int, step: str) -> None:
        ReportJob.objects.filter(pk=job_id).update(progress=min(99, max(0, percent)), step=step[:100])

    return report


def run_job(job_id: int) -> ReportJob:
    """Generate the file of a queued job. Failures end as a failed job with a message, not a crash."""
    from eduenforce.reports.annual import content as content_module
    from eduenforce.reports.annual.render import RENDERERS

    job = ReportJob.objects.select_related("requested_by").get(pk=job_id)
    if job.status != JobStatus.QUEUED:
        return job
    ReportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), progress=5, step="汇总统计数据"
    )
    progress = _progress(job.pk)
    try:
        content = content_module.build(job.year, with_charts=job.fmt in ("docx", "pdf"))
        data = RENDERERS[job.fmt](content, progress)
    except Exception as error:  # any failure must end the job visibly, never leave it running
        logger.exception("report job %s failed", job.pk)
        message = error.message if isinstance(error, DomainError) else "生成失败，请联系系统管理员查看日志"
        ReportJob.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, error=message, finished_at=timezone.now()
        )
        job.refresh_from_db()
        return job
    with transaction.atomic():
        job.refresh_from_db()
        job.sha256 = hashlib.sha256(data).hexdigest()
        job.file.save(f"{job.year}-{job.pk}.{job.fmt}", ContentFile(data), save=False)
        job.status, job.progress, job.step, job.finished_at = JobStatus.DONE, 100, "已完成", timezone.now()
        job.save()
        append(
            actor=job.requested_by,
            action="report.generated",
            obj=job,
            changes={"year": job.year, "format": job.fmt, "sha256": job.sha256, "bytes": len(data)},
        )
    return job
