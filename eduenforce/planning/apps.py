from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "eduenforce.planning"
    label = "planning"
    verbose_name = "计划与事项清单"

    def ready(self) -> None:
        from eduenforce.core import nav
        from eduenforce.planning.choices import CampaignStatus, PublicationStatus, SamplingPlanStatus
        from eduenforce.planning.models import Campaign, EnforcementItem, SamplingPlan

        section = "计划与抽查"
        nav.register(section, "执法事项清单", "planning:items", "planning.view", order=300)
        nav.register(section, "年度执法检查计划", "planning:plans", "planning.view", order=301)
        nav.register(section, "专项检查", "planning:campaigns", "planning.view", order=302)
        nav.register(section, "双随机抽查计划", "planning:sampling-plans", "planning.view", order=303)
        nav.register_card(
            "已公布执法事项",
            "planning.view",
            lambda u: EnforcementItem.objects.filter(status=PublicationStatus.PUBLISHED).count(),
            "planning:items",
            order=300,
            hint="现行版本；未公布的事项不得实施检查",
        )
        nav.register_card(
            "待审批专项检查",
            "planning.approve",
            lambda u: Campaign.objects.filter(status=CampaignStatus.PENDING).count(),
            "planning:campaigns",
            order=301,
            hint="专项检查须经批准后公布实施",
        )
        nav.register_card(
            "抽查计划草稿",
            "planning.manage",
            lambda u: SamplingPlan.objects.filter(status=SamplingPlanStatus.DRAFT).count(),
            "planning:sampling-plans",
            order=302,
            hint="设置分层后公布并公布种子承诺值",
        )
