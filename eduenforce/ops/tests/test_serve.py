"""The production start: settings refuse several processes without a shared cache."""

import importlib
import os
import subprocess
import sys

from eduenforce.ops import gunicorn_conf


def _settings_in_production(tmp_path, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("EDUENFORCE_", "DATABASE_URL"))}
    clean.update(
        EDUENFORCE_SECRET_KEY="x" * 60,
        EDUENFORCE_PUBLIC_URL="https://zf.example.gov.cn",
        EDUENFORCE_DATA_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="eduenforce.settings",
        **env,
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_with_several_web_processes_and_no_redis_refuses_to_start(tmp_path):
    result = _settings_in_production(tmp_path, EDUENFORCE_WEB_WORKERS="3")
    assert result.returncode != 0
    assert "EDUENFORCE_REDIS_URL is required in production with 3 web processes" in result.stderr


def test_production_with_one_web_process_starts_without_redis(tmp_path):
    result = _settings_in_production(tmp_path, EDUENFORCE_WEB_WORKERS="1")
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_production_with_redis_starts_with_several_processes(tmp_path):
    result = _settings_in_production(
        tmp_path, EDUENFORCE_WEB_WORKERS="5", EDUENFORCE_REDIS_URL="redis://127.0.0.1:6379/11"
    )
    assert result.returncode == 0, result.stderr


def test_a_worker_count_that_is_not_a_positive_number_is_refused_by_name(tmp_path):
    result = _settings_in_production(tmp_path, EDUENFORCE_WEB_WORKERS="many")
    assert "EDUENFORCE_WEB_WORKERS must be a positive integer" in result.stderr


def test_gunicorn_binds_the_loopback_address_and_sizes_workers_from_the_cores(monkeypatch):
    monkeypatch.delenv("EDUENFORCE_BIND", raising=False)
    monkeypatch.delenv("EDUENFORCE_WEB_WORKERS", raising=False)
    monkeypatch.setattr("eduenforce.serving.cpu_count", lambda: 3)
    importlib.reload(gunicorn_conf)
    assert gunicorn_conf.bind == ["127.0.0.1:8000"]
    assert gunicorn_conf.workers == 7
    assert gunicorn_conf.timeout >= 30
    assert gunicorn_conf.accesslog
