"""Settings, read from the environment (LIAISON_*); defaults suit a demo on this machine."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("LIAISON_VAR_DIR", BASE_DIR.parent / "var"))


def env_bool(name: str, default: bool) -> bool:
    """A boolean environment variable: 1/true/yes/on."""
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    """A comma-separated environment variable."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("LIAISON_DEBUG", False)
# Known to everyone: `liaison check --deploy` fails while it is in use, and so does starting with production
# settings (see liaison.core.checks).
DEVELOPMENT_SECRET_KEY = "insecure-development-key-set-LIAISON_SECRET_KEY-in-production"
SECRET_KEY = os.environ.get("LIAISON_SECRET_KEY", "")
if not SECRET_KEY:
    if not env_bool("LIAISON_INSECURE_DEV", True):
        raise ImproperlyConfigured("Set LIAISON_SECRET_KEY.")
    SECRET_KEY = DEVELOPMENT_SECRET_KEY
ALLOWED_HOSTS = env_list("LIAISON_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("LIAISON_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "liaison.core",
    "liaison.partners",
    "liaison.networks",
    "liaison.agreements",
    "liaison.events",
    "liaison.visits",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "liaison.cooperation",
    "liaison.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "liaison.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF, whose check reads the body of a form.
    "liaison.core.middleware.RequestSizeMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "liaison.core.middleware.ChangeContextMiddleware",
    "liaison.core.middleware.LoginRequiredMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "liaison.urls"
WSGI_APPLICATION = "liaison.wsgi.application"

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
                "liaison.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("LIAISON_DATABASE_URL", f"sqlite:///{VAR_DIR / 'liaison.sqlite3'}"),
        conn_max_age=int(os.environ.get("LIAISON_DB_CONN_MAX_AGE", "60")),
        # A connection the database dropped (restart, failover, idle timeout) is replaced before it is used,
        # instead of failing the first request of every worker.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("LIAISON_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["LIAISON_REDIS_URL"],
        }
    }

# Background jobs (Django's Tasks interface): the database by default, so a demo needs nothing more than
# `liaison db_worker` beside the server; RQ on Redis in production, so jobs spread over worker hosts.
JOBS_BACKEND = os.environ.get("LIAISON_JOBS_BACKEND", "database")
if JOBS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
elif JOBS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": os.environ.get("LIAISON_JOBS_REDIS_URL")
                             or os.environ.get("LIAISON_REDIS_URL") or "redis://127.0.0.1:6379/0"}}
else:
    raise ImproperlyConfigured("LIAISON_JOBS_BACKEND is “database” or “rq”.")

