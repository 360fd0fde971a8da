"""Default settings. A project's settings module overrides any of these.

Every setting is documented here, next to its default. Names and meanings are
Django's unless a comment says otherwise.
"""

# ---------------------------------------------------------------- core
# Show detailed error pages (never in production).
DEBUG = False
# Hosts this site may be served as; checked on every request when DEBUG is off.
# With DEBUG on and an empty list, localhost, 127.0.0.1 and [::1] are allowed.
ALLOWED_HOSTS = []
# Secret used for signing (sessions, CSRF, password reset). Required.
SECRET_KEY = ""
# Older secret keys still accepted when verifying signatures (key rotation).
SECRET_KEY_FALLBACKS = []
# Dotted names of the apps that make up the project.
INSTALLED_APPS = []
# Dotted path of the root URLconf module.
ROOT_URLCONF = None
# Dotted path of the WSGI application object used by runserver and Apache.
WSGI_APPLICATION = None
# Middleware classes, outermost first.
MIDDLEWARE = []
# Override the SCRIPT_NAME the application is mounted at (None: from the server).
FORCE_SCRIPT_NAME = None
# Add a trailing slash and redirect when a URL does not match (CommonMiddleware).
APPEND_SLASH = True
# Prepend "www." to the host (CommonMiddleware).
PREPEND_WWW = False
# Compiled regexes of User-Agent strings to refuse (CommonMiddleware).
DISALLOWED_USER_AGENTS = []
# Use the X-Forwarded-Host header to build absolute URLs (behind a proxy).
USE_X_FORWARDED_HOST = False
# Use the X-Forwarded-Port header.
USE_X_FORWARDED_PORT = False
# (header, value) telling that a proxied request was secure, e.g.
# ("HTTP_X_FORWARDED_PROTO", "https").
SECURE_PROXY_SSL_HEADER = None
# Let exceptions from views propagate to the WSGI server instead of a 500 page (tests).
DEBUG_PROPAGATE_EXCEPTIONS = False
# Class building the DEBUG error page and error reports.
DEFAULT_EXCEPTION_REPORTER = "framework.views.debug.ExceptionReporter"
# Class masking secrets (settings, META, sensitive variables) in error reports.
DEFAULT_EXCEPTION_REPORTER_FILTER = "framework.views.debug.SafeExceptionReporterFilter"
# Error views are set as handler400/handler403/handler404/handler500 in the root URLconf.

# ---------------------------------------------------------------- i18n / time
TIME_ZONE = "America/Chicago"
USE_TZ = True
LANGUAGE_CODE = "en-us"
USE_I18N = True
LOCALE_PATHS = []
DEFAULT_CHARSET = "utf-8"
# Formats used by the date/time template filters and form fields.
DATE_FORMAT = "N j, Y"
DATETIME_FORMAT = "N j, Y, P"
TIME_FORMAT = "P"
SHORT_DATE_FORMAT = "m/d/Y"
SHORT_DATETIME_FORMAT = "m/d/Y P"
# Formats for a month and year ("F Y") and a month and day ("F j"); date filter names.
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "F j"
# Client addresses that see debug information (the "debug" context processor).
INTERNAL_IPS = []
DATE_INPUT_FORMATS = [
    "%Y-%m-%d",
    "%m/%d/%Y",
    "%m/%d/%y",
    "%b %d %Y",
    "%b %d, %Y",
    "%d %b %Y",
    "%d %b, %Y",
    "%B %d %Y",
    "%B %d, %Y",
    "%d %B %Y",
    "%d %B, %Y",
]
TIME_INPUT_FORMATS = ["%H:%M:%S", "%H:%M:%S.%f", "%H:%M"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M:%S.%f",
    "%m/%d/%Y %H:%M",
    "%m/%d/%y %H:%M:%S",
    "%m/%d/%y %H:%M:%S.%f",
    "%m/%d/%y %H:%M",
]

