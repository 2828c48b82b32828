"""Settings shared by every environment.

Everything that differs between machines comes from the environment (the
table in README.md); the defaults are the embedded ones that `make run`
uses: SQLite and a SQLite-backed Celery broker in ``var/``, e-mail written to
``var/outbox/``.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import PIL.Image
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env(name: str, default: str = "") -> str:
    """Read a setting from the environment; a variable set but empty counts as unset."""
    return os.environ.get(name) or default


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if not value:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
# Old keys after a rotation: signed links keep working, and the suppression
# list (newsletter.privacy.keyed_digest) still recognises addresses that
# opted out under an old key. Keep them as long as those matter.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", SITE_URL)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "home",
    "blog",
    "newsletter",
    "registrations",
    "staff",
    "navigation",
    "demo",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "anymail",
    "axes",
    "csp",
    "dbbackup",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First of all: a cached page is sent with the headers the rest of the
    # chain gave it when it was stored (security headers, CSP, X-Frame-Options),
    # so a hit runs nothing else. It leaves plain HTTP to SecurityMiddleware's
    # redirect where HTTPS is required (navigation/page_cache.py).
    "navigation.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "website.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "website.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL: readers never wait for a writer, and a commit needs no fsync of its
    # own (synchronous=NORMAL keeps every commit when a process dies; a power
    # cut may lose the last few). The sender commits each delivery as it goes.
    # IMMEDIATE: a transaction takes the write lock when it starts, so two
    # writers queue up instead of one failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHE_URL = env("CACHE_URL")
if CACHE_URL.startswith("redis"):
    CACHES = {"default": {"BACKEND": "core.redis_cache.RedisCache", "LOCATION": CACHE_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# How long a CDN or proxy in front may hold an anonymous page (Cache-Control:
# s-maxage). Publishing purges the site's own page cache, not such a cache.
PAGE_CACHE_SHARED_MAX_AGE = int(env("PAGE_CACHE_SHARED_MAX_AGE", "60"))

# Login throttling (django-axes), in every environment so that the tests
# cover it: 10 wrong passwords within 15 minutes for one username (from any
# addresses) lock that username, and 10 from one address (whatever the
# usernames) lock that address, for 15 minutes; a right password before then
# clears its own (username, address) count (website/login_throttle.py).
# Addresses come from core.client_ip (TRUSTED_PROXY_COUNT).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# How many proxies of our own (load balancer, CDN) stand in front of the web
# processes and append to X-Forwarded-For; 0 trusts no such header.
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
# Where those proxies connect from (addresses or networks): X-Forwarded-For
# is ignored on any other connection. Loopback, where gunicorn listens by default.
TRUSTED_PROXY_ADDRESSES = env_list("TRUSTED_PROXY_ADDRESSES", "127.0.0.0/8,::1")
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_HANDLER = "website.login_throttle.LoginThrottleHandler"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
# Log lines name neither the username nor the address (both masked), and no
# row is kept for successful logins: only what the throttle needs.
AXES_VERBOSE = False
AXES_DISABLE_ACCESS_LOG = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation. Latvian must be LANGUAGE_CODE before the first
# migrate: wagtail-localize makes the first Locale from it.
LANGUAGE_CODE = "lv"
LANGUAGES = [("lv", "Latviešu"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# The project's own catalogue first (it wins); then Latvian for the Wagtail admin
# strings Wagtail's own catalogue leaves untranslated (see README.md).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_wagtail"]
FORMAT_MODULE_PATH = ["core.formats"]
# The admin's date pickers write dates the Latvian way (15.12.2026); both
# languages' format modules read them back (DATE_INPUT_FORMATS).
WAGTAIL_DATE_FORMAT = "%d.%m.%Y"
WAGTAIL_DATETIME_FORMAT = "%d.%m.%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
TIME_ZONE = "Europe/Riga"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
# Wagtail documents: outside MEDIA_ROOT, served by nothing but Wagtail's
# checked view /documents/<id>/<name> (core/media_storage.py).
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private-media")))
# Uploaded files are served by Django only where no proxy or S3 does it.
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
STORAGES = {
    # Routes documents/… to "documents" and the rest to "public_media".
    "default": {"BACKEND": "core.media_storage.MediaStorage"},
    "public_media": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "documents": {
        "BACKEND": "core.media_storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Documents always go through Wagtail's view, which checks a private
# collection's rules first; never a redirect to the file's own address.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Media on S3-style storage (django-storages, `pip install -e ".[s3]"`) when a
# bucket is named; every web process and worker then sees the same files.
# The AWS_* names are django-storages' own (AWS_S3_ENDPOINT_URL for
# non-Amazon providers, AWS_S3_CUSTOM_DOMAIN for a CDN in front).
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_LOCATION = env("AWS_LOCATION", "media")
    # Uploads never overwrite each other; no public ACL is set on objects.
    AWS_S3_FILE_OVERWRITE = False
    AWS_DEFAULT_ACL = None
    # Images are public: plain URLs that cached pages can keep (the bucket
    # policy or the CDN grants read on the media/ prefix only).
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", False)
    STORAGES["public_media"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    # Documents: another prefix (or bucket) that no policy makes public and
    # no CDN fronts; Django streams them after the privacy check.
    STORAGES["documents"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_DOCUMENTS_BUCKET_NAME", AWS_STORAGE_BUCKET_NAME),
            "location": env("AWS_DOCUMENTS_LOCATION", "private"),
            "custom_domain": None,
            "querystring_auth": True,
        },
    }

# Backups (django-dbbackup, docs/deployment.md): `dbbackup` and `mediabackup`
# (media and the private documents: both are in the default storage),
# gzip-compressed, nightly from beat, the newest BACKUP_KEEP of each kept.
# To a folder (BACKUP_DIR) or, with BACKUP_BUCKET_NAME, S3-style storage.
BACKUP_DIR = Path(env("BACKUP_DIR", str(VAR_DIR / "backups")))
STORAGES["dbbackup"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(BACKUP_DIR)},
}
if env("BACKUP_BUCKET_NAME"):
    STORAGES["dbbackup"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("BACKUP_BUCKET_NAME"),
            "location": env("BACKUP_LOCATION", "backups"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL") or None,
            "default_acl": None,
            "querystring_auth": True,
            "custom_domain": None,
        },
    }
DBBACKUP_CLEANUP_KEEP = int(env("BACKUP_KEEP", "14"))
DBBACKUP_CLEANUP_KEEP_MEDIA = DBBACKUP_CLEANUP_KEEP
# One series of backups whichever worker machine runs the job.
DBBACKUP_HOSTNAME = env("BACKUP_SERVER_NAME", "cilveks")
# SQLite: an SQL dump replayed in one transaction (core/backups.py says why).
DBBACKUP_CONNECTOR_MAPPING = {"django.db.backends.sqlite3": "core.backups.SqliteSnapshotConnector"}
# A failure is logged by the worker; there is no ADMINS list to mail.
DBBACKUP_SEND_EMAIL = False

# Upload limits: the editors upload photos and the handbook, nothing bigger.
# Request bodies held in memory (forms) and file parts before spooling to disk:
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
# No SVG: an SVG can carry script, and it would be served from our origin.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
# Decompression bombs: a small file that unpacks into a huge bitmap. Wagtail
# refuses an upload above this many pixels (frames included); Pillow's own
# guard gets the same figure for every other path that opens an image (it
# warns above it and refuses twice as many).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
PIL.Image.MAX_IMAGE_PIXELS = WAGTAILIMAGES_MAX_IMAGE_PIXELS
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024

WAGTAIL_SITE_NAME = "Cilvēks: izmaiņu veicinātājs!"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Lower case and diacritics folded, no stemming: what SQLite's FTS5 does
    # (home migration 0006 creates it; docs/search.md).
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "simple_unaccent"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: the admin would send a hash of each editor's e-mail address to
# a third party (and the CSP would have to allow its images).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# ASCII slugs: "ģimeņu-atbalsts" becomes "gimenu-atbalsts", easy to type and share.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_PASSWORD_RESET_ENABLED = True
# At most 3 reset e-mails an hour per address and 10 per client (website/login_throttle.py).
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "website.login_throttle.ThrottledPasswordResetForm"

# E-mail: Django's own names; files in var/outbox/ unless told otherwise.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "outbox"
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
# The display name is quoted: its colon would otherwise end the address.
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", '"Cilvēks: izmaiņu veicinātājs!" <info@example.org>')
NEWSLETTER_FROM_EMAIL = env("NEWSLETTER_FROM_EMAIL", DEFAULT_FROM_EMAIL)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# anymail: ANYMAIL_ESP names the ESP ("brevo", "mailgun", "postmark",
# "amazon_ses", ...); every ANYMAIL_* variable becomes a key of ANYMAIL.
ANYMAIL_ESP = env("ANYMAIL_ESP")
ANYMAIL = {
    key.removeprefix("ANYMAIL_"): value
    for key, value in os.environ.items()
    if key.startswith("ANYMAIL_") and key != "ANYMAIL_ESP" and value
}
if ANYMAIL_ESP and "EMAIL_BACKEND" not in os.environ:
    EMAIL_BACKEND = f"anymail.backends.{ANYMAIL_ESP}.EmailBackend"

NEWSLETTER_RATE_PER_SECOND = float(env("NEWSLETTER_RATE_PER_SECOND", "0"))  # 0: unlimited
# Seconds after which a claimed recipient is taken back from a (dead) worker.
NEWSLETTER_CLAIM_TIMEOUT = float(env("NEWSLETTER_CLAIM_TIMEOUT", "90"))

# Celery. The embedded default is kombu's SQLAlchemy transport on a SQLite
# file: it needs no server and survives a worker crash (see docs/celery.md).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", f"sqla+sqlite:///{VAR_DIR / 'celery-broker.sqlite3'}")
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Visitors' messages through form pages are deleted after this many days (the
# privacy page says so).
FEEDBACK_RETENTION_DAYS = int(os.environ.get("FEEDBACK_RETENTION_DAYS", "365"))
# Registrations keep the person this many days after the event's last session,
# then are anonymised (registrations/privacy.py; the privacy page says so).
# Five years: funders' audits (ESF+, EEA grants) ask for attendance lists for
# years after the last payment; set it to what the grant agreement says.
REGISTRATIONS_RETENTION_DAYS = int(os.environ.get("REGISTRATIONS_RETENTION_DAYS", "1826"))

CELERY_BEAT_SCHEDULE = {
    "publish-scheduled-pages": {
        "task": "core.tasks.publish_scheduled_pages",
        "schedule": 60.0,
    },
    "resume-newsletter-dispatches": {
        "task": "newsletter.tasks.resume_dispatches",
        "schedule": 30.0,
    },
    "purge-old-form-submissions": {
        "task": "home.tasks.purge_old_form_submissions",
        "schedule": crontab(hour=3, minute=50),
    },
    "back-up-site": {
        "task": "core.tasks.back_up_site",
        "schedule": crontab(hour=2, minute=30),
    },
    "remind-registrants": {
        "task": "registrations.tasks.send_reminders",
        "schedule": crontab(minute=5),
    },
    # Registrations past their retention lose the person (registrations/privacy.py).
    "purge-old-registrations": {
        "task": "registrations.privacy.purge_registrations",
        "schedule": crontab(hour=3, minute=45),
    },
    # GDPR hygiene: people who never confirmed are erased after 30 days.
    "purge-unconfirmed-subscribers": {
        "task": "newsletter.tasks.purge_unconfirmed_subscribers",
        "schedule": crontab(hour=3, minute=40),
    },
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
if CELERY_BROKER_URL.startswith("redis"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}

# Logs go to the console (stdout in production, as JSON lines); e-mail
# addresses, IP addresses and tokens are masked (website/logging_privacy.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {
            "()": "website.logging_privacy.PlainFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
        "json": {
            "()": "website.logging_privacy.JsonLinesFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # One line per search-index update is noise at INFO.
        "django_tasks": {"level": "WARNING"},
        "wagtail.contrib.redirects": {"level": "WARNING"},
        # WeasyPrint logs each step of every certificate's layout at INFO.
        "weasyprint": {"level": "WARNING"},
        # No personal data in logs: at DEBUG, Django's template engine logs every
        # missing variable with the whole template context (a subscriber's address).
        "django.template": {"level": "INFO"},
    },
}

# Tag URLs in ASCII, like page slugs: ?tag=gimenu-atbalsts.
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True

# The admin's login form: Wagtail's, with the password field labelled in Latvian.
WAGTAILADMIN_USER_LOGIN_FORM = "staff.forms.LoginForm"
