"""Factories for planning tests, and the registry/officer rows a plan needs (built here so
these tests do not depend on other apps' test modules)."""

from datetime import date
from decimal import Decimal

import factory

from eduenforce.planning.actions import do_publish_item
from eduenforce.planning.choices import ItemList
from eduenforce.planning.models import (
    AnnualPlan,
    Campaign,
    ChecklistPoint,
    EnforcementItem,
    PlanLine,
    RequiredDepartment,
    SamplingPlan,
    Stratum,
)
from eduenforce.testing.factories import department  # noqa: F401  (shared; re-exported to this app's tests)


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnforcementItem

    code = factory.Sequence(lambda n: f"JY-SJ-{n:03d}")
    list_kind = ItemList.RANDOM
    name = factory.Sequence(lambda n: f"校外培训机构办学行为检查{n}")
    legal_basis = "《校外培训行政处罚暂行办法》第十九条"
    section = factory.LazyFunction(lambda: department("zfdd"))
    object_kinds = factory.LazyFunction(lambda: ["kindergarten", "training_non_academic", "private_school"])
    is_random = True
    is_enterprise = True


class PointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChecklistPoint

    item = factory.SubFactory(ItemFactory)
    order = factory.Sequence(lambda n: n + 1)
    text = "是否取得办学许可证并在有效期内"
    legal_basis = "《民办教育促进法》第十八条"
    hazard_category = "qualification"


def published_item(by=None, **kwargs) -> EnforcementItem:
    item = ItemFactory(**kwargs)
    PointFactory(item=item)
    do_publish_item(item, by=by)
    item.refresh_from_db()
    return item


class AnnualPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualPlan

    year = 2025
    title = factory.LazyAttribute(lambda o: f"{o.year}年度执法检查计划")


class PlanLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanLine

    plan = factory.SubFactory(AnnualPlanFactory)
    item = factory.LazyFunction(published_item)
    object_kind = "kindergarten"
    count = 2


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    name = "2025年暑期校外培训治理专项检查"
    year = 2025
    starts_on = date(2025, 7, 1)
    ends_on = date(2025, 8, 31)
    goal = "排查校外培训机构安全隐患和违规培训行为"
    organizer = factory.LazyFunction(lambda: department("xwpxk"))


class SamplingPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SamplingPlan

    name = "2025年第二季度校外培训机构双随机抽查"
    year = 2025
    item = factory.LazyFunction(published_item)
    starts_on = date(2025, 4, 1)
    ends_on = date(2025, 6, 30)
    draw_date = date(2025, 4, 7)
    planned_date = date(2025, 4, 15)
    team_size = 2


class StratumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stratum

    plan = factory.SubFactory(SamplingPlanFactory)
    order = factory.Sequence(lambda n: n + 1)
    label = factory.Sequence(lambda n: f"分层{n}")
    kinds = factory.LazyFunction(lambda: ["kindergarten"])
    ratio = Decimal("0.5")


class RequiredDepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequiredDepartment

    plan = factory.SubFactory(SamplingPlanFactory)
    department = factory.LazyFunction(lambda: department("xf"))
    order = 1
