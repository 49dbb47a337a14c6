"""Realistic Thai project records for the duplicate-detection benchmarks and the labelled set.

Projects are built the way local development plans write them (work, route, village,
subdistrict, dimensions, budget per fiscal year). A *duplicate* is the same piece of work written
up a second time by another agency (a subdistrict's ผ.02 and the PAO's ผ.02/2 request): other
abbreviations, Thai digits, word order, a paraphrased objective, another budget estimate, a year
earlier or later, with or without coordinates. *Not duplicates* include the hard cases: the same
work in another village of the same subdistrict, another soi of the same road, another kind of
work on the same route, the same work in another district. The label comes from construction:
which piece of work each record describes.

`python -m benchmarks.planning_data` writes tests/planning/data/labelled_pairs.json."""

import json
import random
import sys
from pathlib import Path

LABELLED_PATH = Path(__file__).resolve().parent.parent / "tests/planning/data/labelled_pairs.json"

# province, district, subdistricts, (lon, lat) of the district
PLACES = [
    ("TH-20", "เมืองชลบุรี", ["บางปลาสร้อย", "มะขามหย่ง", "บ้านโขด", "แสนสุข", "บ้านสวน", "หนองรี",
                            "นาป่า", "หนองข้างคอก", "ดอนหัวฬ่อ", "หนองไม้แดง", "บางทราย",
                            "คลองตำหรุ", "เหมือง", "บ้านปึก", "ห้วยกะปิ", "เสม็ด", "อ่างศิลา",
                            "สำนักบก"], (100.98, 13.36)),
    ("TH-20", "ศรีราชา", ["ศรีราชา", "สุรศักดิ์", "ทุ่งสุขลา", "บึง", "หนองขาม", "เขาคันทรง",
                         "บางพระ", "บ่อวิน"], (100.93, 13.17)),
    ("TH-20", "บางละมุง", ["บางละมุง", "หนองปรือ", "หนองปลาไหล", "โป่ง", "เขาไม้แก้ว", "ห้วยใหญ่",
                          "ตะเคียนเตี้ย", "นาเกลือ"], (100.92, 12.97)),
    ("TH-20", "บ้านบึง", ["บ้านบึง", "คลองกิ่ว", "มาบไผ่", "หนองซ้ำซาก", "หนองบอนแดง", "หนองชาก",
                         "หนองอิรุณ", "หนองไผ่แก้ว"], (101.10, 13.31)),
    ("TH-20", "สัตหีบ", ["สัตหีบ", "นาจอมเทียน", "พลูตาหลวง", "บางเสร่", "แสมสาร"], (100.91, 12.66)),
    ("TH-20", "พานทอง", ["พานทอง", "หนองตำลึง", "มาบโป่ง", "หนองกะขะ", "หนองหงษ์", "โคกขี้หนอน",
                        "บ้านเก่า", "หน้าประดู่", "บางนาง", "เกาะลอย", "บางหัก"], (101.09, 13.46)),
    ("TH-21", "เมืองระยอง", ["ท่าประดู่", "เชิงเนิน", "ตะพง", "ปากน้ำ", "เพ", "แกลง", "บ้านแลง",
                            "นาตาขวัญ", "เนินพระ", "กะเฉด", "ทับมา", "น้ำคอก", "ห้วยโป่ง",
                            "มาบตาพุด", "สำนักทอง"], (101.28, 12.68)),
    ("TH-21", "ปลวกแดง", ["ปลวกแดง", "ตาขัน", "มาบยางพร", "หนองไร่", "แม่น้ำคู้", "ละหาร"],
     (101.20, 12.97)),
    ("TH-21", "บ้านฉาง", ["บ้านฉาง", "พลา", "สำนักท้อน"], (101.06, 12.73)),
    ("TH-21", "แกลง", ["ทางเกวียน", "วังหว้า", "ชากโดน", "เนินฆ้อ", "กร่ำ", "ชากพง", "กองดิน",
                      "บ้านนา", "ห้วยยาง", "ทุ่งควายกิน", "ปากน้ำกระแส"], (101.65, 12.78)),
    ("TH-21", "นิคมพัฒนา", ["นิคมพัฒนา", "มาบข่า", "พนานิคม", "มะขามคู่"], (101.18, 12.84)),
    ("TH-24", "เมืองฉะเชิงเทรา", ["หน้าเมือง", "ท่าไข่", "บ้านใหม่", "คลองนา", "บางตีนเป็ด",
                                 "บางไผ่", "คลองจุกกระเฌอ", "บางแก้ว", "บางขวัญ", "วังตะเคียน",
                                 "โสธร", "บางพระ", "บางกะไห", "หนามแดง", "คลองเปรง",
                                 "คลองอุดมชลจร", "คลองหลวงแพ่ง", "บางเตย"], (101.08, 13.69)),
    ("TH-24", "บางปะกง", ["บางปะกง", "ท่าสะอ้าน", "บางวัว", "บางสมัคร", "บางผึ้ง", "บางเกลือ",
                         "สองคลอง", "หนองจอก", "พิมพา", "ท่าข้าม", "หอมศีล", "เขาดิน"],
     (100.99, 13.50)),
    ("TH-24", "พนมสารคาม", ["เกาะขนุน", "บ้านซ่อง", "พนมสารคาม", "เมืองเก่า", "หนองยาว", "ท่าถ่าน",
                           "หนองแหน", "เขาหินซ้อน"], (101.35, 13.75)),
]  # fmt: skip
VILLAGE_NAMES = [
    "หนองไผ่", "เนินสูง", "มาบยาง", "ห้วยตู้", "คลองหลวง", "หนองค้อ", "เขาไม้แก้ว", "หนองปลาไหล",
    "ชากแง้ว", "โค้งดารา", "มาบข่า", "หนองกระบอก", "ดอนหัวฬ่อ", "หัวถนน", "ท่าเรือ", "เนินกระปรอก",
    "หนองเสือช้าง", "ไร่หลักทอง", "บ่อทอง", "คลองตำหรุ",
]  # fmt: skip
AGENCIES = ["pao-chonburi", "pao-rayong", "pao-chachoengsao", "pattaya-city", "rayong-city",
            "dpt-chonburi", "eeco"]  # fmt: skip


