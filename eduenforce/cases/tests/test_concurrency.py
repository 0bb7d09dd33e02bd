"""Concurrent approvals on PostgreSQL: exactly one wins, numbers never repeat."""

import threading

import pytest
from django.db import connection

from eduenforce.cases import actions as A
from eduenforce.cases.models import Case
from eduenforce.cases.tests.factories import CHECKLIST_OK, Flow, certified_officer
from eduenforce.core.errors import DomainError
from eduenforce.records.models import JournalEntry

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks and concurrent writers")


def race(calls):
    """Run ``calls`` at the same moment, each on its own connection; return their outcomes."""
    barrier, results = threading.Barrier(len(calls)), []

    def run(call):
        from django.db import connection as own

        try:
            barrier.wait()
            call()
            results.append("won")
        except DomainError:
            results.append("refused")
        finally:
            own.close()

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sorted(results)


def test_two_heads_approving_the_same_filing_at_once_file_it_once(make_user):
    flow = Flow()
    case = flow.review_opened()
    # Three people entitled to act on the case: its department head, a leader and a second head of that department.
    heads = [flow.head, flow.leader, make_user("section_head", department=flow.head.department)]
    outcome = race([lambda h=h: A.do_approve_filing(Case.objects.get(pk=case.pk), by=h) for h in heads])
    assert outcome == ["refused", "refused", "won"]
    case.refresh_from_db()
    assert case.number.endswith("1号")
    assert JournalEntry.objects.filter(action="cases.filing_approved", object_id=str(case.pk)).count() == 1


def test_cases_approved_at_the_same_moment_get_distinct_consecutive_numbers():
    flow = Flow()
    cases = [flow.review_opened() for _ in range(4)]
    outcome = race([lambda c=c: A.do_approve_filing(Case.objects.get(pk=c.pk), by=flow.head) for c in cases])
    assert outcome == ["won"] * 4
    numbers = sorted(Case.objects.values_list("number", flat=True))
    assert numbers == sorted(f"东教罚立〔2025〕{n}号" for n in range(1, 5))


def test_two_reviewers_passing_the_same_case_at_once_review_it_once(make_user):
    flow = Flow()
    second = make_user("legal_reviewer")
    certified_officer(user=second, legal_qualification_number="A20121100000999")
    case = flow.concluded(proposed_outcome="not_established", kinds=(), gains=None, confiscation=None)
    A.do_submit_for_review(case, by=flow.investigator)
    outcome = race(
        [
            lambda u=u: A.do_review(
                Case.objects.get(pk=case.pk), by=u, checklist=CHECKLIST_OK, opinion="同意", result="passed"
            )
            for u in (flow.reviewer, second)
        ]
    )
    assert outcome == ["refused", "won"]
    assert case.reviews.exclude(result="").count() == 1


def test_two_leaders_deciding_at_once_make_one_decision_with_one_number(make_user):
    flow = Flow()
    case = flow.concluded(proposed_outcome="not_established", kinds=(), gains=None, confiscation=None)
    A.do_submit_for_review(case, by=flow.investigator)
    flow.review(case)
    leaders = [flow.leader, make_user("leader")]
    outcome = race(
        [lambda u=u: A.do_decide(Case.objects.get(pk=case.pk), by=u, outcome="no_penalty") for u in leaders]
    )
    assert outcome == ["refused", "won"]
    case.refresh_from_db()
    assert case.decision_number == "东教罚决〔2025〕1号"
    assert JournalEntry.objects.filter(action="cases.decided", object_id=str(case.pk)).count() == 1
