"""Load realistic bilingual demo content about the three EEC provinces; safe to run again."""

import json
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.contrib.gis.geos import Point
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone, translation

from divisions.coordination.models import (
    ActionItem,
    Agency,
    AgendaItem,
    Agreement,
    AgreementParty,
    Attendance,
    Meeting,
    MeetingSeries,
)
from divisions.coordination.services import (
    action_item_save,
    agency_upsert,
    agreement_save,
    meeting_save,
)
from divisions.core.provinces import Province
from divisions.knowledge.models import (
    Choice,
    Consultation,
    Item,
    ManualDocument,
    ManualFee,
    ManualStep,
    Participant,
    Question,
    ServiceManual,
    Topic,
)
from divisions.knowledge.services import item_publish, item_save, response_submit
from divisions.planning.models import Plan, PlanNode, Project
from divisions.planning.services import duplicates_find, projects_parse, projects_write
from divisions.spatial.models import Dataset, Layer, LayerAttribute
from divisions.spatial.services import dataset_save, layer_file_import
from eecportal.services import search_index_rebuild

from ..demo_covers import cover_png, province_places
from ..demo_knowledge import CONSULTATIONS, ITEMS, MANUALS
from ..demo_places import (
    ATTRIBUTE_LABELS,
    DATASET_DETAILS,
    DATASETS,
    FEATURES,
    KINDS,
    MEETINGS,
    MINUTES_SIGNATORIES,
    SERIES,
)

BANGKOK = ZoneInfo("Asia/Bangkok")
# The marker's colour on a demo item's cover picture, by kind.
COVER_COLOURS = {"news": "#c2255c", "event": "#e8590c", "best_practice": "#2f9e44"}
DEMO_EMAIL = "gis@eec.pao-chonburi.example.go.th"
# Agencies at every committee meeting.
ATTENDING = ("pao-chonburi", "dpt-chonburi", "eeco")

