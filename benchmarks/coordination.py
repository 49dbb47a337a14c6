"""The coordinator dashboard with 10,000 meetings and 2,000 agreements."""

import random
import statistics
import time
from datetime import timedelta

from .harness import prepare_database, setup_django, write_section

MEETINGS = 10_000
AGREEMENTS = 2_000
RUNS = 30


def load_data() -> None:
    from django.db import connection
    from django.utils import timezone

    from divisions.coordination.models import (
        ActionItem,
        Agency,
        Agreement,
        AgreementParty,
        DataRequest,
        Meeting,
        MeetingSeries,
    )

    random.seed(5)
    agencies = Agency.objects.bulk_create(
        Agency(slug=f"agency-{n}", name_th=f"หน่วยงาน {n}", name_en=f"Agency {n}", kind="local")
        for n in range(200)
    )
    series = MeetingSeries.objects.bulk_create(
        MeetingSeries(slug=f"series-{n}", name_th=f"คณะทำงาน {n}", organiser=agencies[n])
        for n in range(50)
    )
    now = timezone.now()
    meetings = Meeting.objects.bulk_create(
        Meeting(
            series=series[n % 50],
            number=n // 50 + 1,
            year_be=2569,
            title_th=f"ประชุม {n}",
            kind="inter_agency",
            starts_at=now + timedelta(days=n - MEETINGS // 2),
            ends_at=now + timedelta(days=n - MEETINGS // 2, hours=2),
            is_public=n % 3 != 0,
        )  # fmt: skip
        for n in range(MEETINGS)
    )
    today = timezone.localdate()
    ActionItem.objects.bulk_create(
        ActionItem(
            meeting=meetings[n],
            description_th=f"งาน {n}",
            owner_agency=agencies[n % 200],
            due_date=today + timedelta(days=random.randint(-200, 200)),
            status=random.choice(["open", "in_progress", "done"]),
        )  # fmt: skip
        for n in range(0, MEETINGS, 2)
    )
    agreements = Agreement.objects.bulk_create(
        Agreement(
            registry_number=f"MOU-{n}",
            title_th=f"ข้อตกลง {n}",
            kind="mou",
            scope="domestic",
            status="active",
            expires_on=today + timedelta(days=random.randint(-400, 1500)),
            is_public=n % 2 == 0,
        )  # fmt: skip
        for n in range(AGREEMENTS)
    )
    AgreementParty.objects.bulk_create(
        AgreementParty(agreement=a, agency=agencies[n % 200]) for n, a in enumerate(agreements)
    )
    DataRequest.objects.bulk_create(
        DataRequest(
            agency=agencies[n % 200],
            direction="incoming",
            subject=f"ขอข้อมูล {n}",
            received_on=today,
            status=random.choice(["received", "fulfilled"]),
        )  # fmt: skip
        for n in range(1000)
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def run() -> None:
    prepare_database()
    setup_django()
    from django.contrib.auth.models import Group, User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    load_data()
    user = User.objects.create_user("coordinator", is_staff=True)
    user.groups.add(Group.objects.get(name="Coordinators"))
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    client.get("/th/coordination/dashboard/")  # warm-up
    timings = []
    for _ in range(RUNS):
        began = time.perf_counter()
        assert client.get("/th/coordination/dashboard/").status_code == 200
        timings.append((time.perf_counter() - began) * 1000)
    with CaptureQueriesContext(connection) as context:
        client.get("/th/coordination/dashboard/")
    p50 = statistics.median(timings)
    p95 = statistics.quantiles(timings, n=20)[-1]
    print(f"dashboard p50 {p50:.1f} ms, p95 {p95:.1f} ms, {len(context)} queries")
    write_section(
        "Coordination: the coordinator dashboard",
        f"""{MEETINGS:,} meetings in 50 series, {MEETINGS // 2:,} action items, {AGREEMENTS:,}
agreements and 1,000 data requests. The whole page (session, queries, rendering) through
Django's test client in one process, {RUNS} runs after a warm-up.

| Page | p50 ms | p95 ms | SQL queries |
|---|---:|---:|---:|
| Coordinator dashboard (th) | {p50:.1f} | {p95:.1f} | {len(context)} |

Target: under 20 queries.""",
    )
