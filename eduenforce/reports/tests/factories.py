"""Factories for the statistics fixtures: rows written directly, so each test can say
exactly which records exist (and which lie just outside the period)."""

from datetime import date, datetime, time
from decimal import Decimal

import factory
from django.utils import timezone

from eduenforce.accounts.models import Department
from eduenforce.testing.factories import OfficerFactory  # noqa: F401  (shared; re-exported to this app's tests)


def street(code="zgz"):
    return Department.objects.get(code=code)


def partner(code="xf"):
    return Department.objects.get(code=code)


def at(day: date, hour: int = 10) -> datetime:
    """An aware local datetime on ``day`` (completed_at and friends)."""
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "officers.Certificate"

    officer = factory.SubFactory(OfficerFactory)
    number = factory.Sequence(lambda n: f"12010025{n:06d}")
    issuing_authority = "天津市司法局"
    valid_from = date(2023, 1, 1)
    valid_to = date(2027, 12, 31)


def certified_officer(**kwargs):
    return CertificateFactory(**kwargs).officer


class TrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "officers.TrainingRecord"

    officer = factory.SubFactory(OfficerFactory)
    course = "行政处罚法专题培训"
    date = date(2025, 5, 10)
    hours = Decimal("20")


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "registry.Institution"

    name = factory.Sequence(lambda n: f"测试培训学校{n}")
    kind = "training_academic"
    credit_code = factory.Sequence(lambda n: f"52120110MJ{n:07d}X"[:18])
    street = factory.LazyFunction(lambda: street())


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "planning.EnforcementItem"

    code = factory.Sequence(lambda n: f"JC-{n:03d}")
    list_kind = "random"
    name = factory.Sequence(lambda n: f"校外培训机构办学行为检查{n}")
    legal_basis = "《校外培训行政处罚暂行办法》"
    section = factory.LazyFunction(lambda: Department.objects.get(code="xwpxk"))
    object_kinds = factory.LazyFunction(lambda: ["training_academic"])
    is_random = True
    status = "published"


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "planning.Campaign"

    name = factory.Sequence(lambda n: f"2025年校外培训专项治理{n}")
    year = 2025
    starts_on = date(2025, 1, 10)
    ends_on = date(2025, 2, 28)
    status = "published"


class TaskFactory(factory.django.DjangoModelFactory):
    """A completed inspection task (the state every inspection figure counts)."""

    class Meta:
        model = "inspections.InspectionTask"

    number = factory.Sequence(lambda n: f"TEST-{n:06d}")
    institution = factory.SubFactory(InstitutionFactory)
    item = factory.SubFactory(ItemFactory)
    source = "random"
    planned_date = date(2025, 6, 1)
    status = "completed"
    completed_at = factory.LazyAttribute(lambda o: at(o.planned_date))


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "inspections.TaskMember"

    task = factory.SubFactory(TaskFactory)
    officer = factory.SubFactory(OfficerFactory)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "inspections.PartnerParticipant"

    task = factory.SubFactory(TaskFactory)
    department = factory.LazyFunction(lambda: partner())
    name = factory.Sequence(lambda n: f"消防员{n}")


def team(task, officers: int = 2, partners: int = 0):
    """Give ``task`` a team: ``officers`` officers and ``partners`` partner participants."""
    for i in range(officers):
        MemberFactory(task=task, order=i)
    for _ in range(partners):
        ParticipantFactory(task=task)
    return task


class RecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "inspections.InspectionRecord"

    task = factory.SubFactory(TaskFactory)
    status = "submitted"


class HazardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "inspections.Hazard"

    task = factory.SubFactory(TaskFactory)
    record = factory.LazyAttribute(lambda o: o.task.records.first() or RecordFactory(task=o.task))
    category = "fire"
    description = "灭火器过期"
    rectified_on_spot = False
    status = factory.LazyAttribute(lambda o: "on_spot" if o.rectified_on_spot else "ordered")


class OrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "inspections.RectificationOrder"

    task = factory.SubFactory(TaskFactory)
    institution = factory.LazyAttribute(lambda o: o.task.institution)
    requirements = "限期更换灭火器"
    legal_basis = "《消防法》"
    issued_on = date(2025, 6, 1)
    due_on = date(2025, 6, 15)
    working_days = 10


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cases.Case"

    party_name = factory.Sequence(lambda n: f"某培训机构{n}")
    cause = "超范围开展培训"
    status = "investigating"


class ComplaintFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "complaints.Complaint"

    tracking_number = factory.Sequence(lambda n: f"TS2025{n:06d}")
    code_hash = "x"
    source = "phone"
    matter_type = "fees"
    institution_name = "某培训机构"
    content = "退费难"
    received_on = date(2025, 3, 3)
    received_at = factory.LazyAttribute(lambda o: at(o.received_on))
    accept_due = factory.LazyAttribute(lambda o: o.received_on)


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "portal.Publication"

    kind = "decision"
    source_type = "cases.case"
    source_id = factory.Sequence(str)
    title = "行政处罚决定"
    year = 2025
    occurred_on = date(2025, 4, 1)
    due_on = date(2025, 4, 10)
