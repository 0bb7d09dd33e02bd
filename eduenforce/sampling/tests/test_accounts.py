"""The draw pool holds only officers who can sign in: the commitment says, in Chinese and by name,
who lacks an account, and is refused until each has one (a drawn officer must work the task)."""

import pytest
import time_machine

from eduenforce.core.errors import DomainError
from eduenforce.officers.actions import open_account
from eduenforce.sampling.choices import DrawStatus
from eduenforce.sampling.models import Draw
from eduenforce.sampling.tests import scenario
from eduenforce.sampling.tests.factories import CertificateFactory, OfficerFactory, department

pytestmark = pytest.mark.django_db


def _no_account(name: str):
    officer = OfficerFactory(name=name, department=department("zfdd"))
    CertificateFactory(officer=officer)
    return officer


def test_a_plan_whose_pool_has_an_officer_without_an_account_is_not_committed(section_head):
    scenario.institutions(4)
    scenario.officers(3)
    _no_account("冯无号")
    plan = scenario.plan()
    with pytest.raises(DomainError, match="以下执法人员尚无可登录的账号.*冯无号"):
        scenario.committed(plan, section_head)
    assert not Draw.objects.exists()


def test_a_disabled_account_counts_as_no_account(section_head):
    scenario.institutions(4)
    officers = scenario.officers(3)
    officers[0].user.is_active = False
    officers[0].user.save()
    with pytest.raises(DomainError, match=officers[0].name):
        scenario.committed(scenario.plan(), section_head)


def test_once_the_account_is_opened_the_plan_is_committed(section_head):
    scenario.institutions(4)
    scenario.officers(3)
    lacking = _no_account("冯无号")
    plan = scenario.plan()
    with time_machine.travel(scenario.COMMIT_DAY, tick=False):
        open_account(lacking, by=section_head, username="fengwh", password="Zhifa@2026x")
    draw = scenario.committed(plan, section_head)
    assert draw.status == DrawStatus.COMMITTED


def test_an_officer_without_a_valid_certificate_is_not_in_the_pool_and_needs_no_account(section_head):
    scenario.institutions(4)
    scenario.officers(3)
    OfficerFactory(name="未持证", department=department("zfdd"))
    draw = scenario.committed(scenario.plan(), section_head)
    assert draw.status == DrawStatus.COMMITTED
