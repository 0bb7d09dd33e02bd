import pytest


@pytest.fixture(autouse=True)
def evidence_storage(settings, tmp_path):
    """Evidence and issued documents go to a per-test directory, never the data dir."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "files")},
        },
    }
    return tmp_path / "files"


@pytest.fixture
def head(make_user):
    return make_user("section_head")


@pytest.fixture
def lead(make_user):
    """An officer account with an officer (and a valid certificate) behind it."""
    from eduenforce.inspections.tests.factories import certified_officer

    user = make_user("officer")
    certified_officer(user=user, name=user.name)
    return user