# ---------------------------------------------------------------- databases
# Connection settings per alias; "default" is required for the ORM.
# Keys: ENGINE, NAME, USER, PASSWORD, HOST, PORT, OPTIONS, CONN_MAX_AGE,
# CONN_HEALTH_CHECKS, ATOMIC_REQUESTS, AUTOCOMMIT, TIME_ZONE, TEST.
DATABASES = {}
# Router classes deciding which database each query goes to.
DATABASE_ROUTERS = []
# Aliases of read replicas of "default" for framework.db.routers.PrimaryReplicaRouter.
DATABASE_REPLICAS = []
# Seconds a client stays on the primary after a write (PinPrimaryMiddleware cookie).
DATABASE_PIN_SECONDS = 5
# Implicit primary key type for models that do not declare one.
DEFAULT_AUTO_FIELD = "framework.db.models.BigAutoField"
# Modules holding each app's migrations, when not <app>.migrations (None: no migrations).
MIGRATION_MODULES = {}
# Extra directories loaddata searches for fixtures (after each app's fixtures/ directory).
FIXTURE_DIRS = []
# Extra serialization formats: {"format": "dotted.module.with.Serializer.and.Deserializer"}.
SERIALIZATION_MODULES = {}

# ---------------------------------------------------------------- templates
# Template engines in Django's format; the backend is
# "framework.template.backends.jinja2.Jinja2".
TEMPLATES = []
# Renderer for form widgets.
FORM_RENDERER = "framework.forms.renderers.Jinja2Renderer"

