"""The state changes of a draw. Each is atomic and journaled; a refused one raises
``DomainError`` and writes nothing.

Call these from code (the demo builder does):

- ``do_commit(plan, by=)``: publish a sampling plan with the SM3 commitment of a fresh seed.
- ``do_run_draw(draw, by=, public_entropy="")``: on or after the draw date, reveal the seed,
  select, form teams, store the public JSON, create the inspection tasks, publish the result.
- ``do_request_redraw(draw, by=, reason=)`` → ``do_approve_redraw(redraw, by=, draw_date=)`` (another
  head) or ``do_reject_redraw(redraw, by=, note=)``; an approved redraw is committed and run like a
  first draw, and completing it supersedes the earlier draw (both stay published).
"""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from eduenforce.accounts.choices import DepartmentKind
from eduenforce.core.errors import DomainError, require_status
from eduenforce.planning.choices import SamplingPlanStatus
from eduenforce.planning.models import SamplingPlan
from eduenforce.records.journal import append
from eduenforce.sampling import algorithm, engine, frozen, publishing, v2
from eduenforce.sampling.choices import DrawStatus
from eduenforce.sampling.models import Draw, DrawAssignment, DrawDocument, DrawPool

MAX_ENTROPY = 200


def plan_parameters(plan) -> dict:
    """What the commitment was made for: the plan as it stood when it was published."""
    return {
        "plan": plan.public_id,
        "name": plan.name,
        "item": {"code": plan.item.code, "version": plan.item.version, "name": plan.item.name},
        "period": [plan.starts_on.isoformat(), plan.ends_on.isoformat()],
        "planned_date": plan.planned_date.isoformat(),
        "kind": plan.kind,
        "officer_pool": plan.officer_pool,
        "team_size": plan.team_size,
        "max_assignments": plan.max_assignments,
        "required_departments": [d.name for d in plan.required_department_list()],
        "exclude_inspected_in_period": plan.exclude_inspected_in_period,
        "strata": [
            {
                "label": s.label,
                "kinds": s.kinds,
                "risk_classes": s.risk_classes,
                "streets": [d.name for d in s.streets.all()],
                "ratio": str(s.ratio) if s.ratio is not None else None,
                "count": s.count,
            }
            for s in plan.strata.prefetch_related("streets")
        ],
    }


def _require_approver(by) -> None:
    from eduenforce.core.permissions import has_capability

    if not has_capability(by, "sampling.approve_redraw"):
        raise DomainError("重抽须经科室负责人或局领导审批")


def _accounts_problem(plan) -> list[str]:
    """The pool's officers who cannot sign in (named), as a problem that stops the commitment."""
    lacking = frozen.officers_without_account(plan)
    if not lacking:
        return []
    return [
        "以下执法人员尚无可登录的账号，被抽中后无法办理检查任务，请先在执法人员页面为其开通账号："
        + "、".join(lacking)
    ]


def _check_draw_date(draw_date: date | None) -> None:
    if draw_date is None:
        raise DomainError("请填写抽取日期", field="draw_date")
    if draw_date < timezone.localdate():
        raise DomainError("抽取日期不能早于今天：承诺值必须在抽取之前公布", field="draw_date")


def default_entropy_date(today: date, draw_date: date) -> date:
    """The day before the draw date when that is still after today, else the draw date."""
    before = draw_date - timedelta(days=1)
    return before if before > today else draw_date


def _entropy_source(kind: str | None, day: date | None, draw_date: date) -> dict:
    today = timezone.localdate()
    kind = kind or v2.DEFAULT_ENTROPY_KIND
    if kind not in v2.ENTROPY_KINDS:
        raise DomainError("请选择公布的公开随机源", field="entropy_kind")
    day = day or default_entropy_date(today, draw_date)
    if not (today < day <= draw_date):
        raise DomainError(
            f"公开随机源的日期须晚于公布承诺的今天（{today:%Y-%m-%d}），且不晚于抽取日期"
            f"（{draw_date:%Y-%m-%d}）：承诺公布时它的数值必须尚不可知",
            field="entropy_date",
        )
    return v2.entropy_source(kind, day)


