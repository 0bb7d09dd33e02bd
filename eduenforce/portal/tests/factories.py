"""Publications for tests: made through ``portal.services`` (masked and journaled) like real ones."""

import itertools
from datetime import date

import factory

from eduenforce.core.models import SerialCounter
from eduenforce.portal import services
from eduenforce.portal.choices import ArticleKind
from eduenforce.portal.models import Article

_sources = itertools.count(1)


def source_record():
    """Any saved row can be the source of a publication; a serial counter is the cheapest."""
    return SerialCounter.objects.create(series=f"test-source-{next(_sources)}", year=2025)


def publish(
    kind="decision",
    *,
    by=None,
    title=None,
    occurred_on=date(2025, 6, 2),
    year=None,
    street=None,
    summary="",
    body="",
    fields=None,
    **names,
):
    n = next(_sources)
    return services.publish(
        kind=kind,
        source=source_record(),
        by=by,
        title=title or f"公示信息{n}",
        occurred_on=occurred_on,
        year=year or occurred_on.year,
        summary=summary,
        body=body,
        fields=fields or {},
        street=street,
        **names,
    )


def schedule(kind="decision", *, occurred_on=date(2025, 6, 2), title="待公示的决定"):
    return services.schedule(
        kind=kind,
        source=source_record(),
        title=title,
        occurred_on=occurred_on,
        due_on=services.due_on_for(kind, occurred_on),
        year=occurred_on.year,
    )


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    kind = ArticleKind.NEWS
    title = factory.Sequence(lambda n: f"东丽区开展校外培训机构专项检查（{n}）")
    summary = "区教育局联合市场监管、消防部门开展检查。"
    body = "<p>近日，区教育局联合有关部门对辖区校外培训机构开展专项检查。</p>"
    author = factory.SubFactory("eduenforce.testing.factories.UserFactory", role="officer")
