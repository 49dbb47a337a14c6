"""Settings shared by every environment; each environment module overrides what differs."""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _
from django_guid.integrations import CeleryIntegration

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation must come before the admin so its admin patches apply.
    "modeltranslation",
    "eecportal.apps.PortalAdminConfig",  # django.contrib.admin with a second factor
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.forms",
    "rest_framework",
    "django_filters",
    "django_countries",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "csp",
    "auditlog",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_guid",
    "eecportal.apps.SignInRecordsConfig",  # django-axes
    "divisions.coordination",
    "divisions.spatial",
    "divisions.knowledge",
    "divisions.planning",
    "eecportal",
]

MIDDLEWARE = [
    # A request id for every request (or the X-Request-ID a proxy sent), on every log line,
    # in the response, in Celery tasks the request queues and in audit-log entries.
    "django_guid.middleware.guid_middleware",
    "eecportal.middleware.HealthCheckMiddleware",
    # Outermost after the health check: a hit skips the rest of the stack, and the stored
    # response carries the headers the inner middleware set when it was first rendered.
    "eecportal.pagecache.PublicPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "eecportal.middleware.RejectMalformedQueryMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "eecportal.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records who made each change the audit log keeps.
    "auditlog.middleware.AuditlogMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it answers locked-out sign-ins.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Sign-in throttling: 5 failures for the same user name from the same address lock that pair
# out for an hour; every success and failure is recorded with time (UTC), user and address.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_TEMPLATE = "eecportal/lockout.html"
# How many reverse proxies (load balancer, nginx) stand in front of gunicorn: rate limits and
# sign-in locks then take the reader's address from X-Forwarded-For, not the proxy's.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT or None
# Expensive public endpoints, per reader's address: (requests, seconds). Generous for people
# and GIS clients; a scraper or a runaway script gets 429 with Retry-After.
ENDPOINT_RATE_LIMITS = {
    "search": (env.int("RATE_LIMIT_SEARCH", default=120), 60),
    "download": (env.int("RATE_LIMIT_DOWNLOAD", default=30), 60),
    # Drawing tiles of zoom 0–LOW_ZOOM_TILE (not serving them from the tile cache) reads every
    # feature of whole provinces.
    "tiles-low-zoom": (env.int("RATE_LIMIT_LOW_ZOOM_TILES", default=600), 60),
}
LOW_ZOOM_TILE = 8
AXES_VERBOSE = False

ROOT_URLCONF = "eecportal.urls"
# Widgets render through TEMPLATES, so the project's templates/ tree can hold widget templates.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "eecportal.wsgi.application"

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
                "eecportal.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": env.db(
        "DATABASE_URL", default="postgis://eecportal:eecportal@127.0.0.1:5432/eecportal"
    )
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Search's trigram fallback: a Thai word missing one letter scores about 0.5, under the
# default 0.6, so relax the word-similarity threshold for this portal's connections.
# No JIT and no parallel workers: PostGIS functions carry high cost estimates, so tile queries
# of a few milliseconds crossed JIT's threshold (20 ms compiling) and were planned as parallel
# sequential scans instead of index scans (45 ms against 7 ms; measured with EXPLAIN ANALYZE).
# A web server answers many small queries at once; it gains nothing from either.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
    "-c pg_trgm.word_similarity_threshold=0.45 -c jit=off -c max_parallel_workers_per_gather=0"
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/0")
CACHES = {
    "default": {
        "BACKEND": "eecportal.cache.PortalRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="eecportal"),
    }
}
# Anonymous public pages are cached whole; any change to public content invalidates them.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# What a page shows of one record (a row of a list, a detail page's body) is kept too, for
# anonymous readers, and shared by every page and filter showing the record; the same
# changes invalidate it (0 turns it off).
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=600)
# Each web process also holds the parts it read lately, up to about this many bytes.
FRAGMENT_MEMORY_BYTES = env.int("FRAGMENT_MEMORY_BYTES", default=32 * 1024 * 1024)
# Vector tiles are kept in Redis under their layer's version (0 turns the tile cache off).
TILE_CACHE_SECONDS = env.int("TILE_CACHE_SECONDS", default=24 * 3600)
# Sessions live in Redis so any web process can serve any request.
SESSION_ENGINE = "django.contrib.sessions.backends.cache"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Thai first: the default language and the one used when the browser says nothing useful.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "th"
MODELTRANSLATION_LANGUAGES = ("th", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("th",), "th": ("en",)}
# modeltranslation's admin tabs use jQuery UI (setting named by that library); served by us.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# Public media (cover images) served by Django itself: for `make run`; in production a web
# server in front serves them (docker-compose's nginx), or they are on S3.
SERVE_PUBLIC_MEDIA = env.bool("SERVE_PUBLIC_MEDIA", default=False)

