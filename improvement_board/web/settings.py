"""The one settings module: everything that varies between machines comes from the environment.

BOARD_HOME            folder for the SQLite store, uploads, record Parquet and generated packs
                      (default ./board-data)
DATABASE_URL          postgres://user:password@host:port/name selects PostgreSQL instead of SQLite
BOARD_SECRET_KEY      Django's signing key; required when BOARD_ENV=production (32 bytes or more)
BOARD_PSEUDONYM_KEY   key for hashing child identifiers; required when BOARD_ENV=production
                      (32 bytes or more)
BOARD_ENV             development (default), test or production; anything else refuses to start
BOARD_ALLOWED_HOSTS   host names the site answers to (default localhost,127.0.0.1)
BOARD_TRUSTED_PROXIES addresses or networks of the TLS proxies in front of the app; only a request
                      from one of them may say, by X-Forwarded-Proto and X-Forwarded-For, that it
                      came over HTTPS and from which client (default: none)
BOARD_API_RATE        calls one API token may make, such as 120/min (the default) or 2000/hour
BOARD_EMAIL           how reminders are sent: console (the default: printed, nothing leaves the
                      machine) or smtp, which needs BOARD_SMTP_HOST and takes BOARD_SMTP_PORT
                      (587), BOARD_SMTP_USER, BOARD_SMTP_PASSWORD and BOARD_SMTP_TLS (yes)
BOARD_EMAIL_FROM      the sender of reminders (default improvement-board@localhost)
BOARD_MARKING_PACK    protective marking on every page of a board pack (default OFFICIAL-SENSITIVE)
BOARD_MARKING_PUBLISHED  protective marking on outputs for publication (default OFFICIAL)
BOARD_TASKS           where background work (printing packs) waits for the worker: database
                      (the default: the store itself, no other server) or redis (needs
                      BOARD_REDIS_URL and the [redis] extra); immediate, which does the work in
                      the request, only when BOARD_ENV=test; anything else refuses to start
BOARD_REDIS_URL       redis://host:port/db, with BOARD_TASKS=redis

Settings fail closed: an environment that is not one of the three, or a production key too short
to resist guessing, stops the app before it serves anything. Everything the app writes (the
store, uploads, secrets, packs, record files) is readable by its own user only: the process's
umask is 077, so files are created 0600 and folders 0700.
"""

from __future__ import annotations

import importlib.util
import ipaddress
import os
import re
import secrets
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

os.umask(0o077)

ENVIRONMENTS = ("development", "test", "production")
ENV = os.environ.get("BOARD_ENV", "development")
if ENV not in ENVIRONMENTS:
    raise ImproperlyConfigured(
        f"BOARD_ENV must be one of {', '.join(ENVIRONMENTS)}, not {ENV!r}; nothing was started"
    )
PRODUCTION = ENV == "production"
MIN_KEY_BYTES = 32
BASE_DIR = Path(__file__).resolve().parent.parent
BOARD_HOME = Path(os.environ.get("BOARD_HOME", "board-data")).resolve()


def _secret(name: str) -> str:
    """A secret from the environment; outside production, one kept in BOARD_HOME/secrets."""
    value = os.environ.get(name)
    if value:
        if PRODUCTION and len(value.encode("utf-8")) < MIN_KEY_BYTES:
            raise ImproperlyConfigured(
                f"{name} must be at least {MIN_KEY_BYTES} bytes when BOARD_ENV=production "
                f"(it has {len(value.encode('utf-8'))}); make one with "
                "python3 -c 'import secrets; print(secrets.token_urlsafe(48))'"
            )
        return value
    if PRODUCTION:
        raise ImproperlyConfigured(f"{name} must be set when BOARD_ENV=production")
    path = BOARD_HOME / "secrets" / name.lower()
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # made by another process since we looked
            pass
        else:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(secrets.token_urlsafe(48))
    return path.read_text(encoding="utf-8").strip()


def _networks(text: str) -> list[str]:
    """BOARD_TRUSTED_PROXIES as a list of networks, each checked now rather than at a request."""
    networks = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        try:
            networks.append(str(ipaddress.ip_network(part, strict=False)))
        except ValueError:
            raise ImproperlyConfigured(
                f"BOARD_TRUSTED_PROXIES: {part!r} is not an IP address or network"
            ) from None
    return networks


