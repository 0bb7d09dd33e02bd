"""Settings, read strictly from the environment (healthchecks' ``envbool`` style).

A wrong value stops startup with a message that names the variable; nothing is guessed.
"""

import os
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from eduenforce.serving import web_workers

BASE_DIR = Path(__file__).resolve().parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envbool(name: str, default: str) -> bool:
    raw = os.getenv(name, default).strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0/true/false/yes/no/on/off, got {raw!r}")


def envint(name: str, default: str) -> int:
    raw = os.getenv(name, default).strip()
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from None


def envsecret(name: str) -> str | None:
    """A secret from NAME, or from the file named by NAME_FILE (container secrets)."""
    value = os.getenv(name)
    path = os.getenv(f"{name}_FILE")
    if not value and path:
        value = Path(path).read_text(encoding="utf-8").strip()
    return value or None


DEBUG = envbool("EDUENFORCE_DEBUG", "0")
DEMO = envbool("EDUENFORCE_DEMO", "0")
TESTING = envbool("EDUENFORCE_TESTING", "0")
DATA_DIR = Path(os.getenv("EDUENFORCE_DATA_DIR", "./data")).resolve()

SECRET_KEY = envsecret("EDUENFORCE_SECRET_KEY")
if SECRET_KEY is None:
    if not (DEBUG or DEMO or TESTING):
        raise ImproperlyConfigured(
            "EDUENFORCE_SECRET_KEY is required in production: set it to a random string of 50+ characters "
            "(or set EDUENFORCE_DEMO=1 for the local demo)."
        )
    SECRET_KEY = "insecure-demo-key-only-for-local-use-never-in-production-0123456789"

# The journal checkpoints are signed with their own key so that rotating SECRET_KEY
# (sessions) never invalidates the record.
JOURNAL_SIGNING_KEY = envsecret("EDUENFORCE_JOURNAL_KEY") or SECRET_KEY

ALLOWED_HOSTS = [
    h.strip() for h in os.getenv("EDUENFORCE_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.getenv("EDUENFORCE_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "eduenforce.core",
    "eduenforce.accounts",
    "eduenforce.records",
    "eduenforce.officers",
    "eduenforce.registry",
    "eduenforce.planning",
    "eduenforce.sampling",
    "eduenforce.inspections",
    "eduenforce.cases",
    "eduenforce.complaints",
    "eduenforce.coordination",
    "eduenforce.portal",
    "eduenforce.reports",
    "eduenforce.demo",
    "eduenforce.api",
    "eduenforce.ops",
]

MIDDLEWARE = [
    # First: the client's address behind the reverse proxy (EDUENFORCE_TRUSTED_PROXIES).
    "eduenforce.core.middleware.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTML and JSON compressed (Django's GZip pads against BREACH); static files come
    # pre-compressed from collectstatic (CompressedStaticFilesStorage) through WhiteNoise.
    "django.middleware.gzip.GZipMiddleware",
    # /api/: HEAD/OPTIONS, CORS for reads, ETag and Cache-Control, Retry-After, JSON 404.
    "eduenforce.api.middleware.OpenDataHttpMiddleware",
    "eduenforce.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "eduenforce.accounts.middleware.SessionLifetimeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Second factor and password expiry before any staff page (accounts.gate).
    "eduenforce.accounts.gate.AccountGateMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "eduenforce.core.middleware.DomainErrorMiddleware",
    # Masks every public response under /portal/ and /api/ (individual information protection).
    "eduenforce.portal.middleware.PublicDisclosureMiddleware",
]

ROOT_URLCONF = "eduenforce.urls"
WSGI_APPLICATION = "eduenforce.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "eduenforce.core.context_processors.site",
            ],
        },
    }
]


def _test_sqlite_name() -> str:
    """One file per test process (so two runs in one data folder never meet); xdist workers are
    processes of their own and pytest-django adds their suffix as well."""
    if os.getenv("EDUENFORCE_TEST_SQLITE"):
        return os.environ["EDUENFORCE_TEST_SQLITE"]
    folder = DATA_DIR / "test-databases"
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder / f"{os.getpid()}.sqlite3")


