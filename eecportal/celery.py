"""The Celery application: workers and beat share the Redis broker and read Django settings."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eecportal.settings.local")

app = Celery("eecportal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
