"""Two people acting on the same complaint at the same moment (PostgreSQL row locks)."""

import threading

import pytest
from django.db import connection

from eduenforce.complaints.models import Complaint
from eduenforce.complaints.tests.factories import make_complaint
from eduenforce.core.errors import DomainError
from eduenforce.records.models import JournalEntry


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_section_heads_accepting_at_once_accept_it_once(make_user):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks and concurrent writers")
    complaint, _ = make_complaint()
    heads = [make_user("section_head"), make_user("section_head")]
    barrier, results = threading.Barrier(2), []

    def accept(user):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            Complaint.objects.get(pk=complaint.pk).accept(by=user)
            results.append("accepted")
        except DomainError:
            results.append("refused")
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=accept, args=(h,)) for h in heads]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["accepted", "refused"]
    assert JournalEntry.objects.filter(action="complaint.accepted", object_id=str(complaint.pk)).count() == 1
