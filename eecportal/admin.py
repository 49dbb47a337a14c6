"""Site-wide admin settings."""

from django.contrib import admin
from django_celery_beat.models import (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
    SolarSchedule,
)

# Periodic jobs are defined in code (CELERY_BEAT_SCHEDULE); editing them in the admin would
# only let the two drift apart, and those screens have no Thai translation.
for model in (PeriodicTask, ClockedSchedule, CrontabSchedule, SolarSchedule, IntervalSchedule):
    admin.site.unregister(model)
