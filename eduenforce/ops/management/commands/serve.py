import os
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Start the production web server: gunicorn with eduenforce.ops.gunicorn_conf "
        "(bind, workers, timeouts and access log from the environment; see docs/deploy.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bind", help="address:port, overrides EDUENFORCE_BIND (default 127.0.0.1:8000)")
        parser.add_argument("--workers", type=int, help="worker processes, overrides EDUENFORCE_WEB_WORKERS")

    def handle(self, *args, bind=None, workers=None, **options):
        # The settings have been loaded by now, so a production configuration that lacks a
        # secret key or a shared cache has already stopped with its message.
        if bind:
            os.environ["EDUENFORCE_BIND"] = bind
        if workers:
            os.environ["EDUENFORCE_WEB_WORKERS"] = str(workers)
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            "python:eduenforce.ops.gunicorn_conf",
            "eduenforce.wsgi:application",
        ]
        sys.stdout.flush()
        os.execv(sys.executable, argv)  # noqa: S606 (our own interpreter, fixed arguments)
