from django.db import models


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    FINAL = "final", "已定稿"
    PUBLISHED = "published", "已公开"


class ReportFormat(models.TextChoices):
    DOCX = "docx", "Word（.docx）"
    PDF = "pdf", "PDF"
    JSON = "json", "数据（JSON）"
    XLSX = "xlsx", "统计表（Excel）"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "生成中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"
