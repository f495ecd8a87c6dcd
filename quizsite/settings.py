"""Settings for quizsite, read from the environment.

Development defaults are safe on a laptop: SQLite next to manage.py and DEBUG on. Production
sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL (PostgreSQL).
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "quizzes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "csp",
]

MIDDLEWARE = [
    "csp.middleware.CSPMiddleware",  # first, so that every response carries the policy
    "quizzes.middleware.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "quizzes.middleware.NulInQueryStringMiddleware",
    "quizzes.middleware.MethodAllowlistMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "quizsite.urls"
WSGI_APPLICATION = "quizsite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if os.environ.get("DATABASE_POOL") == "1" and "postgresql" in DATABASES["default"]["ENGINE"]:
    # psycopg's pool instead of one persistent connection per worker (bench/speed.py measures
    # both): each process keeps up to DATABASE_POOL_SIZE connections open and lends them out.
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # Django requires it with a pool
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": int(os.environ.get("DATABASE_POOL_SIZE", "4")),
        "timeout": 10,
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Answers from a whole class arrive at once: wait for the write lock instead of failing,
    # and take it at the start of a transaction so reads never upgrade into a deadlock.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

# The few queries every student request runs (quizzes/prepared.py) are prepared on PostgreSQL,
# so it does not plan them anew each time. Off (0) behind a pooler that cannot carry prepared
# statements in transaction mode (PgBouncer before 1.21, or without max_prepared_statements).
DATABASE_PREPARED_STATEMENTS = env_bool("DATABASE_PREPARED_STATEMENTS", True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Password guessing (quizzes/lockouts.py): after 5 failures for one user name from one address,
# a 1-minute pause that doubles with each further failure, up to an hour. Failures are remembered
# for a day (AXES_COOLOFF_TIME); a teacher lifts a student's pause on the class page.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_FIRST_PAUSE = timedelta(minutes=int(os.environ.get("LOGIN_FIRST_PAUSE_MINUTES", "1")))
LOGIN_LONGEST_PAUSE = timedelta(minutes=int(os.environ.get("LOGIN_LONGEST_PAUSE_MINUTES", "60")))
AXES_COOLOFF_TIME = timedelta(days=1)
AXES_HANDLER = "quizzes.lockouts.GrowingPauseHandler"
AXES_LOCKOUT_CALLABLE = "quizzes.lockouts.lockout_response"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # guessing during a pause changes nothing
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_CLIENT_IP_CALLABLE = "quizzes.security.client_ip"
AXES_DISABLE_ACCESS_LOG = True  # failures are counted; successful sign-ins are not logged
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)

# Drafting questions runs in a worker process (`manage.py drafting_worker`), never in a web
# request: the language model is large and a long article takes longer than a request may.
# The database queue needs nothing else running; TASKS can point at Redis instead (README).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A queued job nobody has picked up after this long means no worker is running.
DRAFTING_QUEUE_PATIENCE = timedelta(seconds=int(os.environ.get("DRAFTING_QUEUE_PATIENCE", "10")))
# A running job that has reported nothing for this long lost its worker (killed, out of memory).
DRAFTING_SILENCE_LIMIT = timedelta(seconds=int(os.environ.get("DRAFTING_SILENCE_LIMIT", "30")))
# Sign-up, joining a class and adding a student (quizzes/throttles.py): at most this many POSTs
# per address or per account in each THROTTLE_PERIOD. A whole class signs up from one school
# address, so the per-address limits are generous and the per-account ones tight.
THROTTLE_PERIOD = timedelta(hours=1)
THROTTLES = {
    "signup": {"address": 100},
    "join": {"account": 10, "address": 100},
    "add-student": {"account": 100, "address": 200},
}
# The default cache holds what students read of a quiz (quizzes/quiz_content.py, its keys carry
# the quiz's content version) and the sessions (`cached_db`: read from the cache, written through
# to the database). Each process's own memory unless REDIS_URL names a Redis shared by every
# worker and server (README, "Production"). Memory alone is bounded, and a session is trusted
# from it for SESSION_CACHE_SECONDS only: a sign-out in one worker reaches the others within
# that time (at once with Redis, where they share the one copy).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_MAX_ENTRIES = int(os.environ.get("CACHE_MAX_ENTRIES", "5000"))
SESSION_CACHE_SECONDS = int(os.environ.get("SESSION_CACHE_SECONDS", "60"))
if REDIS_URL:  # needs redis-py: pip install -e ".[redis]"
    REDIS = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    CACHES = {"default": REDIS, "sessions": REDIS}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "default",
            "OPTIONS": {"MAX_ENTRIES": CACHE_MAX_ENTRIES},
        },
        "sessions": {
            "BACKEND": "quizzes.caches.ProcessLocalCache",
            "LOCATION": "sessions",
            "OPTIONS": {"MAX_ENTRIES": CACHE_MAX_ENTRIES, "MAX_AGE": SESSION_CACHE_SECONDS},
        },
    }
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_CACHE_ALIAS = "sessions"
# The throttles' counts are in the database, shared by every worker and server; `migrate` creates
# the table (quizzes.apps).
CACHES |= {
    "throttle": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "quizsite_throttle",
        # Expired rows are deleted only past this many; live ones are bounded by the limits.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "quizzes:quiz-list"
LOGOUT_REDIRECT_URL = "quizzes:quiz-list"

LANGUAGE_CODE = "ja"
# Each language named in itself, so anyone can find their own in the switcher.
LANGUAGES = [("ja", "日本語"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Tokyo")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Answers are short; a form body near this size is an attack or a mistake, refused with a 400.
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
# Whole request bodies, uploads included (an article file is at most 200 KB): 413 above this.
MAX_REQUEST_BYTES = int(os.environ.get("MAX_REQUEST_BYTES", str(1024 * 1024)))

# Content-Security-Policy: our own scripts, styles and connections only; no inline script or
# style anywhere (htmx's indicator style is off in base.html's htmx-config). Enforced in
# production, report-only in development (violations show in the browser's console).
CSP_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],
    "connect-src": [SELF],
    "font-src": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
    "base-uri": [NONE],
    "object-src": [NONE],
}
if env_bool("CSP_REPORT_ONLY", DEBUG):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": CSP_DIRECTIVES}
else:
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": CSP_DIRECTIVES}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, never from the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    LANGUAGE_COOKIE_SECURE = env_bool("LANGUAGE_COOKIE_SECURE", True)
    LANGUAGE_COOKIE_SAMESITE = "Lax"
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # A load balancer checks /healthz over plain HTTP: answered, not redirected to HTTPS.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading commits the whole domain to HTTPS for good: a school opts in knowingly.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    if BEHIND_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
CSRF_FAILURE_VIEW = "quizzes.http.csrf_failure"
