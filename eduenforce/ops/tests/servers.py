"""Real server processes for tests: ``eduenforce serve`` on 127.0.0.1 and a free port."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager

from django.db import connection


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url() -> str:
    """A URL of the database this test runs in (pytest-django's test database)."""
    d = connection.settings_dict
    auth = d["USER"] + (f":{d['PASSWORD']}" if d["PASSWORD"] else "")
    return f"postgres://{auth}@{d['HOST'] or '127.0.0.1'}:{d['PORT'] or 5432}/{d['NAME']}"


def _wait_until_up(process, url: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}: {process.stdout.read()}")
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (loopback URL built here)
            return
        except urllib.error.HTTPError:
            return  # it answered
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server at {url} did not answer in time")


@contextmanager
def gunicorn_servers(count: int, env: dict, *, data_dir):
    """Start ``count`` separate ``eduenforce serve`` processes (one worker each); yield their URLs."""
    processes, urls = [], []
    base_env = {**os.environ, **env, "EDUENFORCE_DATA_DIR": str(data_dir), "EDUENFORCE_WEB_WORKERS": "1"}
    try:
        for _ in range(count):
            port = free_port()
            process = subprocess.Popen(  # noqa: S603 (our own interpreter and module)
                [sys.executable, "-m", "eduenforce.cli", "serve", "--bind", f"127.0.0.1:{port}"],
                env={**base_env, "EDUENFORCE_ACCESS_LOG": "/dev/null"},
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            processes.append(process)
            urls.append(f"http://127.0.0.1:{port}")
        deadline = time.monotonic() + 90
        for process, url in zip(processes, urls, strict=True):
            _wait_until_up(process, f"{url}/portal/about/", deadline)
        yield urls
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
