"""Registry and officer rows for draw tests: institutions with credit codes, officers with
certificates, conflicts. Kept here so draw tests do not depend on other apps' tests."""

from datetime import date

import factory

from eduenforce.officers.models import Certificate, Conflict, Officer
from eduenforce.planning.tests.factories import department
from eduenforce.registry.models import Institution
from eduenforce.testing.factories import OfficerFactory, UserFactory  # noqa: F401  (shared; re-exported to this app's tests)


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"东丽区第{n}幼儿园")
    kind = "kindergarten"
    credit_code = factory.Sequence(lambda n: f"52120110MJ{n:07d}X")
    street = factory.LazyFunction(lambda: department("zgz"))


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    officer = factory.SubFactory(OfficerFactory)
    number = factory.Sequence(lambda n: f"12010025{n:06d}")
    issuing_authority = "天津市人民政府"
    valid_from = date(2023, 1, 1)
    valid_to = date(2027, 12, 31)


def certified_officer(department_code: str = "zfdd", number: str | None = None, **cert) -> Officer:
    # A drawn officer must be able to sign in (sampling.frozen.officers_without_account).
    dept = department(department_code)
    user = UserFactory(role="officer", department=dept)
    officer = OfficerFactory(department=dept, user=user, name=user.name)
    kwargs = {"officer": officer, **cert}
    if number:
        kwargs["number"] = number
    CertificateFactory(**kwargs)
    return officer


class ConflictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conflict

    officer = factory.SubFactory(OfficerFactory)
    institution = factory.SubFactory(InstitutionFactory)
    relation = "近亲属任该机构举办者"
    valid_from = date(2024, 1, 1)