K = Agency.Kind
# slug, Thai name, English name, Thai short, English short, kind, parent slug, country,
# province, website
AGENCIES = [
    (
        "eeco",
        "สำนักงานคณะกรรมการนโยบายเขตพัฒนาพิเศษภาคตะวันออก",
        "Eastern Economic Corridor Office of Thailand",
        "สกพอ.",
        "EECO",
        K.CENTRAL,
        "",
        "TH",
        "TH-10",
        "https://www.eeco.or.th",
    ),
    (
        "dpt",
        "กรมโยธาธิการและผังเมือง",
        "Department of Public Works and Town & Country Planning",
        "ยผ.",
        "DPT",
        K.CENTRAL,
        "",
        "TH",
        "TH-10",
        "https://www.dpt.go.th",
    ),
    (
        "dpt-chonburi",
        "สำนักงานโยธาธิการและผังเมืองจังหวัดชลบุรี",
        "Chon Buri Provincial Office of Public Works and Town & Country Planning",
        "",
        "",
        K.PROVINCIAL,
        "dpt",
        "TH",
        "TH-20",
        "",
    ),
    (
        "pao-chonburi",
        "องค์การบริหารส่วนจังหวัดชลบุรี",
        "Chon Buri Provincial Administrative Organization",
        "อบจ.ชลบุรี",
        "Chon Buri PAO",
        K.LOCAL,
        "",
        "TH",
        "TH-20",
        "https://www.chon.go.th",
    ),
    (
        "pao-rayong",
        "องค์การบริหารส่วนจังหวัดระยอง",
        "Rayong Provincial Administrative Organization",
        "อบจ.ระยอง",
        "Rayong PAO",
        K.LOCAL,
        "",
        "TH",
        "TH-21",
        "",
    ),
    (
        "pao-chachoengsao",
        "องค์การบริหารส่วนจังหวัดฉะเชิงเทรา",
        "Chachoengsao Provincial Administrative Organization",
        "อบจ.ฉะเชิงเทรา",
        "Chachoengsao PAO",
        K.LOCAL,
        "",
        "TH",
        "TH-24",
        "",
    ),
    (
        "pattaya-city",
        "เมืองพัทยา",
        "Pattaya City",
        "",
        "",
        K.LOCAL,
        "",
        "TH",
        "TH-20",
        "https://www.pattaya.go.th",
    ),
    (
        "rayong-city",
        "เทศบาลนครระยอง",
        "Rayong City Municipality",
        "ทน.ระยอง",
        "",
        K.LOCAL,
        "",
        "TH",
        "TH-21",
        "",
    ),
    (
        "ban-bueng-town",
        "เทศบาลเมืองบ้านบึง",
        "Ban Bueng Town Municipality",
        "ทม.บ้านบึง",
        "",
        K.LOCAL,
        "",
        "TH",
        "TH-20",
        "",
    ),
    (
        "chachoengsao-town",
        "เทศบาลเมืองฉะเชิงเทรา",
        "Chachoengsao Town Municipality",
        "",
        "",
        K.LOCAL,
        "",
        "TH",
        "TH-24",
        "",
    ),
    (
        "khao-mai-kaeo-sao",
        "องค์การบริหารส่วนตำบลเขาไม้แก้ว",
        "",
        "อบต.เขาไม้แก้ว",
        "",
        K.LOCAL,
        "",
        "TH",
        "TH-20",
        "",
    ),
    (
        "rayong-provincial-office",
        "สำนักงานจังหวัดระยอง",
        "Rayong Provincial Office",
        "",
        "",
        K.PROVINCIAL,
        "",
        "TH",
        "TH-21",
        "",
    ),
    (
        "reo13",
        "สำนักงานสิ่งแวดล้อมภาคที่ 13 (ชลบุรี)",
        "Regional Environment Office 13 (Chon Buri)",
        "สสภ.13",
        "REO 13",
        K.REGIONAL,
        "",
        "TH",
        "TH-20",
        "",
    ),
    (
        "ieat",
        "การนิคมอุตสาหกรรมแห่งประเทศไทย",
        "Industrial Estate Authority of Thailand",
        "กนอ.",
        "IEAT",
        K.STATE_ENTERPRISE,
        "",
        "TH",
        "TH-10",
        "https://www.ieat.go.th",
    ),
    (
        "pat",
        "การท่าเรือแห่งประเทศไทย",
        "Port Authority of Thailand",
        "กทท.",
        "PAT",
        K.STATE_ENTERPRISE,
        "",
        "TH",
        "TH-10",
        "https://www.port.co.th",
    ),
    (
        "srt",
        "การรถไฟแห่งประเทศไทย",
        "State Railway of Thailand",
        "รฟท.",
        "SRT",
        K.STATE_ENTERPRISE,
        "",
        "TH",
        "TH-10",
        "https://www.railway.co.th",
    ),
    (
        "burapha-university",
        "มหาวิทยาลัยบูรพา",
        "Burapha University",
        "มบ.",
        "BUU",
        K.ACADEMIC,
        "",
        "TH",
        "TH-20",
        "https://www.buu.ac.th",
    ),
    (
        "fti-rayong",
        "สภาอุตสาหกรรมจังหวัดระยอง",
        "Federation of Thai Industries, Rayong Chapter",
        "ส.อ.ท. ระยอง",
        "FTI Rayong",
        K.PRIVATE,
        "",
        "TH",
        "TH-21",
        "",
    ),
    (
        "jica",
        "องค์การความร่วมมือระหว่างประเทศของญี่ปุ่น",
        "Japan International Cooperation Agency",
        "ไจก้า",
        "JICA",
        K.INTERNATIONAL,
        "",
        "JP",
        "",
        "https://www.jica.go.jp",
    ),
]


