from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "eduenforce.portal"
    label = "portal"
    verbose_name = "公示平台"

    def ready(self) -> None:
        from eduenforce.portal.stored_deadlines import register_all

        register_all()  # working-day deadlines recomputed when the calendar changes
        from eduenforce.core import nav
        from eduenforce.portal.models import Article, Publication

        nav.register("信息公示", "公示期限", "portal_staff:dashboard", "portal.view", order=700)
        nav.register("信息公示", "执法动态与法规解读", "portal_staff:articles", "portal.view", order=701)
        nav.register("信息公示", "公示平台（公众页面）", "portal:index", "portal.view", order=702)
        nav.register_card(
            "待公示信息",
            "portal.view",
            lambda u: Publication.objects.due().count(),
            "portal_staff:dashboard",
            order=700,
            hint="尚未公示的决定、检查结果等",
        )
        nav.register_card(
            "逾期未公示",
            "portal.view",
            lambda u: Publication.objects.overdue().count(),
            "portal_staff:dashboard",
            order=701,
            hint="已超过法定公示期限",
        )
        nav.register_card(
            "逾期未撤回",
            "portal.view",
            lambda u: Publication.objects.withdrawal_overdue().count(),
            "portal_staff:dashboard",
            order=702,
            hint="决定已撤销或变更、超过3个工作日仍在公示",
        )
        nav.register_card(
            "待审核稿件",
            "portal.publish",
            lambda u: Article.objects.filter(status="in_review").exclude(author=u).count(),
            "portal_staff:articles",
            order=703,
        )
