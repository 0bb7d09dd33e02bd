"""Certified officers and training hours against a hand-counted fixture."""

from datetime import date
from decimal import Decimal

import pytest

from eduenforce.reports.stats import officers as stats
from eduenforce.reports.stats.period import Period
from eduenforce.reports.tests.factories import (
    CertificateFactory,
    OfficerFactory,
    TrainingFactory,
    certified_officer,
)

pytestmark = pytest.mark.django_db
Y2025 = Period.year(2025)


@pytest.fixture
def team_of_officers():
    full = certified_officer()
    TrainingFactory(officer=full, hours=Decimal("40"), date=date(2025, 3, 1))
    TrainingFactory(officer=full, hours=Decimal("20"), date=date(2025, 12, 31))
    short = certified_officer()
    TrainingFactory(officer=short, hours=Decimal("30"), date=date(2025, 6, 1))
    TrainingFactory(officer=short, hours=Decimal("40"), date=date(2024, 12, 31))  # last year's hours
    certified_officer()  # no training at all
    # Not counted: certificate expired in November, suspended certificate, officer transferred out.
    CertificateFactory(valid_to=date(2025, 11, 30))
    CertificateFactory(state="suspended")
    CertificateFactory(officer=OfficerFactory(status="transferred"))
    return full, short


def test_certified_officers_are_those_holding_a_valid_certificate_on_the_last_day(team_of_officers):
    from eduenforce.accounts.models import Department

    # A fire-brigade officer on the register (joint draws take partners from it) is not 教育系统.
    CertificateFactory(officer=OfficerFactory(department=Department.objects.get(code="xf")))
    assert stats.certified_officers(Y2025) == 3
    assert stats.certified_officers(Period.month(2025, 11)) == 4


def test_training_hours_are_summed_in_the_period_and_shortfalls_named(team_of_officers):
    full, short = team_of_officers
    f = stats.training_figures(Y2025)
    assert f["training_hours"] == 90.0
    assert f["training_sessions"] == 3
    assert f["officers_trained"] == 2
    assert f["training_required_hours"] == 60.0
    assert (
        f["officers_below_training"] == 4
    )  # short, untrained, and the two in service without a valid certificate
    assert full not in stats.officers_below_training(Y2025)
    assert short in stats.officers_below_training(Y2025)


def test_the_training_requirement_is_pro_rata_for_a_quarter():
    assert stats.required_training_hours(Period.quarter(2025, 1)) == Decimal("14.8")