# The PAO plan's strategies (ยุทธศาสตร์), each with one approach and one programme, and the
# sectors of the projects that hang under it.
PLAN_TREE = [
    ("1", "การพัฒนาโครงสร้างพื้นฐานรองรับเขตพัฒนาพิเศษภาคตะวันออก",
     "พัฒนาเส้นทางคมนาคมและระบบระบายน้ำ", "แผนงานอุตสาหกรรมและการโยธา", ["transport"]),
    ("2", "การบริหารจัดการทรัพยากรน้ำ", "พัฒนาแหล่งน้ำเพื่อการเกษตรและการอุปโภคบริโภค",
     "แผนงานการเกษตร", ["water"]),
    ("3", "การพัฒนาคนและสังคม", "พัฒนาทักษะแรงงานและการศึกษา", "แผนงานการศึกษา",
     ["economy", "education"]),
]  # fmt: skip


# Where the demo agencies are (longitude, latitude), for the partners' map.
AGENCY_PLACES = {
    "eeco": (100.5652, 13.7466),
    "pao-chonburi": (100.9847, 13.3611),
    "pao-rayong": (101.2816, 12.6814),
    "pao-chachoengsao": (101.0779, 13.6904),
    "fti-rayong": (101.2576, 12.6901),
    "jica": (139.7386, 35.6751),
}
# Registry number, Thai and English titles, kind, scope, themes, signed, expires, parties.
DEMO_AGREEMENTS = [
    ("EEC-MOU-2568/01", "บันทึกความเข้าใจว่าด้วยการพัฒนาบุคลากรรองรับอุตสาหกรรมเป้าหมาย",
     "MOU on developing skills for the EEC's target industries", "mou", "domestic",
     ["automotive", "robotics"], date(2025, 2, 14), date(2028, 2, 13),
     ["pao-chonburi", "eeco", "fti-rayong"]),
    ("EEC-MOU-2568/02", "บันทึกความเข้าใจว่าด้วยความร่วมมือด้านการวางแผนเมืองและการจัดการน้ำ",
     "MOU on urban planning and water management", "mou", "international",
     ["digital"], date(2025, 6, 30), date(2030, 6, 29), ["pao-chonburi", "jica"]),
]  # fmt: skip
DEMO_STATUSES = {
    Project.Status.APPROVED: ["CB-P02-001", "RY-P02-032", "CC-P02-042"],
    Project.Status.IN_PROGRESS: ["CC-P02-041", "PT-P02-022", "RY-P02-031"],
    Project.Status.DONE: ["PT-P02-021"],
}


