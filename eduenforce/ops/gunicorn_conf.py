"""gunicorn configuration of ``eduenforce serve`` (``gunicorn -c python:eduenforce.ops.gunicorn_conf``).

Every value comes from the environment, so the systemd unit (``deploy/eduenforce-web.service``)
and a shell agree. See ``docs/deploy.md``.

| variable | meaning | default |
|---|---|---|
| ``EDUENFORCE_BIND`` | address:port (or ``unix:/run/eduenforce/web.sock``) | ``127.0.0.1:8000`` |
| ``EDUENFORCE_WEB_WORKERS`` | worker processes | 2 × cores + 1 |
| ``EDUENFORCE_WEB_THREADS`` | threads per worker (``gthread`` when > 1) | 1 |
| ``EDUENFORCE_WEB_TIMEOUT`` | seconds a request may run before its worker is replaced | 120 |
| ``EDUENFORCE_ACCESS_LOG`` | access log file, ``-`` for standard output (journald) | ``-`` |
| ``EDUENFORCE_FORWARDED_ALLOW_IPS`` | proxies whose X-Forwarded-* headers gunicorn believes | ``127.0.0.1,::1`` |

Why these values:
- Sync workers behind nginx: nginx buffers slow clients and uploads, so a worker is busy only
  while Django works. 2 × cores + 1 keeps the cores busy while some workers wait on PostgreSQL.
- The timeout is generous because generating the annual report's PDF or verifying a large
  evidence file takes tens of seconds on a two-core server; nginx's ``proxy_read_timeout`` in
  ``deploy/nginx-eduenforce.conf`` is set just above it.
- ``max_requests`` with jitter recycles workers now and then, so a slow leak in a library
  (documents, images) never grows without bound, and workers never restart all at once.
- Binding 127.0.0.1 by default: only the local nginx talks to gunicorn.
"""

import os

from eduenforce import serving

bind = [os.getenv("EDUENFORCE_BIND", "127.0.0.1:8000")]
workers = serving.web_workers()
threads = int(os.getenv("EDUENFORCE_WEB_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.getenv("EDUENFORCE_WEB_TIMEOUT", "120"))
graceful_timeout = 30
keepalive = 5
max_requests = 2000
max_requests_jitter = 200
# Heartbeat files on tmpfs: a worker blocked on a slow disk is not taken for a dead one.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 (tmpfs, not a temp file)
accesslog = os.getenv("EDUENFORCE_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.getenv("EDUENFORCE_LOG_LEVEL", "info").lower()
# The request id (set by RequestIdMiddleware as a response header) ties an access-log line to
# the journal entries the request wrote.
access_log_format = (
    '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s" rid=%({x-request-id}o)s'
)
forwarded_allow_ips = os.getenv("EDUENFORCE_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "eduenforce-web"
# Request line and header limits stay at gunicorn's defaults; the body size is nginx's job
# (client_max_body_size) and Django's (EVIDENCE_MAX_BYTES, DATA_UPLOAD_MAX_MEMORY_SIZE).
