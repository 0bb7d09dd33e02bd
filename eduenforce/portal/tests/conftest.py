import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Portal pages, counts and the rate limiter live in the cache: start every test empty."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def rich_portal(make_user, settings, tmp_path):
    from eduenforce.portal.tests import rich

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    return rich.build(author=make_user("officer"), reviewer=make_user("section_head"))