# Media go through Django's storage API: local disk unless an S3-compatible bucket is set.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env("AWS_S3_REGION_NAME", default=None),
            "access_key": env("AWS_ACCESS_KEY_ID", default=None),
            "secret_key": env("AWS_SECRET_ACCESS_KEY", default=None),
            "default_acl": None,
            "file_overwrite": False,
        },
    }
else:
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _media_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL",
    default="EEC Portal, Chon Buri PAO <noreply@eec.pao-chonburi.example.go.th>",
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL)
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A task whose worker died unacknowledged goes back to the queue once it is this many seconds
# old; workers look for such tasks every interval × throttle seconds (Redis transport).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    "unacked_restore_interval": env.int("CELERY_RESTORE_INTERVAL", default=10),
    "unacked_restore_throttle": env.int("CELERY_RESTORE_THROTTLE", default=10),
}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["divisions.core.api.ListFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "divisions.core.api.Pagination",
    "DEFAULT_RENDERER_CLASSES": [
        "divisions.core.api.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "PAGE_SIZE": 50,
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    # Staff use the API signed in to the portal (with its second factor); no passwords sent
    # with each request.
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "EEC Portal API",
    "DESCRIPTION": "Public and staff API of the PAO's EEC support division.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # The CKAN Action API is plain Django views; its actions are added to the schema.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "divisions.spatial.ckan.openapi_paths",
    ],
    "ENUM_NAME_OVERRIDES": {
        "Province": "divisions.core.provinces.Province",
        "TargetIndustry": "divisions.coordination.models.TargetIndustry",
    },
}

DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",
    "INTEGRATIONS": [CeleryIntegration(use_django_logging=True, log_parent=True)],
}
AUDITLOG_CID_HEADER = "X-Request-ID"
AUDITLOG_CID_GETTER = "django_guid.get_guid"

# Logs: one line a record with the request id; JSON lines when LOG_FORMAT=json (production).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {
            "()": "django_guid.log_filters.CorrelationId",
            "correlation_id_field": "request_id",
        }
    },
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": env("LOG_FORMAT", default="text"),
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# The division's public identity, shown in the header and footer: set them for your PAO (the
# defaults are demonstration values). The emblem is a file of the portal's static files or
# a path on this site (pages load nothing from other hosts).
PORTAL_CONTACT = {
    "address_th": env(
        "PORTAL_ADDRESS_TH",
        default="กองส่งเสริมเขตพัฒนาพิเศษภาคตะวันออก องค์การบริหารส่วนจังหวัดชลบุรี "
        "ถนนพระยาสัจจา ตำบลเสม็ด อำเภอเมืองชลบุรี จังหวัดชลบุรี 20000",
    ),
    "address_en": env(
        "PORTAL_ADDRESS_EN",
        default="EEC Support Division, Chon Buri Provincial Administrative Organization, "
        "Phraya Satcha Road, Samet, Mueang Chon Buri, Chon Buri 20000",
    ),
    "phone": env("PORTAL_PHONE", default="0 3800 0000"),
    "email": env("PORTAL_EMAIL", default="eec@pao-chonburi.example.go.th"),
    "hours_th": env("PORTAL_HOURS_TH", default="วันจันทร์–ศุกร์ 08.30–16.30 น. (เว้นวันหยุดราชการ)"),
    "hours_en": env("PORTAL_HOURS_EN", default="Monday–Friday 8:30–16:30 (except public holidays)"),
}
PORTAL_EMBLEM = env("PORTAL_EMBLEM", default="eecportal/emblem.svg")
# The province whose PAO runs this portal (ISO 3166-2 code): TH-20 Chon Buri by default.
PORTAL_PROVINCE = env("PORTAL_PROVINCE", default="TH-20")

# Debian 12 ships GDAL 3.6, which cannot block file and network access from spatial
# references; uploads are checked (and .prj/CRS restricted to EPSG codes) before GDAL reads them.
SILENCED_SYSTEM_CHECKS = ["gis.W001"]

# Periodic jobs; django-celery-beat copies them into its database schedule at start.
CELERY_BEAT_SCHEDULE = {
    "follow-digest": {
        "task": "eecportal.tasks.follow_digest_task",
        "schedule": crontab(hour=7, minute=0),
    },
    "search-index-reconcile": {
        "task": "eecportal.tasks.search_index_reconcile_task",
        "schedule": crontab(minute=40),
    },
    "privacy-requests-purge": {
        "task": "eecportal.tasks.privacy_requests_purge_task",
        "schedule": crontab(hour=3, minute=15),
    },
    "knowledge-publish-due": {
        "task": "divisions.knowledge.tasks.item_publish_due_task",
        "schedule": 60.0,
    },
    "spatial-harvest": {
        "task": "divisions.spatial.tasks.harvest_all_task",
        "schedule": crontab(hour=2, minute=30),
    },
    "spatial-quality-refresh": {
        "task": "divisions.spatial.tasks.dataset_quality_refresh_task",
        "schedule": crontab(hour=1, minute=45),
    },
    "spatial-import-leftovers-sweep": {
        "task": "divisions.spatial.tasks.import_leftovers_sweep_task",
        "schedule": 600.0,
    },
    "coordination-agreement-lifecycle": {
        "task": "divisions.coordination.tasks.agreements_lifecycle_task",
        "schedule": crontab(hour=0, minute=15),
    },
    "coordination-reminders": {
        "task": "divisions.coordination.tasks.reminders_send_task",
        "schedule": crontab(hour=7, minute=0),
    },
    "knowledge-weekly-digest": {
        "task": "divisions.knowledge.tasks.subscription_digest_task",
        "schedule": crontab(hour=8, minute=0, day_of_week="mon"),
    },
}

