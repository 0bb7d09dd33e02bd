"""Factories every app's tests share: accounts, departments and officers.

An app's ``tests/factories.py`` keeps only what is particular to its tests (its own models,
flows, rows of an import file, certificates with the validity its scenarios need) and imports
these rather than declaring its own copy.
"""

import factory

from eduenforce.accounts.models import Department, User

TEST_PASSWORD = "Test@2025pw"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    name = factory.Sequence(lambda n: f"测试用户{n}")
    role = "officer"
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def department(code: str = "zfdd") -> Department:
    """A seeded department by code: 本局科室 (zfdd 执法大队, xwpxk …), partners (xf, scjg …), streets (zgz, jz …)."""
    return Department.objects.get(code=code)


class OfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "officers.Officer"

    name = factory.Sequence(lambda n: f"执法员{n}")
    department = factory.LazyFunction(department)
    position = "队员"