# ---------------------------------------------------------------- HTTP limits
# Largest request body (bytes), file uploads excluded, before 413-style SuspiciousOperation
# (a 400 response). None disables the check.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2621440  # 2.5 MiB
# Most GET/POST parameters in one request. None disables the check.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
# Most files in one multipart request. None disables the check.
DATA_UPLOAD_MAX_NUMBER_FILES = 100
# Uploads larger than this (bytes) stream to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2621440
# Directory for temporary upload files (None: the system default).
FILE_UPLOAD_TEMP_DIR = None
# Upload handler classes, in order.
FILE_UPLOAD_HANDLERS = [
    "framework.core.files.uploadhandler.MemoryFileUploadHandler",
    "framework.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Permissions of saved uploads and of directories created for them.
FILE_UPLOAD_PERMISSIONS = 0o644
FILE_UPLOAD_DIRECTORY_PERMISSIONS = None

# ---------------------------------------------------------------- static and media
STATIC_URL = None
STATIC_ROOT = None
STATICFILES_DIRS = []
STATICFILES_FINDERS = [
    "framework.contrib.staticfiles.finders.FileSystemFinder",
    "framework.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STORAGES = {
    "default": {"BACKEND": "framework.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "framework.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_URL = ""
MEDIA_ROOT = ""

# ---------------------------------------------------------------- logging
# Callable that configures logging from LOGGING (None: leave logging alone).
LOGGING_CONFIG = "logging.config.dictConfig"
# Extra dictConfig merged over the framework's defaults.
LOGGING = {}

# ---------------------------------------------------------------- email
EMAIL_BACKEND = "framework.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "localhost"
EMAIL_PORT = 25
EMAIL_HOST_USER = ""
EMAIL_HOST_PASSWORD = ""
EMAIL_USE_TLS = False
EMAIL_USE_SSL = False
EMAIL_TIMEOUT = None
EMAIL_FILE_PATH = None
EMAIL_SUBJECT_PREFIX = "[framework] "
DEFAULT_FROM_EMAIL = "webmaster@localhost"
SERVER_EMAIL = "root@localhost"
ADMINS = []
MANAGERS = []

# ---------------------------------------------------------------- cache
CACHES = {"default": {"BACKEND": "framework.core.cache.backends.locmem.LocMemCache"}}
CACHE_MIDDLEWARE_KEY_PREFIX = ""
CACHE_MIDDLEWARE_SECONDS = 600
CACHE_MIDDLEWARE_ALIAS = "default"

# ---------------------------------------------------------------- sessions
SESSION_ENGINE = "framework.contrib.sessions.backends.db"
SESSION_COOKIE_NAME = "sessionid"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 7 * 2
SESSION_COOKIE_DOMAIN = None
SESSION_COOKIE_SECURE = False
SESSION_COOKIE_PATH = "/"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = False
SESSION_CACHE_ALIAS = "default"
SESSION_FILE_PATH = None
SESSION_SERIALIZER = "framework.core.signing.JSONSerializer"

# ---------------------------------------------------------------- CSRF
CSRF_FAILURE_VIEW = "framework.views.csrf.csrf_failure"
CSRF_COOKIE_NAME = "csrftoken"
CSRF_COOKIE_AGE = 60 * 60 * 24 * 7 * 52
CSRF_COOKIE_DOMAIN = None
CSRF_COOKIE_PATH = "/"
CSRF_COOKIE_SECURE = False
CSRF_COOKIE_HTTPONLY = False
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_HEADER_NAME = "HTTP_X_CSRFTOKEN"
CSRF_TRUSTED_ORIGINS = []
CSRF_USE_SESSIONS = False

# ---------------------------------------------------------------- security
# SecurityMiddleware and XFrameOptionsMiddleware.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = False
SECURE_HSTS_SECONDS = 0
SECURE_REDIRECT_EXEMPT = []
SECURE_REFERRER_POLICY = "same-origin"
SECURE_SSL_HOST = None
SECURE_SSL_REDIRECT = False
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = []
# Cookie signing salt prefix (signed cookies).
SIGNING_BACKEND = "framework.core.signing.TimestampSigner"

# ---------------------------------------------------------------- auth
AUTH_USER_MODEL = "auth.User"
AUTHENTICATION_BACKENDS = ["framework.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/accounts/profile/"
LOGOUT_REDIRECT_URL = None
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
PASSWORD_HASHERS = [
    "framework.contrib.auth.hashers.PBKDF2PasswordHasher",
    "framework.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "framework.contrib.auth.hashers.Argon2PasswordHasher",
    "framework.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = []

# ---------------------------------------------------------------- sites, messages
SITE_ID = None
MESSAGE_STORAGE = "framework.contrib.messages.storage.fallback.FallbackStorage"

# ---------------------------------------------------------------- tests
TEST_RUNNER = "framework.test.runner.DiscoverRunner"
TEST_NON_SERIALIZED_APPS = []

# ---------------------------------------------------------------- Apache (framework only)
# Defaults for `manage.py apache ...` and `manage.py runserver`; see README "Deployment".
# Address and port the project's own httpd listens on.
APACHE_HOST = "127.0.0.1"
APACHE_PORT = 8000
# ServerName of the generated config (None: APACHE_HOST).
APACHE_SERVER_NAME = None
# Where `manage.py apache setup` writes the server root (None: <BASE_DIR>/.apache).
APACHE_SERVER_ROOT = None
# mod_wsgi daemon processes and threads per process.
APACHE_PROCESSES = 2
APACHE_THREADS = 10
# Unprivileged user and group for httpd children and daemons when started as root.
APACHE_USER = "www-data"
APACHE_GROUP = "www-data"
# glibc malloc arenas of a mod_wsgi process (None: glibc's default of 8 per core). Each
# daemon thread otherwise gets an arena of its own that keeps the memory it once held:
# 10 threads measured 20+ MiB more RSS after load. The MALLOC_ARENA_MAX variable wins.
APACHE_MALLOC_ARENAS = 2
# mod_wsgi daemon timeouts (seconds) and recycling.
APACHE_REQUEST_TIMEOUT = 60
APACHE_INACTIVITY_TIMEOUT = 0
APACHE_GRACEFUL_TIMEOUT = 15
APACHE_EVICTION_TIMEOUT = 30
APACHE_MAXIMUM_REQUESTS = 0
APACHE_QUEUE_TIMEOUT = 45
APACHE_LISTEN_BACKLOG = 500
# Largest request body Apache accepts (bytes, LimitRequestBody).
APACHE_LIMIT_REQUEST_BODY = 104857600
# The httpd binary and its modules directory used by `manage.py apache` (Debian's paths).
APACHE_HTTPD = "/usr/sbin/apache2"
APACHE_MODULES_DIR = "/usr/lib/apache2/modules"
# `apache vhost` / `apache setup --sites` serve each contrib.sites Site in its own daemon
# process group with the project's settings; map a Site's domain to another settings module
# here, e.g. {"sport.example.com": "project.settings_sport"}. A domain that is not a Site
# is an error.
APACHE_SITE_SETTINGS = {}
# Site path the admin is mounted at; the generated config gives it its own <Location>.
ADMIN_URL_PATH = "/admin/"
# Unfiltered admin changelists of PostgreSQL tables estimated above this many rows show
# the planner's estimate instead of running COUNT(*) (None: always count exactly).
ADMIN_ESTIMATED_COUNT_THRESHOLD = 100_000
