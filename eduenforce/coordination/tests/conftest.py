import pytest


@pytest.fixture(autouse=True)
def file_storage(settings, tmp_path):
    """Issued documents and evidence go to a per-test directory, never the data dir."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "files")},
        },
    }
    return tmp_path / "files"
