from django.apps import AppConfig


class SamplingConfig(AppConfig):
    name = "eduenforce.sampling"
    label = "sampling"
    verbose_name = "双随机抽查"

    def ready(self) -> None:
        from eduenforce.core import nav
        from eduenforce.planning import hooks as planning_hooks
        from eduenforce.sampling.choices import DrawStatus
        from eduenforce.sampling.models import Draw
        from eduenforce.sampling.preview import strata_preview

        planning_hooks.draw_preview.provide(strata_preview)

        nav.register("计划与抽查", "双随机抽取记录", "sampling:draws", "sampling.view", order=304)
        nav.register_card(
            "待执行的抽取",
            "sampling.run",
            lambda u: Draw.objects.filter(status=DrawStatus.COMMITTED).count(),
            "sampling:draws",
            order=303,
            hint="承诺值已公布，于抽取日期执行",
        )
        nav.register_card(
            "待审批重抽申请",
            "sampling.approve_redraw",
            lambda u: Draw.objects.filter(status=DrawStatus.PENDING_APPROVAL).count(),
            "sampling:draws",
            order=304,
            hint="须由申请人以外的负责人审批",
        )
