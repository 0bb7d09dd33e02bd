"""Settings come strictly from the environment: bad values stop startup with a clear message."""

import os
import subprocess
import sys

import pytest


def run_check(env_overrides: dict, *args: str) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("EDUENFORCE_") and k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update({"EDUENFORCE_DATA_DIR": os.environ.get("EDUENFORCE_DATA_DIR", "/tmp/ee-settings-test")})
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "-m", "eduenforce.cli", "check", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_wrong_boolean_stops_startup_naming_the_variable():
    result = run_check({"EDUENFORCE_DEBUG": "maybe", "EDUENFORCE_SECRET_KEY": "x" * 60})
    assert result.returncode != 0
    assert "EDUENFORCE_DEBUG" in result.stderr
    assert "'maybe'" in result.stderr


def test_production_without_a_secret_key_stops_startup_with_a_clear_message():
    result = run_check({})
    assert result.returncode != 0
    assert "EDUENFORCE_SECRET_KEY is required in production" in result.stderr


def test_the_secret_can_come_from_a_file(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("s" * 64)
    result = run_check({"EDUENFORCE_SECRET_KEY_FILE": str(secret), "EDUENFORCE_DEBUG": "1"})
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("value", ["1", "true", "Yes", "ON"])
def test_true_values_are_accepted(value):
    from eduenforce.settings import envbool

    os.environ["EDUENFORCE_TEST_FLAG"] = value
    try:
        assert envbool("EDUENFORCE_TEST_FLAG", "0") is True
    finally:
        del os.environ["EDUENFORCE_TEST_FLAG"]


def test_the_deployment_check_is_clean_with_production_settings():
    result = run_check(
        {
            "EDUENFORCE_SECRET_KEY": "k3y-" + "Zx9!q" * 12,
            "EDUENFORCE_ALLOWED_HOSTS": "zf.example.gov.cn",
            "EDUENFORCE_PUBLIC_URL": "https://zf.example.gov.cn",
            # Production with several web processes requires the shared cache (ops, issue 18).
            "EDUENFORCE_REDIS_URL": "redis://127.0.0.1:6379/11",
        },
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_production_without_a_public_address_stops_startup_naming_the_variable():
    result = run_check({"EDUENFORCE_SECRET_KEY": "k3y-" + "Zx9!q" * 12})
    assert result.returncode != 0
    assert "EDUENFORCE_PUBLIC_URL is required in production" in result.stderr


@pytest.mark.parametrize("value", ["zf.example.gov.cn", "ftp://zf.example.gov.cn", "https://zf.gov.cn/?a=1"])
def test_a_public_address_that_is_not_an_http_address_is_refused(value):
    from django.core.exceptions import ImproperlyConfigured

    from eduenforce.settings import public_base_url

    with pytest.raises(ImproperlyConfigured, match="EDUENFORCE_PUBLIC_URL"):
        public_base_url(value, required=True)


def test_the_public_address_loses_its_trailing_slash_and_defaults_to_the_demo_host():
    from eduenforce.settings import public_base_url

    assert (
        public_base_url("https://zf.example.gov.cn/zhifa/", required=True)
        == "https://zf.example.gov.cn/zhifa"
    )
    assert public_base_url("", required=False) == "http://127.0.0.1:8000"