def _commit(
    draw: Draw,
    *,
    by,
    draw_date: date,
    entropy_kind: str | None = None,
    entropy_date: date | None = None,
    partner_commitments: dict[str, str] | None = None,
) -> None:
    """Freeze the pool, commit the bureau's share, record the partners' commitments and the
    announced entropy source, and publish them all (algorithm v2)."""
    seed = algorithm.new_seed()
    draw.algorithm = v2.ALGORITHM
    draw.seed, draw.commitment = seed, algorithm.commitment_of(seed)
    draw.entropy_source = _entropy_source(entropy_kind, entropy_date, draw_date)
    draw.parties = frozen.parties_for(draw.plan, draw.commitment, partner_commitments or {})
    draw.draw_date, draw.status = draw_date, DrawStatus.COMMITTED
    draw.committed_at, draw.committed_by = timezone.now(), by
    draw.save()
    data, counts = frozen.freeze_pool(draw)
    pool = DrawPool.store(draw, data, **counts)
    draw.pool_sm3 = pool.sm3
    draw.save(update_fields=["pool_sm3", "updated_at"])
    # The seed itself never enters the journal before the draw: only its commitment.
    append(
        actor=by,
        action="sampling.committed",
        obj=draw,
        changes={
            "algorithm": draw.algorithm,
            "commitment": draw.commitment,
            "parties": [[p["party"], p["commitment"]] for p in draw.parties],
            "pool_sm3": pool.sm3,
            "pool": {"candidates": pool.candidates, "officers": pool.officers, "recusals": pool.recusals},
            "entropy_source": [draw.entropy_source["kind"], draw.entropy_source["date"]],
            "draw_date": draw_date,
            "plan": draw.plan.public_id,
        },
    )
    publishing.publish_commitment(draw, by=by)


@transaction.atomic
def do_commit(
    plan: SamplingPlan,
    *,
    by,
    entropy_kind: str | None = None,
    entropy_date: date | None = None,
    partner_commitments: dict[str, str] | None = None,
) -> Draw:
    """Publish the plan with its frozen pool, the commitment of a new seed (and of each partner
    department's share, for a joint plan), the announced entropy source and the draw date."""
    plan = SamplingPlan.objects.select_for_update().select_related("item").get(pk=plan.pk)
    require_status(plan, [SamplingPlanStatus.DRAFT], "公布")
    problems = plan.problems()
    if plan.draw_date < timezone.localdate():
        problems.append("抽取日期不能早于今天：承诺值必须在抽取之前公布")
    problems += _accounts_problem(plan)
    if problems:
        raise DomainError("计划尚不能公布：" + "；".join(problems))
    plan.status, plan.published_at = SamplingPlanStatus.PUBLISHED, timezone.now()
    plan.save(update_fields=["status", "published_at", "updated_at"])
    append(
        actor=by,
        action="sampling.plan_published",
        obj=plan,
        changes={"status": [SamplingPlanStatus.DRAFT, SamplingPlanStatus.PUBLISHED]},
    )
    draw = Draw(plan=plan, sequence=1, public_id=f"{plan.public_id}-1", parameters=plan_parameters(plan))
    _commit(
        draw,
        by=by,
        draw_date=plan.draw_date,
        entropy_kind=entropy_kind,
        entropy_date=entropy_date,
        partner_commitments=partner_commitments,
    )
    return draw


def _started_tasks(draw: Draw) -> list[str]:
    from eduenforce.inspections.choices import TaskStatus

    return list(
        draw.assignments.filter(task__status__in=[TaskStatus.IN_PROGRESS, TaskStatus.COMPLETED]).values_list(
            "task__number", flat=True
        )
    )


