"""Document and case numbers that never repeat, even under concurrent requests."""

from django.db import IntegrityError, transaction

from eduenforce.core.models import SerialCounter


@transaction.atomic
def next_serial(series: str, year: int) -> int:
    """Take the next number of ``series`` in ``year`` under a row lock."""
    try:
        with transaction.atomic():
            SerialCounter.objects.create(series=series, year=year)
    except IntegrityError:
        pass  # another transaction created the row first; the lock below orders us after it
    counter = SerialCounter.objects.select_for_update().get(series=series, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def formatted(prefix: str, year: int, number: int) -> str:
    """The official form, e.g. ``东教罚决〔2025〕3号``."""
    return f"{prefix}〔{year}〕{number}号"
