"""Uploads run by a Celery worker with a progress bar in the admin, shared by every section
that imports files (layers, project tables): the record, its admin and its status answer."""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from django.conf import settings
from django.contrib import admin
from django.core.cache import cache
from django.db import models, transaction
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _


class UploadJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED, editable=False
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0, editable=False)
    stage = models.CharField(_("stage"), max_length=255, blank=True, editable=False)
    # What the job did, or why it failed: {"errors": [{"row": n, "message": "…"}, …]}.
    report = models.JSONField(_("report"), default=dict, blank=True, editable=False)
    error = models.TextField(_("error"), blank=True, editable=False)
    # The uploader's language at upload time: the report and errors are written in it.
    language = models.CharField(max_length=5, default="th", editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def when(self) -> str:
        """When it was uploaded, in local time and the reader's calendar (BE in Thai)."""
        from .thai import format_date

        return format_date(self.created_at, translation.get_language() or "th", "short_time")

    def progress_key(self) -> str:
        return f"upload-job:{self._meta.label_lower}:{self.pk}"

    def heartbeat_key(self) -> str:
        return f"{self.progress_key()}:alive"

    def worker_at_it(self) -> bool:
        """A worker runs the job now (its heartbeat is fresh)."""
        return cache.get(self.heartbeat_key()) is not None

    def state(self) -> tuple[str, str]:
        """The job's state and its label as staff should read it: a job marked running whose
        worker stopped beating (killed, machine lost) is "interrupted" until a worker takes
        it up again (its task goes back to the queue)."""
        if self.status == self.Status.RUNNING and not self.worker_at_it():
            return "interrupted", str(INTERRUPTED)
        return self.status, str(self.get_status_display())

    def progress_set(self, percent: int, stage: str) -> None:
        """Progress for the admin's bar. Kept in the cache too: a job that writes in one
        transaction cannot show its progress through the database until it commits."""
        cache.set(self.progress_key(), {"progress": percent, "stage": stage}, 3600)
        type(self).objects.filter(pk=self.pk).update(progress=percent, stage=stage)


T = TypeVar("T")
INTERRUPTED = _("Interrupted: the worker stopped. The import will be tried again shortly.")


@contextmanager
def job_heartbeat(job: UploadJob) -> Iterator[None]:
    """Beat for the job while its worker runs it (a thread of its own, into the cache, which
    no transaction of the job can hold up): when the beats stop, the job shows as interrupted
    and what it left behind may be swept."""
    stop = threading.Event()
    seconds = settings.UPLOAD_HEARTBEAT_SECONDS

    def beat() -> None:
        while True:
            cache.set(job.heartbeat_key(), 1, timeout=seconds * 3)
            if stop.wait(seconds):
                return

    thread = threading.Thread(target=beat, name=f"heartbeat-{job.pk}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        cache.delete(job.heartbeat_key())


def upload_job_run(
    job: UploadJob,
    *,
    stage: Callable[[], T],
    write: Callable[[T], dict],
    refusals: tuple[type[Exception], ...],
    failure: Callable[[Exception], dict],
    cleanup: Callable[[], None] = lambda: None,
) -> UploadJob:
    """Run an upload job to its end, the same way for every section: `stage` reads and checks
    the upload outside any transaction; `write` puts it in place inside one, under a lock on
    the job, and returns the report. A job that already ended is left as it is, and a retried
    job (a worker died) that finds its own work committed stops there: it runs once. A refusal
    marks the job failed with the fields `failure` gives; `cleanup` runs whatever happens."""
    model = type(job)
    if job.status in (job.Status.SUCCEEDED, job.Status.FAILED):
        return job
    with translation.override(job.language), job_heartbeat(job):
        model.objects.filter(pk=job.pk).update(status=job.Status.RUNNING)
        try:
            staged = stage()
            with transaction.atomic():
                locked = model.objects.select_for_update().get(pk=job.pk)
                if locked.status == job.Status.SUCCEEDED:
                    return locked
                report = write(staged)
                model.objects.filter(pk=job.pk).update(
                    status=job.Status.SUCCEEDED, progress=100, stage=_("Done"), report=report,
                    finished_at=timezone.now(),
                )  # fmt: skip
        except refusals as refused:
            model.objects.filter(pk=job.pk).update(
                status=job.Status.FAILED, finished_at=timezone.now(), **failure(refused)
            )
        finally:
            cleanup()
    job.refresh_from_db()
    return job


def job_status_response(job: UploadJob) -> JsonResponse:
    """A job's progress as the admin's progress bar polls it."""
    live = cache.get(job.progress_key()) if job.status == job.Status.RUNNING else None
    status, label = job.state()
    return JsonResponse(
        {
            "status": status,
            "status_label": label,
            "progress": (live or {}).get("progress", job.progress),
            "stage": (live or {}).get("stage", job.stage),
            "error": job.error,
            "report": job.report,
        },
        headers={"Cache-Control": "no-store"},
    )


class UploadJobAdmin:
    """Admin of an upload job: made by the section's `job_create` service, never edited, and
    shown with a live progress bar (template admin/upload_job_change_form.html)."""

    change_form_template = "admin/upload_job_change_form.html"
    list_display = ["__str__", "state_label", "progress", "created_by", "created_at", "finished_at"]
    list_filter = ["status"]
    # State, progress, stage, error and report are the live box above the fields (one truthful
    # state, which the page reloads once the job has ended); the fields say what was uploaded.
    readonly_fields = ["created_by", "created_at", "finished_at"]
    status_url_name = ""  # the section's status view, taking the job's pk
    # The sentence shown when the job succeeds, with {name} for values of its report.
    report_template = ""

    @admin.display(description=_("status"), ordering="status")
    def state_label(self, job: UploadJob) -> str:
        return job.state()[1]

    def job_create(self, request, form):
        raise NotImplementedError

    def has_change_permission(self, request, obj=None):
        return False  # a job is a record of what happened; upload again to change data

    def save_model(self, request, obj, form, change):
        job = self.job_create(request, form)
        # The admin goes on with `obj` (history, redirect): make it the job the service made.
        obj.pk, obj.created_at, obj._state.adding = job.pk, job.created_at, False

    def response_add(self, request, obj, post_url_continue=None):
        # Straight to the job's page, where its progress bar runs.
        info = obj._meta.app_label, obj._meta.model_name
        return HttpResponseRedirect(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not str(object_id).isdigit():  # the admin answers that no such job exists
            return super().change_view(request, object_id, form_url, extra_context)
        extra_context = (extra_context or {}) | {
            "status_url": reverse(self.status_url_name, kwargs={"pk": object_id}),
            "report_template": self.report_template,
        }
        return super().change_view(request, object_id, form_url, extra_context)
