"""Settings for the test suite: the real PostgreSQL/PostGIS and Redis, separate databases."""

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "test-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
REDIS_URL = env("TEST_REDIS_URL", default="redis://127.0.0.1:6379/15")
CACHES["default"]["LOCATION"] = REDIS_URL  # noqa: F405
CACHES["default"]["KEY_PREFIX"] = "eecportal-test"  # noqa: F405
# The broker gets a database of its own: tests flush the cache database between tests.
CELERY_BROKER_URL = env("TEST_CELERY_BROKER_URL", default="redis://127.0.0.1:6379/13")
CELERY_RESULT_BACKEND = CELERY_BROKER_URL
# Made by `make test` as UTF-8 with PostGIS and pg_trgm, whatever the cluster's locale.
DATABASES["default"]["TEST"] = {  # noqa: F405
    "TEMPLATE": env("TEST_DATABASE_TEMPLATE", default="eecportal_template")
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Most tests sign staff in without a second factor; the two-factor tests switch it on.
OTP_REQUIRED = False
