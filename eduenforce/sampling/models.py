"""双随机 draws: the commit–reveal record of one draw of a sampling plan, and its tasks.

States of a draw: 已公布承诺值，待抽取 (seed generated, only its SM3 published) → 已完成
(seed revealed, selection and teams stored, tasks created) → 已被重抽替代 (an approved
redraw completed; the draw stays published). A redraw starts as 重抽待审批 and becomes a
committed draw of its own when a head approves it, or 重抽申请未批准.

The seed is never shown (pages, journal, portal) before the draw is completed.
"""

import hashlib
import zlib
from concurrent.futures import ThreadPoolExecutor

from django.db import models

from eduenforce.core.models import TimeStampedModel
from eduenforce.sampling.choices import DrawStatus

ALGORITHM = "v2"  # new draws; v1 draws keep "v1" and stay verifiable
PUBLIC_STATES = (DrawStatus.COMMITTED, DrawStatus.COMPLETED, DrawStatus.SUPERSEDED)
DRAWN_STATES = (DrawStatus.COMPLETED, DrawStatus.SUPERSEDED)


class DrawQuerySet(models.QuerySet):
    def published(self):
        """Draws whose commitment is public: waiting, completed or superseded."""
        return self.filter(status__in=PUBLIC_STATES)

    def drawn(self):
        """Completed draws, current or superseded by a redraw: results are public."""
        return self.filter(status__in=DRAWN_STATES)

    def waiting(self):
        return self.filter(status=DrawStatus.COMMITTED)


class Draw(TimeStampedModel):
    plan = models.ForeignKey(
        "planning.SamplingPlan", models.PROTECT, related_name="draws", verbose_name="抽查计划"
    )
    sequence = models.PositiveSmallIntegerField("抽取次序", default=1, help_text="1 为首次抽取，2 起为重抽")
    public_id = models.CharField("抽取编号", max_length=30, unique=True)
    status = models.CharField("状态", max_length=12, choices=DrawStatus.choices, db_index=True)
    algorithm = models.CharField("算法版本", max_length=10, default=ALGORITHM)
    seed = models.CharField("种子", max_length=64, blank=True)
    commitment = models.CharField("承诺值 SM3(种子)", max_length=64, blank=True)
    draw_date = models.DateField("抽取日期", null=True, blank=True)
    committed_at = models.DateTimeField("承诺公布时间", null=True, blank=True)
    committed_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="承诺公布人"
    )
    public_entropy = models.CharField("公开随机数", max_length=200, blank=True)
    final = models.CharField("最终随机值", max_length=64, blank=True)
    drawn_at = models.DateTimeField("抽取时间", null=True, blank=True)
    drawn_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="抽取操作人"
    )
    pool_sm3 = models.CharField("冻结名单 SM3", max_length=64, blank=True)
    parties = models.JSONField(
        "种子份额各方",
        default=list,
        blank=True,
        help_text="[{party, commitment, share}]：本局及各合作部门；share 在抽取时才公开（本局的份额即种子）",
    )
    entropy_source = models.JSONField("事先公布的公开随机源", default=dict, blank=True)
    parameters = models.JSONField("计划参数快照", default=dict, blank=True)
    notes = models.JSONField("抽取说明", default=list, blank=True)
    redraw_of = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="redraws", verbose_name="重抽自"
    )
    redraw_reason = models.CharField("重抽理由", max_length=300, blank=True)
    requested_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="重抽申请人"
    )
    requested_at = models.DateTimeField("申请时间", null=True, blank=True)
    approved_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="重抽审批人"
    )
    approved_at = models.DateTimeField("审批时间", null=True, blank=True)
    decision_note = models.CharField("审批意见", max_length=300, blank=True)

    objects = DrawQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "sequence"], name="sampling_draw_sequence_once")
        ]
        verbose_name = verbose_name_plural = "双随机抽取"

    def __str__(self) -> str:
        return f"{self.public_id}（{self.get_status_display()}）"

    @property
    def is_redraw(self) -> bool:
        return self.redraw_of_id is not None

    @property
    def is_drawn(self) -> bool:
        return self.status in DRAWN_STATES

    @property
    def is_v2(self) -> bool:
        return self.algorithm == "v2"

    def public_parties(self) -> list[dict]:
        """Each party's commitment; shares only once the draw is done."""
        shares = self.is_drawn
        return [
            {
                "party": p["party"],
                "commitment": p["commitment"],
                "share": p.get("share", "") if shares else "",
            }
            for p in self.parties
        ]

    @property
    def revealed_seed(self) -> str:
        """The seed, only once the draw is done (never before: it would defeat the commitment)."""
        return self.seed if self.is_drawn else ""


