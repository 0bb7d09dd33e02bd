from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "eduenforce.complaints"
    label = "complaints"
    verbose_name = "投诉举报"

    def ready(self) -> None:
        from eduenforce.complaints.stored_deadlines import register_all

        register_all()  # working-day deadlines recomputed when the calendar changes
        from eduenforce.core import nav

        nav.register("投诉举报", "投诉举报台账", "complaints:list", "complaints.view", order=600)
        nav.register(
            "投诉举报", "登记投诉（电话/来访/转办）", "complaints:create", "complaints.handle", order=601
        )
        nav.register("投诉举报", "投诉统计", "complaints:statistics", "complaints.view", order=602)
        nav.register_card(
            "待受理投诉",
            "complaints.view",
            _received,
            "complaints:list",
            order=600,
            hint="收到后须在受理期限内作出决定",
        )
        nav.register_card(
            "逾期投诉",
            "complaints.view",
            _overdue,
            "complaints:list",
            order=601,
            hint="超过受理或答复期限仍未办结",
        )
        nav.register_card("我承办的在办投诉", "complaints.handle", _mine, "complaints:list", order=602)


def _received(user) -> int:
    from eduenforce.complaints.models import Complaint

    return Complaint.objects.filter(status="received").count()


def _overdue(user) -> int:
    from eduenforce.complaints.models import Complaint

    return Complaint.objects.overdue().count()


def _mine(user) -> int:
    from eduenforce.complaints.models import Complaint

    return Complaint.objects.handled_by(user).open().count()
