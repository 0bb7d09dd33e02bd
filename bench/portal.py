"""The public decisions list under load vs a bare Django view of the same size (target ≥ 0.5).

A scratch data directory (or a scratch PostgreSQL database when ``DATABASE_URL`` is set) gets
100,000 published decisions; gunicorn (2 sync workers) serves it on 127.0.0.1; 32 concurrent
connections request, in turn, a bare view returning as many bytes as the list page and the
list page itself (``/portal/list/decision/``, 20 rows). Also measured and printed, not judged:
deep pages (random ``?after=`` cursors, nearly all cache misses), i.e. keyset pagination with a
cached count and no page cache.

Run with ``make bench BENCH=portal``; ``python -m bench.portal seed`` is the child step that
fills the scratch database.
"""

import asyncio
import itertools
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench._common import Result

ROWS = int(os.environ.get("BENCH_PORTAL_ROWS", "100000"))
CONNECTIONS = 32
SECONDS = float(os.environ.get("BENCH_PORTAL_SECONDS", "6"))
ROOT = Path(__file__).resolve().parent.parent
LIST_PATH = "/portal/list/decision/"

# --- the server side: the project's URLs plus one bare view ------------------------------------


def _bare(request):
    from django.http import HttpResponse

    size = int(request.GET.get("n", "1000"))
    return HttpResponse(b"x" * min(size, 1_000_000), content_type="text/html; charset=utf-8")


def server_app():
    """gunicorn entry point (``bench.portal:server_app()``): the project with /bench/bare/ added."""
    import django
    from django.conf import settings

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eduenforce.settings")
    django.setup()
    settings.ROOT_URLCONF = "bench.portal"
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


def __getattr__(name):  # urlpatterns built lazily: importing this module must not need Django
    if name == "urlpatterns":
        from django.urls import include, path

        return [path("bench/bare/", _bare), path("", include("eduenforce.urls"))]
    raise AttributeError(name)


# --- the scratch database --------------------------------------------------------------------


def seed(rows: int) -> None:
    """Bulk-insert ``rows`` published decisions (masked, synthetic) into the configured database."""
    from datetime import date, timedelta

    import django
    from django.utils import timezone

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eduenforce.settings")
    django.setup()
    from eduenforce.accounts.models import Department
    from eduenforce.portal.models import Publication, new_public_id

    streets = list(Department.objects.filter(kind="street"))
    start = timezone.now() - timedelta(days=3 * 365)
    violations = [
        "超范围开展学科类培训",
        "未取得办学许可证擅自办学",
        "违规收取超期培训费用",
        "聘用无资质人员从事培训",
    ]
    rng = random.Random(20250601)
    batch = []
    for i in range(rows):
        decided = date(2023, 1, 1) + timedelta(days=i * 1095 // rows)
        violation = violations[i % 4]
        batch.append(
            Publication(
                public_id=new_public_id(),
                kind="decision",
                state="published",
                source_type="bench.decision",
                source_id=str(i),
                title=f"对东丽区第{i:06d}号培训机构的行政处罚决定",
                summary=f"{violation}，依据《民办教育促进法》给予警告并处罚款{rng.randrange(1, 50) * 1000}元。",
                fields={
                    "decision_number": f"东教罚决〔{decided.year}〕{i % 9000 + 1}号",
                    "party": f"东丽区第{i:06d}号培训机构",
                    "violation": violation,
                    "fine": str(rng.randrange(1, 50) * 1000),
                },
                year=decided.year,
                street=streets[i % len(streets)],
                occurred_on=decided,
                due_on=decided,
                published_at=start + timedelta(seconds=i * 900),
            )
        )
        if len(batch) == 5000:
            Publication.objects.bulk_create(batch)
            batch = []
    Publication.objects.bulk_create(batch)
    from django.db import connection

    with connection.cursor() as cursor:  # planner statistics, as a live database has them
        cursor.execute("ANALYZE")


def _scratch_environment(workdir: Path) -> dict:
    env = {
        **os.environ,
        "EDUENFORCE_DEMO": "1",
        "EDUENFORCE_TESTING": "0",
        "EDUENFORCE_DATA_DIR": str(workdir),
        "EDUENFORCE_LOG_LEVEL": "ERROR",
        "DJANGO_SETTINGS_MODULE": "eduenforce.settings",
        "PYTHONPATH": str(ROOT),
    }
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        import psycopg

        base, _, name = url.rpartition("/")
        scratch = f"{name.split('?')[0]}_bench_portal"
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
            conn.execute(f'CREATE DATABASE "{scratch}"')
        env["DATABASE_URL"] = f"{base}/{scratch}"
    return env


def _drop_scratch(env: dict) -> None:
    if env.get("DATABASE_URL") and env["DATABASE_URL"] != os.environ.get("DATABASE_URL"):
        import psycopg

        base, _, scratch = env["DATABASE_URL"].rpartition("/")
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')


# --- the load ------------------------------------------------------------------------------------


async def _one(port: int, path: str) -> tuple[int, int]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
    data = await reader.read()
    writer.close()
    return int(data[9:12] or 0), len(data)


async def _load(port: int, paths, seconds: float) -> tuple[int, float, list[float], int]:
    """(requests, elapsed seconds, latencies, failures) over ``seconds`` with CONNECTIONS clients."""
    latencies, failures = [], 0
    deadline = time.perf_counter() + seconds

    async def client():
        nonlocal failures
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            status, _ = await _one(port, next(paths))
            latencies.append(time.perf_counter() - started)
            failures += status != 200

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(CONNECTIONS)))
    return len(latencies), time.perf_counter() - started, latencies, failures