# Passwords, login, sessions.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "liaison.core.auth.LiaisonBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AXES_FAILURE_LIMIT = int(os.environ.get("LIAISON_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
# A user name is locked for the address the failures came from, so nobody can lock others out from afar.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
SESSION_COOKIE_AGE = int(os.environ.get("LIAISON_SESSION_SECONDS", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_COOKIES = env_bool("LIAISON_SECURE_COOKIES", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Behind the TLS proxy, the client's address is read from X-Forwarded-For (see liaison.core.auth.client_address):
# the entry added by the outermost of LIAISON_TRUSTED_PROXY_COUNT proxies, each of which appends one entry.
# Without the proxy, the headers a client sends are ignored: its address is the connection's.
BEHIND_TLS_PROXY = env_bool("LIAISON_BEHIND_TLS_PROXY", False)
TRUSTED_PROXY_COUNT = max(1, int(os.environ.get("LIAISON_TRUSTED_PROXY_COUNT", "1")))
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
# Operational liaison: the key of its tamper-evident audit chain lives outside the database (the variable, or a
# file only the application can read); a second factor for compartment members, and shorter sessions there.
AUDIT_KEY = os.environ.get("LIAISON_AUDIT_KEY", "")
AUDIT_KEY_FILE = os.environ.get("LIAISON_AUDIT_KEY_FILE", "")
if not AUDIT_KEY and not AUDIT_KEY_FILE and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    AUDIT_KEY = "insecure-development-audit-key"
COOPERATION_IDLE_SECONDS = int(os.environ.get("LIAISON_COOPERATION_IDLE_SECONDS", str(15 * 60)))
COOPERATION_REAUTH_SECONDS = int(os.environ.get("LIAISON_COOPERATION_REAUTH_SECONDS", str(5 * 60)))
OTP_TOTP_ISSUER = "Liaison"
AXES_CLIENT_IP_CALLABLE = "liaison.core.auth.client_address"
# The demo account's published password is accepted from these addresses only.
DEMO_USERNAME = "demo"
DEMO_PASSWORD = "liaison-demo"

# Languages: English and Hong Kong Traditional Chinese, UI and content alike.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hant", "繁體中文")]
# An area may keep its own catalogue (`liaison/<app>/locale/`); listed before the shared one so that
# `make messages` writes each app's strings into its own catalogue and everything else into the shared one.
LOCALE_PATHS = [*sorted(BASE_DIR.glob("*/locale")), BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("LIAISON_TIME_ZONE", "Asia/Hong_Kong")
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "zh-hant")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "zh-hant"), "zh-hant": ("zh-hant", "en")}
MODELTRANSLATION_AUTO_POPULATE = False

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Production: set LIAISON_STATIC_ROOT and run `liaison collectstatic`; the demo serves from the packages.
STATIC_ROOT = os.environ.get("LIAISON_STATIC_ROOT") or None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = Path(os.environ.get("LIAISON_MEDIA_ROOT", VAR_DIR / "media"))

EMAIL_BACKEND = os.environ.get("LIAISON_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("LIAISON_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("LIAISON_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("LIAISON_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("LIAISON_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("LIAISON_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("LIAISON_EMAIL_FROM", "liaison@localhost")

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Spreadsheets larger than this are refused before they are parsed.
LIAISON_IMPORT_MAX_BYTES = int(os.environ.get("LIAISON_IMPORT_MAX_BYTES", str(5 * 1024 * 1024)))
LIAISON_IMPORT_MAX_ROWS = int(os.environ.get("LIAISON_IMPORT_MAX_ROWS", "20000"))
# An XLSX export of more rows than this is built by a background job (a CSV always streams).
LIAISON_EXPORT_DIRECT_ROWS = int(os.environ.get("LIAISON_EXPORT_DIRECT_ROWS", "2000"))
# Checked before a cell is read: what an .xlsx unpacks to (a zip bomb is refused unopened), blank rows between the
# rows of data, columns, and characters in one cell (Excel's own limit).
LIAISON_IMPORT_MAX_UNPACKED_BYTES = int(os.environ.get("LIAISON_IMPORT_MAX_UNPACKED_BYTES", str(50 * 1024 * 1024)))
LIAISON_IMPORT_MAX_BLANK_ROWS = int(os.environ.get("LIAISON_IMPORT_MAX_BLANK_ROWS", "1000"))
LIAISON_IMPORT_MAX_COLUMNS = int(os.environ.get("LIAISON_IMPORT_MAX_COLUMNS", "30"))
LIAISON_IMPORT_MAX_CELL_CHARS = int(os.environ.get("LIAISON_IMPORT_MAX_CELL_CHARS", "32767"))
# Agreement documents (PDF, DOCX, images) larger than this are refused.
LIAISON_DOCUMENT_MAX_BYTES = int(os.environ.get("LIAISON_DOCUMENT_MAX_BYTES", str(20 * 1024 * 1024)))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "liaison.core.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["liaison.core.permissions.ModelPermissions"],
    "DEFAULT_PAGINATION_CLASS": "liaison.core.pagination.LiaisonPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["liaison.core.filtersets.LiaisonFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "liaison.core.schema.LiaisonAutoSchema",
    "EXCEPTION_HANDLER": "liaison.core.api.exception_handler",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Liaison API",
    "DESCRIPTION": "International cooperation and Mainland liaison records.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"AgreementStatusEnum": "liaison.agreements.choices.AgreementStatus"},
}

DJANGO_TABLES2_TEMPLATE = "core/table.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "table"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LIAISON_LOG_LEVEL", "WARNING")},
}
