import pytest


@pytest.fixture(autouse=True)
def _files_in_tmp(settings, tmp_path):
    """Imported files and photos go to a per-test directory, not the shared data directory."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "files"), "base_url": None},
        },
    }


@pytest.fixture(autouse=True)
def _fresh_cache():
    """List totals are cached (registry.counts); factories write around the actions that bump them."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
