"""Draws on the portal, through ``portal.services`` (so they show in search and feeds).

Two publications per draw: the plan with the seed's commitment and the draw date
(``SAMPLING_PLAN``, before the draw), and the result (``DRAW``, after it). Officers'
names and certificate numbers are published on purpose: inspectors act in their official
capacity and the public checks them (亮证); institutions are organisations.
"""

from django.urls import reverse
from django.utils import timezone

from eduenforce.portal import services
from eduenforce.portal.choices import PublicationKind, PublicationState
from eduenforce.portal.masking import redact_text

BODY_LINES = 500  # the full result is in the JSON; the feed text stays readable


def commitment_publication(draw):
    return services.publication_for(PublicationKind.SAMPLING_PLAN, draw)


def commitment_is_public(draw, now=None) -> bool:
    publication = commitment_publication(draw)
    now = now or timezone.now()
    return bool(
        publication
        and publication.state in (PublicationState.PUBLISHED, PublicationState.CORRECTED)
        and publication.published_at
        and publication.published_at <= now
    )


def publish_commitment(draw, *, by):
    plan = draw.plan
    params = draw.parameters
    title = f"双随机抽查计划：{plan.name}" + (f"（第{draw.sequence}次抽取·重抽）" if draw.is_redraw else "")
    return services.publish(
        kind=PublicationKind.SAMPLING_PLAN,
        source=draw,
        by=by,
        year=plan.year,
        occurred_on=timezone.localdate(),
        title=title[:200],
        summary=(
            f"抽取日期 {draw.draw_date:%Y-%m-%d}；种子承诺值 SM3 {draw.commitment}"
            + (
                f"；冻结名单 SM3 {draw.pool_sm3}；公开随机源 {draw.entropy_source.get('name')}"
                f"（{draw.entropy_source.get('date')}）"
                if draw.pool_sm3
                else ""
            )
        ),
        body=redact_text(plan.note),
        fields={
            "plan": plan.public_id,
            "draw": draw.public_id,
            "commitment": draw.commitment,
            "draw_date": draw.draw_date.isoformat(),
            "item": params.get("item"),
            "period": params.get("period"),
            "kind": params.get("kind"),
            "team_size": params.get("team_size"),
            "required_departments": params.get("required_departments"),
            "strata": params.get("strata"),
            "algorithm": draw.algorithm,
            "pool_sm3": draw.pool_sm3,
            "parties": [[p["party"], p["commitment"]] for p in draw.parties],
            "entropy_source": draw.entropy_source,
            "pool_url": reverse("portal:draws:pool", args=[draw.public_id]) if draw.pool_sm3 else "",
            "redraw_reason": redact_text(draw.redraw_reason),
            "url": reverse("portal:draws:plan", args=[plan.public_id]),
        },
    )


def publish_result(draw, outcome, names: dict[str, str], officers: dict[str, str], *, by):
    """``names``: credit code → institution name; ``officers``: certificate number → officer name."""
    plan = draw.plan
    lines = []
    for code, _eligible, team in outcome.teams[:BODY_LINES]:
        members = "、".join(f"{officers.get(c, '')}（{c}）" for c in team)
        lines.append(f"{names.get(code, code)}：{members}")
    if len(outcome.teams) > BODY_LINES:
        lines.append(f"……共 {len(outcome.teams)} 家，完整名单见抽取数据（JSON）")
    return services.publish(
        kind=PublicationKind.DRAW,
        source=draw,
        by=by,
        year=plan.year,
        occurred_on=timezone.localdate(),
        title=f"双随机抽取结果：{plan.name}（{draw.public_id}）"[:200],
        summary=f"抽中 {len(outcome.teams)} 家检查对象；种子 {draw.seed}",
        body="\n".join(lines),
        fields={
            "draw": draw.public_id,
            "plan": plan.public_id,
            "commitment": draw.commitment,
            "seed": draw.seed,
            "algorithm": draw.algorithm,
            "pool_sm3": draw.pool_sm3,
            "shares": [[p["party"], p["share"]] for p in draw.parties],
            "public_entropy": draw.public_entropy,
            "final": draw.final,
            "selected": len(outcome.teams),
            "document_sm3": draw.document.sm3,
            "notes": draw.notes,
            "url": reverse("portal:draws:detail", args=[draw.public_id]),
            "json_url": reverse("portal:draws:json", args=[draw.public_id]),
        },
    )