class DrawDocument(models.Model):
    """The public JSON of a completed draw: the exact bytes served (and hashed), kept
    zlib-compressed because a large draw's JSON (every candidate and eligible officer) runs
    to tens of megabytes and repeats itself; ``data`` gives the bytes back."""

    draw = models.OneToOneField(Draw, models.PROTECT, related_name="document", verbose_name="抽取")
    content = models.BinaryField("公开数据（JSON，zlib 压缩）")
    sm3 = models.CharField("SM3", max_length=64)
    size = models.PositiveIntegerField("字节数")

    class Meta:
        verbose_name = verbose_name_plural = "抽取公开数据"

    def __str__(self) -> str:
        return f"{self.draw.public_id}.json"

    @classmethod
    def store(cls, draw: Draw, data: bytes) -> "DrawDocument":
        # SM3 and zlib both release the GIL on large buffers: hash while compressing.
        with ThreadPoolExecutor(max_workers=1) as pool:
            digest = pool.submit(cls.digest, data)
            content = zlib.compress(data, 1)
            return cls.objects.create(draw=draw, content=content, size=len(data), sm3=digest.result())

    @property
    def data(self) -> bytes:
        """The JSON exactly as hashed and served."""
        return zlib.decompress(self.content)

    @staticmethod
    def digest(content: bytes) -> str:
        return hashlib.new("sm3", content).hexdigest()


class DrawPool(models.Model):
    """What decides a v2 draw's outcome, frozen at the commitment: candidates per stratum,
    eligible officers, recusal pairs, the team rule (docs/draw-algorithm-v2.md, section 2).
    The canonical bytes, exactly as hashed and published, zlib-compressed."""

    draw = models.OneToOneField(Draw, models.PROTECT, related_name="pool", verbose_name="抽取")
    content = models.BinaryField("冻结名单（JSON，zlib 压缩）")
    sm3 = models.CharField("SM3", max_length=64)
    size = models.PositiveIntegerField("字节数")
    candidates = models.PositiveIntegerField("候选对象数", default=0)
    officers = models.PositiveIntegerField("执法人员数", default=0)
    recusals = models.PositiveIntegerField("回避关系数", default=0)
    notes = models.JSONField("冻结说明", default=list, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "抽取冻结名单"

    def __str__(self) -> str:
        return f"{self.draw.public_id}-pool.json"

    @classmethod
    def store(cls, draw: Draw, data: bytes, **counts) -> "DrawPool":
        with ThreadPoolExecutor(max_workers=1) as pool:
            digest = pool.submit(DrawDocument.digest, data)
            content = zlib.compress(data, 1)
            return cls.objects.create(
                draw=draw, content=content, size=len(data), sm3=digest.result(), **counts
            )

    @property
    def data(self) -> bytes:
        return zlib.decompress(self.content)


class DrawAssignmentQuerySet(models.QuerySet):
    def current(self):
        """Assignments of draws that stand (not superseded by a redraw)."""
        return self.filter(draw__status=DrawStatus.COMPLETED)


class DrawAssignment(models.Model):
    """Which inspection task came from which draw (the annual report counts these)."""

    draw = models.ForeignKey(Draw, models.PROTECT, related_name="assignments", verbose_name="抽取")
    task = models.OneToOneField(
        "inspections.InspectionTask", models.PROTECT, related_name="draw_assignment", verbose_name="检查任务"
    )
    institution = models.ForeignKey(
        "registry.Institution", models.PROTECT, related_name="+", verbose_name="检查对象"
    )
    position = models.PositiveIntegerField("抽中顺序")
    stratum_label = models.CharField("分层", max_length=60)
    certificates = models.JSONField("检查组执法证号", default=list)
    is_joint = models.BooleanField("联合检查", default=False)

    objects = DrawAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["draw", "position"]
        constraints = [
            models.UniqueConstraint(fields=["draw", "position"], name="sampling_assignment_position")
        ]
        verbose_name = verbose_name_plural = "抽取产生的检查任务"

    def __str__(self) -> str:
        return f"{self.draw.public_id} #{self.position}"
