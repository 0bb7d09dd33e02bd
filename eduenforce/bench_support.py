"""Support for ``bench/``: a scratch database created and dropped around a benchmark."""

from contextlib import contextmanager

from django.db import connection


@contextmanager
def scratch_database():
    """A fresh, migrated database (Django's test-database machinery), dropped afterwards."""
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield connection
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