class Command(BaseCommand):
    help = "Load bilingual demo content about Chachoengsao, Chon Buri and Rayong (idempotent)."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            agencies, projects = self._content()
        # Layers are imported by ogr2ogr through a connection of its own: after the commit.
        datasets = self._datasets(agencies)
        with transaction.atomic():
            meetings = self._meetings(agencies)
        indexed = search_index_rebuild()
        self.stdout.write(
            f"Demo content: {len(agencies)} agencies, {len(ITEMS)} knowledge items, "
            f"{projects} projects, {datasets} datasets with layers, {meetings} meetings, "
            f"{indexed} records indexed."
        )

    def _content(self) -> tuple[dict[str, Agency], int]:
        agencies: dict[str, Agency] = {}
        for (
            slug,
            name_th,
            name_en,
            short_th,
            short_en,
            kind,
            parent,
            country,
            province,
            website,
        ) in AGENCIES:
            agencies[slug] = agency_upsert(
                slug=slug,
                name_th=name_th,
                name_en=name_en,
                short_name_th=short_th,
                short_name_en=short_en,
                kind=kind,
                parent=agencies.get(parent),
                country=country,
                province=province,
                website=website,
            )
        for fields in ITEMS:
            self._item(dict(fields), agencies)
        for fields in CONSULTATIONS:
            self._consultation(dict(fields))
        for fields in MANUALS:
            self._manual(dict(fields))
        self._agreements(agencies)
        return agencies, self._projects(agencies)

    def _datasets(self, agencies: dict[str, Agency]) -> int:
        """The catalog's datasets, each with a layer imported through the import service."""
        for slug, title_th, title_en, category, about_th, about_en, keywords in DATASETS:
            dataset = Dataset.objects.filter(slug=slug).first() or Dataset(slug=slug)
            dataset.title_th, dataset.title_en = title_th, title_en
            dataset.description_th, dataset.description_en = about_th, about_en
            dataset.category, dataset.keywords = category, keywords
            dataset.publisher = agencies["eeco"]
            dataset.maintainer, dataset.maintainer_email = "กลุ่มงานข้อมูลเชิงพื้นที่", DEMO_EMAIL
            dataset.data_source = "สำนักงานคณะกรรมการนโยบายเขตพัฒนาพิเศษภาคตะวันออก"
            dataset.provinces = ["TH-20", "TH-21", "TH-24"]
            dataset.license = Dataset.License.CC_BY
            dataset.update_frequency = Dataset.Frequency.YEAR
            dataset.classification = Dataset.Classification.PUBLIC
            for field, value in DATASET_DETAILS.get(slug, {}).items():
                setattr(dataset, field, value)
            dataset = dataset_save(dataset=dataset)
            if Layer.objects.filter(slug=slug, version__gt=0).exists():
                continue
            features = [
                {"type": "Feature",
                 "properties": {"name_th": name_th, "name_en": name_en,
                                "kind_th": KINDS[kind][0], "kind_en": KINDS[kind][1]},
                 "geometry": {"type": kind_of_geometry, "coordinates": coordinates}}
                for kind_of_geometry, coordinates, name_th, name_en, kind in FEATURES[slug]
            ]  # fmt: skip
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / f"{slug}.geojson"
                collection = {"type": "FeatureCollection", "features": features}
                path.write_text(json.dumps(collection, ensure_ascii=False), "utf-8")
                job = layer_file_import(
                    dataset=dataset, slug=slug, title_th=title_th, title_en=title_en, path=path
                )
            if job.status != job.Status.SUCCEEDED:
                raise CommandError(f"{slug}: {job.error}")
            for name, (label_th, label_en) in ATTRIBUTE_LABELS.items():
                LayerAttribute.objects.filter(layer__slug=slug, name=name).update(
                    label_th=label_th, label_en=label_en
                )
        return len(DATASETS)

    def _meetings(self, agencies: dict[str, Agency]) -> int:
        """A committee's meetings: agenda and decisions, attendance, minutes (adopted at the
        next meeting), action items that carry over until done."""
        slug, name_th, name_en, organiser = SERIES
        series, _created = MeetingSeries.objects.get_or_create(
            slug=slug,
            defaults={"name_th": name_th, "name_en": name_en, "organiser": agencies[organiser]},
        )
        made = []
        for (number, year, day, title_th, title_en, (place_th, place_en), point, minutes_status,
             agenda, (minutes_th, minutes_en), actions) in MEETINGS:  # fmt: skip
            starts = datetime.combine(day, time(9, 30), tzinfo=BANGKOK)
            meeting = Meeting.objects.filter(series=series, number=number, year_be=year).first()
            if meeting is not None:
                made.append(meeting)
                continue
            meeting = meeting_save(
                meeting=Meeting(
                    series=series, number=number, year_be=year, title_th=title_th,
                    title_en=title_en, kind=Meeting.Kind.INTER_AGENCY, place_th=place_th,
                    place_en=place_en, location=Point(*point, srid=4326), starts_at=starts,
                    ends_at=starts + timedelta(hours=2, minutes=30), is_public=True,
                    minutes_th=minutes_th, minutes_en=minutes_en, minutes_status=minutes_status,
                    **MINUTES_SIGNATORIES,
                )
            )  # fmt: skip
            meeting.agencies.set([agencies[a] for a in ATTENDING])
            for position, (item, item_th, item_en, decision_th, decision_en) in enumerate(agenda):
                AgendaItem.objects.create(
                    meeting=meeting, number=item, position=position, title_th=item_th,
                    title_en=item_en, decision_th=decision_th, decision_en=decision_en,
                )  # fmt: skip
            if starts < timezone.now():
                for attending in ATTENDING:
                    Attendance.objects.create(meeting=meeting, agency=agencies[attending],
                                              status=Attendance.Status.ATTENDED)  # fmt: skip
            for description_th, description_en, owner, due, status in actions:
                action_item_save(
                    action=ActionItem(
                        meeting=meeting, description_th=description_th,
                        description_en=description_en, owner_agency=agencies[owner],
                        due_date=due, status=status,
                    )
                )  # fmt: skip
            made.append(meeting)
        # The minutes of each meeting were adopted at the next one.
        for meeting, following in zip(made, made[1:], strict=False):
            if meeting.minutes_status == Meeting.MinutesStatus.ADOPTED:
                meeting.minutes_adopted_at = following
                meeting_save(meeting=meeting)
        return len(made)

    def _item(self, fields: dict, agencies: dict[str, Agency]) -> None:
        topics = Topic.objects.filter(slug__in=fields.pop("topics"))
        organisation = fields.pop("organisation", None)
        location = fields.pop("location", None)
        published_at = fields.pop("published_at")
        item = Item.objects.filter(title_th=fields["title_th"]).first() or Item()
        for name, value in fields.items():
            setattr(item, name, value)
        item.organisation = agencies.get(organisation) if organisation else None
        item.location = Point(*location, srid=4326) if location else None
        if not item.cover_image:
            places = [location] if location else province_places(item.provinces)
            colour = COVER_COLOURS.get(item.kind, "#0b4f6c")
            item.cover_image = ContentFile(cover_png(places=places, colour=colour), "cover.png")
            names = [Province(code) for code in item.provinces]
            with translation.override("th"):
                item.cover_alt_th = "แผนที่ตำแหน่งในจังหวัด" + " ".join(str(n.label) for n in names)
            with translation.override("en"):
                item.cover_alt_en = "Map of where: " + ", ".join(str(n.label) for n in names)
        item.publish_at = published_at
        item_save(item=item, user=None, topics=topics)
        item_publish(item=item, user=None)

    def _consultation(self, fields: dict) -> None:
        questions = fields.pop("questions")
        responses = fields.pop("responses", [])
        consultation, created = Consultation.objects.update_or_create(
            title_th=fields["title_th"], defaults=fields | {"is_public": True}
        )
        if not created:
            return
        made = []
        for position, (text_th, text_en, kind, choices) in enumerate(questions):
            question = Question.objects.create(
                consultation=consultation, position=position, kind=kind,
                text_th=text_th, text_en=text_en, required=kind == Question.Kind.SINGLE,
            )  # fmt: skip
            made.append(question)
            for order, (choice_th, choice_en) in enumerate(choices):
                Choice.objects.create(
                    question=question, position=order, text_th=choice_th, text_en=choice_en
                )
        during = consultation.opens_at + (consultation.closes_at - consultation.opens_at) / 2
        for number, picks in enumerate(responses, start=1):
            participant = Participant.objects.create(
                consultation=consultation, email=f"resident{number}@example.com",
                language="th", token=f"demo-{consultation.pk}-{number}",
            )  # fmt: skip
            answers = {}
            for question, pick in zip(made, picks, strict=True):
                if question.kind == Question.Kind.TEXT:
                    answers[question.pk] = pick
                else:
                    options = list(question.choices.all())
                    answers[question.pk] = [options[index].pk for index in pick]
            response_submit(participant=participant, answers=answers, now=during)

    def _manual(self, fields: dict) -> None:
        steps, documents, fees = fields.pop("steps"), fields.pop("documents"), fields.pop("fees")
        manual, created = ServiceManual.objects.update_or_create(
            title_th=fields["title_th"], defaults=fields | {"is_public": True}
        )
        if not created:
            return
        for position, (th, en, days, who_th, who_en) in enumerate(steps):
            ManualStep.objects.create(
                manual=manual, position=position, description_th=th, description_en=en,
                days=days, responsible_th=who_th, responsible_en=who_en,
            )  # fmt: skip
        for position, (th, en, originals, copies, by_th, by_en) in enumerate(documents):
            ManualDocument.objects.create(
                manual=manual, position=position, name_th=th, name_en=en,
                originals=originals, copies=copies, issued_by_th=by_th, issued_by_en=by_en,
            )  # fmt: skip
        for th, en, amount in fees:
            ManualFee.objects.create(
                manual=manual, description_th=th, description_en=en, amount=amount
            )

    def _agreements(self, agencies: dict[str, Agency]) -> None:
        for slug, (lon, lat) in AGENCY_PLACES.items():
            Agency.objects.filter(slug=slug).update(location=Point(lon, lat, srid=4326))
        for (
            number,
            title_th,
            title_en,
            kind,
            scope,
            themes,
            signed,
            expires,
            parties,
        ) in DEMO_AGREEMENTS:
            agreement = Agreement.objects.filter(registry_number=number).first() or Agreement(
                registry_number=number
            )
            agreement.title_th, agreement.title_en = title_th, title_en
            agreement.kind, agreement.scope, agreement.themes = kind, scope, themes
            agreement.signed_on = agreement.effective_on = signed
            agreement.expires_on, agreement.status, agreement.is_public = expires, "active", True
            agreement_save(agreement=agreement)
            for slug in parties:
                AgreementParty.objects.get_or_create(agreement=agreement, agency=agencies[slug])

    def _projects(self, agencies: dict[str, Agency]) -> int:
        """A PAO's local development plan, and projects of several agencies imported through
        the import service (some of them the same work planned twice)."""
        plan, _created = Plan.objects.get_or_create(
            agency=agencies["pao-chonburi"],
            kind=Plan.Kind.LOCAL,
            start_year=2566,
            end_year=2570,
            defaults={
                "title_th": "แผนพัฒนาท้องถิ่น องค์การบริหารส่วนจังหวัดชลบุรี",
                "title_en": "Local development plan of the Chon Buri PAO",
            },
        )
        programmes = {}
        for number, strategy, approach, programme, sectors in PLAN_TREE:
            node = {"plan": plan, "code": number}
            top, _c = PlanNode.objects.get_or_create(
                **node, level=PlanNode.Level.STRATEGY, defaults={"title_th": strategy}
            )
            middle, _c = PlanNode.objects.get_or_create(
                plan=plan, code=f"{number}.1", level=PlanNode.Level.APPROACH, parent=top,
                defaults={"title_th": approach},
            )  # fmt: skip
            leaf, _c = PlanNode.objects.get_or_create(
                plan=plan, code=f"{number}.1.1", level=PlanNode.Level.PROGRAMME, parent=middle,
                defaults={"title_th": programme},
            )  # fmt: skip
            programmes.update(dict.fromkeys(sectors, leaf))
        path = Path(__file__).resolve().parent.parent / "demo_projects.csv"
        with path.open("rb") as handle:
            rows = projects_parse(file=File(handle, name=path.name))
        projects_write(rows=rows, is_public=True)
        for project in Project.objects.filter(agency=agencies["pao-chonburi"]):
            project.plan, project.programme = plan, programmes.get(project.sector)
            project.save(update_fields=["plan", "programme"])
        for status, ids in DEMO_STATUSES.items():
            Project.objects.filter(external_id__in=ids).update(status=status)
        # A project still being negotiated stays internal.
        Project.objects.filter(external_id="EO-FLAG-001").update(
            is_public=False, flagship="u-tapao"
        )
        duplicates_find()
        return len(rows)