def _check_v2_inputs(draw: Draw, public_entropy: str, shares: dict[str, str]) -> tuple[str, list[dict]]:
    entropy = v2.normalise_entropy(public_entropy)
    problem = v2.entropy_problem(draw.entropy_source, entropy)
    if problem:
        raise DomainError(problem, field="public_entropy")
    source_day = date.fromisoformat(draw.entropy_source["date"])
    if timezone.localdate() < source_day:
        raise DomainError(
            f"公开随机源（{draw.entropy_source['name']}）的数值 {source_day:%Y年%m月%d日} 才产生，不能提前抽取",
            field="public_entropy",
        )
    return entropy, frozen.revealed_parties(draw, shares)


@transaction.atomic
def do_run_draw(draw: Draw, *, by, public_entropy: str = "", shares: dict[str, str] | None = None) -> Draw:
    """Reveal the seed (and the partners' ``shares``, party name → share) and draw from the
    frozen pool. ``public_entropy`` must be the announced source's value in its format.
    Fails as a whole (nothing written) when any rule refuses."""
    draw = Draw.objects.select_for_update().select_related("plan__item").get(pk=draw.pk)
    require_status(draw, [DrawStatus.COMMITTED], "执行抽取")
    entropy = (public_entropy or "").strip()
    if len(entropy) > MAX_ENTROPY:
        raise DomainError(f"公开随机数不能超过 {MAX_ENTROPY} 个字符", field="public_entropy")
    if not publishing.commitment_is_public(draw):
        raise DomainError(
            "承诺值尚未公布（或已撤回），不能抽取：须先公布种子的 SM3 承诺值", field="public_entropy"
        )
    if timezone.localdate() < draw.draw_date:
        raise DomainError(
            f"未到公布的抽取日期（{draw.draw_date:%Y年%m月%d日}），不能提前抽取", field="public_entropy"
        )
    parties: list[dict] = []
    if draw.is_v2:
        entropy, parties = _check_v2_inputs(draw, entropy, shares or {})
    previous = draw.redraw_of
    if previous is not None:
        if _started_tasks(previous):
            raise DomainError(
                "原抽取产生的检查任务已开始实施，不能重抽：" + "、".join(_started_tasks(previous))
            )
        # First, so that the earlier draw's (now cancelled) tasks neither exclude its
        # institutions from this draw nor count towards their annual cap. A failure below
        # rolls this back too.
        _supersede(previous, by=by, redraw=draw)
    if draw.is_v2:
        outcome = frozen.execute(draw, entropy, parties)
        draw.parties = parties
    else:  # committed before v2: drawn as committed
        outcome = engine.execute(draw, entropy)
    draw.status, draw.public_entropy, draw.final = DrawStatus.COMPLETED, entropy, outcome.final
    draw.drawn_at, draw.drawn_by, draw.notes = timezone.now(), by, outcome.notes
    draw.save()
    document = DrawDocument.store(draw, outcome.document)
    names, officers = _create_tasks(draw, outcome, by=by)
    plan = draw.plan
    if plan.status != SamplingPlanStatus.DRAWN:
        plan.status = SamplingPlanStatus.DRAWN
        plan.save(update_fields=["status", "updated_at"])
    append(
        actor=by,
        action="sampling.drawn",
        obj=draw,
        changes={
            "status": [DrawStatus.COMMITTED, DrawStatus.COMPLETED],
            "seed": draw.seed,
            "shares": [p["share"] for p in parties[1:]],
            "public_entropy": entropy,
            "final": outcome.final,
            "document_sm3": document.sm3,
            "selected": len(outcome.teams),
            "strata": {run.label: [len(run.candidates), len(run.selected)] for run in outcome.strata},
        },
    )
    publishing.publish_result(draw, outcome, names, officers, by=by)
    return draw