# SQLite: write-ahead logging, so readers never wait for a writer; each write transaction takes
# the write lock when it begins (IMMEDIATE), and a writer finding it taken waits up to
# SQLITE_BUSY_SECONDS for it rather than failing. Slow work (printing a pack) is done outside any
# transaction, so no writer holds the lock for long.
SQLITE_BUSY_SECONDS = 30
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": SQLITE_BUSY_SECONDS,
}


def _database() -> dict[str, object]:
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        sqlite_path = Path(os.environ.get("BOARD_SQLITE", BOARD_HOME / "board.sqlite3"))
        sqlite_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": sqlite_path,
            "OPTIONS": SQLITE_OPTIONS,
        }
    parts = urlparse(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ImproperlyConfigured(f"DATABASE_URL must start postgres://, not {parts.scheme}://")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": parts.path.lstrip("/"),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
    }


SECRET_KEY = _secret("BOARD_SECRET_KEY")
PSEUDONYM_KEY = _secret("BOARD_PSEUDONYM_KEY")
DEBUG = ENV == "development"
ALLOWED_HOSTS = os.environ.get("BOARD_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")
BOARD_TRUSTED_PROXIES = _networks(os.environ.get("BOARD_TRUSTED_PROXIES", ""))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",
    "axes",
    "improvement_board.accounts",
    "improvement_board.programmes",
    "improvement_board.plans",
    "improvement_board.meetings",
    "improvement_board.web",
    "improvement_board.api",
    "improvement_board.rendering",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "improvement_board.web.middleware.ProxyHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "improvement_board.web.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "improvement_board.web.middleware.SessionLimitsMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Sign-in: five failures lock the username from that address for 15 minutes (django-axes), and
# every sign-in, failure and lockout is logged without the password. The address is the client's:
# behind a trusted proxy, the one the proxy saw (web/middleware.py client_address).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_SENSITIVE_PARAMETERS = ["password"]
AXES_CLIENT_IP_CALLABLE = "improvement_board.web.middleware.client_address"

# The API (api/): a token may make BOARD_API_RATE calls (default 120 a minute; N/s, N/min, N/hour
# or N/day), and an address that sends API_REFUSED_RATE calls without a valid token is refused
# until the window passes (429). Counted in Django's cache: each process's own memory unless
# CACHES names a shared cache, so behind N workers a token may make up to N times the rate.
API_RATE = os.environ.get("BOARD_API_RATE", "120/min")
if not re.fullmatch(r"[1-9]\d*/(s|sec|m|min|h|hour|d|day)", API_RATE):
    raise ImproperlyConfigured(f"BOARD_API_RATE must be such as 120/min, not {API_RATE!r}")
API_REFUSED_RATE = "10/min"
API_TOKEN_DAYS = 365  # a token lasts this long unless made with --days

# E-mail (reminders, board remind): the console unless BOARD_EMAIL=smtp says otherwise; an SMTP
# setting missing or unknown refuses to start, rather than dropping reminders unseen.
EMAIL_KIND = os.environ.get("BOARD_EMAIL", "console")
if EMAIL_KIND == "console":
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
elif EMAIL_KIND == "smtp":
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ.get("BOARD_SMTP_HOST", "")
    if not EMAIL_HOST:
        raise ImproperlyConfigured("BOARD_EMAIL=smtp needs BOARD_SMTP_HOST; nothing was started")
    _port = os.environ.get("BOARD_SMTP_PORT", "587")
    if not _port.isdigit() or not 0 < int(_port) < 65536:
        raise ImproperlyConfigured(f"BOARD_SMTP_PORT must be a port number, not {_port!r}")
    EMAIL_PORT = int(_port)
    EMAIL_HOST_USER = os.environ.get("BOARD_SMTP_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("BOARD_SMTP_PASSWORD", "")
    _tls = os.environ.get("BOARD_SMTP_TLS", "yes")
    if _tls not in ("yes", "no"):
        raise ImproperlyConfigured(f"BOARD_SMTP_TLS must be yes or no, not {_tls!r}")
    EMAIL_USE_TLS = _tls == "yes"
    EMAIL_TIMEOUT = 30
else:
    raise ImproperlyConfigured(
        f"BOARD_EMAIL must be console or smtp, not {EMAIL_KIND!r}; nothing was started"
    )
DEFAULT_FROM_EMAIL = os.environ.get("BOARD_EMAIL_FROM", "improvement-board@localhost")

# Protective marking (meetings/marking.py): one short line of capitals, or refuse to start.
for _name, _default in (
    ("BOARD_MARKING_PACK", "OFFICIAL-SENSITIVE"),
    ("BOARD_MARKING_PUBLISHED", "OFFICIAL"),
):
    _marking = os.environ.get(_name, _default)
    if not re.fullmatch(r"[A-Z][A-Z0-9 :/()-]{1,59}", _marking):
        raise ImproperlyConfigured(
            f"{_name} must be a protective marking in capitals, such as {_default}, "
            f"not {_marking[:60]!r}"
        )
    globals()[_name] = _marking

# ---- Background work: printing off the request path (docs/decisions/0009) ----------------------
# Packs' PDFs are printed by the worker (`board worker`; `board serve` starts one beside the web
# app), never in a request. The queue is Django's tasks framework: by default its rows live in the
# store's own database (SQLite or PostgreSQL), so no other server is needed; a deployment may put
# the queue in Redis instead. Any other name stops the app, saying which are allowed.
TASK_BACKENDS = ("database", "redis", "immediate")
BOARD_TASKS = os.environ.get("BOARD_TASKS", "database")
if BOARD_TASKS not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"BOARD_TASKS must be one of {', '.join(TASK_BACKENDS)}, not {BOARD_TASKS!r}; "
        "nothing was started"
    )
