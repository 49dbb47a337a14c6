import json

from django.core.management.base import BaseCommand

from divisions.planning.models import Project
from divisions.planning.services import duplicates_find


class Command(BaseCommand):
    help = (
        "Score every candidate pair of projects (a full run), keep the pairs worth review, and "
        "print each candidate with both projects' ids and external IDs, its score and band."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, format: str, **options):
        candidates = sorted(duplicates_find(), key=lambda c: -c.score)
        external = dict(
            Project.objects.filter(
                pk__in={pk for c in candidates for pk in (c.first, c.second)}
            ).values_list("pk", "external_id")
        )
        rows = [
            {
                "first": {"id": c.first, "external_id": external[c.first]},
                "second": {"id": c.second, "external_id": external[c.second]},
                "score": c.score,
                "band": c.band,
                "signals": c.signals,
            }
            for c in candidates
        ]
        if format == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1))
            return
        for row in rows:
            self.stdout.write(
                f"{row['score']:.3f}  {row['band']:<9}  #{row['first']['id']} "
                f"({row['first']['external_id']})  #{row['second']['id']} "
                f"({row['second']['external_id']})"
            )
