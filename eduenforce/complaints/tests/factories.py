"""Factories for the complaints and coordination tests.

The registry, planning and officer factories here are deliberately minimal (only the
fields those apps require) so these tests depend on as little of them as possible.
"""

import secrets
import time
from datetime import date, timedelta

import factory
from django.core import signing
from django.utils import timezone

from eduenforce.complaints import antispam
from eduenforce.complaints.services import register_complaint
from eduenforce.testing.factories import department  # noqa: F401  (shared; re-exported to this app's tests)


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "registry.Institution"

    name = factory.Sequence(lambda n: f"东丽区测试培训学校{n}")
    kind = "training_non_academic"
    credit_code = factory.Sequence(lambda n: f"52120110{n:010d}")
    street = factory.LazyFunction(lambda: department("zgz"))
    address = "张贵庄路1号"


class PublishedItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "planning.EnforcementItem"

    code = factory.Sequence(lambda n: f"JY-TS-{n:03d}")
    list_kind = "enforcement"
    name = factory.Sequence(lambda n: f"校外培训机构办学行为检查{n}")
    legal_basis = "《校外培训行政处罚暂行办法》"
    section = factory.LazyFunction(lambda: department("zfdd"))
    status = "published"
    published_at = factory.LazyFunction(timezone.now)


class OfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "officers.Officer"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"执法员{n}")
    department = factory.LazyFunction(lambda: department("zfdd"))

    @factory.post_generation
    def certificate(obj, create, extracted, **kwargs):
        if create:
            from eduenforce.officers.models import Certificate

            Certificate.objects.create(
                officer=obj,
                number=f"12010000{obj.pk:06d}",
                issuing_authority="天津市人民政府",
                valid_from=date(2020, 1, 1),
                valid_to=date(2035, 12, 31),
            )


def solved_challenge(seconds_ago: int = 60) -> dict:
    """Form fields answering a freshly signed challenge as a person would."""
    token = signing.dumps(
        {"a": 3, "b": 4, "n": secrets.token_hex(8), "t": int(time.time()) - seconds_ago}, salt=antispam._SALT
    )
    return {"challenge_token": token, "challenge_answer": "7"}


def public_form_data(**overrides) -> dict:
    data = {
        "matter_type": "fees",
        "institution_name": "东丽区某某培训学校",
        "institution_address": "",
        "street": "",
        "occurred_on": "",
        "content": "该机构预收费超过三个月，退费被拒绝，要求处理。",
        "identity": "anonymous",
        "complainant_name": "",
        "complainant_phone": "",
        "complainant_address": "",
        "website": "",
        **solved_challenge(),
    }
    data.update(overrides)
    return data


def make_complaint(*, by=None, institution=None, received_at=None, named: bool = False, **kwargs):
    """A complaint as the portal would register it; returns (complaint, code)."""
    defaults = {
        "source": "portal",
        "matter_type": "fees",
        "content": "该机构预收费超过三个月，退费被拒绝。",
        "institution": institution,
        "institution_name": institution.name if institution else "某无证培训点",
        "received_at": received_at,
    }
    if named:
        defaults.update(is_anonymous=False, complainant_name="王小明", complainant_phone="13812345678")
    defaults.update(kwargs)
    return register_complaint(by=by, **defaults)


def days_ago(n: int):
    return timezone.now() - timedelta(days=n)
