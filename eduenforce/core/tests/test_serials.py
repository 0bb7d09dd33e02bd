import threading

import pytest
from django.db import connection, connections

from eduenforce.core.serials import formatted, next_serial


@pytest.mark.django_db
def test_serials_count_up_per_series_and_year():
    assert [next_serial("东教检", 2025) for _ in range(3)] == [1, 2, 3]
    assert next_serial("东教检", 2026) == 1
    assert formatted("东教罚决", 2025, 3) == "东教罚决〔2025〕3号"


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_never_get_the_same_number():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are exercised on PostgreSQL; SQLite serialises writers by itself")
    taken: list[int] = []
    lock = threading.Lock()

    def worker():
        try:
            for _ in range(25):
                number = next_serial("东教罚立", 2025)
                with lock:
                    taken.append(number)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(taken) == list(range(1, 101))