if BOARD_TASKS == "immediate" and ENV != "test":
    raise ImproperlyConfigured(
        "BOARD_TASKS=immediate prints in the request and is for the tests only "
        "(BOARD_ENV=test); use database or redis"
    )
if BOARD_TASKS == "redis":
    BOARD_REDIS_URL = os.environ.get("BOARD_REDIS_URL", "")
    if urlparse(BOARD_REDIS_URL).scheme not in {"redis", "rediss"}:
        raise ImproperlyConfigured(
            f"BOARD_TASKS=redis needs BOARD_REDIS_URL such as redis://127.0.0.1:6379/0, "
            f"not {BOARD_REDIS_URL!r}"
        )
    if importlib.util.find_spec("django_tasks_rq") is None:
        raise ImproperlyConfigured(
            "BOARD_TASKS=redis needs the redis extra: pip install 'improvement-board[redis]'"
        )
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": BOARD_REDIS_URL}}
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "redis": "django_tasks_rq.RQBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[BOARD_TASKS],
        "QUEUES": ["default"],
    }
}
# A print still running after this long is taken to have died with its worker and is asked for
# again; one that failed is tried again after this long.
RENDER_STALE_SECONDS = 10 * 60
RENDER_RETRY_SECONDS = 5 * 60
# ---- end of background work ----------------------------------------------------------------------

# A reason for a change is what a person typed, however long: kept whole, never cut at 100.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

ROOT_URLCONF = "improvement_board.web.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_TZ = True
STATIC_URL = "static/"
# The API's docs page runs the Swagger UI Django Ninja ships: only its files (api/docs.py).
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "improvement_board.api.docs.SwaggerFinder",
]
# Source maps (the docs page's) are read only by developer tools: not worth compressing at start.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]
# Static files are served by the app itself (WhiteNoise): in production from STATIC_ROOT, filled
# by collectstatic (``board serve --workers`` runs it), with hashed names cached for a year;
# elsewhere straight from the package, with nothing collected.
STATIC_ROOT = BOARD_HOME / "static" if PRODUCTION else None
WHITENOISE_USE_FINDERS = not PRODUCTION
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
LOGIN_URL = "/login/"

# Sessions end after 30 minutes without a request, and 12 hours after signing in whatever happens
# (web/middleware.py SessionLimitsMiddleware). A request does not write its session: the time it
# was last seen is written at most once a minute, so reading pages never takes the write lock.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_IDLE_SECONDS = 30 * 60
SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60
SESSION_SEEN_EVERY_SECONDS = 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = PRODUCTION
# Behind a TLS proxy the app is spoken to over plain HTTP; the proxy says the client used HTTPS
# with X-Forwarded-Proto, believed only from BOARD_TRUSTED_PROXIES (ProxyHeadersMiddleware drops
# it from anyone else), so HTTPS requests are not redirected to themselves for ever.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BOARD_TRUSTED_PROXIES else None
SECURE_HSTS_SECONDS = 31_536_000 if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