def _measure(port: int, paths, seconds: float) -> tuple[float, float, int]:
    """(requests per second, p99 in ms, failures) after a short warm-up."""
    asyncio.run(_load(port, paths, 1.0))  # warm the workers and their caches
    return _summary(*asyncio.run(_load(port, paths, seconds)))


def _summary(
    requests: int, elapsed: float, latencies: list[float], failures: int
) -> tuple[float, float, int]:
    latencies.sort()
    return requests / elapsed, latencies[int(len(latencies) * 0.99) - 1] * 1000, failures


def _compare(port: int, bare, listing, rounds: int = 3):
    """Bare and list alternately, pooled over ``rounds``, so that load from other processes on
    this shared machine falls on both alike: ((rps, p99, failures) of bare, of list)."""
    totals = {"bare": [0, 0.0, [], 0], "list": [0, 0.0, [], 0]}
    for _ in range(rounds):
        for name, paths in (("bare", bare), ("list", listing)):
            asyncio.run(_load(port, paths, 0.5))
            n, elapsed, latencies, failures = asyncio.run(_load(port, paths, SECONDS / 2))
            total = totals[name]
            total[0], total[1], total[3] = total[0] + n, total[1] + elapsed, total[3] + failures
            total[2] += latencies
    return _summary(*totals["bare"]), _summary(*totals["list"])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(port: int, server) -> None:
    for _ in range(300):
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited: " + server.stderr.read().decode()[-2000:])
        try:
            if asyncio.run(_one(port, "/portal/"))[0] == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


def _cursors(env: dict, n: int = 2000) -> list[str]:
    code = (
        "import django; django.setup(); from eduenforce.portal.models import Publication; "
        f"print('\\n'.join(Publication.objects.filter(kind='decision').order_by('?').values_list('public_id', flat=True)[:{n}]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
    ).stdout
    return out.split()


def run() -> Result:
    with tempfile.TemporaryDirectory(prefix="bench-portal-") as tmp:
        env = _scratch_environment(Path(tmp))
        server = None
        try:
            python = [sys.executable]
            subprocess.run(
                [*python, "-m", "eduenforce.cli", "migrate", "--no-input", "-v", "0"], env=env, check=True
            )
            subprocess.run([*python, "-m", "bench.portal", "seed", str(ROWS)], env=env, check=True, cwd=ROOT)
            cursors = _cursors(env)
            port = _free_port()
            server = subprocess.Popen(
                [
                    *python,
                    "-m",
                    "gunicorn",
                    "bench.portal:server_app()",
                    "--workers",
                    "2",
                    "--worker-class",
                    "sync",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--log-level",
                    "error",
                    "--backlog",
                    "2048",
                ],
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            _wait_until_up(port, server)
            size = asyncio.run(_one(port, LIST_PATH))[1]
            bare = itertools.cycle([f"/bench/bare/?n={size}"])
            listing = itertools.cycle([LIST_PATH])
            deep = itertools.cycle([f"{LIST_PATH}?after={c}" for c in cursors])
            (bare_rps, bare_p99, bare_fail), (list_rps, list_p99, list_fail) = _compare(port, bare, listing)
            deep_rps, deep_p99, deep_fail = _measure(port, deep, SECONDS)
        finally:
            if server is not None:
                server.terminate()
                server.wait(10)
            _drop_scratch(env)
    failures = bare_fail + list_fail + deep_fail
    database = "postgresql" if env.get("DATABASE_URL") else "sqlite"
    return Result(
        "portal",
        list_rps,
        bare_rps,
        0.5,
        higher_is_better=True,
        extra=(
            f"[{ROWS} decisions, {database}, gunicorn sync×2, {CONNECTIONS} connections, page {size} B; "
            f"list {list_rps:.0f} req/s p99 {list_p99:.1f} ms; bare {bare_rps:.0f} req/s p99 {bare_p99:.1f} ms; "
            f"deep pages (uncached) {deep_rps:.0f} req/s = {deep_rps / bare_rps:.2f} of bare, p99 {deep_p99:.1f} ms; "
            f"non-200: {failures}]"
        ),
    )


if __name__ == "__main__" and sys.argv[1:2] == ["seed"]:
    seed(int(sys.argv[2]))