def _databases() -> dict:
    url = os.getenv("DATABASE_URL", "").strip()
    if url:
        import dj_database_url

        db = dj_database_url.parse(
            url, conn_max_age=envint("EDUENFORCE_CONN_MAX_AGE", "60"), conn_health_checks=True
        )
        return {"default": db}
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "eduenforce.sqlite3",
            # IMMEDIATE: a write transaction takes the lock at BEGIN, so journal appends are
            # serialised and never fail half-way with "database is locked".
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
            # The test database is a file (one per xdist worker, pytest-django adds the suffix), in WAL
            # mode like production, not Django's shared in-memory default: with that, the live server's
            # request threads share the test thread's one connection, and a request still running when
            # a transactional test flushes (or drops the journal triggers) makes SQLite answer "database
            # table is locked". With a file each thread has its own connection; WAL lets readers run
            # beside the writer and the busy timeout queues writers, as in production.
            "TEST": {"NAME": _test_sqlite_name()},
        }
    }


DATABASES = _databases()
# The web processes connect as a plain role (DATABASE_URL) that can neither disable the journal's
# triggers nor skip them (records.dbroles); `eduenforce migrate` and `eduenforce restore` connect as the
# owner (EDUENFORCE_OWNER_DATABASE_URL, see eduenforce.cli) and grant this role its rights afterwards.
APP_DATABASE_ROLE = os.getenv("EDUENFORCE_APP_DATABASE_ROLE", "").strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 at full cost makes a 1,000-test suite crawl; tests of the hasher itself
    # override this setting back.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "eduenforce.accounts.validators.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Lock an account (not merely an address) after 5 failures, for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# Failures are counted in the database (not the cache): every web process sees the same count,
# a Redis restart or flush cannot lift a lock, and the attempts stay queryable for the login log.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# Attempts while an account is locked do not prolong the lock: an attacker cannot keep it locked forever.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The address as TrustedProxyMiddleware resolved it; never a forwarded header straight from the client.
AXES_CLIENT_IP_CALLABLE = "eduenforce.core.middleware.lockout_ip"
# Per-address login throttle (accounts.throttle), in the shared cache: more failures than this from one
# address within the window refuse further attempts from it until the window ends. [P] high enough for
# one school district's offices behind a single NAT address.
LOGIN_IP_FAILURE_LIMIT = envint("EDUENFORCE_LOGIN_IP_FAILURE_LIMIT", "30")
LOGIN_IP_WINDOW_SECONDS = 15 * 60

# Two-factor login (TOTP, django-otp) is required for the three administrator roles (三员分立) and
# the bureau's leaders, optional for the others (accounts.mfa). The test suite starts with no role
# required, so the other apps' tests sign in with a password only; the MFA tests set it.
MFA_REQUIRED_ROLES = (
    frozenset() if TESTING else frozenset({"sys_admin", "sec_admin", "audit_admin", "leader"})
)
# Password expiry (accounts.gate, the [U] parameter accounts.password_max_age_days). Off in the
# test suite, whose tests travel in time across months with accounts made on another date; the
# expiry tests turn it on.
PASSWORD_EXPIRY_ENFORCED = not TESTING
OTP_TOTP_ISSUER = os.getenv("EDUENFORCE_BUREAU_SHORT", "东丽区教育局")
OTP_TOTP_THROTTLE_FACTOR = 1

# Idle timeout: the cookie lives 30 minutes and is renewed by every request.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ABSOLUTE_LIFETIME = 8 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on a missing root
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    # Evidence and uploads live outside any web root; they are served only by
    # permission-checked views (see records.views).
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(DATA_DIR / "files"), "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
EVIDENCE_MAX_BYTES = envint("EDUENFORCE_EVIDENCE_MAX_BYTES", str(500 * 1024 * 1024))

TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if TESTING
        else "django_tasks_db.DatabaseBackend",
    }
}

# Shared state of the web processes lives in this cache: the rate limits (portal search, complaint
# form, sec's per-address login throttle), the portal's page cache and its generation counter,
# the registry's count generation and the parameter cache. With several processes it must be
# Redis, or each process keeps its own counters and N processes allow N times every limit.
REDIS_URL = os.getenv("EDUENFORCE_REDIS_URL", "").strip()
WEB_WORKERS = web_workers()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Several installations (or a test run) may share one Redis server.
            "KEY_PREFIX": os.getenv("EDUENFORCE_CACHE_PREFIX", "eduenforce"),
            "TIMEOUT": 300,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "eduenforce",
        }
    }

