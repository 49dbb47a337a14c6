from django.db import migrations

# The areas in which the paper asks the division to explain the EEC's benefits and impacts.
TOPICS = [
    ("economy", "เศรษฐกิจและการลงทุน", "Economy and investment"),
    ("jobs", "การจ้างงานและทักษะ", "Jobs and skills"),
    ("environment", "สิ่งแวดล้อม", "Environment"),
    ("society", "สังคมและคุณภาพชีวิต", "Society and quality of life"),
    ("infrastructure", "โครงสร้างพื้นฐาน", "Infrastructure"),
    ("land-use", "การใช้ที่ดินและผังเมือง", "Land use and town planning"),
]


def create_topics(apps, schema_editor):
    Topic = apps.get_model("knowledge", "Topic")
    for slug, name_th, name_en in TOPICS:
        Topic.objects.update_or_create(
            slug=slug, defaults={"name": name_th, "name_th": name_th, "name_en": name_en}
        )


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [migrations.RunPython(create_topics, migrations.RunPython.noop)]
