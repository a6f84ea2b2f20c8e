"""Vistka settings: one module, driven by environment variables with safe defaults.

Every variable is listed in the README. Secrets have no default outside DEBUG.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR / "vistka"


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# --- Core -----------------------------------------------------------------

DEBUG = env_bool("DEBUG", False)
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG:
        SECRET_KEY = "insecure-development-key-only-for-debug"  # noqa: S105
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = BASE_URL
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", BASE_URL)

INSTALLED_APPS = [
    "vistka.browserpolicy",  # first: its overrides of Wagtail admin templates give inline scripts nonces
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "vistka.newsroom.users_app.NewsroomUsersConfig",  # wagtail.users; only superusers manage superusers
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Last, so their post_migrate hooks (editions, groups) run after content types and permissions exist.
    "vistka.core",  # text cleaned before every save (vistka.core.sanitise)
    "vistka.editions",
    "vistka.stories",
    "vistka.taxonomy",
    "vistka.people",
    "vistka.newsroom",
    "vistka.demo",
    "vistka.reader",
    "vistka.search",
    "vistka.api",
    "vistka.distribution",
    "vistka.delivery",
    "vistka.archive",
    "vistka.audit",
    "vistka.accounts",
]

MIDDLEWARE = [
    "vistka.accounts.client_ip.ClientAddressMiddleware",  # request.client_ip, trusted proxies only
    "vistka.accounts.gate.SignInGateMiddleware",  # bounded sign-in posts in flight
    "django.middleware.security.SecurityMiddleware",
    "vistka.browserpolicy.middleware.BrowserPolicyMiddleware",
    # Conditional GET sits above delivery so its ETag covers the final (spliced) body.
    "django.middleware.http.ConditionalGetMiddleware",
    "vistka.delivery.middleware.DeliveryHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "vistka.accounts.sessions.StaffSessionMiddleware",
    "vistka.audit.context.AuditRequestMiddleware",
    "vistka.core.middleware.SiteMemoMiddleware",
    # Old addresses answered before a page is routed or rendered (Wagtail's waits for a 404).
    "vistka.delivery.redirects.RedirectMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vistka.urls"
WSGI_APPLICATION = "vistka.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "vistka.editions.context_processors.edition",
            ],
        },
    },
]

# --- Data -----------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'vistka.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while the scheduler or an editor writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Connections persist (DATABASE_CONN_MAX_AGE) here too: opening one per request (the file,
    # the PRAGMAs, Django's SQL functions) cost 4 ms of a 13 ms story render. Between requests
    # a connection holds no transaction, so it sees other processes' writes and WAL checkpoints.
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The reader's precompiled queries (vistka.core.precompiled) run as prepared statements after
    # two runs on a connection, with one generic plan each: PostgreSQL then skips planning, which
    # cost more than running them (a cold story at a million stories: 4.6 -> 1.5 ms of database
    # time). Only those queries are prepared, and their plans do not depend on the values (key
    # lookups). Set DATABASE_PREPARED_STATEMENTS=0 behind a transaction-pooling PgBouncer older
    # than 1.21 or without max_prepared_statements: it cannot keep a statement on a connection.
    if os.environ.get("DATABASE_PREPARED_STATEMENTS", "1").lower() not in {"0", "false", "no", "off"}:
        _options = DATABASES["default"].setdefault("OPTIONS", {})
        _options["prepare_threshold"] = 2
        _options["options"] = f"{_options.get('options', '')} -c plan_cache_mode=force_generic_plan".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "vistka")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": CACHE_KEY_PREFIX,
        }
    }
# Wagtail looks image renditions up here before asking the database.
CACHES["renditions"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": f"{CACHE_KEY_PREFIX}-renditions",
    "OPTIONS": {"MAX_ENTRIES": 20000},
}

# --- Editions and language --------------------------------------------------

LANGUAGE_CODE = "uk"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    ("uk", "Українська"),
    ("ru", "Русский"),
    ("en", "English"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Kyiv"
LOCALE_PATHS = [PROJECT_DIR / "locale"]

# --- Static and media -------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

AWS_STORAGE_BUCKET_NAME = os.environ.get("S3_BUCKET", "")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = os.environ.get("S3_ENDPOINT_URL") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("S3_CUSTOM_DOMAIN") or None
    AWS_QUERYSTRING_AUTH = False
    MEDIA_STORAGE_BACKEND = "storages.backends.s3.S3Storage"
else:
    MEDIA_STORAGE_BACKEND = "django.core.files.storage.FileSystemStorage"

STORAGES = {
    "default": {"BACKEND": MEDIA_STORAGE_BACKEND},
    "staticfiles": {
        "BACKEND": os.environ.get(
            "STATICFILES_BACKEND",
            "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}

# --- Wagtail ----------------------------------------------------------------

WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "Vistka")
# No Gravatar: every admin page would send a hash of each editor's e-mail address to
# gravatar.com from the browser (staff of an independent newsroom are targets). A provider URL
# may be set to use one.
WAGTAIL_GRAVATAR_PROVIDER_URL = os.environ.get("GRAVATAR_PROVIDER_URL") or None
# Words are lemmatised by the project (vistka.reader.lemmas), so PostgreSQL must not stem again.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}
}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(os.environ.get("IMAGE_MAX_UPLOAD_BYTES", 15 * 1024 * 1024))
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(os.environ.get("IMAGE_MAX_PIXELS", 40_000_000))
WAGTAILIMAGES_IMAGE_FORM_BASE = "vistka.core.images.ImageForm"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # through /documents/: collection restrictions apply
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Delivery: HTTP caching, the fast path, Varnish -------------------------------------

FAST_PATH_ENABLED = env_bool("FAST_PATH", True)
CACHE_TTL = int(os.environ.get("CACHE_TTL", "300"))  # s-maxage of pages; purges make it safe to be long
CACHE_TTL_ERROR = int(os.environ.get("CACHE_TTL_ERROR", "60"))
BROWSER_TTL = int(os.environ.get("BROWSER_TTL", "30"))
STALE_WHILE_REVALIDATE = int(os.environ.get("STALE_WHILE_REVALIDATE", "60"))
STALE_IF_ERROR = int(os.environ.get("STALE_IF_ERROR", "86400"))
VARNISH_PURGE_URLS = env_list("VARNISH_PURGE_URLS", "")

# Scheduled publishing: the worker started by `make demo` runs this often (seconds).
SCHEDULER_INTERVAL = float(os.environ.get("SCHEDULER_INTERVAL", "10"))

# --- Security -----------------------------------------------------------------

SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = env_list("SILENCED_SYSTEM_CHECKS", "")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if env_bool("FAST_PASSWORD_HASHER", False):
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Staff accounts: two-factor authentication (django-otp, passkeys) ------------------------

# Wagtail's own login stays the first step; vistka.twofactor's middleware then asks for the second
# (TOTP, recovery code or passkey) before any /admin/ or /newsroom/ page, and sends members of these
# roles (group names "<role> · <edition>" or the role itself; "Admins" also covers superusers) to
# enrolment while they have none; translators are in it by default (they publish). Empty: nobody
# is forced (those with a factor still use it).
TWO_FACTOR_REQUIRED_GROUPS = env_list("TWO_FACTOR_REQUIRED_GROUPS", "Editors,Translators,Admins")
TWO_FACTOR_GUARDED_PREFIXES = ("/admin/", "/newsroom/")
# Wrong codes allowed in one session before it is ended (the password step, throttled by axes,
# must then be passed again); each device also waits factor * 2^(failures-1) s after a failure.
TWO_FACTOR_MAX_FAILURES = int(os.environ.get("TWO_FACTOR_MAX_FAILURES", "5"))
TWO_FACTOR_RECOVERY_CODES = 10
INSTALLED_APPS += [
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "vistka.twofactor",
]
_auth_middleware = MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware")
MIDDLEWARE[_auth_middleware + 1 : _auth_middleware + 1] = [
    "django_otp.middleware.OTPMiddleware",
    "vistka.twofactor.middleware.TwoFactorMiddleware",
]
# Outside /admin/ and /newsroom/ a signed-in user counts only with a valid staff session and, where
# they have a factor or their role requires one, the second step passed (checked lazily).
_staff_sessions = MIDDLEWARE.index("vistka.accounts.sessions.StaffSessionMiddleware")
MIDDLEWARE.insert(_staff_sessions + 1, "vistka.twofactor.middleware.SignedInOutsideMiddleware")
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
OTP_TOTP_THROTTLE_FACTOR = OTP_STATIC_THROTTLE_FACTOR = int(os.environ.get("TWO_FACTOR_THROTTLE_FACTOR", "1"))
# Passkeys (django-otp-webauthn) as a second factor only: never instead of the password.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_RP_NAME = WAGTAIL_SITE_NAME
# WebAuthn does not work on an IP address: with BASE_URL http://127.0.0.1:8000 (make demo) passkeys
# work at http://localhost:8000.
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list("WEBAUTHN_ALLOWED_ORIGINS", "") or [
    BASE_URL.replace("://127.0.0.1", "://localhost").replace("://[::1]", "://localhost")
]
OTP_WEBAUTHN_RP_ID = os.environ.get("WEBAUTHN_RP_ID") or urlsplit(OTP_WEBAUTHN_ALLOWED_ORIGINS[0]).hostname

# --- Staff accounts: sign-in throttling, sessions, e-mail ------------------------------------

# Mail from EMAIL_URL (dj-email-url): smtp://user:pass@host:587/?tls=True, console:, file:///path.
# Without it nothing is sent (the dummy backend) and password reset by e-mail is off.
EMAIL_URL = os.environ.get("EMAIL_URL", "").strip()
if EMAIL_URL:
    import dj_email_url

    for _name, _value in dj_email_url.parse(EMAIL_URL).items():
        if _value not in (None, ""):
            globals()[_name] = _value
    if EMAIL_URL.startswith("file:"):  # dj-email-url 1.0.6 drops the leading "/" of file:///path
        EMAIL_FILE_PATH = urlsplit(EMAIL_URL).path
else:
    EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))  # a stalled mail server must not hang a sign-in
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
WAGTAIL_PASSWORD_RESET_ENABLED = bool(EMAIL_URL)

# The client's address: X-Forwarded-For is believed only as far as these proxies wrote it.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1")

# Sign-in throttling (django-axes with vistka.accounts.throttle's handler): an account is locked
# per address, an address across accounts; each lock doubles, capped; never permanent.
INSTALLED_APPS += ["axes"]
AUTHENTICATION_BACKENDS = [
    "vistka.accounts.throttle.ThrottleBackend",  # refuses a locked attempt before any hashing
    "vistka.accounts.throttle.PasswordBackend",  # ModelBackend, a bounded number of hashes at once
]
LOGIN_FAILURES_PER_ACCOUNT = int(os.environ.get("LOGIN_FAILURES_PER_ACCOUNT", "5"))
LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("LOGIN_FAILURES_PER_ADDRESS", "30"))
LOGIN_THROTTLE_BASE_SECONDS = int(os.environ.get("LOGIN_THROTTLE_BASE_SECONDS", "60"))
LOGIN_THROTTLE_MAX_SECONDS = int(os.environ.get("LOGIN_THROTTLE_MAX_SECONDS", "3600"))
LOGIN_FAILURE_MEMORY_SECONDS = int(os.environ.get("LOGIN_FAILURE_MEMORY_SECONDS", "86400"))
LOGIN_CONCURRENT_PASSWORD_CHECKS = int(os.environ.get("LOGIN_CONCURRENT_PASSWORD_CHECKS", "1"))
# Sign-in and password-reset posts in flight per process (each holds a request thread): a flood
# must leave the other threads to readers. Serve with granian --blocking-threads above this.
LOGIN_CONCURRENT_SIGN_INS = int(os.environ.get("LOGIN_CONCURRENT_SIGN_INS", "1"))
# Every sign-in form: the admin's, and Wagtail's front-end one (/_util/login/ in each edition),
# which is also reachable though readers are sent to the admin's (WAGTAIL_FRONTEND_LOGIN_URL:
# only staff have accounts).
LOGIN_SIGN_IN_PATHS = ("/admin/login/", "/_util/login/", "/ru/_util/login/", "/en/_util/login/")
LOGIN_GATED_PATHS = (*LOGIN_SIGN_IN_PATHS, "/admin/password_reset/")
WAGTAIL_FRONTEND_LOGIN_URL = "/admin/login/"
# IPv6 failures are counted per network of this prefix (one subscriber's /64), not per address.
LOGIN_IPV6_PREFIX = int(os.environ.get("LOGIN_IPV6_PREFIX", "64"))
# Across addresses an account is slowed, not locked (a lock would let anyone lock an editor out):
# past this many failures within the memory, attempts from addresses the account never signed in
# from are allowed once per LOGIN_ACCOUNT_SLOWDOWN_SECONDS per account; the owner is mailed once.
LOGIN_FAILURES_PER_ACCOUNT_GLOBAL = int(os.environ.get("LOGIN_FAILURES_PER_ACCOUNT_GLOBAL", "20"))
LOGIN_ACCOUNT_SLOWDOWN_SECONDS = int(os.environ.get("LOGIN_ACCOUNT_SLOWDOWN_SECONDS", "10"))
AXES_HANDLER = "vistka.accounts.throttle.ThrottleHandler"
AXES_CLIENT_IP_CALLABLE = "vistka.accounts.client_ip.throttle_address"  # IPv6 per /64
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = LOGIN_FAILURES_PER_ACCOUNT
AXES_COOLOFF_TIME = "vistka.accounts.throttle.cool_off"
AXES_LOCKOUT_CALLABLE = "vistka.accounts.throttle.lockout_response"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # a refused attempt writes nothing
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # sign-ins are in the audit trail and the staff sessions
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
PASSWORD_RESET_PER_ADDRESS = int(os.environ.get("PASSWORD_RESET_PER_ADDRESS", "5"))
PASSWORD_RESET_PER_ACCOUNT = int(os.environ.get("PASSWORD_RESET_PER_ACCOUNT", "3"))
PASSWORD_RESET_WINDOW_SECONDS = 3600

# Staff sessions: only the newsroom uses sessions (reader pages never load one).
STAFF_PATH_PREFIXES = ("/admin/", "/newsroom/")
STAFF_SESSION_IDLE_SECONDS = int(os.environ.get("STAFF_SESSION_IDLE_SECONDS", str(4 * 3600)))
STAFF_SESSION_MAX_SECONDS = int(os.environ.get("STAFF_SESSION_MAX_SECONDS", str(12 * 3600)))
SESSION_COOKIE_AGE = STAFF_SESSION_MAX_SECONDS

# --- Audit trail ------------------------------------------------------------------------------

# Audit entries older than this many days are deleted by the scheduler's daily purge (0 keeps all).
AUDIT_RETENTION_DAYS = int(os.environ.get("AUDIT_RETENTION_DAYS", "730"))

# --- Browser policies: Content-Security-Policy, Permissions-Policy ----------------------------

# The policies themselves are built per path in vistka/browserpolicy/policies.py (reader pages: no
# nonce, hashes of constant inline blocks; staff pages: a nonce per response). Named POLICY_*, not
# CSP_*: django-csp 4 reports CSP_* settings as its outdated format (csp.E001). Extra sources:
# CSP_FRAME_SRC: embed providers allowed in frames (the video players the oEmbed finder serves).
POLICY_FRAME_SRC = env_list(
    "CSP_FRAME_SRC",
    "https://www.youtube.com,https://www.youtube-nocookie.com,https://player.vimeo.com",
)
POLICY_IMG_SRC = env_list("CSP_IMG_SRC", "")
POLICY_FORM_ACTION = env_list("CSP_FORM_ACTION", "")
POLICY_REPORT_URI = os.environ.get("CSP_REPORT_URI", "/_csp-report/")
# Also the Reporting API (report-to, Reporting-Endpoints): Chromium then ignores report-uri, and it
# delivers Reporting API reports over https only, so by default only a site served over https asks.
POLICY_REPORT_TO = env_bool("CSP_REPORT_TO", BASE_URL.startswith("https://"))
POLICY_REPORT_MAX_BYTES = int(os.environ.get("CSP_REPORT_MAX_BYTES", "16384"))
POLICY_REPORTS_PER_CLIENT_MINUTE = int(os.environ.get("CSP_REPORTS_PER_CLIENT_MINUTE", "20"))
POLICY_REPORTS_PER_HOUR = int(os.environ.get("CSP_REPORTS_PER_HOUR", "1000"))
# Powerful features no page of the site uses; passkeys (publickey-credentials-*) stay this site's.
PERMISSIONS_POLICY = {
    "accelerometer": "()",
    "browsing-topics": "()",
    "camera": "()",
    "display-capture": "()",
    "geolocation": "()",
    "gyroscope": "()",
    "hid": "()",
    "magnetometer": "()",
    "microphone": "()",
    "midi": "()",
    "payment": "()",
    "publickey-credentials-create": "(self)",
    "publickey-credentials-get": "(self)",
    "serial": "()",
    "usb": "()",
}

# --- Request limits -----------------------------------------------------------------------------

# Request bodies (vistka.core.limits, the WSGI wrapper in vistka/wsgi.py) are refused with 413
# before they are read: REQUEST_MAX_BODY_BYTES for everyone, NEWSROOM_MAX_BODY_BYTES for signed-in
# staff on the newsroom's addresses (/admin/, /newsroom/: image and document uploads).
REQUEST_MAX_BODY_BYTES = int(os.environ.get("REQUEST_MAX_BODY_BYTES", 1024 * 1024))
NEWSROOM_MAX_BODY_BYTES = max(
    REQUEST_MAX_BODY_BYTES, int(os.environ.get("NEWSROOM_MAX_BODY_BYTES", 64 * 1024 * 1024))
)
# Form fields Django holds in memory (files are spooled apart): Django's 2.5 MiB, never more than
# the newsroom's limit lets through.
DATA_UPLOAD_MAX_MEMORY_SIZE = min(NEWSROOM_MAX_BODY_BYTES, 2621440)
WAGTAILDOCS_MAX_UPLOAD_SIZE = min(
    NEWSROOM_MAX_BODY_BYTES, int(os.environ.get("DOCUMENT_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))
)

# --- Scheduler (several workers, lateness) ---------------------------------------------------

# A scheduled publish or unpublish this many seconds past its time is "late": the scheduler logs
# a warning naming it, and vistka.newsroom.scheduling.lateness() reports it (readiness, metrics).
SCHEDULER_LATE_AFTER = float(os.environ.get("SCHEDULER_LATE_AFTER", 2 * SCHEDULER_INTERVAL))

# --- Backups ------------------------------------------------------------------------------------

# `manage.py backup` writes verified archives (database snapshot + media + manifest) here and keeps
# the newest BACKUP_KEEP of them (0: all) and, with BACKUP_KEEP_DAYS, none older than that.
INSTALLED_APPS += ["vistka.backups"]
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", VAR_DIR / "backups"))
BACKUP_KEEP = int(os.environ.get("BACKUP_KEEP", "14"))
BACKUP_KEEP_DAYS = int(os.environ.get("BACKUP_KEEP_DAYS", "0"))
# PostgreSQL client tools (pg_dump, pg_restore, psql) to use; default: the server's major version's.
BACKUP_PG_BIN = os.environ.get("BACKUP_PG_BIN", "")

# --- Fast path: the shield nobody steps around, stale on error ---------------------------------

# The fast path's store per app process: at most this many pages and fragments and about this many
# bytes (each body counted with its compressed copies); segmented LRU, so one-off URLs evict only
# one-off URLs. `vistka_staff` (vistka.delivery.staff_marker) is the only cookie that passes a
# public page to Django: issued to signed-in staff with a valid staff session, deleted otherwise.
FAST_PATH_MAX_ENTRIES = int(os.environ.get("FAST_PATH_MAX_ENTRIES", "20000"))
FAST_PATH_MAX_BYTES = int(os.environ.get("FAST_PATH_MAX_BYTES", str(256 * 1024 * 1024)))
MIDDLEWARE.insert(
    MIDDLEWARE.index("vistka.twofactor.middleware.SignedInOutsideMiddleware") + 1,
    "vistka.delivery.staff_marker.StaffMarkerMiddleware",
)

# --- Database outage ---------------------------------------------------------------------------

# A request that fails because the database is unavailable (refused, closed, terminated, locked)
# gets a 503 with Retry-After in the edition's language (JSON on /api/) instead of the 500 page;
# reader pages may be cached that long, the newsroom's never (vistka/outage). A newsroom form posted
# meanwhile comes back on that page, ready to be sent again.
INSTALLED_APPS += ["vistka.outage"]
# Outermost: it sees the 500 of a failure in any layer below (it keeps that response's policy headers).
MIDDLEWARE.insert(0, "vistka.outage.middleware.DatabaseOutageMiddleware")
OUTAGE_RETRY_AFTER = int(os.environ.get("OUTAGE_RETRY_AFTER", "5"))
OUTAGE_CACHE_SECONDS = int(os.environ.get("OUTAGE_CACHE_SECONDS", "5"))
# A kept connection is checked (a round trip) before its first use in a request: one that died with
# the database is replaced instead of failing the first request after it returns.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env_bool("DATABASE_CONN_HEALTH_CHECKS", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable server (not a refused port) must fail a request in seconds, not the OS's minutes.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "3"))
    )

# --- Purge delivery (vistka.delivery.purge_delivery) ---

# Each app process runs a thread delivering unacknowledged purges to Varnish every
# PURGE_DELIVERY_INTERVAL seconds (the scheduler does it once per pass as well); a Varnish that
# fails is retried with backoff up to PURGE_RETRY_MAX_SECONDS.
PURGE_DELIVERY_THREAD = env_bool("PURGE_DELIVERY_THREAD", True)
PURGE_DELIVERY_INTERVAL = float(os.environ.get("PURGE_DELIVERY_INTERVAL", "0.5"))
PURGE_RETRY_MAX_SECONDS = float(os.environ.get("PURGE_RETRY_MAX_SECONDS", "1"))
# The purge log keeps events PURGE_LOG_RETENTION_HOURS, longer while a Varnish has not acknowledged
# them, never more than PURGE_LOG_MAX_DAYS (that Varnish is then purged of everything).
PURGE_LOG_RETENTION_HOURS = float(os.environ.get("PURGE_LOG_RETENTION_HOURS", "24"))
PURGE_LOG_MAX_DAYS = float(os.environ.get("PURGE_LOG_MAX_DAYS", "7"))

# --- Concurrent saves (vistka.concurrency) ---

# A save based on an outdated revision or record version is refused and its content kept.
INSTALLED_APPS += ["vistka.concurrency"]
# Merged or dismissed refused saves are deleted after this many days (scheduler, purge_refused_saves).
REFUSED_SAVE_RETENTION_DAYS = int(os.environ.get("REFUSED_SAVE_RETENTION_DAYS", "30"))

# --- Observability: readiness, metrics, logs (vistka.observability) ---

# /_health/ready/ (readiness) and /_metrics are answered by the WSGI wrapper in vistka/wsgi.py.
INSTALLED_APPS += ["vistka.observability"]
MIDDLEWARE.append("vistka.observability.signals.DatabaseErrorMiddleware")  # last: sees view errors first
READY_TIMEOUT = float(os.environ.get("READY_TIMEOUT", "1"))  # seconds the checks may take together
READY_MAX_PURGE_LAG = float(os.environ.get("READY_MAX_PURGE_LAG", "60"))  # s; 0: unchecked, not in /_metrics
READY_MAX_SCHEDULER_LATENESS = float(os.environ.get("READY_MAX_SCHEDULER_LATENESS", "300"))  # 0: not checked
OBSERVABILITY_PURGE_STATUS = "vistka.delivery.purge_status.status"
OBSERVABILITY_SCHEDULER_LATENESS = "vistka.newsroom.scheduling.lateness"
# Who may read /_metrics: real client addresses or networks (X-Forwarded-For through TRUSTED_PROXIES),
# and when METRICS_TOKEN is set, only with `Authorization: Bearer <token>`. Everyone else gets 404.
METRICS_ALLOWED = env_list("METRICS_ALLOWED", "127.0.0.1,::1")
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
VARNISHSTAT_NAME = os.environ.get("VARNISHSTAT_NAME", "")  # varnishd -n of a local Varnish: its hit ratio
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")  # json (one object a line) or text
ACCESS_LOG = os.environ.get("ACCESS_LOG", "django")  # django: requests that reach Django; all; off
from vistka.observability import logging_config as _observability_logging  # noqa: E402

_observability_logging.apply(LOGGING, LOG_FORMAT, ACCESS_LOG)

# --- Varnish: staff marker passes (vistka.delivery.varnish_config -> site.vcl) ---

# Varnish cannot check the vistka_staff marker's signature, so a request carrying it passes to the
# app only while its client (X-Forwarded-For through TRUSTED_PROXIES) is under
# VARNISH_STAFF_PASS_PER_CLIENT and all marked requests together under VARNISH_STAFF_PASS_TOTAL
# ("<requests>/<seconds>s"); beyond that the marker is dropped and the cached page served.
VARNISH_STAFF_PASS_PER_CLIENT = os.environ.get("VARNISH_STAFF_PASS_PER_CLIENT", "30/10s")
VARNISH_STAFF_PASS_TOTAL = os.environ.get("VARNISH_STAFF_PASS_TOTAL", "50/1s")

# --- Sign-in flood (vistka.accounts.hashing, vistka.accounts.wsgi_gate) ---

# Password hashes (pbkdf2_sha256, Django's format) are computed in a low-priority helper
# process per app process at nice LOGIN_HASHING_NICE: a flood of sign-ins takes only CPU readers leave idle.
LOGIN_HASHING_NICE = int(os.environ.get("LOGIN_HASHING_NICE", "19"))
if not env_bool("FAST_PASSWORD_HASHER", False) and env_bool("LOGIN_LOW_PRIORITY_HASHING", True):
    from django.conf import global_settings  # noqa: E402

    # Django's own PBKDF2 hasher left out: of two hashers of one algorithm the last verifies.
    PASSWORD_HASHERS = [
        "vistka.accounts.hashing.LowPriorityPBKDF2PasswordHasher",
        *(name for name in global_settings.PASSWORD_HASHERS if not name.endswith(".PBKDF2PasswordHasher")),
    ]
# A sign-in post refused by the per-process gate (busy) or from an address/account this process
# already saw locked is answered before Django (no session, no database). A lock is remembered for
# at most LOGIN_GATE_MEMORY_SECONDS, then Django (the database) is asked again.
LOGIN_GATE_MEMORY_SECONDS = int(os.environ.get("LOGIN_GATE_MEMORY_SECONDS", "60"))

# --- Hard purges and late purge events (vistka.delivery.purge_log) ---
# A purge-log id not committed GAP_GRACE (60 s, database clock) after the next one is passed with a
# warning and still looked for this long: an event committed that late is applied and delivered.
PURGE_LATE_WINDOW_SECONDS = float(os.environ.get("PURGE_LATE_WINDOW_SECONDS", "900"))

# --- Delivery review: liveness over plain http ---
# Varnish's probe, systemd's and the container's health checks ask the app's own port over plain
# http: liveness is never redirected to https (SECURE_SSL_REDIRECT), or every backend looks sick.
SECURE_REDIRECT_EXEMPT = [r"^_health/$"]

# --- Observability review: readiness access, cache, site-wide checks ---
# /_health/ready/ answers only METRICS_ALLOWED clients (and METRICS_TOKEN), like /_metrics; a
# result is reused this many seconds per process: a flood of probes runs the checks once per that time.
READY_CACHE_SECONDS = float(os.environ.get("READY_CACHE_SECONDS", "1"))
# Purge lag and scheduler lateness are the site's, not one process's: by default over their limits
# they make readiness "degraded" (200, vistka_ready{check} 0); set these to fail it (503) instead.
READY_FAIL_ON_PURGE_LAG = env_bool("READY_FAIL_ON_PURGE_LAG", False)
READY_FAIL_ON_SCHEDULER_LATENESS = env_bool("READY_FAIL_ON_SCHEDULER_LATENESS", False)

# --- Admin language per staff member (vistka.newsroom.admin_language) ---
# Their own choice, else their edition's language, else LANGUAGE_CODE (not the browser's).
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "vistka.newsroom.admin_language.AdminLanguageMiddleware",
)

# --- Images: credit and caption with the image, large originals reduced (vistka.imagery) ---
# WAGTAILIMAGES_MAX_IMAGE_PIXELS and WAGTAILIMAGES_MAX_UPLOAD_SIZE bound what is stored; an original
# up to these ceilings is reduced to fit them on upload, a larger one is refused with advice.
INSTALLED_APPS += ["vistka.imagery"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "vistka.imagery.forms.ImageForm"
IMAGE_MAX_ORIGINAL_PIXELS = int(os.environ.get("IMAGE_MAX_ORIGINAL_PIXELS", 150_000_000))
IMAGE_MAX_ORIGINAL_BYTES = min(
    NEWSROOM_MAX_BODY_BYTES - 1024 * 1024,
    int(os.environ.get("IMAGE_MAX_ORIGINAL_BYTES", 50 * 1024 * 1024)),
)

# --- Notifications (vistka.notifications): in the admin, and by e-mail when EMAIL_URL is set ---
INSTALLED_APPS += ["vistka.notifications"]
# Rows per page of the notifications list and of each dashboard panel.
NOTIFICATIONS_PER_PAGE = int(os.environ.get("NOTIFICATIONS_PER_PAGE", "20"))
DASHBOARD_ROWS_PER_PANEL = int(os.environ.get("DASHBOARD_ROWS_PER_PANEL", "5"))

# --- Corrections to translate (vistka.corrections): flags other editions' versions of a corrected story ---
INSTALLED_APPS += ["vistka.corrections"]

# --- Abandoned drafts (vistka.newsroom.drafts) ---
# A new story is created by autosave only once it has a headline and a few words of lead or text;
# never-published stories without that, in no review and unscheduled, are deleted after this many
# hours untouched (the scheduler, hourly; manage.py purge_abandoned_drafts). 0: never deleted.
ABANDONED_DRAFT_HOURS = float(os.environ.get("ABANDONED_DRAFT_HOURS", "48"))

# WordPress import (vistka.wordpress): import bookkeeping for re-runs.
INSTALLED_APPS += ["vistka.wordpress"]

# Old WordPress addresses by parameter (`/?p=123`) looked up per second per app process; beyond
# it they answer a 302 to the edition's root without a lookup (vistka.delivery.fastpath).
OLD_ADDRESS_LOOKUPS_PER_SECOND = float(os.environ.get("OLD_ADDRESS_LOOKUPS_PER_SECOND", "20"))

# The newsroom's WordPress import page (vistka.wordpress.jobs): "process" starts a detached
# `manage.py run_wordpress_imports` for each upload; "worker" starts nothing (a supervised
# `manage.py run_wordpress_imports --forever` picks the jobs up).
WORDPRESS_IMPORT_RUNNER = os.environ.get("WORDPRESS_IMPORT_RUNNER", "process")