def _road(rng: random.Random) -> tuple[str, str]:
    a, b = rng.sample(VILLAGE_NAMES, 2)
    return a, b


# Each kind of work: sector, title patterns (long form, short forms), objective phrasings,
# target pattern, budget range (THB). {a} and {b} are village names on the route, {soi} a number.
WORKS = {
    "road": {
        "sector": "transport",
        "titles": [
            "ก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้าน{a}-บ้าน{b} หมู่ที่ {v} ตำบล{s}",
            "โครงการก่อสร้างถนน คสล. สายบ้าน{a} - บ้าน{b} ม.{v} ต.{s}",
            "ก่อสร้างถนน ค.ส.ล. เชื่อมบ้าน{a}กับบ้าน{b} หมู่ {v}",
            "ถนนคอนกรีตเสริมเหล็กสายบ้าน{a}–บ้าน{b} (หมู่ที่ {v})",
        ],
        "objectives": [
            "เพื่อให้ประชาชนมีเส้นทางคมนาคมที่สะดวกและปลอดภัยในการสัญจร",
            "เพื่อให้ประชาชนสัญจรไปมาได้สะดวก ปลอดภัย และขนส่งผลผลิตทางการเกษตรได้รวดเร็ว",
            "เพื่อพัฒนาเส้นทางคมนาคมให้ได้มาตรฐาน ประชาชนสัญจรสะดวก",
        ],
        "target": "ถนนกว้าง {w} เมตร ยาว {l} เมตร หนา 0.15 เมตร",
        "budget": (800_000, 6_000_000),
        "group": "ประชาชนหมู่ที่ {v}",
    },
    "soi": {
        "sector": "transport",
        "titles": [
            "ก่อสร้างถนนคอนกรีตเสริมเหล็ก ซอย {soi} หมู่ที่ {v} ตำบล{s}",
            "ก่อสร้างถนน คสล. ซอย {soi} ม.{v} ต.{s}",
            "โครงการถนน คสล. ในซอย {soi} หมู่ {v}",
        ],
        "objectives": [
            "เพื่อให้ประชาชนในซอยมีถนนที่ได้มาตรฐานสำหรับการสัญจร",
            "เพื่อแก้ไขปัญหาถนนในซอยชำรุดเป็นหลุมบ่อ ประชาชนสัญจรสะดวก",
        ],
        "target": "ถนนกว้าง {w} เมตร ยาว {l} เมตร",
        "budget": (300_000, 1_500_000),
        "group": "ประชาชนหมู่ที่ {v}",
    },
    "drain": {
        "sector": "water",
        "titles": [
            "ก่อสร้างรางระบายน้ำคอนกรีตเสริมเหล็ก พร้อมบ่อพัก สายบ้าน{a}-บ้าน{b} หมู่ที่ {v} ตำบล{s}",
            "ก่อสร้างรางระบายน้ำ คสล. สายบ้าน{a}-บ้าน{b} ม.{v} ต.{s}",
            "วางท่อระบายน้ำ ค.ส.ล. พร้อมบ่อพัก บ้าน{a} หมู่ที่ {v}",
        ],
        "objectives": [
            "เพื่อแก้ไขปัญหาน้ำท่วมขังในฤดูฝนและระบายน้ำได้รวดเร็ว",
            "เพื่อป้องกันน้ำท่วมขังบ้านเรือนประชาชน ระบายน้ำลงสู่คลองสาธารณะ",
        ],
        "target": "รางระบายน้ำกว้าง 0.{w}0 เมตร ยาว {l} เมตร พร้อมบ่อพัก",
        "budget": (400_000, 4_000_000),
        "group": "ครัวเรือนหมู่ที่ {v}",
    },
    "canal": {
        "sector": "water",
        "titles": [
            "ขุดลอกคลอง{a} หมู่ที่ {v} ตำบล{s}",
            "โครงการขุดลอกคลอง{a} ม.{v} ต.{s} เพื่อการเกษตร",
            "ขุดลอกคลองสาธารณะ (คลอง{a}) หมู่ {v}",
        ],
        "objectives": [
            "เพื่อเพิ่มปริมาณการกักเก็บน้ำไว้ใช้ในการเกษตรและแก้ไขปัญหาน้ำท่วม",
            "เพื่อให้น้ำไหลสะดวก ลดปัญหาน้ำท่วม และมีน้ำใช้ในฤดูแล้ง",
        ],
        "target": "ขุดลอกคลองกว้าง {w} เมตร ยาว {l} เมตร ลึก 2 เมตร",
        "budget": (300_000, 2_500_000),
        "group": "เกษตรกรหมู่ที่ {v}",
    },
    "water": {
        "sector": "water",
        "titles": [
            "ก่อสร้างระบบประปาหมู่บ้าน บ้าน{a} หมู่ที่ {v} ตำบล{s}",
            "โครงการก่อสร้างประปาหมู่บ้านแบบผิวดิน ม.{v} บ้าน{a}",
            "ระบบประปาหมู่บ้าน หมู่ที่ {v} (บ้าน{a}) ต.{s}",
        ],
        "objectives": [
            "เพื่อให้ประชาชนมีน้ำอุปโภคบริโภคที่สะอาดและเพียงพอ",
            "เพื่อแก้ไขปัญหาการขาดแคลนน้ำประปาสำหรับอุปโภคบริโภค",
        ],
        "target": "ระบบประปาผิวดินขนาดกลาง 1 แห่ง",
        "budget": (1_500_000, 5_000_000),
        "group": "ครัวเรือนหมู่ที่ {v}",
    },
    "light": {
        "sector": "society",
        "titles": [
            "ติดตั้งไฟฟ้าส่องสว่างพลังงานแสงอาทิตย์ สายบ้าน{a}-บ้าน{b} หมู่ที่ {v}",
            "โครงการติดตั้งโคมไฟถนนโซลาร์เซลล์ บ้าน{a} ม.{v} ต.{s}",
        ],
        "objectives": [
            "เพื่อให้ประชาชนมีความปลอดภัยในชีวิตและทรัพย์สินในเวลากลางคืน",
            "เพื่อเพิ่มแสงสว่างบนถนน ลดอุบัติเหตุและอาชญากรรม",
        ],
        "target": "โคมไฟพลังงานแสงอาทิตย์ {w}0 ต้น",
        "budget": (200_000, 1_200_000),
        "group": "ประชาชนผู้ใช้เส้นทาง",
    },
    "childcare": {
        "sector": "education",
        "titles": [
            "ก่อสร้างอาคารศูนย์พัฒนาเด็กเล็ก บ้าน{a} หมู่ที่ {v} ตำบล{s}",
            "โครงการก่อสร้าง ศพด. บ้าน{a} ม.{v}",
        ],
        "objectives": [
            "เพื่อให้เด็กปฐมวัยมีสถานที่เรียนที่ได้มาตรฐานและปลอดภัย",
            "เพื่อรองรับเด็กเล็กในพื้นที่ให้ได้รับการพัฒนาอย่างเหมาะสมตามวัย",
        ],
        "target": "อาคารศูนย์พัฒนาเด็กเล็ก 1 หลัง รองรับเด็ก {w}0 คน",
        "budget": (2_000_000, 8_000_000),
        "group": "เด็กปฐมวัย",
    },
    "training": {
        "sector": "economy",
        "titles": [
            "ฝึกอบรมอาชีพแก่ประชาชน ตำบล{s} เพื่อรองรับอุตสาหกรรมใน EEC",
            "โครงการส่งเสริมอาชีพและพัฒนาทักษะแรงงาน ต.{s} รองรับ อีอีซี",
        ],
        "objectives": [
            "เพื่อพัฒนาทักษะแรงงานในพื้นที่ให้ตรงกับความต้องการของอุตสาหกรรมเป้าหมาย",
            "เพื่อยกระดับทักษะฝีมือแรงงานท้องถิ่นให้มีงานทำในเขตพัฒนาพิเศษภาคตะวันออก",
        ],
        "target": "ผู้เข้ารับการอบรม {w}0 คน",
        "budget": (100_000, 600_000),
        "group": "แรงงานในพื้นที่",
    },
}


