"""Serve the portal as production does, on one machine (`make run`): gunicorn with a fixed
number of sync workers (so the database sees a bounded number of connections, however many
readers come), a Celery worker and Celery beat. If any of them ends, the others are stopped
and the command fails loudly: scheduled publishing and e-mails never stop in silence."""

import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand
from honcho.manager import Manager


class Command(BaseCommand):
    help = "Run gunicorn, a Celery worker and Celery beat together; stop all if one ends."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000")
        parser.add_argument("--web-workers", type=int, default=3)
        parser.add_argument("--worker-concurrency", type=int, default=2)

    def handle(self, *args, bind: str, web_workers: int, worker_concurrency: int, **options):
        python = sys.executable
        schedule = settings.BASE_DIR / "var" / "celerybeat-schedule"
        schedule.parent.mkdir(parents=True, exist_ok=True)
        processes = {
            "web": f"{python} -m gunicorn eecportal.wsgi:application --bind {bind} "
            f"--workers {web_workers} --access-logfile -",
            "worker": f"{python} -m celery -A eecportal worker --loglevel=info "
            f"--concurrency={worker_concurrency}",
            "beat": f"{python} -m celery -A eecportal beat --loglevel=info --schedule={schedule}",
        }
        manager = Manager()
        for name, command in processes.items():
            manager.add_process(name, command, env=os.environ.copy(), cwd=settings.BASE_DIR)
        manager.loop()
        self.stderr.write(self.style.ERROR("The portal stopped: one of its processes ended."))
        sys.exit(manager.returncode or 1)
