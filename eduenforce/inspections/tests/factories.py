"""Factories for inspection tests. Tasks are created through ``services.create_task`` (the
path every source takes); the rows it depends on come from the small factories below."""

import base64
import io
from datetime import date, datetime, time, timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from eduenforce.testing.factories import OfficerFactory, UserFactory, department  # noqa: F401  (shared; re-exported to this app's tests)


def _image(fmt: str) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(out, fmt)
    return out.getvalue()


# The smallest real images an upload or a signature test needs.
PNG, JPEG = _image("PNG"), _image("JPEG")
PNG_DATA_URL = "data:image/png;base64," + base64.b64encode(PNG).decode()


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "officers.Certificate"

    officer = factory.SubFactory(OfficerFactory)
    number = factory.Sequence(lambda n: f"12010025{n:06d}")
    issuing_authority = "天津市人民政府"
    valid_from = date(2020, 1, 1)
    valid_to = date(2030, 12, 31)


def certified_officer(user=None, **kwargs):
    """An in-service officer with a certificate valid 2020–2030 (optionally linked to ``user``)."""
    officer = OfficerFactory(user=user, **kwargs)
    CertificateFactory(officer=officer)
    return officer


def officer_user(role="officer"):
    """An account with an officer behind it, for tests that act as a team member."""
    user = UserFactory(role=role)
    return user, certified_officer(user=user, name=user.name)


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "registry.Institution"

    name = factory.Sequence(lambda n: f"东丽区启航培训学校{n}")
    kind = "training_academic"
    credit_code = factory.Sequence(lambda n: f"52120110MJ{n:07d}X"[:18])
    street = factory.LazyFunction(lambda: department("zgz"))
    address = factory.Sequence(lambda n: f"东丽区津塘路{n}号")
    licence_number = factory.Sequence(lambda n: f"教民12011000{n:04d}")
    licence_expires = date(2030, 12, 31)


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "planning.EnforcementItem"

    code = factory.Sequence(lambda n: f"JC-{n:03d}")
    list_kind = "enterprise"
    name = factory.Sequence(lambda n: f"校外培训机构办学行为检查{n}")
    legal_basis = "《校外培训行政处罚暂行办法》第二十条"
    section = factory.LazyFunction(lambda: department("xwpxk"))
    object_kinds = factory.LazyFunction(lambda: ["training_academic"])
    is_random = True
    is_enterprise = True
    annual_cap = 2
    status = "published"


class PointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "planning.ChecklistPoint"

    item = factory.SubFactory(ItemFactory)
    order = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"检查要点{n}")
    hazard_category = "fire"
    required = True


def item_with_points(n_required=2, n_optional=1, **kwargs):
    item = ItemFactory(**kwargs)
    for i in range(n_required + n_optional):
        PointFactory(
            item=item,
            order=i + 1,
            text=["消防通道是否畅通", "灭火器是否在有效期内", "是否公示收费标准", "培训时间是否符合规定"][
                i % 4
            ],
            required=i < n_required,
        )
    return item


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "planning.Campaign"

    name = factory.Sequence(lambda n: f"2025年寒假校外培训治理{n}")
    year = 2025
    starts_on = date(2025, 1, 10)
    ends_on = date(2025, 2, 28)
    status = "published"


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def make_task(*, by, officers=None, institution=None, item=None, planned_date=None, **kwargs):
    """A task created the way every source creates one."""
    from eduenforce.inspections.services import create_task

    return create_task(
        institution=institution or InstitutionFactory(),
        item=item or item_with_points(),
        source=kwargs.pop("source", "patrol"),
        planned_date=planned_date or timezone.localdate(),
        officers=officers or [certified_officer(), certified_officer()],
        by=by,
        **kwargs,
    )


def started_task(*, lead_user, head, **kwargs):
    """Approved by ``head`` and started by ``lead_user`` (who leads the team): the draft is open."""
    lead = getattr(lead_user, "officer", None) or certified_officer(user=lead_user)
    officers = kwargs.pop("officers", None) or [lead, certified_officer()]
    task = make_task(by=lead_user, officers=officers, status="pending_approval", **kwargs)
    task.approve(by=head)
    task.start(by=lead_user)
    return task


def fill_record(record, *, by, hazards=(), refused=False):
    """Fill a draft completely (times, place, every point, signatures) so it can be submitted."""
    from django.http import QueryDict

    from eduenforce.inspections import onsite

    now = timezone.localtime()
    data = QueryDict(mutable=True)
    data.update(
        {
            "started_at": (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "ended_at": (now - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M"),
            "place": "东丽区津塘路1号二楼",
            "party_representative": "王校长",
            "representative_position": "校长",
            "findings": "现场检查了消防设施与收费公示。",
        }
    )
    for point in record.task.item.points.all():
        data[f"result-{point.pk}"] = "pass"
    onsite.save_draft(record, data, by=by)
    for hazard in hazards:
        onsite.add_hazard(record, by=by, **hazard)
    onsite.set_signature(record, who="officer", data_url=PNG_DATA_URL, by=by)
    if refused:
        data = QueryDict(mutable=True)
        data.update({"party_refused": "1", "witness_name": "李见证"})
        onsite.save_draft(record, data, by=by)
    else:
        onsite.set_signature(record, who="party", data_url=PNG_DATA_URL, by=by)
    record.refresh_from_db()
    return record


def image_file(name="photo.jpg", content=JPEG):
    return ContentFile(content, name=name)