def _thai_digits(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))


def work(rng: random.Random, *, kind: str | None = None, place=None) -> dict:
    """One piece of work: what it is and where, before anybody writes it up."""
    kind = kind or rng.choice(list(WORKS))
    province, district, subdistricts, (lon, lat) = place or rng.choice(PLACES)
    a, b = _road(rng)
    index = rng.randrange(len(subdistricts))
    # Each subdistrict its own patch of ground around the district's centre.
    lon += 0.035 * (index % 5 - 2)
    lat += 0.03 * (index // 5 - 1)
    return {
        "kind": kind,
        "province": province,
        "district": district,
        "subdistrict": subdistricts[index],
        "village": rng.randint(1, 12),
        "a": a,
        "b": b,
        "soi": rng.randint(1, 25),
        "w": rng.randint(3, 8),
        "l": rng.randrange(200, 2500, 50),
        "lon": lon + rng.uniform(-0.015, 0.015),
        "lat": lat + rng.uniform(-0.012, 0.012),
        "year": rng.randint(2567, 2571),
        "budget": rng.randrange(*WORKS[kind]["budget"], 10_000),
        "objective": rng.randrange(len(WORKS[kind]["objectives"])),
    }


def write_up(rng: random.Random, piece: dict, *, agency: str, external_id: str,
             variant: bool = False) -> dict:  # fmt: skip
    """A project record for a piece of work, as one agency writes it (`variant`: as a second
    agency writes the same work: other wording, estimate, year and detail)."""
    spec = WORKS[piece["kind"]]
    values = {k: piece[k] for k in ("a", "b", "soi", "w", "l")} | {
        "v": piece["village"], "s": piece["subdistrict"],
    }  # fmt: skip
    title_index = rng.randrange(1, len(spec["titles"])) if variant else 0
    title = spec["titles"][title_index].format(**values)
    objective = spec["objectives"][
        (piece["objective"] + (rng.randint(0, 1) if variant else 0)) % len(spec["objectives"])
    ]
    target = spec["target"].format(**values)
    budget, year = piece["budget"], piece["year"]
    lon, lat = piece["lon"], piece["lat"]
    record_village = piece["village"]
    if variant:
        if rng.random() < 0.3:
            title = _thai_digits(title)
        if rng.random() < 0.4:
            target = ""  # many ผ.02/2 requests carry no output figures
        budget = round(budget * rng.uniform(0.75, 1.3), -3)
        year += rng.choice([0, 0, 0, 1, -1])
        lon, lat = lon + rng.uniform(-0.003, 0.003), lat + rng.uniform(-0.003, 0.003)
        if rng.random() < 0.5:
            lon = lat = None  # one agency has no coordinates
        if rng.random() < 0.4:
            record_village = None  # only in the title
    return {
        "external_id": external_id,
        "agency": agency,
        "title_th": title,
        "objective": objective,
        "target": target,
        "target_group": spec["group"].format(**values),
        "sector": spec["sector"],
        "province": piece["province"],
        "district": piece["district"],
        "subdistrict": piece["subdistrict"],
        "village": record_village,
        "longitude": round(lon, 6) if lon is not None else None,
        "latitude": round(lat, 6) if lat is not None else None,
        "fiscal_year": year,
        "budget_thb": budget,
    }


def _different(rng: random.Random, piece: dict, how: str) -> dict:
    """Another piece of work that resembles `piece` in the way `how` names."""
    other = dict(piece, budget=round(piece["budget"] * rng.uniform(0.8, 1.2), -3))
    if how == "village":  # same work, same subdistrict, another village
        other["village"] = rng.choice([v for v in range(1, 13) if v != piece["village"]])
        other["lon"] += rng.uniform(0.01, 0.02)
    elif how == "soi":  # same road work in another soi of the same village
        other["kind"] = piece["kind"] = "soi"
        other["soi"] = rng.choice([s for s in range(1, 26) if s != piece["soi"]])
    elif how == "kind":  # another kind of work on the same route
        other["kind"] = rng.choice([k for k in ("road", "drain", "light") if k != piece["kind"]])
        other["budget"] = rng.randrange(*WORKS[other["kind"]]["budget"], 10_000)
        other["objective"] = 0
    elif how == "district":  # same work in another district
        place = rng.choice([p for p in PLACES if p[1] != piece["district"]])
        other.update(province=place[0], district=place[1], subdistrict=place[2][0],
                     lon=place[3][0], lat=place[3][1])  # fmt: skip
    elif how == "route":  # same kind of work, same village, another route
        other["a"], other["b"] = _road(rng)
    return other


def labelled_pairs(seed: int = 2569, count: int = 260) -> list[dict]:
    """Pairs of records with the truth: duplicate (the same work) or not."""
    rng = random.Random(seed)
    negatives = ["village", "village", "soi", "kind", "district", "route"]
    pairs = []
    for n in range(count):
        agencies = rng.sample(AGENCIES, 2)
        if n % 2 == 0:
            piece = work(rng)
            first = write_up(rng, piece, agency=agencies[0], external_id=f"L{n}-A")
            second = write_up(rng, piece, agency=agencies[1], external_id=f"L{n}-B", variant=True)
            pairs.append({"label": "duplicate", "kind": "same work", "a": first, "b": second})
        else:
            how = negatives[(n // 2) % len(negatives)]
            piece = work(rng, kind="road" if how in ("soi", "kind", "route") else None)
            other = _different(rng, piece, how)
            first = write_up(rng, piece, agency=agencies[0], external_id=f"L{n}-A")
            second = write_up(rng, other, agency=agencies[1], external_id=f"L{n}-B",
                              variant=rng.random() < 0.5)  # fmt: skip
            pairs.append({"label": "not", "kind": f"different {how}", "a": first, "b": second})
    return pairs


def population(size: int, seed: int = 7) -> list[dict]:
    """`size` project records for the scaling benchmark: about one work in eight written up
    twice, the rest distinct works spread over the three provinces."""
    rng = random.Random(seed)
    records = []
    n = 0
    while len(records) < size:
        piece = work(rng)
        agencies = rng.sample(AGENCIES, 2)
        records.append(write_up(rng, piece, agency=agencies[0], external_id=f"P{n}"))
        if rng.random() < 0.125 and len(records) < size:
            records.append(write_up(rng, piece, agency=agencies[1], external_id=f"P{n}-d",
                                    variant=True))  # fmt: skip
        n += 1
    return records


if __name__ == "__main__":
    LABELLED_PATH.parent.mkdir(parents=True, exist_ok=True)
    LABELLED_PATH.write_text(
        json.dumps(labelled_pairs(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    sys.stdout.write(f"wrote {LABELLED_PATH}\n")