# No inline script anywhere: every behaviour lives in static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

SECURE_SSL_REDIRECT = envbool("EDUENFORCE_SSL_REDIRECT", "0" if (DEBUG or DEMO or TESTING) else "1")
SESSION_COOKIE_SECURE = not (DEBUG or DEMO or TESTING)
CSRF_COOKIE_SECURE = not (DEBUG or DEMO or TESTING)
SECURE_HSTS_SECONDS = 0 if (DEBUG or DEMO or TESTING) else 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True


def trusted_proxies(raw: str) -> list:
    """EDUENFORCE_TRUSTED_PROXIES: the reverse proxies' addresses (CIDR, comma-separated)."""
    import ipaddress

    networks = []
    for item in raw.split(","):
        if item.strip():
            try:
                networks.append(ipaddress.ip_network(item.strip(), strict=False))
            except ValueError:
                raise ImproperlyConfigured(
                    f"EDUENFORCE_TRUSTED_PROXIES must be a comma-separated list of addresses or CIDR "
                    f"networks, got {item.strip()!r}"
                ) from None
    return networks


TRUSTED_PROXIES = trusted_proxies(os.getenv("EDUENFORCE_TRUSTED_PROXIES", ""))
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if envbool("EDUENFORCE_BEHIND_PROXY", "0") else None
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("EDUENFORCE_LOG_LEVEL", "WARNING")},
    "loggers": {"axes": {"level": "ERROR"}},
}

# The bureau this installation serves; shown in titles, documents and the portal.
BUREAU_NAME = os.getenv("EDUENFORCE_BUREAU_NAME", "天津市东丽区教育局")
BUREAU_SHORT = os.getenv("EDUENFORCE_BUREAU_SHORT", "东丽区教育局")
SITE_TITLE = "教育行政执法综合管理平台"


def public_base_url(raw: str | None, *, required: bool) -> str:
    """The address the public reaches the platform at (QR codes, API and feed links).

    Never taken from the request: a card printed from an intranet host must still verify.
    """
    import re

    raw = (raw or "").strip().rstrip("/")
    if not raw:
        if required:
            raise ImproperlyConfigured(
                "EDUENFORCE_PUBLIC_URL is required in production: the public address of the portal, "
                "e.g. https://jyj.example.gov.cn (QR codes on officers' cards and API/feed links use it)."
            )
        return "http://127.0.0.1:8000"
    if not re.fullmatch(r"https?://[^/\s?#@]+(/[^\s?#]*)?", raw):
        raise ImproperlyConfigured(
            f"EDUENFORCE_PUBLIC_URL must be an http(s) address without query or fragment, got {raw!r}"
        )
    return raw


PUBLIC_URL = public_base_url(os.getenv("EDUENFORCE_PUBLIC_URL"), required=not (DEBUG or DEMO or TESTING))

# The journal's anchor outside the database (records.anchor): signed checkpoints and restores are
# appended to this file, and the signed head after every commit is kept in "head" beside it, so that
# deleting entries (with or without their checkpoints) is detected. Tests anchor to a tmp path.
JOURNAL_ANCHOR_FILE = None if TESTING else DATA_DIR / "journal" / "checkpoints.log"

# Lockout is per account (等保 8.1.4.1 b). A per-address lock would lock out a whole
# school district behind one NAT after five typos by different people; see
# docs/decisions/0002-lockout-per-account.md.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# Checked last, so that a missing secret key or public address is reported first.
# Refused rather than warned about: without a shared cache every limit silently multiplies by
# the number of processes (a security control failing open), and a warning in a log nobody
# reads would not stop that. A single-process installation says so with EDUENFORCE_WEB_WORKERS=1.
if not REDIS_URL and not (DEBUG or DEMO or TESTING) and WEB_WORKERS > 1:
    raise ImproperlyConfigured(
        f"EDUENFORCE_REDIS_URL is required in production with {WEB_WORKERS} web processes "
        "(EDUENFORCE_WEB_WORKERS, default 2 × cores + 1): rate limits, lockout throttles and the "
        "page cache must be shared by every process. Set EDUENFORCE_REDIS_URL=redis://127.0.0.1:6379/0, "
        "or EDUENFORCE_WEB_WORKERS=1 for a single process."
    )