def _institutions(codes: list[str]) -> dict[str, int]:
    """credit code → institution id, in one array query (PostgreSQL) or 900-code chunks."""
    from django.db import connection
    from django.db.models.expressions import RawSQL

    from eduenforce.registry.models import Institution

    rows = Institution.objects.values_list("credit_code", "pk")
    if connection.vendor == "postgresql":
        return dict(rows.filter(credit_code__in=RawSQL("SELECT unnest(%s::varchar[])", [codes])))
    out: dict[str, int] = {}
    for i in range(0, len(codes), 900):
        out.update(rows.filter(credit_code__in=codes[i : i + 900]))
    return out


def _create_tasks(draw: Draw, outcome: engine.Outcome, *, by) -> tuple[dict, dict]:
    """One inspection task per selected institution, in bulk (``inspections.drawn``): one
    journal entry for the draw's tasks. Returns the names the published result shows."""
    from eduenforce.inspections.drawn import DrawnTask, create_drawn_tasks
    from eduenforce.officers.models import Officer
    from eduenforce.registry.models import Institution

    plan = draw.plan
    codes = [code for code, _e, _t in outcome.teams]
    institution_of = _institutions(codes)
    officer_of = outcome.officer_of_certificate
    partners = [d for d in plan.required_department_list() if d.kind != DepartmentKind.SECTION]
    tasks = create_drawn_tasks(
        [DrawnTask(institution_of[code], [officer_of[c] for c in team]) for code, _e, team in outcome.teams],
        item=plan.item,
        planned_date=plan.planned_date,
        source_ref=draw.public_id,
        by=by,
        journal_obj=draw,
        is_joint=plan.is_joint,
        partner_departments=partners,
    )
    label_of = {code: run.label for run in outcome.strata for code in run.selected}
    DrawAssignment.objects.bulk_create(
        [
            DrawAssignment(
                draw=draw,
                task_id=task.pk,
                institution_id=institution_of[code],
                position=position,
                stratum_label=label_of[code],
                certificates=team,
                is_joint=plan.is_joint,
            )
            for position, (task, (code, _e, team)) in enumerate(
                zip(tasks, outcome.teams, strict=True), start=1
            )
        ],
        batch_size=5000,
    )
    shown = outcome.teams[: publishing.BODY_LINES]  # the published text lists these by name
    shown_codes = [code for code, _e, _t in shown]
    names = dict(Institution.objects.filter(credit_code__in=shown_codes).values_list("credit_code", "name"))
    numbers = {c for _c, _e, team in shown for c in team}
    officer_names = dict(
        Officer.objects.filter(pk__in={officer_of[c] for c in numbers}).values_list("pk", "name")
    )
    return names, {c: officer_names.get(officer_of[c], "") for c in numbers}


def _supersede(previous: Draw, *, by, redraw: Draw) -> None:
    """The earlier draw stays published, marked as replaced; its open tasks are cancelled."""
    previous = Draw.objects.select_for_update().get(pk=previous.pk)
    require_status(previous, [DrawStatus.COMPLETED], "被重抽替代")
    previous.status = DrawStatus.SUPERSEDED
    previous.save(update_fields=["status", "updated_at"])
    from eduenforce.inspections.choices import TaskStatus

    reason = f"双随机重抽（{redraw.public_id}）：{redraw.redraw_reason}"
    for assignment in previous.assignments.select_related("task"):
        if assignment.task.status in (TaskStatus.DRAFT, TaskStatus.PENDING_APPROVAL, TaskStatus.APPROVED):
            assignment.task.cancel(by=by, reason=reason[:300])
    append(
        actor=by,
        action="sampling.superseded",
        obj=previous,
        changes={"status": [DrawStatus.COMPLETED, DrawStatus.SUPERSEDED], "redraw": redraw.public_id},
    )