# Where the portal is reached from outside: used for links in emails sent by workers.
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")
MAX_DOCUMENT_UPLOAD_MB = env.int("MAX_DOCUMENT_UPLOAD_MB", default=20)
MAX_IMAGE_UPLOAD_MB = env.int("MAX_IMAGE_UPLOAD_MB", default=10)

# The public map's basemap: an XYZ raster tile URL ({z}/{x}/{y}); none by default, so the
# portal works offline. Its host is added to the Content-Security-Policy below.
MAP_BASEMAP = {
    "url": env("MAP_BASEMAP_URL", default=""),
    "attribution": env("MAP_BASEMAP_ATTRIBUTION", default=""),
}
_basemap_origin = "/".join(MAP_BASEMAP["url"].split("/")[:3]) if MAP_BASEMAP["url"] else ""

# Content-Security-Policy: every script is a file the portal serves (no inline scripts, no
# CDN). Inline style attributes are still allowed: Django's admin sets a few.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *filter(None, [_basemap_origin])],
        "font-src": ["'self'"],
        "connect-src": ["'self'", *filter(None, [_basemap_origin])],
        # The map's tile worker is a file the portal serves.
        "worker-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
MAX_LAYER_UPLOAD_MB = env.int("MAX_LAYER_UPLOAD_MB", default=200)
# A running import beats this often; three missed beats and it shows as interrupted, and its
# staging table and temporary files are swept.
UPLOAD_HEARTBEAT_SECONDS = env.int("UPLOAD_HEARTBEAT_SECONDS", default=10)
# Agreements are reminded of this many days before they expire (each once).
AGREEMENT_REMINDER_DAYS = env.list("AGREEMENT_REMINDER_DAYS", cast=int, default=[180, 90, 60, 30])
MAX_PROJECT_UPLOAD_MB = env.int("MAX_PROJECT_UPLOAD_MB", default=20)
# Duplicate detection's bands: a pair scoring at least this much is a probable duplicate, or
# needs review; below "review" it is not related.
PLANNING_DUPLICATE_BANDS = {
    "probable": env.float("PLANNING_PROBABLE_DUPLICATE", default=0.75),
    "review": env.float("PLANNING_NEEDS_REVIEW", default=0.55),
}
# The audit log: who changed what and when, for the records staff keep (knowledge items keep
# revisions of their own); read by division administrators in the admin.
# Every change of anyone's rights is logged: a user's groups, raw permissions and superuser
# status, and a group's permissions.
AUDITLOG_RIGHTS = {
    "auth.User": {"groups", "user_permissions"},
    "auth.Group": {"permissions"},
}
AUDITLOG_INCLUDE_TRACKING_MODELS = tuple(
    # Timestamps change on every save and say nothing; passwords are not the log's business.
    {
        "model": label,
        "exclude_fields": ["updated_at", "password", "last_login"],
        "m2m_fields": AUDITLOG_RIGHTS.get(label, set()),
    }
    for label in (
        "auth.User",
        "auth.Group",
        "coordination.Agency",
        "coordination.Contact",
        "coordination.Affiliation",
        "coordination.MeetingSeries",
        "coordination.Meeting",
        "coordination.AgendaItem",
        "coordination.Attendance",
        "coordination.ActionItem",
        "coordination.Agreement",
        "coordination.AgreementParty",
        "coordination.Obligation",
        "coordination.DataRequest",
        "coordination.Document",
        "planning.Plan",
        "planning.PlanNode",
        "planning.Project",
        "planning.Budget",
        "planning.Participation",
        "planning.ProjectPair",
        "spatial.Dataset",
        "spatial.Layer",
        "spatial.Resource",
        "spatial.HarvestSource",
    )
)
AUDITLOG_STORE_JSON_CHANGES = True

# Staff sign in to the admin with a second factor (an authenticator app, TOTP).
OTP_REQUIRED = env.bool("OTP_REQUIRED", default=True)
OTP_TOTP_ISSUER = "EEC Portal"
