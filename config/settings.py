"""Settings from the environment. SQLite by default, PostgreSQL when DATABASE_URL is set.

Safe by default: DEBUG is off unless HELHEDSPLAN_DEBUG=1; production switches (allowed hosts,
CSRF origins, HELHEDSPLAN_HTTPS=1) are read from the environment; see README »Drift«.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent


def _env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on", "ja")


def _env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _local_secret_key(path: Path) -> str:
    """A random key kept in a file beside the project (created once, readable by us only), so
    `make run` works without configuration and sessions survive restarts; production sets
    HELHEDSPLAN_SECRET_KEY instead. Safe when several workers start at once (link is atomic)."""
    try:
        key = path.read_text("ascii").strip()
        if key:
            return key
    except FileNotFoundError:
        pass
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.write_text(secrets.token_urlsafe(50), "ascii")
    temporary.chmod(0o600)
    try:
        os.link(temporary, path)
    except FileExistsError:
        pass
    finally:
        temporary.unlink()
    return path.read_text("ascii").strip()


# --- Safe defaults and production switches (ops) -------------------------------------------
DEBUG = _env_flag("HELHEDSPLAN_DEBUG")
SECRET_KEY = os.environ.get("HELHEDSPLAN_SECRET_KEY", "") or _local_secret_key(
    Path(os.environ.get("HELHEDSPLAN_SECRET_KEY_FILE", BASE_DIR / ".secret_key"))
)
ALLOWED_HOSTS = _env_list("HELHEDSPLAN_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = _env_list("HELHEDSPLAN_CSRF_TRUSTED_ORIGINS")
# One switch for running behind an HTTPS proxy: secure cookies, HSTS, redirect to https, and
# trust the proxy's X-Forwarded-Proto (the proxy must set it and strip it from clients).
HTTPS = _env_flag("HELHEDSPLAN_HTTPS")
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_HSTS_SECONDS = int(os.environ.get("HELHEDSPLAN_HSTS_SECONDS", 31_536_000)) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS and _env_flag("HELHEDSPLAN_HSTS_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = HTTPS and _env_flag("HELHEDSPLAN_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_FAILURE_VIEW = "config.errors.csrf_failure"
# --- end of safe defaults ------------------------------------------------------------------

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "axes",
    "django.contrib.humanize",
    "accounts",
    "plans",
    "importing",
    "documents",
    "followup",
    "portfolio",  # many plans side by side, for LBF, kommune users and administrators
    "evaluation",  # local evaluation: forandringsteori, logbook, process goals, seminar
    "demo",  # the demo plan and the national scale dataset: above the apps they seed
    # background tasks (see the TASKS block below)
    "django_tasks",
    "django_tasks_db",
]

# ops: `config` holds the backup/restore commands (config/management/commands)
INSTALLED_APPS += ["config"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # last, so it sees the login view's failures (django-axes)
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
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
            ],
        },
    }
]
WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
# --- SQLite that holds concurrent writers (ops) ---------------------------------------------
# WAL lets readers and one writer work at once; writers wait up to `timeout` seconds for the
# lock (SQLite's busy timeout) instead of failing; BEGIN IMMEDIATE takes the write lock when
# a transaction starts, so two read-then-write transactions queue instead of one failing with
# "database is locked" (a deferred transaction cannot wait when it upgrades). NORMAL sync is
# safe under WAL: a power cut can lose the last commits, never corrupt the file.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": int(os.environ.get("HELHEDSPLAN_SQLITE_TIMEOUT", 30)),
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY"
            ),
        }
    )
# --- end of SQLite ---------------------------------------------------------------------------
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Per-process memory: the follow-up dashboard keeps rendered bodies keyed on a version stamp
# read from the database (followup.selectors.dashboard_stamp), so the processes never need to
# agree with each other; a shared cache would add a round trip per hit to save one render per
# worker. A restart empties it, which costs one render per plan and year.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "helhedsplan",
        "OPTIONS": {"MAX_ENTRIES": 1000},
    }
}

# --- Passwords and login throttling (ops) ---------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes: after AXES_FAILURE_LIMIT wrong passwords for one username (from anywhere), that
# username is locked for AXES_COOLOFF_TIME whatever password comes next; `helhedsplan
# unlock-user NAME` lifts it. Only the username, not the client: a municipality's office shares
# one address behind NAT on identical managed PCs (same address and browser), and one
# colleague's typos must not lock out the rest; an attacker can change address and browser,
# but not the account they attack.
AUTHENTICATION_BACKENDS = [
    "accounts.backends.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("HELHEDSPLAN_LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("HELHEDSPLAN_LOGIN_COOLOFF_MIN", 15)))
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes.W006 warns of configurations that rotating user agents or cookies get round; a lock on
# the username alone is not one of them (the account attacked stays locked whatever the client).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
if HTTPS:  # behind the proxy, the client's address is the last one it adds
    AXES_IPWARE_PROXY_COUNT = int(os.environ.get("HELHEDSPLAN_PROXY_COUNT", 1))
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_VERBOSE = False
# --- end of passwords -----------------------------------------------------------------------
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("HELHEDSPLAN_STATIC_ROOT", BASE_DIR / "staticfiles"))
# --- Static files through WhiteNoise (ops) --------------------------------------------------
# Served by the app itself, with or without DEBUG and under gunicorn, from STATIC_ROOT
# (`collectstatic`, which `make run` runs); compressed copies are made at collectstatic. Names
# are not hashed: the manifest would make every page depend on collectstatic having run.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG
# --- end of static files --------------------------------------------------------------------
MEDIA_ROOT = Path(os.environ.get("HELHEDSPLAN_MEDIA_ROOT", BASE_DIR / "media"))

# Uploads: anything larger is refused before it is read (see lib/uploads.py).
MAX_UPLOAD_BYTES = int(os.environ.get("HELHEDSPLAN_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# --- Upload size enforced while the body streams in (ops): lib/uploads.py ------------------
FILE_UPLOAD_HANDLERS = [
    "lib.uploads.BoundedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# --- end of uploads -------------------------------------------------------------------------
# The import review posts every field of an agreement (a large one has well over Django's
# default 1 000: goals × indicators × baselines, activity sheets, staff lines).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20_000

EMAIL_BACKEND = os.environ.get(
    "HELHEDSPLAN_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("HELHEDSPLAN_FROM_EMAIL", "helhedsplan@localhost")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# --- Content Security Policy (ops, django-csp) ----------------------------------------------
# Every script and style is a file from our own origin: no inline <script>, style="" or on…=
# handlers anywhere (tests/browser/test_csp.py walks the demo plan and fails on a violation).
# Charts are inline <svg> elements (not governed by img-src); DKFDS's CSS uses data: icons.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# --- end of CSP -----------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# --- Background tasks (helper "tasks") ------------------------------------------------------
# Django's Tasks API through the django-tasks backport (from Django 6: `django.tasks`, and drop
# "django_tasks" from INSTALLED_APPS). The embedded default keeps the queue in the database and
# `helhedsplan worker` (started by `make run` / `helhedsplan serve`) runs it. Any django-tasks
# backend can be named instead, e.g. django_tasks_rq.RQBackend on Redis (README).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "HELHEDSPLAN_TASKS_BACKEND", "django_tasks_db.backend.DatabaseBackend"
        ),
    }
}
# Each task's heavy part runs in a child process under these limits (lib/background.py).
TASK_TIME_LIMIT_SECONDS = float(os.environ.get("HELHEDSPLAN_TASK_SECONDS", 15 * 60))
TASK_MEMORY_LIMIT_MB = int(os.environ.get("HELHEDSPLAN_TASK_MEMORY_MB", 2048))
# A task whose worker died (restart, crash) is run again up to this many attempts in all.
TASK_MAX_ATTEMPTS = int(os.environ.get("HELHEDSPLAN_TASK_MAX_ATTEMPTS", 3))
# The worker enqueues `send-reminders` this often (hours; 0 turns the schedule off).
REMINDERS_EVERY_HOURS = float(os.environ.get("HELHEDSPLAN_REMINDERS_EVERY_HOURS", 24))
# --- end of background tasks ----------------------------------------------------------------