@transaction.atomic
def do_request_redraw(draw: Draw, *, by, reason: str) -> Draw:
    """Ask for a redraw of a completed draw, with a reason; a head other than the requester approves."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("申请重抽须说明理由", field="reason")
    if len(reason) > 300:
        raise DomainError("重抽理由不能超过 300 字", field="reason")
    draw = Draw.objects.select_for_update().select_related("plan").get(pk=draw.pk)
    require_status(draw, [DrawStatus.COMPLETED], "申请重抽")
    if Draw.objects.filter(
        plan=draw.plan, status__in=[DrawStatus.PENDING_APPROVAL, DrawStatus.COMMITTED]
    ).exists():
        raise DomainError("该计划已有待审批或待抽取的重抽，不能重复申请", field="reason")
    started = _started_tasks(draw)
    if started:
        raise DomainError("本次抽取产生的检查任务已开始实施，不能重抽：" + "、".join(started), field="reason")
    sequence = (Draw.objects.filter(plan=draw.plan).aggregate(m=Max("sequence"))["m"] or 0) + 1
    redraw = Draw.objects.create(
        plan=draw.plan,
        sequence=sequence,
        public_id=f"{draw.plan.public_id}-{sequence}",
        status=DrawStatus.PENDING_APPROVAL,
        parameters=draw.parameters,
        redraw_of=draw,
        redraw_reason=reason,
        requested_by=by,
        requested_at=timezone.now(),
    )
    append(
        actor=by,
        action="sampling.redraw_requested",
        obj=redraw,
        changes={"status": [None, DrawStatus.PENDING_APPROVAL], "of": draw.public_id, "reason": reason},
    )
    return redraw


@transaction.atomic
def do_approve_redraw(
    draw: Draw,
    *,
    by,
    draw_date: date,
    note: str = "",
    entropy_kind: str | None = None,
    entropy_date: date | None = None,
    partner_commitments: dict[str, str] | None = None,
) -> Draw:
    """A head approves the redraw: a new seed is committed and published with the draw date."""
    draw = Draw.objects.select_for_update().select_related("plan").get(pk=draw.pk)
    require_status(draw, [DrawStatus.PENDING_APPROVAL], "审批重抽")
    _require_approver(by)
    if draw.requested_by_id is not None and draw.requested_by_id == getattr(by, "pk", None):
        raise DomainError("重抽须由申请人以外的负责人审批")
    _check_draw_date(draw_date)
    if draw_date <= timezone.localdate():
        raise DomainError("重抽日期须晚于今天：公开随机源须在新的承诺公布之后才产生", field="draw_date")
    problems = _accounts_problem(draw.plan)
    if problems:
        raise DomainError("重抽尚不能公布：" + problems[0])
    draw.approved_by, draw.approved_at, draw.decision_note = by, timezone.now(), (note or "").strip()[:300]
    append(
        actor=by,
        action="sampling.redraw_approved",
        obj=draw,
        changes={"status": [DrawStatus.PENDING_APPROVAL, DrawStatus.COMMITTED], "note": draw.decision_note},
    )
    _commit(
        draw,
        by=by,
        draw_date=draw_date,
        entropy_kind=entropy_kind,
        entropy_date=entropy_date,
        partner_commitments=partner_commitments,
    )
    return draw


@transaction.atomic
def do_reject_redraw(draw: Draw, *, by, note: str) -> Draw:
    note = (note or "").strip()
    if not note:
        raise DomainError("不批准重抽须说明理由", field="note")
    draw = Draw.objects.select_for_update().get(pk=draw.pk)
    require_status(draw, [DrawStatus.PENDING_APPROVAL], "审批重抽")
    _require_approver(by)
    draw.status, draw.decision_note = DrawStatus.REJECTED, note[:300]
    draw.approved_by, draw.approved_at = by, timezone.now()
    draw.save(update_fields=["status", "decision_note", "approved_by", "approved_at", "updated_at"])
    append(
        actor=by,
        action="sampling.redraw_rejected",
        obj=draw,
        changes={"status": [DrawStatus.PENDING_APPROVAL, DrawStatus.REJECTED], "note": draw.decision_note},
    )
    return draw
